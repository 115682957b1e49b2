"""Exim: "This message was created automatically by mail delivery software"."""

from __future__ import annotations

import re

from bounce_parser.formats.family import TextFamily, signature

# Each failed address is followed by indented lines; the reply follows "host ...:" or the
# "SMTP error from remote mail server after <command>:" line.
EXIM = TextFamily(
    name="exim",
    signature=signature(
        r"this message was created automatically by mail delivery software",
        r"the following address\(es\) failed",
        r"message .{0,40}has not yet been delivered to",
    ),
    locate=re.compile(
        r"(?is)(?:SMTP error from remote mail server after [^:]*:.*?\]:\s*|\]:\s+)"
        r"([245]\d\d[ -].+)"
    ),
)
