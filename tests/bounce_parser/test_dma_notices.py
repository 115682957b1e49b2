"""Notices a real dma 0.13 (DragonFly Mail Agent) wrote in the real-MTA bed
(tests/support/dma.py), kept as files so that the parser is checked on them where the bed
cannot run (it needs root).

dma writes no DSN: a plain-text notice per failed recipient (bounce.c), "There was an error
delivering your mail to <address>." then the remote's reply after "<host> [<ip>] did not like
our <command>:" (net.c), or "Could not deliver for the last 432000 seconds. Giving up." when
a deferred message's queue file is older than MAX_TIMEOUT (dma.c deliver()). The labels come
from the bed's scripts (tests/support/real_mta.py), not from these texts.
"""

from __future__ import annotations

from pathlib import Path

from bounce_parser import Bounce, Party, Reason
from tests.bounce_parser.real_notices import failed_recipients

HERE = Path(__file__).parent / "real_dma"


def recipients(name: str) -> dict[str, Bounce]:
    return failed_recipients(HERE / name)


def test_an_address_inside_a_quoted_link_is_not_a_failed_recipient() -> None:
    # Exim's SPF refusal (Debian exim4-config) links to openspf.org with
    # "identity=<our sender>"; the notice's one recipient keeps the reply.
    found = recipients("spf-fail-exim.eml")
    assert list(found) == ["checker@mx.test"]
    checker = found["checker@mx.test"]
    assert (checker.reason, checker.party, checker.hard) == (
        Reason.AUTH_FAILURE,
        Party.SENDER,
        False,
    )
    assert checker.reply_code == 550


def test_dmas_expiry_notice_is_temporary_and_condemns_nobody() -> None:
    # The server answered 450 greylisted; dma's notice keeps only its own "Giving up".
    greylisted = recipients("expired-greylisted.eml")["greylisted@mx.test"]
    assert greylisted.reason is Reason.EXPIRED
    assert not greylisted.hard
    assert greylisted.party is not Party.RECIPIENT
