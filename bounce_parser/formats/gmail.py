"""Gmail: "Delivery to the following recipient failed permanently" and the remote's words."""

from __future__ import annotations

import re

from bounce_parser.formats.family import TextFamily, signature

GMAIL = TextFamily(
    name="gmail",
    signature=signature(
        r"delivery to the following recipients? failed",
        r"technical details of (?:permanent|temporary) failure",
        r"the error that the other server returned was",
        r"message will be retried for \d+ more day",
    ),
    locate=re.compile(r"(?is)the (?:error|response) that the other server returned was:\s*(.+)"),
)
