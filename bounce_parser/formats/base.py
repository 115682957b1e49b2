"""The plug point every bounce format implements."""

from __future__ import annotations

from typing import Protocol, runtime_checkable

from bounce_parser.mail import Mail
from bounce_parser.report import Finding


@runtime_checkable
class FormatParser(Protocol):
    """Reads the failed (or delayed, delivered...) recipients of one notification format."""

    @property
    def name(self) -> str:
        """A short name for reports and logs."""
        ...

    @property
    def structured(self) -> bool:
        """True for machine-readable fields (DSN), which the notice text only completes."""
        ...

    def findings(self, mail: Mail) -> tuple[Finding, ...]:
        """The recipients this format reads in ``mail``; ``()`` when the format does not apply."""
        ...
