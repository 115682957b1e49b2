"""The large providers' replies as real writers present them (tests/support/
receivers_bed_providers.py, judge76): Postfix 3.7, Exim 4.96, Sendmail 8.17, OpenSMTPD 6.8,
Courier 1.0.16 and chasquid 1.11 writing the notices for Gmail's multi-line 550-5.1.1
NoSuchUser, 452-4.2.2 over quota (until expiry), 550-5.7.26 after the dot for two recipients
and 421-4.7.28 at MAIL FROM (until expiry), Outlook.com's "550 5.5.0 Requested action not
taken: mailbox unavailable" and S3150 block-list refusal, Yahoo's 421 4.7.0 [TSS04] (until
expiry) and 554 5.7.9 after the dot, iCloud's 550 5.1.1 user unknown and [CS01], Mimecast's
"550 Invalid Recipient", and one message to four providers' unknown users and a good
address (which must arrive: the bed's check). The notices are kept in
real_receivers_providers_<writer>/ with the manifest that labels them by construction (the
rule in the bed's docstring); the bed runs live where every server is present and the test
runs as root (a quick run of three scenarios in the default suite, the full runs slow)."""

from __future__ import annotations

import re
from typing import Any

import pytest

from bounce_parser import Party, Reason, parse
from tests.bounce_parser.real_notices import QuickBedChecks, WriterSets, flat
from tests.support import receivers_bed_providers as bed

SETS = WriterSets("real_receivers_providers")
stored = SETS.stored

# The single-line replies every writer quotes whole (OpenSMTPD's expiries quote nothing)
WORDS = {
    "outlook_mailbox_unavailable": bed.MAILBOX_UNAVAILABLE.encode(),
    "outlook_block_list": bed.S3150.encode(),
    "yahoo_policy_after_dot": bed.POLICY_579.encode(),
    "icloud_policy": bed.CS01.encode(),
    "icloud_user_unknown": bed.icloud_unknown("missing@icloud.test").encode(),
    "mimecast_invalid_recipient": bed.INVALID_RECIPIENT.encode(),
}
# Gmail's multi-line replies
MULTI = {
    "gmail_no_such_user": bed.NO_SUCH_USER,
    "gmail_over_quota_until_expiry": bed.OVER_QUOTA,
    "gmail_unauthenticated_after_dot": bed.UNAUTHENTICATED,
    "gmail_rate_limited_until_expiry": bed.RATE_LIMITED,
}
# the scenarios OpenSMTPD retried until expiry: "Envelope expired", no reply quoted
OPENSMTPD_EXPIRED = frozenset(bed.EXPIRED_UNQUOTED["opensmtpd"])
CONTINUATION = re.compile(r"^\d{3}[- ](\d\.\d{1,3}\.\d{1,3} )")

OPENSMTPD_EXPIRY = (
    "OpenSMTPD retried {what} until the queue lifetime ended and its notice says only "
    "'Envelope expired' (Action: delayed, Status 4.4.7), quoting no reply: read expired, "
    "transient, temporary, never suppressed; labelled {party} by rule 8 (the provider's "
    "meaning). Nothing in the notice says whose the failure is"
)
KNOWN = {
    "opensmtpd": {
        "gmail_over_quota_until_expiry": OPENSMTPD_EXPIRY.format(
            what="Gmail's 452-4.2.2 over quota", party="the recipient's (a full mailbox)"
        ),
        "gmail_rate_limited_until_expiry": OPENSMTPD_EXPIRY.format(
            what="Gmail's 421-4.7.28 rate limit", party="the sender's"
        ),
        "yahoo_deferred_until_expiry": OPENSMTPD_EXPIRY.format(
            what="Yahoo's 421 4.7.0 [TSS04]", party="the sender's"
        ),
    },
}


class TestSets(QuickBedChecks):
    bed = bed
    sets = SETS
    live_name = "providers"
    words = WORDS
    known = KNOWN

    # each writer is sent its own scenarios (bed.LEFT_OUT: what it cannot be driven to)
    def scenarios_of(self, writer: str) -> list[Any]:
        return list(bed.scenarios_for(writer))

    def test_only_a_refusal_of_the_address_suppresses(self, writer: str) -> None:
        directory, _manifest = stored(writer)
        for name, entry in SETS.entries(writer).items():
            wanted = {e["address"]: e for e in entry["expected"]}
            for got in parse((directory / entry["path"]).read_bytes()).recipients:
                want = wanted[got.address.lower()]
                assert got.suppresses is want["hardbounce"], (name, got)
                if want["party"] != "recipient":
                    assert got.party is not Party.RECIPIENT, (name, got)


def _raw(writer: str, scenario: str) -> bytes:
    return (stored(writer)[0] / f"{scenario}.eml").read_bytes()


@pytest.mark.parametrize(
    ("writer", "scenario"),
    [
        (w, s)
        for w in ("postfix", "exim", "courier")
        for s in sorted(MULTI)
        if s not in bed.LEFT_OUT.get(w, frozenset())
    ],
)
def test_multi_line_replies_quoted_with_every_lines_codes(writer: str, scenario: str) -> None:
    # Postfix joins the lines with spaces (and folds the Diagnostic-Code where it likes), Exim
    # and Courier quote one line of the reply a line of the notice: each keeps "550-5.1.1 "
    raw = flat(_raw(writer, scenario))
    assert flat(" ".join(MULTI[scenario]).encode()) in raw


