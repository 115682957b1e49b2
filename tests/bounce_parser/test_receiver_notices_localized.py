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
KNOWN = {
    "postfix": {bed.AT_ONCE: LEGACY_LOST, bed.UNTIL_EXPIRY: SPEEDING_IS_SENDERS},
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
