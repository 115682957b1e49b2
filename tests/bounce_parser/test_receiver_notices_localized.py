"""Localized (non-ASCII) replies of the destinations as real writers carry them into their
notices (tests/support/receivers_bed_localized.py, judge89): Postfix 3.7, Exim 4.96,
Sendmail 8.17, OpenSMTPD 6.8, Courier 1.0.16 and chasquid 1.11 writing one notice for a
message refused at once (unknown users in German, Spanish and Japanese UTF-8 and in EUC-JP
and GB2312 bytes, a full mailbox and a spam refusal in Chinese, a delivered neighbour) and
one for a message deferred until the queue lifetime ends (German 450 4.2.1, French 452
4.2.2). The notices are kept in real_receivers_localized_<writer>/ with the manifest that
labels them by construction (the rule in the bed's docstring); the bed runs live where every
server is present and the test runs as root (a quick run of the first message in the
default suite, the full runs slow)."""

from __future__ import annotations

import re
from typing import Any

import pytest

from bounce_parser import Party, Reason, parse
from bounce_parser.mail import _utf8_or_legacy
from tests.bounce_parser.real_notices import QuickBedChecks, WriterSets, flat
from tests.support import receivers_bed_localized as bed

SETS = WriterSets("real_receivers_localized")
stored = SETS.stored

# The UTF-8 replies every writer quotes whole (Exim as octal escapes: flatten undoes them)
WORDS = {
    bed.AT_ONCE: tuple(
        f"{code} {text}".encode()
        for code, text in (
            ("550 5.1.1", bed.DE_UNKNOWN),
            ("550 5.1.1", bed.ES_UNKNOWN),
            ("550 5.1.1", bed.JA_UNKNOWN),
            ("552", bed.ZH_FULL),
            ("554", bed.ZH_SPAM),
        )
    ),
}

LEGACY_LOST = (
    "Postfix 3.7 turns the bytes of the EUC-JP and GB2312 replies that form no UTF-8 partly "
    "into '?' and keeps the rest: the words are gone, nothing left to read (ja-euc@ and "
    "zh-gb@ read undefined, not suppressed); its Status is 5.0.0, the reply a bare 550"
)
SPEEDING_IS_SENDERS = (
    "Google's 450 4.2.1 'Der Nutzer, den Sie kontaktieren möchten, erhält zu schnell E-Mails' "
    "retried until expiry is labelled transient (rule 5) and read speeding, the sender's "
    "(text_rules.OVERRIDING_REASONS: a rate limit is read as the sender's, as Gmail's "
    "421 4.7.28 in judge76's bed): the product's reading is left as it is"
)
OPENSMTPD_EXPIRED = (
    "OpenSMTPD's expiry notice says only 'Envelope expired' (Status 4.4.7) for fr-full@, "
    "quoting no reply: read transient, labelled the recipient's (a full mailbox) by rule 7. "
    "Nothing in the notice says whose the failure is (as judge76's and judge82's)"
)
LATIN_LOST = (
    "Postfix 3.7 turns every byte of the ISO-8859-1 reply that is no UTF-8 into '?': "
    "'550 5.4.1 Empf?ngeradresse abgelehnt: Zugriff verweigert' (Microsoft's German, "
    "lang_de.toml) has lost its words, and 5.4.1 alone (RFC 3463: no answer from host) is "
    "no unknown user: de-latin1@ read undefined, not suppressed (judge90)"
)
KNOWN = {
    "postfix": {
        bed.AT_ONCE: LEGACY_LOST,
        bed.UNTIL_EXPIRY: SPEEDING_IS_SENDERS,
        bed.LATIN_AT_ONCE: LATIN_LOST,
    },
    "sendmail": {bed.UNTIL_EXPIRY: SPEEDING_IS_SENDERS},
    "courier": {bed.UNTIL_EXPIRY: SPEEDING_IS_SENDERS},
    "chasquid": {bed.UNTIL_EXPIRY: SPEEDING_IS_SENDERS},
    "opensmtpd": {bed.UNTIL_EXPIRY: OPENSMTPD_EXPIRED},
}

# Exim's string_printing() (src/string.c): a byte above 127 as a backslash and three octal
# digits
_OCTAL = re.compile(rb"\\([23][0-7]{2})")