@pytest.mark.parametrize("scenario", sorted(MULTI))
def test_sendmail_quotes_each_line_in_its_transcript(scenario: str) -> None:
    # the transcript has every line after "<<< "; the Diagnostic-Code only the first line
    raw = _raw("sendmail", scenario).replace(b"\r\n", b"\n")
    lines = MULTI[scenario]
    assert all(b"\n<<< " + line.encode() + b"\n" in raw for line in lines)
    if scenario != "gmail_rate_limited_until_expiry":  # the 421 at MAIL FROM: no Diagnostic
        assert b"Diagnostic-Code: SMTP; " + lines[0].encode() + b"\n" in raw


@pytest.mark.parametrize("scenario", sorted(MULTI))
def test_chasquid_keeps_only_the_continuations_enhanced_codes(scenario: str) -> None:
    # Go's textproto joins the lines with newlines, the reply code dropped from all but the
    # first line ("550 5.1.1 ...", then "5.1.1 double-checking ..."), and chasquid indents them
    lines = MULTI[scenario]
    joined = " ".join(
        [lines[0].replace("-", " ", 1), *(CONTINUATION.sub(r"\1", line) for line in lines[1:])]
    )
    raw = flat(_raw("chasquid", scenario))
    assert flat(joined.encode()) in raw
    assert flat(" ".join(lines).encode()) not in raw


# OpenSMTPD writes a multi-line reply as one line, the first line's code kept and the
# continuation lines' reply codes dropped; the 5.1.1 continuations lose their enhanced code
# too and keep the space after it, the 5.7.26 ones keep it and are joined with no space
OPENSMTPD_JOINED = {
    "gmail_no_such_user": "550-5.1.1 The email account that you tried to reach does not exist."
    " Please try double-checking the recipient's email address for typos or unnecessary"
    " spaces. Learn more at https://support.google.com/mail/?p=NoSuchUser a1si123456wrp.401"
    " - gsmtp",
    "gmail_unauthenticated_after_dot": "550-5.7.26 This mail has been blocked because the"
    " sender is unauthenticated.5.7.26 Gmail requires all senders to authenticate with either"
    " SPF or DKIM.5.7.26 d4si2.201 - gsmtp",
}


@pytest.mark.parametrize("scenario", sorted(OPENSMTPD_JOINED))
def test_opensmtpd_writes_the_lines_as_one(scenario: str) -> None:
    raw = _raw("opensmtpd", scenario).replace(b"\r\n", b"\n")
    assert OPENSMTPD_JOINED[scenario].encode() + b"\n" in raw


@pytest.mark.parametrize("scenario", sorted(OPENSMTPD_EXPIRED))
def test_opensmtpd_expiries_quote_no_reply(scenario: str) -> None:
    raw = flat(_raw("opensmtpd", scenario))
    assert b"Envelope expired" in raw
    reply = MULTI.get(scenario, (bed.TSS04,))[0]
    assert flat(reply.encode())[:20] not in raw


@pytest.mark.parametrize("writer", bed.WRITERS)
def test_every_providers_unknown_user_is_the_recipients(writer: str) -> None:
    # rule 1: Gmail's four-line 5.1.1, Outlook.com's 5.5.0 "mailbox unavailable", iCloud's
    # 5.1.1 and Mimecast's "Invalid Recipient" (no enhanced code), however each writer wrote
    for scenario in (
        "gmail_no_such_user",
        "outlook_mailbox_unavailable",
        "icloud_user_unknown",
        "mimecast_invalid_recipient",
    ):
        bounce = SETS.only(writer, scenario)
        assert (bounce.reason, bounce.party, bounce.suppresses, bounce.reply_code) == (
            Reason.USER_UNKNOWN,
            Party.RECIPIENT,
            True,
            550,
        ), scenario


@pytest.mark.parametrize("writer", sorted(set(bed.WRITERS) - set(bed.LEFT_OUT)))
def test_the_mixed_message_gives_each_recipient_its_own_outcome(writer: str) -> None:
    # rule 6: four providers' unknown users in one notice, the good address not in it
    found = {b.address.lower(): b for b in parse(_raw(writer, "mixed_providers")).recipients}
    assert sorted(found) == sorted(
        [
            "nosuchuser@gmail.test",
            "gone@outlook.test",
            "missing@icloud.test",
            "nobody@mimecast.test",
        ]
    )
    for got in found.values():
        assert (got.reason, got.suppresses) == (Reason.USER_UNKNOWN, True), got


@pytest.mark.parametrize("writer", bed.WRITERS)
def test_a_refusal_after_the_dot_is_the_senders_for_every_recipient(writer: str) -> None:
    # rule 3: Gmail's 550-5.7.26 for both recipients, Yahoo's 554 5.7.9
    found = parse(_raw(writer, "gmail_unauthenticated_after_dot")).recipients
    assert sorted(b.address for b in found) == [f"anna@{bed.GMAIL}", f"ben@{bed.GMAIL}"]
    found += parse(_raw(writer, "yahoo_policy_after_dot")).recipients
    for got in found:
        assert (got.party, got.permanent, got.suppresses) == (Party.SENDER, True, False), got
        assert got.reason.value in bed.AUTH, got


@pytest.mark.parametrize("writer", bed.WRITERS)
def test_the_expiries_never_suppress(writer: str) -> None:
    # rules 2 and 5: a full mailbox and the rate limits, retried until the queue lifetime ended
    for scenario in (
        "gmail_over_quota_until_expiry",
        "gmail_rate_limited_until_expiry",
        "yahoo_deferred_until_expiry",
    ):
        if scenario in bed.LEFT_OUT.get(writer, frozenset()):
            continue
        bounce = SETS.only(writer, scenario)
        assert (bounce.permanent, bounce.suppresses) == (False, False), scenario
        assert bounce.party is not Party.UNDETERMINED or writer == "opensmtpd", scenario
