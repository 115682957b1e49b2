"""Yahoo and its relatives: "Sorry, we were unable to deliver your message ..."."""

from __future__ import annotations

import re

from bounce_parser.formats.family import TextFamily, signature

YAHOO = TextFamily(
    name="yahoo",
    signature=signature(r"sorry, we were unable to deliver your message to the following"),
    locate=re.compile(r"(?i)remote host said:\s*([^\n]+)"),
)
