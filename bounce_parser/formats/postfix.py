"""Postfix: "This is the mail system at host ..."; "<rcpt>: host X said: 550 ... (in reply to)"."""

from __future__ import annotations

import re

from bounce_parser.formats.family import TextFamily, signature

POSTFIX = TextFamily(
    name="postfix",
    signature=signature(r"this is the mail system at host", r"^\s*the mail system\s*$"),
    locate=re.compile(r"(?is)\bsaid:\s*(.+?)(?:\(in reply to [^)]*\)|\n\s*\n|$)"),
)
