"""Returned originals that read like notices, as real writers return them
(tests/support/receivers_bed_content.py, judge91): Postfix 3.7, Exim 4.96, Sendmail 8.17,
OpenSMTPD 6.8, Courier 1.0.16 and chasquid 1.11 writing the notices for messages of ours whose
content says a delivery failed (a forwarded bounce, quoted "mailbox full", a newsletter's "this
address does not exist", an attached message/delivery-status, an attached whole report, our
own "Undelivered Mail Returned to Sender" Subject, To and Cc lists, two big messages) while the
destination refused them for another reason; and Sendmail writing no MIME
(receivers_bed_content_plain.py: confMIME_FORMAT_ERRORS False), the returned message inline
after its words. The notices are kept in real_receivers_content_<writer>/ and
real_receivers_content_plain_sendmail/ with the manifests that label them by construction (the
rule in the bed's docstring); the beds run live where every server is present and the test
runs as root (a quick run of the messages refused at once in the default suite, Postfix
writing and Sendmail without MIME; the full runs slow)."""

from __future__ import annotations

from typing import Any

import pytest

from bounce_parser import Kind, parse
from tests.bounce_parser.real_notices import (
    BedChecks,
    WarningBedChecks,
    WriterSets,
    run_live,
    text_alone,
)
from tests.support import receivers_bed_content as bed
from tests.support import receivers_bed_content_plain as plain
from tests.support import receivers_bed_many as many

SETS = WriterSets("real_receivers_content")
PLAIN_SETS = WriterSets("real_receivers_content_plain")

# The replies every writer quotes whole, in the words the bed's sources give them
WORDS = {
    bed.FORWARDED: many.BLOCKLISTED.encode(),
    bed.TICKET: many.virtual_unknown("gone1@content.test").encode(),
    bed.NEWSLETTER: many.SPAM_REPLY.encode(),
    bed.ATTACHED_STATUS: many.quota("552 5.2.2", "full1@content.test").encode(),
    bed.ATTACHED_REPORT: many.BLOCKLISTED.encode(),
    bed.SUBJECT: many.virtual_unknown("gone2@content.test").encode(),
    bed.BIG_BASE64: many.virtual_unknown("gone3@content.test").encode(),
    bed.BIG_TEXT: many.BLOCKLISTED.encode(),
}

OPENSMTPD_EXPIRY = (
    "OpenSMTPD retried the message until the queue lifetime ended and its notice says only "
    "'Envelope expired' (Action: delayed, Status 4.4.7) for overquota@, quoting no reply: read "
    "expired and transient, labelled the recipient's (a full mailbox) by rule 9. Nothing in "
    "the notice says whose the failure is (as judge76's and judge82's OpenSMTPD expiries)"
)
KNOWN = {"opensmtpd": {bed.UNTIL_EXPIRY: OPENSMTPD_EXPIRY}}

# Every address our messages name that none of them was sent to (rule 6), and the delivered one
NAMED_IN_CONTENT = {
    *(f"old{n}@elsewhere.test" for n in ("", 2, 3, 4, 5, 6, 7)),
    *(f"{local}@elsewhere.test" for local in ("ann", "ben", "cid", "dot")),
    "member0000@list.test",
    "news@example.test",
    bed.READER,
}
# The words of our own messages that read like a notice, by message, in every returned copy
# that carries the body (the big ones: only where the writer returns it whole)
CONTENT_WORDS = {
    bed.FORWARDED: b"X-Failed-Recipients: old@elsewhere.test",
    bed.ATTACHED_STATUS: b"Final-Recipient: rfc822; old2@elsewhere.test",
    bed.ATTACHED_REPORT: b"Final-Recipient: rfc822; old3@elsewhere.test",
    bed.BIG_BASE64: b"Final-Recipient: rfc822; old4@elsewhere.test",
    bed.BIG_TEXT: b"<member2399@list.test>: host mx.list.test said: 550 5.1.1 User unknown",
}
# Postfix 3.7, Exim 4.96 and Courier 1.0.16 return only the header of a message past their
# limits (bounce_size_limit 50000; bounce_return_size_limit 100K; Courier's own)
HEADERS_ONLY = {"postfix", "exim", "courier"}
BIG = (bed.BIG_BASE64, bed.BIG_TEXT)


class TestSets(WarningBedChecks):
    bed = bed
    sets = SETS
    live_name = "content"
    words = WORDS
    known = KNOWN

    # each writer is sent its own scenarios (bed.LEFT_OUT: what it cannot be driven to)
    def scenarios_of(self, writer: str) -> list[Any]:
        return list(bed.scenarios_for(writer))


class TestPlainSendmail(BedChecks):
    """Sendmail writing no MIME: every full live run slow, the quick run in the default suite."""

    bed = plain
    sets = PLAIN_SETS
    live_name = "content-plain"
    words = WORDS
    live_default = ()

    def scenarios_of(self, writer: str) -> list[Any]:
        return list(plain.sent(writer=writer))

    def test_live_notices_sendmail_quick(self, tmp_path_factory: pytest.TempPathFactory) -> None:
        # the messages refused at once, again: each read as its stored twin
        out, manifest = run_live(
            tmp_path_factory,
            plain.missing("sendmail"),
            "content-plain-quick",
            lambda directory: plain.generate(directory, writer="sendmail", quick=True),
        )
        self.check_live("sendmail", out, manifest, (s.name for s in plain.sent(quick=True)))


