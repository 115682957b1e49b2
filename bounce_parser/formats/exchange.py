"""Microsoft Exchange and Office 365 free-text reports ("did not reach the following ...")."""

from __future__ import annotations

import re

from bounce_parser.formats.family import TextFamily, signature

EXCHANGE = TextFamily(
    name="exchange",
    signature=signature(
        r"did not reach the following recipient",
        r"delivery has failed to these recipients or groups",
        r"your message (?:couldn't|could not|wasn't|was not) (?:be )?delivered",
        r"remote server returned '",
    ),
    locate=re.compile(r"(?i)remote server returned '?([^'\n]+)"),
)
