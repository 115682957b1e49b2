"""Hostile input: every case gives a report (unparsed or not a bounce), fast and bounded."""

from __future__ import annotations

import pytest

from bounce_parser import Kind, parse, text_rules
from tests.bounce_parser.bounce_samples import POSTFIX, plain
from tests.support.cpu import least_cpu_seconds

TIME_LIMIT_S = 1.0


def nested_multiparts(depth: int) -> bytes:
    head = b"From: MAILER-DAEMON@mx.example\nSubject: Undelivered Mail\nMIME-Version: 1.0\n"
    out = [head]
    for level in range(depth):
        out.append(b'Content-Type: multipart/mixed; boundary="b%d"\n\n--b%d\n' % (level, level))
    out.append(b"Content-Type: text/plain\n\nnothing here\n")
    return b"".join(out)


def nested_messages(depth: int) -> bytes:
    head = b"From: MAILER-DAEMON@mx.example\nSubject: Undelivered Mail\n"
    return head + b"Content-Type: message/rfc822\n\n" * depth + b"Subject: x\n\nbody\n"


def broken_mime() -> bytes:
    return (
        b"From: MAILER-DAEMON@mx.example\nSubject: Returned mail\nMIME-Version: 1.0\n"
        b'Content-Type: multipart/report; report-type=delivery-status; boundary="gone"\n\n'
        b"--not-the-boundary\nContent-Type: message/delivery-status\n\nAction: failed\n"
    )


HOSTILE = [
    pytest.param(b"", id="empty"),
    pytest.param(b"\x00" * 100_000, id="zero-bytes"),
    pytest.param(b"Subject: hi\n\n" + b"\x00\xff" * 50_000, id="nuls-in-body"),
    pytest.param(b"Subject: no from\n\njust text\n", id="no-from"),
    pytest.param(b"X-Long: " + b"a" * 2_000_000 + b"\n\nbody\n", id="megabyte-header"),
    pytest.param(b"X-Folded: a\n" + b" b\n" * 300_000 + b"\nbody\n", id="megabyte-folded-header"),
    pytest.param(nested_multiparts(500), id="multipart-500-deep"),
    pytest.param(nested_messages(500), id="message-rfc822-500-deep"),
    pytest.param(broken_mime(), id="broken-mime"),
    pytest.param(
        b"From: a@b.example\nContent-Type: text/plain; charset=x-no-such-charset\n\n\xe9\xe8\n",
        id="unknown-charset",
    ),
    pytest.param(
        b"From: a@b.example\nSubject: =?x-bogus?q?=E9?= =?utf-8?b?!!!?=\n\nhello\n",
        id="broken-encoded-words",
    ),
    pytest.param(
        b"From: a@b.example\nContent-Transfer-Encoding: base64\n\n!!!not base64!!!\n",
        id="broken-base64",
    ),
    pytest.param(bytes(range(256)) * 4000, id="random-bytes"),
    pytest.param(b"\n\n\n" + b"Final-Recipient: rfc822; x\n" * 10_000, id="field-flood"),
    pytest.param(b"@" * 500_000, id="at-signs"),
]


@pytest.mark.parametrize("raw", HOSTILE)
def test_hostile_input_gives_a_report_in_bounded_time(raw: bytes) -> None:
    seconds, report = least_cpu_seconds(lambda: parse(raw))
    assert seconds < TIME_LIMIT_S
    assert report.kind in (Kind.UNPARSED, Kind.NOT_BOUNCE)
    assert report.recipients == ()


def test_a_real_bounce_behind_a_megabyte_of_padding_is_still_cut_short() -> None:
    # Only the first bytes are examined: a notice beyond them is not read at all.
    raw = plain("x" * 1_000_000 + "\n" + POSTFIX)
    seconds, report = least_cpu_seconds(lambda: parse(raw))
    assert seconds < TIME_LIMIT_S
    assert report.recipients == ()


def test_a_bug_inside_the_parser_still_gives_a_report(monkeypatch: pytest.MonkeyPatch) -> None:
    import bounce_parser.parser as parser_module

    def explode(_raw: bytes) -> None:
        raise RuntimeError("a bug")

    monkeypatch.setattr(parser_module, "load", explode)
    assert parse(plain(POSTFIX)).kind is Kind.UNPARSED


# Texts where every phrase word is an address's letters (judge97: the addresses are masked before
# the phrases are matched), a long run of an address's characters before its "@", runs of "@"
ADDRESS_FLOODS = [
    pytest.param("<overquota@spam-filter.example> " * 20_000, id="word-addresses"),
    pytest.param(("spam." * 60 + "@blocked.example ") * 2_000, id="long-local-parts"),
    pytest.param("spam" * 50_000 + "@spam" * 50_000, id="one-long-token"),
    pytest.param("a@" * 100_000 + " mailbox full", id="at-runs"),
]


@pytest.mark.parametrize("text", ADDRESS_FLOODS)
def test_phrase_words_inside_many_addresses_cost_linear_time(text: str) -> None:
    def read() -> tuple[object, object]:
        text_rules._unaddressed.cache_clear()
        text_rules.match_text.cache_clear()
        return text_rules.match_text(text), text_rules.says_gave_up(text)

    seconds, _found = least_cpu_seconds(read)
    assert seconds < TIME_LIMIT_S