def _unescaped(raw: bytes) -> bytes:
    return _OCTAL.sub(lambda m: bytes([int(m.group(1), 8)]), raw)


class TestSets(QuickBedChecks):
    bed = bed
    sets = SETS
    live_name = "localized"
    words = WORDS
    known = KNOWN

    @staticmethod
    def flatten(raw: bytes) -> bytes:
        return flat(_unescaped(raw))


def _raw(writer: str, scenario: str) -> bytes:
    return (stored(writer)[0] / f"{scenario}.eml").read_bytes()


def _found(writer: str, scenario: str) -> dict[str, Any]:
    return {b.address: b for b in parse(_raw(writer, scenario)).recipients}


LEGACY = {
    f"ja-euc@{bed.LOC}": bed.JA_GROMOX.format(address=f"ja-euc@{bed.LOC}").encode("euc-jp"),
    f"zh-gb@{bed.LOC}": bed.ZH_GROMOX.encode("gb2312"),
}
READS_LEGACY = [w for w in bed.WRITERS if w != "postfix"]


@pytest.mark.parametrize("writer", READS_LEGACY)
def test_the_legacy_charset_bytes_arrive_whole(writer: str) -> None:
    # how the writer carried them: raw (Sendmail, OpenSMTPD, Courier, chasquid) or as Exim's
    # octal escapes; the bytes the destination said, none replaced
    raw = _unescaped(_raw(writer, bed.AT_ONCE))
    for words in LEGACY.values():
        assert words in raw


@pytest.mark.parametrize("writer", READS_LEGACY)
def test_an_unknown_user_in_a_legacy_charset_is_suppressed(writer: str) -> None:
    # rule 2: gromox's EUC-JP and GB2312 unknown-user texts under a bare 550; read undefined
    # and not suppressed on main (the bytes read as UTF-8 and replaced) but under Sendmail,
    # whose own Status 5.1.1 carried it
    found = _found(writer, bed.AT_ONCE)
    for address in LEGACY:
        got = found[address]
        assert (got.reason, got.party, got.suppresses) == (
            Reason.USER_UNKNOWN,
            Party.RECIPIENT,
            True,
        ), got


def test_opensmtpds_utf8_in_a_part_it_declares_us_ascii_is_read() -> None:
    # OpenSMTPD 6.8 copies the reply's UTF-8 bytes into a text part declared us-ascii:
    # QQ Mail's "552 收件人空间不足" was read undefined and permanent
    raw = _raw("opensmtpd", bed.AT_ONCE)
    assert b"charset=us-ascii" in raw
    assert bed.ZH_FULL.encode() in raw
    got = _found("opensmtpd", bed.AT_ONCE)[f"zh-full@{bed.LOC}"]
    assert (got.reason, got.permanent, got.suppresses) == (Reason.MAILBOX_FULL, False, False)
    assert bed.ZH_FULL in (got.diagnostic or "")


def test_opensmtpds_utf8_replies_of_the_second_writer_bed_read_as_written() -> None:
    # the same us-ascii part in judge60's stored OpenSMTPD notices: the diagnostic was
    # U+FFFD replacement characters for every byte of the reply's words
    directory = stored("opensmtpd")[0].parent / "real_receivers_writer2_opensmtpd"
    cjk = parse((directory / "utf8_reply_cjk.eml").read_bytes()).recipients[0]
    assert "用户不存在" in (cjk.diagnostic or "")
    german = parse((directory / "utf8_reply_german.eml").read_bytes()).recipients[0]
    assert "Konto gelöscht" in (german.diagnostic or "")


@pytest.mark.parametrize("writer", bed.WRITERS)
def test_the_delivered_neighbour_is_never_reported(writer: str) -> None:
    # rule 6
    for scenario in (bed.AT_ONCE, bed.UNTIL_EXPIRY):
        assert bed.DELIVERED not in _found(writer, scenario)


@pytest.mark.parametrize("writer", bed.WRITERS)
def test_the_spam_refusal_in_chinese_is_the_senders(writer: str) -> None:
    # rule 4: emailhost.com.cn's 554 after the dot
    got = _found(writer, bed.AT_ONCE)[f"zh-spam@{bed.SPAM_LOC}"]
    assert (got.reason, got.party, got.suppresses) == (Reason.SPAM_DETECTED, Party.SENDER, False)


