"""The plug point every bounce format implements."""

from __future__ import annotations

from typing import Protocol, runtime_checkable

from bounce_parser.mail import Mail
from bounce_parser.report import Finding


@runtime_checkable
class FormatParser(Protocol):
    """Reads the failed (or delayed, delivered...) recipients of one notification format."""

    name: str
    # True when the format is machine-readable (DSN fields); the notice text then only adds to it.
    structured: bool

    def findings(self, mail: Mail) -> tuple[Finding, ...]:
        """The recipients this format reads in ``mail``; ``()`` when the format does not apply."""
        ...
