"""Notices a real Haraka 3.3.4 wrote in the real-MTA bed (tests/support/haraka.py), kept as
files so that the parser is checked on them where the bed cannot run (it needs root and node).

Haraka's notice is an RFC 3464 report whose delivery-status part is filled from each
recipient's last reply (outbound/hmail.js): when its temp_fail_intervals are used up it
raises the class of that reply's status from 4 to 5 (convert_temp_failed_to_bounce); a 5xx
after DATA is written into every recipient's fields, also over the RCPT reply of one refused
before, which only the text keeps ("<addr>: <its reply>"). The labels come from the bed's
scripts (tests/support/real_mta.py), not from these texts.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from bounce_parser import Bounce, Party, Reason
from tests.bounce_parser.real_notices import failed_recipients

HERE = Path(__file__).parent / "real_haraka"


def recipients(name: str) -> dict[str, Bounce]:
    return failed_recipients(HERE / name)


@pytest.mark.parametrize(
    ("name", "address", "status"),
    [
        # Status 5.2.0 over "450 4.2.0 ... Greylisted"
        ("expired-greylisted.eml", "greylisted@mx.test", "4.2.0"),
        # Status 5.2.2 over "452 4.2.2 The recipient's inbox is out of storage space."
        ("mailbox-full-until-expiry.eml", "almostfull@mx.test", "4.2.2"),
        # Status 5.7.0 over Yahoo's "421 4.7.0 [TSS04] ... temporarily deferred" at MAIL FROM
        ("deferred-at-mail-until-expiry.eml", "busy@limits.test", "4.7.0"),
    ],
)
def test_an_expiry_states_the_last_replys_own_status(name: str, address: str, status: str) -> None:
    bounce = recipients(name)[address]
    assert bounce.status == status  # the reply's code, not the class Haraka raised
    assert (bounce.hard, bounce.permanent) == (False, False)


def test_an_unknown_user_is_condemned() -> None:
    bounce = recipients("user-unknown.eml")["nosuchuser@mx.test"]
    assert (bounce.reason, bounce.status, bounce.hard, bounce.party) == (
        Reason.USER_UNKNOWN,
        "5.1.1",
        True,
        Party.RECIPIENT,
    )


def test_a_refused_port_until_expiry_is_no_dead_domain() -> None:
    # "Status: 5.1.2 (550 Tried all MXs refused.test)" after "Too many failures (Tried all
    # MXs)": Haraka's own code for hosts it could not reach, then its giving up.
    bounce = recipients("connection-refused-until-expiry.eml")["someone@refused.test"]
    assert bounce.reason is Reason.EXPIRED
    assert (bounce.hard, bounce.permanent) == (False, False)


def test_a_recipient_refused_at_rcpt_keeps_its_own_reply() -> None:
    # absent@ was refused at RCPT ("550 5.1.1 ... User unknown"); the message was then
    # refused after DATA for the two others ("550 5.7.1 ... unsolicited mail"). Haraka writes
    # the DATA reply into all three recipients' fields; the text keeps absent@'s own line.
    found = recipients("mixed-stages.eml")
    absent = found["absent@mx.test"]
    assert (absent.reason, absent.status, absent.hard, absent.party) == (
        Reason.USER_UNKNOWN,
        "5.1.1",
        True,
        Party.RECIPIENT,
    )
    for neighbour in ("screened@mx.test", "cosigned@mx.test"):
        bounce = found[neighbour]
        assert (bounce.reason, bounce.status, bounce.hard) == (
            Reason.SPAM_DETECTED,
            "5.7.1",
            False,
        )


def test_a_recipient_without_fields_takes_the_notices_word_on_permanence() -> None:
    # gone@, stuffed@ and closed@ were refused at RCPT and split off to a queue file of their
    # own, which lost their fields: "Final-Recipient" and nothing else. The text says "This
    # is a permanent error; I've given up." and nothing of any one of them.
    for address, bounce in recipients("mixed.eml").items():
        assert bounce.permanent is True, address
        assert (bounce.reason, bounce.hard, bounce.party) == (
            Reason.UNDEFINED,
            False,
            Party.UNDETERMINED,
        ), address
