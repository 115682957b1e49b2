"""Notices a real Exim 4.96 wrote in the real-MTA bed (tests/support/real_mta.py), kept as
files so that the parser is checked on them where the bed cannot run (it needs root).

When the retry time of a recipient the remote server refused with 4xx runs out, Exim fails
the address with "retry timeout exceeded" after the quoted last reply, and writes the DSN
Status 5.0.0 it writes for every failed address (deliver.c). The labels come from the bed's
scripts, not from these texts.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from bounce_parser import Bounce, Party, Reason
from tests.bounce_parser.real_notices import failed_recipients

HERE = Path(__file__).parent / "real_exim"


def recipients(name: str) -> dict[str, Bounce]:
    return failed_recipients(HERE / name)


@pytest.mark.parametrize(
    ("name", "address", "last_reply"),
    [
        ("expired-greylisted.eml", "greylisted@mx.test", "4.2.0"),
        ("mailbox-full-until-expiry.eml", "almostfull@mx.test", "4.2.2"),
    ],
)
def test_an_expiry_reports_the_last_replys_status_under_exims_5_0_0(
    name: str, address: str, last_reply: str
) -> None:
    # docs/bounces.md: the status of an expiry is the last reply's code where the notice
    # quotes one, also across classes when the MTA's own Status is a generic X.0.0.
    bounce = recipients(name)[address]
    assert bounce.status == last_reply
    assert not bounce.hard  # only ever refused for a while: never suppressed


def test_the_greylisted_expiry_is_an_expiry_of_nobodys_fault() -> None:
    greylisted = recipients("expired-greylisted.eml")["greylisted@mx.test"]
    assert (greylisted.reason, greylisted.party) == (Reason.EXPIRED, Party.TRANSIENT)
