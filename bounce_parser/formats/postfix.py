"""Postfix: "This is the mail system at host ..."; "<rcpt>: host X said: 550 ... (in reply to)"."""

from __future__ import annotations

import re

from bounce_parser.formats.family import TextFamily, signature

POSTFIX = TextFamily(
    name="postfix",
    signature=signature(r"this is the mail system at host", r"^\s*the mail system\s*$"),
    locate=re.compile(r"(?is)\bsaid:\s*(.+?)(?:\(in reply to [^)]*\)|\n\s*\n|$)"),
    # its failure template (bounce_template.c / bounce(5): "I'm sorry to have to inform you
    # that your message could not be delivered to one or more recipients"); the delay
    # template says "THIS IS A WARNING ONLY" instead
    final=re.compile(r"(?i)your message could not\s+be delivered to one or more recipients"),
)
