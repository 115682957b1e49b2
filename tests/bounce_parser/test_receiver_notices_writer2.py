"""The WRITER's own failures, second part (tests/support/receivers_bed_writer2.py, judge60):
Postfix 3.7, Exim 4.96, Sendmail 8.17, OpenSMTPD 6.8, Courier 1.0.16 and chasquid 1.11
writing the notices for a message that needs SMTPUTF8 sent to a destination that does not
offer it (Postfix, and Exim told never to convert; the others cannot be sent it: the bed's
LEFT_OUT), a destination that refuses EHLO and
HELO, one that answers RCPT with a line of no code, with a code out of range (650) or with a
550 5.1.1 longer than 512 octets, a 421 at RCPT until the queue lifetime ends, refusals in
Chinese and in German (UTF-8), and a 554 after the DATA's dot for three recipients. A
destination that takes two recipients per transaction and answers "452 4.5.3 Too many
recipients" to the rest gets all five delivered with no notice, and an 8-bit message with no
MIME header fields to a destination without 8BITMIME is delivered by every writer (the bed's
``quiet`` scenarios: a notice for either is the run's error). The notices are kept in
real_receivers_writer2_<writer>/ with the manifest that labels them by construction (the
rule in the bed's docstring); the bed runs live where every server is present and the test
runs as root (a quick run of three scenarios in the default suite, the full runs slow)."""

from __future__ import annotations

from typing import Any

import pytest

from bounce_parser import Party, Reason, parse
from tests.bounce_parser.real_notices import QuickBedChecks, WriterSets, flat
from tests.support import receivers_bed_writer2 as bed

SETS = WriterSets("real_receivers_writer2")
stored = SETS.stored

# The destinations' replies every writer quotes (the bed's scripts)
WORDS = {"rejected_after_data_several": bed.SPAM_REPLY.encode()}
# Each scenario's reply, and the writers whose notice quotes it whole (Exim writes UTF-8 as
# backslash-octal: test_the_utf8_replies_as_each_writer_quotes_them; OpenSMTPD's expiries
# quote nothing; Courier cuts the long reply to its first 500 octets; only Courier and
# chasquid quote a line of no code)
REPLIES = {
    "ehlo_helo_refused": b"Helo command rejected: Access denied",
    "reply_too_long": bed.long_reply("gone@longreply.test").encode(),
    "reply_code_out_of_range": bed.BAD_CODE_REPLY.encode(),
    "reply_421_at_rcpt_until_expiry": bed.CLOSING.encode(),
    "utf8_reply_cjk": bed.CJK_REPLY.encode(),
    "utf8_reply_german": bed.GERMAN_REPLY.encode(),
    "reply_without_code": bed.NO_CODE_REPLY.encode(),
}
ALL = frozenset(bed.WRITERS)
QUOTED_BY = {
    "ehlo_helo_refused": ALL - {"opensmtpd"},
    "reply_too_long": ALL - {"courier"},
    "reply_code_out_of_range": ALL - {"opensmtpd"},
    "reply_421_at_rcpt_until_expiry": ALL - {"opensmtpd"},
    "utf8_reply_cjk": ALL - {"exim"},
    "utf8_reply_german": ALL - {"exim"},
    "reply_without_code": frozenset({"courier", "chasquid"}),
}
# Each writer's own words (Postfix smtp_proto.c, smtp_connect.c, smtp_chat.c; Exim
# deliver.c, retry.c; Sendmail usersmtp.c, queue.c; OpenSMTPD queue.c; Courier
# courieresmtp's lines after "<<< "; chasquid internal/courier/smtp.go, dsn.go)
OWN_WORDS = {
    "postfix": {
        "smtputf8_not_offered": b"SMTPUTF8 is required, but was not offered by host",
        "ehlo_helo_refused": b"refused to talk to me: 554 5.7.1",
        "reply_without_code": b"timed out while sending RCPT TO",
        "reply_code_out_of_range": b"said: 650 Recipient noted (in reply to RCPT TO command)",
    },
    "exim": {
        "reply_without_code": b"retry timeout exceeded",
        "reply_code_out_of_range": b"650 Recipient noted: retry timeout exceeded",
    },
    "sendmail": {
        "reply_without_code": b"451 4.4.1 reply: read error from [127.0.0.1]",
        "reply_421_at_rcpt_until_expiry": b"Deferred: Connection reset by [127.0.0.1]",
    },
    "opensmtpd": {
        "ehlo_helo_refused": b"fine@nohelo.test: Envelope expired",
        "reply_without_code": b"fine@nocode.test: Envelope expired",
        "reply_code_out_of_range": b"fine@badcode.test: Envelope expired",
        "reply_421_at_rcpt_until_expiry": b"fine@shutdown.test: Envelope expired",
    },
    "courier": {
        "reply_without_code": b"<<< Recipient noted <<< Connection timed out",
        "reply_421_at_rcpt_until_expiry": b">>> RSET <<< <command failed>",
    },
    "chasquid": {
        "ehlo_helo_refused": b"all MXs returned transient failures (last: Error saying hello: "
        b"554 5.7.1",
        "reply_without_code": b"(last: MAIL+RCPT short response: Recipient noted)",
        "reply_code_out_of_range": b"(last: MAIL+RCPT 650 Recipient noted)",
    },
}
EXIM_SILENT_UTF8 = (
    "Exim's notice for the SMTPUTF8 message names the address (its UTF-8 escaped as octal) "
    "and the host, no reason (Status 5.0.0, no Diagnostic-Code; its log says 'utf8 support "
    "required but not offered for forwarding'): read undefined, undetermined, permanent, "
    "never suppressed; labelled the sender's content_error. Nothing in the notice says why"
)
OPENSMTPD_HELO = (
    "OpenSMTPD retried the refused EHLO and HELO until the queue lifetime ended and its notice "
    "says only 'Envelope expired' (Status 4.4.7), quoting no reply: read expired, transient, "
    "never suppressed; labelled the sender's by the rule (as judge55's 554 greeting)"
)
COURIER_650 = (
    "Courier retried the 650 until the queue lifetime ended, but its notice (Status 5.0.0, "
    "'<<< 650 Recipient noted', UNDELIVERABLE MAIL) does not say so: read undefined, "
    "undetermined, permanent; labelled expired, transient, temporary. Never suppressed"
)
CHASQUID_HELO_STATUS = (
    "chasquid retried the refused HELO until it gave up: Status 4.0.0 beside the quoted '554 "
    "5.7.1': the parser states 4.0.0 (a 5.x.x code for a temporary failure would contradict "
    "it), labelled 5.7.1 by rule 8 (the quoted reply's enhanced code); every verdict right"
)
KNOWN = {
    "exim": {"smtputf8_not_offered": EXIM_SILENT_UTF8},
    "opensmtpd": {"ehlo_helo_refused": OPENSMTPD_HELO},
    "courier": {"reply_code_out_of_range": COURIER_650},
    "chasquid": {"ehlo_helo_refused": CHASQUID_HELO_STATUS},
}


