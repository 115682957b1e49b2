"""qmail and its descendants: "<rcpt>:" then "Remote host said: ..." or a local reason."""

from __future__ import annotations

import re

from bounce_parser.formats.family import TextFamily, signature

QMAIL = TextFamily(
    name="qmail",
    signature=signature(
        r"this is the qmail-send program",
        r"i'm afraid i wasn't able to deliver your message",
        r"qmail\b.{0,40}(?:program|send)",
    ),
    locate=re.compile(r"(?i)remote host said:\s*([^\n]+)"),
)