# judge90: the Latin legacy charsets (ISO-8859-1, ISO-8859-2, Windows-1252)
LATIN_BYTES = {
    f"{local}@{domain}": bed._latin(local).encode("utf-8", "surrogateescape")
    for local, domain in (
        ("de-latin1", bed.LOC),
        ("de-cp1252", bed.LOC),
        ("es-latin1", bed.LOC),
        ("sk-latin2", bed.SPAM_LATIN),
        ("sv-cp1252", bed.POLICY_LATIN),
    )
}
# Exim's Diagnostic-Code keeps its octal escapes as written (the verdict reads its text part)
READS_LETTERS = [w for w in READS_LEGACY if w != "exim"]


@pytest.mark.parametrize("writer", READS_LEGACY)
def test_the_latin_charset_bytes_arrive_whole(writer: str) -> None:
    # raw (Sendmail, OpenSMTPD, Courier, chasquid) or as Exim's octal escapes, none replaced
    raw = _unescaped(_raw(writer, bed.LATIN_AT_ONCE))
    for words in LATIN_BYTES.values():
        assert words in raw


def test_postfix_replaces_the_latin_bytes() -> None:
    # what LATIN_LOST says: Postfix 3.7 wrote '?' for every byte above 127
    raw = _raw("postfix", bed.LATIN_AT_ONCE)
    assert b"Empf?ngeradresse abgelehnt" in raw
    assert not any(words in raw for words in LATIN_BYTES.values())


@pytest.mark.parametrize("writer", READS_LEGACY)
def test_an_unknown_user_in_iso_8859_1_is_suppressed(writer: str) -> None:
    # rule 2: Microsoft's German "550 5.4.1 Empfängeradresse abgelehnt: Zugriff verweigert"
    # in ISO-8859-1; on main the byte 0xE4 was replaced and the 5.4.1 read a network error
    got = _found(writer, bed.LATIN_AT_ONCE)[f"de-latin1@{bed.LOC}"]
    assert (got.reason, got.party, got.suppresses) == (
        Reason.USER_UNKNOWN,
        Party.RECIPIENT,
        True,
    ), got
    if writer in READS_LETTERS:
        assert "Empfängeradresse" in (got.diagnostic or "")


@pytest.mark.parametrize("writer", READS_LEGACY)
def test_the_latin_refusals_after_the_dot_are_the_senders(writer: str) -> None:
    # rule 8: the Slovak spam refusal (ISO-8859-2) and the Swedish policy refusal
    # (Windows-1252), read with their letters
    found = _found(writer, bed.LATIN_AT_ONCE)
    for address, letters in (
        (f"sk-latin2@{bed.SPAM_LATIN}", "Správa bola nahlásená ako spam"),
        (f"sv-cp1252@{bed.POLICY_LATIN}", "e-postpolicyn för example.com \u2013 gcdp"),
    ):
        got = found[address]
        assert (got.party, got.permanent, got.suppresses) == (Party.SENDER, True, False), got
        if writer in READS_LETTERS:
            assert letters in (got.diagnostic or ""), got.diagnostic


@pytest.mark.parametrize(
    ("data", "text"),
    [
        # a run no multibyte charset decodes: its single-byte readings
        (b"Empf\xe4ngeradresse", "Empfängeradresse"),
        (b"example.com \x96 gcdp", "example.com \u2013 gcdp"),  # Windows-1252 (C1 in -2)
        (b"do\xe8asne", "doè / časne"),  # Windows-1252 against Windows-1250 and ISO-8859-2
        # UTF-8 and the CJK readings come first: no single-byte reading is added to them
        ("möchten".encode(), "möchten"),
        ("存在".encode("euc-jp"), "存在 / 赂哼 / 繡箕"),
        ("收件人".encode("gb2312"), "辺周繁 / 收件人"),
        # an address is ASCII or UTF-8 (RFC 6531): junk in it stays replaced (test_fuzz.py)
        (b"bob@receiver.\xffexample f\xf6r", "bob@receiver.\ufffdexample för"),
    ],
)
def test_the_single_byte_reading_is_the_last_resort(data: bytes, text: str) -> None:
    assert _utf8_or_legacy(data) == text