def _raw(writer: str, scenario: str, sets: WriterSets = SETS) -> bytes:
    return (sets.stored(writer)[0] / f"{scenario}.eml").read_bytes()


ALL_SETS = [(w, SETS) for w in bed.WRITERS] + [("sendmail", PLAIN_SETS)]
ALL_IDS = [*bed.WRITERS, "sendmail-plain"]


def _failure_notices(writer: str, sets: WriterSets) -> list[Any]:
    scenarios = plain.sent(writer=writer) if sets is PLAIN_SETS else bed.scenarios_for(writer)
    return [s for s in scenarios if s.name != bed.WARNING]


@pytest.mark.parametrize(("writer", "sets"), ALL_SETS, ids=ALL_IDS)
def test_only_our_failed_recipient_is_reported(writer: str, sets: WriterSets) -> None:
    # rules 1 and 6: the address the destination refused, never one our message names (an
    # old bounce's, an attached report's Final-Recipient, a Cc, a list member, the delivered
    # neighbour). Sendmail without MIME returned the message inline, and the parser read the
    # Final-Recipient fields of our attached report as the notice's own: four notices lost
    # our recipient and reported old@, old2@, old3@ (suppressed) and old4@ (read as a delay)
    for scenario in _failure_notices(writer, sets):
        report = parse(_raw(writer, scenario.name, sets))
        assert report.kind is Kind.FAILED, scenario.name
        found = {b.address for b in report.recipients}
        assert found == {e.address for e in scenario.failed}, scenario.name
        assert not found & NAMED_IN_CONTENT


@pytest.mark.parametrize(("writer", "sets"), ALL_SETS, ids=ALL_IDS)
def test_the_returned_content_is_in_the_notice(writer: str, sets: WriterSets) -> None:
    # the bed asks what it claims: our message's notice-like words come back in the copy,
    # but for the big messages where the writer returns the header only
    for scenario, words in CONTENT_WORDS.items():
        raw = _raw(writer, scenario, sets)
        returned = scenario not in BIG or writer not in HEADERS_ONLY or sets is PLAIN_SETS
        assert (words in raw) is returned, scenario
    if writer == "exim" and sets is SETS:
        assert b"only headers are returned" in _raw(writer, bed.BIG_TEXT)


def test_sendmail_without_mime_returns_the_message_inline() -> None:
    # savemail.c: its words, the transcript, then "----- Original message follows -----" and
    # our message's lines, our attached delivery-status among them, with no MIME boundary
    raw = _raw("sendmail", bed.ATTACHED_STATUS, PLAIN_SETS).replace(b"\r\n", b"\n")
    assert b"Content-Type: multipart" not in raw.split(b"\n\n", 1)[0]
    words, copy = raw.split(b"----- Original message follows -----", 1)
    assert b"<full1@content.test>" in words
    assert b"Final-Recipient: rfc822; old2@elsewhere.test" in copy
    (got,) = parse(raw).recipients
    assert (got.address, got.status, got.reply_code, got.suppresses) == (
        "full1@content.test",
        "5.2.2",
        552,
        False,
    )


@pytest.mark.parametrize("writer", [w for w in bed.WRITERS if w not in bed.LEFT_OUT])
def test_a_delay_warning_quoting_a_failure_is_never_a_bounce(writer: str) -> None:
    # rule 8: our message quotes a whole failure notice about old7@; the writer's warning
    # lists ivan@ delayed, nothing failed
    report = parse(_raw(writer, bed.WARNING))
    assert report.kind is Kind.DELAYED
    assert [(b.address, b.permanent, b.suppresses) for b in report.recipients] == [
        (f"ivan@{bed.GREYLIST}", False, False)
    ]


def _readings(raw: bytes) -> tuple[dict[str, Any], dict[str, Any]]:
    """Each reported address's suppress bit and whose fault, in the whole notice and in its
    words alone."""
    full = {b.address: (b.suppresses, b.party) for b in parse(raw).recipients}
    alone = {b.address: (b.suppresses, b.party) for b in parse(text_alone(raw)).recipients}
    return full, alone


@pytest.mark.parametrize("writer", bed.WRITERS)
def test_the_words_alone_read_as_the_full_notice(writer: str) -> None:
    # the notice's own text (its first text/plain part, From and Subject): the same failed
    # recipient, suppress bit and whose fault as the whole notice
    for scenario in _failure_notices(writer, SETS):
        full, alone = _readings(_raw(writer, scenario.name))
        assert alone == full, scenario.name


def test_an_address_is_not_read_as_words() -> None:
    # OpenSMTPD's expiry says only "overquota@content.test: Envelope expired": the phrase
    # "over ?quota" (en_generic.toml) inside the address's local part is not a statement
    # (text_rules.states, judge97), so the words alone read expired, as the whole notice does
    full, alone = _readings(_raw("opensmtpd", bed.UNTIL_EXPIRY))
    assert alone == full
