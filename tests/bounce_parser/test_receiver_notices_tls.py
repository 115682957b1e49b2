"""TLS between the sending MTA and the destination (tests/support/receivers_bed_tls.py): Postfix
3.7 and Exim 4.96 writing the notices for scripted destinations whose TLS fails in a known way
(TLS required and not offered; a self-signed certificate or one for another name where the
writer verifies; an MTA-STS policy in enforce mode, from Debian's postfix-mta-sts-resolver,
whose MX's certificate does not match; a handshake broken off after "220 Ready to start
TLS"; RFC 3207's "454 4.7.0 TLS not available"; "530 5.7.0 Must issue a STARTTLS command
first"; RFC 8689's 5.7.30), a mixed message and a delay warning. None of these is the
recipient's, none suppresses; the delay warning is no bounce. The notices are kept in
real_receivers_tls_<writer>/ with the manifest that labels them by construction; the tests
read them, and the bed runs live where every server is present and the test runs as root (a
quick run, the two refusals that need no queue lifetime, in the default suite; the full runs
are marked slow)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from bounce_parser import Kind, Party, Reason, parse
from tests.bounce_parser.real_notices import (
    QuickBedChecks,
    WriterSets,
    check_live_entries,
    flat,
)
from tests.support import receivers_bed_tls as bed

SETS = WriterSets("real_receivers_tls")
stored, entries = SETS.stored, SETS.entries

# The words both writers quote: the destination's replies at MAIL and RCPT
WORDS = {
    "must_issue_starttls": bed.MUST_STARTTLS.encode(),
    "requiretls_5730": bed.REQUIRETLS_REFUSAL.encode(),
}
# Postfix's own words for each TLS failure (smtp_proto.c, tls_client.c); Exim writes only
# "retry timeout exceeded" for them
POSTFIX_WORDS = {
    "required_not_offered": b"TLS is required, but was not offered by host",
    "mixed_tls_and_good": b"TLS is required, but was not offered by host",
    "delay_warning": b"TLS is required, but was not offered by host",
    "verify_self_signed": b"Server certificate not verified",
    "secure_other_name": b"Server certificate not verified",
    "mta_sts_enforce": b"Server certificate not verified",
    "handshake_garbage": b"Cannot start TLS: handshake failure",
    "handshake_closed": b"Cannot start TLS: handshake failure",
    "starttls_454": b"refused to start TLS: " + bed.TLS_UNAVAILABLE.encode(),
}
# Read wrong, and must stay so until a rule can tell them apart
EXIM_SILENT = (
    "Exim's notice says only 'retry timeout exceeded' (no TLS word, no reply): the expiry "
    "reads transient; the label is the sender's own TLS requirement, which it never names"
)
HANDSHAKE = (
    "Postfix's 'Cannot start TLS: handshake failure' under its 4.7.5: a specific X.7.5 "
    "('cryptographic failure', the sender's) wins over the text (precedence rule 4), and the "
    "words do not say which side broke the handshake"
)
KNOWN = {
    "postfix": dict.fromkeys(("handshake_garbage", "handshake_closed"), HANDSHAKE),
    "exim": dict.fromkeys(
        (
            "required_not_offered",
            "verify_self_signed",
            "secure_other_name",
            "mta_sts_enforce",
            "mixed_tls_and_good",
        ),
        EXIM_SILENT,
    ),
}


class TestSets(QuickBedChecks):
    bed = bed
    sets = SETS
    live_name = "tls-receivers"
    words = WORDS
    known = KNOWN

    def failures(self, writer: str) -> list[str]:
        """The scenarios whose notice is a failure notice (the delay warning is not)."""
        return [s.name for s in bed.scenarios() if s.name not in bed.DELAY_ONLY]

    def check_live(self, writer: str, out: Path, manifest: dict[str, Any], sent: Any = ()) -> None:
        # the delay warning read as one, the failure notices as their stored twins
        names = set(sent) or {s.name for s in bed.scenarios()}
        assert manifest["error"] is None, manifest["log"]
        assert manifest["notices"] == dict.fromkeys(names, 1), manifest["log"]
        warnings = [e for e in manifest["entries"] if e["scenario"] in bed.DELAY_ONLY]
        for entry in warnings:
            assert entry == entries(writer)[entry["scenario"]]
            assert parse((out / entry["path"]).read_bytes()).kind is Kind.DELAYED, manifest["log"]
        failures = {**manifest, "entries": [e for e in manifest["entries"] if e not in warnings]}
        known = [name for name in self.known.get(writer, {}) if name in names]
        check_live_entries(out, failures, entries(writer), known)

    def test_no_tls_failure_suppresses_or_is_blamed_on_the_recipient(self, writer: str) -> None:
        directory, _manifest = stored(writer)
        for name, entry in entries(writer).items():
            report = parse((directory / entry["path"]).read_bytes())
            for got in report.recipients:
                assert not got.suppresses, (name, got)
                assert got.party is not Party.RECIPIENT, (name, got)

    def test_the_delay_warning_is_never_a_bounce(self, writer: str) -> None:
        directory, _manifest = stored(writer)
        report = parse((directory / "delay_warning.eml").read_bytes())
        assert report.kind is Kind.DELAYED
        (bounce,) = report.recipients
        assert (bounce.action, bounce.permanent, bounce.suppresses) == ("delayed", False, False)


@pytest.mark.parametrize(("scenario", "words"), sorted(POSTFIX_WORDS.items()))
def test_postfix_writes_its_own_tls_words(scenario: str, words: bytes) -> None:
    directory, _manifest = stored("postfix")
    assert flat(words) in flat((directory / f"{scenario}.eml").read_bytes())


def test_a_temporary_454_to_starttls_is_transient_not_the_senders() -> None:
    # RFC 3207 section 4: "454 TLS not available due to temporary reason"; Postfix quotes it
    # under its "TLS is required, but host ... refused to start TLS"
    bounce = SETS.only("postfix", "starttls_454")
    assert (bounce.party, bounce.permanent, bounce.suppresses) == (Party.TRANSIENT, False, False)
    assert (bounce.status, bounce.reply_code) == ("4.7.0", 454)


@pytest.mark.parametrize("writer", bed.WRITERS)
def test_requiretls_and_a_destination_insisting_on_tls_are_the_senders(writer: str) -> None:
    directory, _manifest = stored(writer)
    for scenario in ("must_issue_starttls", "requiretls_5730"):
        (bounce,) = parse((directory / f"{scenario}.eml").read_bytes()).recipients
        assert (bounce.reason, bounce.party, bounce.permanent, bounce.suppresses) == (
            Reason.SECURITY_ERROR,
            Party.SENDER,
            True,
            False,
        ), scenario
