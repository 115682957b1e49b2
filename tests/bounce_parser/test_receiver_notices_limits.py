"""The destination's limits (tests/support/receivers_bed_limits.py): a receiving Postfix 3.7
asking Dovecot 2.3's quota-status policy service (its default texts, and a 4xx text until
expiry) and policyd-rate-limit 1.0 (one message a minute per sender, until expiry), anvil's
client message and recipient rate limits, a queue_minfree no file system has ("452 4.3.1
Insufficient system storage"); a receiving Exim 4.96 with a ratelimit ACL (deny, and defer
until expiry) and recipients_max with recipients_max_reject; unknown users and a mixed message
as contrast; Postfix 3.7 and Exim 4.96 writing the notices. Refusals that say nothing about the
address being dead: a full mailbox is the recipient's and soft, a limit the sending side's or
transient; none suppresses. The notices are kept in real_receivers_limits_<writer>/ with the
manifest that labels them by construction; the tests read them (nothing is regenerated), and
the bed is run live where every server is present and the test runs as root (Postfix's quick
run, three scenarios refused at RCPT, in the default suite; the full runs are marked slow)."""

from __future__ import annotations

import pytest

from bounce_parser import Party, Reason, parse
from tests.bounce_parser.real_notices import QuickBedChecks, WriterSets
from tests.support import receivers_bed_limits as bed

SETS = WriterSets("real_receivers_limits")
stored, entries = SETS.stored, SETS.entries

# Each refusal in the words of its component: Dovecot's quota-status (quota-status-settings.c
# defaults, and the bed's text), Postfix's smtpd.c / smtpd_check.c, Exim's smtp_in.c and the
# bed's ACL messages (the Exim specification's "Rate limiting" words)
WORDS = {
    "pf_user_unknown": b"550 5.1.1 <nosuchuser@local.test>: Recipient address rejected: "
    b"User unknown in local recipient table",
    "pf_quota_overquota": b"554 5.2.2 <full@quota.test>: Recipient address rejected: Quota "
    b"exceeded (mailbox for user is full)",
    "pf_quota_nouser": b"554 5.7.1 <nosuchuser@quota.test>: Recipient address rejected: "
    b"Unknown user",
    "pf_quota_soft_to_expiry": b"452 4.2.2 <full@quota-soft.test>: Recipient address "
    b"rejected: " + bed.SOFT_OVERQUOTA.removeprefix("452 4.2.2 ").encode(),
    "pf_message_rate_to_expiry": b"450 4.7.1 Error: too much mail from 127.0.0.1",
    "pf_recipient_rate_to_expiry": b"450 4.7.1 Error: too many recipients from 127.0.0.1",
    "prl_rate_to_expiry": b"450 4.7.1 <fine@prl.test>: Recipient address rejected: Rate limit "
    b"reach, retry later",
    "pf_insufficient_storage_to_expiry": b"452 4.3.1 Insufficient system storage",
    "ex_user_unknown": b"550 Unrouteable address",
    "ex_ratelimit": b"550 Sender rate exceeds 0 messages per 1h",
    "ex_ratelimit_defer_to_expiry": b"451 " + bed.RATE_DEFER_MESSAGE.encode(),
    "ex_recipients_max": (b"552 too many recipients", b"554 Too many recipients"),
}


class TestSets(QuickBedChecks):
    bed = bed
    sets = SETS
    live_name = "limits-receivers"
    words = WORDS

    def test_no_limit_suppresses_or_is_blamed_on_the_recipient(self, writer: str) -> None:
        # every address labelled not to be suppressed is kept, and no refusal of the sending
        # side (a rate limit, too many recipients) is the recipient's
        directory, _manifest = stored(writer)
        for name, entry in entries(writer).items():
            report = {
                b.address: b for b in parse((directory / entry["path"]).read_bytes()).recipients
            }
            for want in entry["expected"]:
                got = report[want["address"]]
                if not want["hardbounce"]:
                    assert not got.suppresses, (name, got)
                if want["party"] != "recipient":
                    assert got.party is not Party.RECIPIENT, (name, got)


@pytest.mark.parametrize("writer", bed.WRITERS)
def test_a_full_mailbox_under_554_is_the_recipients_and_never_suppressed(writer: str) -> None:
    # Dovecot's default quota_status_overquota, "554 5.2.2 Quota exceeded (mailbox for user is
    # full)": RFC 3463 X.2.2 "mailbox full", whatever the reply's class
    bounce = SETS.only(writer, "pf_quota_overquota")
    assert (bounce.reason, bounce.party, bounce.suppresses) == (
        Reason.MAILBOX_FULL,
        Party.RECIPIENT,
        False,
    )


@pytest.mark.parametrize("writer", bed.WRITERS)
def test_exims_recipients_max_is_never_the_recipients(writer: str) -> None:
    directory, _manifest = stored(writer)
    for bounce in parse((directory / "ex_recipients_max.eml").read_bytes()).recipients:
        assert bounce.party is not Party.RECIPIENT, bounce
        assert not bounce.suppresses, bounce