class TestSets(QuickBedChecks):
    bed = bed
    sets = SETS
    live_name = "writer-failures-2"
    words = WORDS
    known = KNOWN

    # each writer is sent its own scenarios (bed.LEFT_OUT: what it cannot be driven to)
    def scenarios_of(self, writer: str) -> list[Any]:
        return list(bed.scenarios_for(writer))

    def test_no_notice_for_the_quiet_scenarios(self, writer: str) -> None:
        # rule 7: the five recipients of the 452 4.5.3 destination and the 8-bit message all
        # arrived (the run's check, else its error) and no notice came back for either
        _directory, manifest = stored(writer)
        assert manifest["error"] is None
        assert not set(manifest["notices"]) & {s.name for s in bed.quiet(writer)}

    def test_only_a_refusal_of_the_address_suppresses(self, writer: str) -> None:
        directory, _manifest = stored(writer)
        for name, entry in SETS.entries(writer).items():
            wanted = {e["address"]: e for e in entry["expected"]}
            for got in parse((directory / entry["path"]).read_bytes()).recipients:
                want = wanted[got.address.lower()]
                assert got.suppresses is want["hardbounce"], (name, got)
                if want["party"] != "recipient":
                    assert got.party is not Party.RECIPIENT, (name, got)


@pytest.mark.parametrize(
    ("writer", "scenario", "words"),
    [(w, s, words) for w, own in OWN_WORDS.items() for s, words in sorted(own.items())],
)
def test_the_writers_own_words(writer: str, scenario: str, words: bytes) -> None:
    directory, _manifest = stored(writer)
    assert flat(words) in flat((directory / f"{scenario}.eml").read_bytes())


@pytest.mark.parametrize(
    ("writer", "scenario"),
    [(w, s) for w in bed.WRITERS for s in sorted(REPLIES)],
)
def test_which_writers_quote_the_reply_whole(writer: str, scenario: str) -> None:
    raw = flat((stored(writer)[0] / f"{scenario}.eml").read_bytes())
    assert (flat(REPLIES[scenario]) in raw) is (writer in QUOTED_BY[scenario])


