"""Notices a real Courier 1.0.16 wrote in the real-MTA bed (tests/support/courier.py), kept
as files so that the parser is checked on them where the bed cannot run (it needs root).

Courier's notice is an RFC 3464 report with its own "<<< / >>>" transcript in the text part.
For every failed recipient it writes Status 5.0.0, and when its queuetime ends on a temporary
refusal it writes nothing more than that and the last reply (a 450, a 421 greeting), or
"unknown; Network is down" for a host it never reached: no words say that it gave up. The
labels come from the bed's scripts (tests/support/real_mta.py), not from these texts.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from bounce_parser import Bounce, Kind, Party, Reason, parse

HERE = Path(__file__).parent / "real_courier"


def recipient(name: str, address: str) -> Bounce:
    report = parse((HERE / name).read_bytes())
    assert report.kind is Kind.FAILED
    return {b.address.lower(): b for b in report.recipients}[address]


@pytest.mark.parametrize(
    ("name", "address", "status"),
    [
        ("expired-greylisted.eml", "greylisted@mx.test", "4.2.0"),
        ("disabled-until-expiry.eml", "paused@mx.test", "4.2.1"),
        # "450 4.1.1 ... unverified address: ... said: 550 5.1.1 ... User unknown"
        ("unverified-until-expiry.eml", "unproven@mx.test", "4.1.1"),
    ],
)
def test_a_final_failure_over_a_quoted_4xx_reply_is_an_expiry(
    name: str, address: str, status: str
) -> None:
    # Status 5.0.0, Action: failed, the last reply a 450: retried until the MTA gave up.
    bounce = recipient(name, address)
    assert bounce.status == status  # the quoted reply's own code, not the MTA's 5.0.0
    # the condition may be the recipient's (a disabled mailbox), but it was temporary
    assert (bounce.hard, bounce.permanent) == (False, False)


def test_a_421_greeting_retried_until_expiry_is_no_block() -> None:
    # ">>> (initial greeting)" then "<<< 421 ... Service not available" (RFC 5321 3.1).
    bounce = recipient("refused-at-greeting-until-expiry.eml", "someone@greeting.test")
    assert bounce.reason is Reason.EXPIRED
    assert (bounce.hard, bounce.permanent) == (False, False)


def test_a_host_never_reached_is_temporary() -> None:
    # "unknown; Network is down" under Status 5.0.0: no reply, a network condition.
    bounce = recipient("silent-until-expiry.eml", "someone@silent.test")
    assert bounce.reason is Reason.NETWORK_ERROR
    assert (bounce.hard, bounce.permanent) == (False, False)
    assert bounce.party is not Party.RECIPIENT


def test_an_unknown_user_is_still_condemned() -> None:
    bounce = recipient("user-unknown.eml", "nosuchuser@mx.test")
    assert (bounce.reason, bounce.hard, bounce.party) == (
        Reason.USER_UNKNOWN,
        True,
        Party.RECIPIENT,
    )
