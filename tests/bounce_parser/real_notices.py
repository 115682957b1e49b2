"""Reading the notices real MTAs wrote during the real-MTA bed's runs (tests/bounce_parser/
real_*/): the failed recipients of one notice, by address."""

from __future__ import annotations

from pathlib import Path

from bounce_parser import Bounce, Kind, parse


def failed_recipients(path: Path) -> dict[str, Bounce]:
    """The recipients of the notice at ``path``, which must read as a failure notice."""
    report = parse(path.read_bytes())
    assert report.kind is Kind.FAILED
    return {b.address.lower(): b for b in report.recipients}