def test_courier_quotes_the_first_500_octets_of_a_long_reply() -> None:
    # the reply is 730 octets, past RFC 5321 section 4.5.3.1.5's 512
    full = bed.long_reply("gone@longreply.test").encode()
    raw = (stored("courier")[0] / "reply_too_long.eml").read_bytes()
    assert len(full) > 512
    assert b"<<< " + full[:500] + b"\n" in raw.replace(b"\r\n", b"\n")


@pytest.mark.parametrize("writer", bed.WRITERS)
def test_the_utf8_replies_as_each_writer_quotes_them(writer: str) -> None:
    # every writer but Exim copies the destination's UTF-8 into the notice as it came; Exim
    # writes each octet that is not ASCII as a backslash and three octal digits
    directory, _manifest = stored(writer)
    for scenario, reply in (
        ("utf8_reply_cjk", bed.CJK_REPLY),
        ("utf8_reply_german", bed.GERMAN_REPLY),
    ):
        raw = flat((directory / f"{scenario}.eml").read_bytes())
        if writer == "exim":
            escaped = "".join(
                c if c.isascii() else "".join(f"\\{b:03o}" for b in c.encode()) for c in reply
            )
            assert escaped.encode() in raw, scenario
        else:
            assert reply.encode() in raw, scenario


@pytest.mark.parametrize("writer", bed.WRITERS)
def test_a_user_unknown_in_any_script_or_length_is_the_recipients(writer: str) -> None:
    # rule 1: "550 5.1.1 用户不存在", "550 5.1.1 Benutzer unbekannt — Konto gelöscht" and a
    # 550 5.1.1 longer than RFC 5321's 512 octets, each quoted whole by every writer
    for scenario in ("utf8_reply_cjk", "utf8_reply_german", "reply_too_long"):
        bounce = SETS.only(writer, scenario)
        assert (bounce.reason, bounce.party, bounce.suppresses) == (
            Reason.USER_UNKNOWN,
            Party.RECIPIENT,
            True,
        ), scenario
        assert (bounce.status, bounce.reply_code) == ("5.1.1", 550), scenario


@pytest.mark.parametrize("writer", bed.WRITERS)
def test_a_refusal_after_the_dot_fails_every_recipient_alike(writer: str) -> None:
    # rule 5: one "554 5.7.1 Spam message rejected" for the three recipients of the
    # transaction, each the sender's, never suppressed
    found = parse((stored(writer)[0] / "rejected_after_data_several.eml").read_bytes()).recipients
    assert sorted(b.address for b in found) == [
        f"{local}@{bed.DATA_REJECT}" for local in ("first", "second", "third")
    ]
    for got in found:
        assert (got.reason, got.party, got.permanent, got.suppresses) == (
            Reason.SPAM_DETECTED,
            Party.SENDER,
            True,
            False,
        )


@pytest.mark.parametrize("writer", bed.WRITERS)
def test_an_unreadable_reply_is_never_the_recipients(writer: str) -> None:
    # rule 4: a line of no code and a 650 say nothing of the address, and neither is a reply
    # code (RFC 5321 section 4.2: 2yz to 5yz)
    for scenario in ("reply_without_code", "reply_code_out_of_range"):
        bounce = SETS.only(writer, scenario)
        assert bounce.party is not Party.RECIPIENT, scenario
        assert not bounce.suppresses, scenario
        assert bounce.reply_code is None, scenario


@pytest.mark.parametrize("writer", bed.WRITERS)
def test_a_421_in_mid_session_is_temporary_and_transient(writer: str) -> None:
    # rule 6, RFC 5321 sections 3.8 and 4.2.2: retried until the queue lifetime ended
    bounce = SETS.only(writer, "reply_421_at_rcpt_until_expiry")
    assert (bounce.permanent, bounce.suppresses, bounce.party) == (False, False, Party.TRANSIENT)
    assert bounce.reason in (Reason.EXPIRED, Reason.SYSTEM_ERROR, Reason.NETWORK_ERROR)


def test_postfix_smtputf8_not_offered_is_the_senders_content() -> None:
    # rule 2, RFC 6531 section 3.2; Postfix smtp_proto.c, 5.6.7
    bounce = SETS.only("postfix", "smtputf8_not_offered")
    assert (bounce.reason, bounce.party, bounce.suppresses) == (
        Reason.CONTENT_ERROR,
        Party.SENDER,
        False,
    )
    assert bounce.status == "5.6.7"
