"""Real policy components at the destination (tests/support/receivers_bed_policy.py): a receiving
Postfix 3.7 asking Debian's postfix-policyd-spf-python 3.0.4 (SPF), OpenDMARC 1.4.2 (DMARC, a
milter), postgrey 1.37 and sqlgrey 1.8 (greylisting), with Postfix 3.7, Exim 4.96, Sendmail
8.17 and Courier 1.0.16 (judge26) writing the notices. The notices are kept in
real_receivers_policy_<writer>/ with the manifest that labels them by construction; the tests
read them (nothing is regenerated), and the bed is run live where every server is present and
the test runs as root (Postfix's run in the default suite; Exim's, Sendmail's and Courier's are
marked slow).
"""

from __future__ import annotations

import importlib.util
from pathlib import Path
from typing import Any

import pytest

from bounce_parser import Kind, Party, Reason, parse
from tests.bounce_parser.real_notices import (
    BedChecks,
    WriterSets,
    check_live_entries,
)
from tests.support import receivers_bed_policy as bed

HERE = Path(__file__).parent
ROOT = HERE.parents[1]


SETS = WriterSets("real_receivers_policy")
stored, entries = SETS.stored, SETS.entries


# What each component answers, as its source has it (the bed's docstring): policyd-spf's
# Reason_Message with pyspf's explanations, OpenDMARC's reject text, postgrey's.
WORDS = {
    "pol_user_unknown": b"550 5.1.1 <nosuchuser@pol.test>: Recipient address rejected: "
    b"User unknown in local recipient table",
    "spf_fail": b"550 5.7.23 <fine@spf-rx.test>: Recipient address rejected: Message rejected "
    b"due to: SPF fail - not authorized. Please see http://www.openspf.net/Why?s=mfrom;",
    "spf_softfail": b"550 5.7.23 <fine@spf-rx.test>: Recipient address rejected: Message "
    b"rejected due to: domain owner discourages use of this host. Please see",
    "spf_permerror": b"550 5.7.24 <fine@spf-rx.test>: Recipient address rejected: Message "
    b"rejected due to: SPF Permanent Error: Unknown mechanism found: nosuchmechanism.",
    "spf_fail_no_enhanced_code": b"550 5.7.1 <fine@spf-plain-rx.test>: Recipient address "
    b"rejected: Message rejected due to: SPF fail - not authorized.",
    "spf_softfail_no_enhanced_code": b"550 5.7.1 <fine@spf-plain-rx.test>: Recipient address "
    b"rejected: Message rejected due to: domain owner discourages use of this host.",
    "spf_permerror_no_enhanced_code": b"550 5.7.1 <fine@spf-plain-rx.test>: Recipient address "
    b"rejected: Message rejected due to: SPF Permanent Error: Unknown mechanism found",
    "dmarc_reject": b"550 5.7.1 rejected by DMARC policy for dmarc.test",
    "dmarc_required_headers": b"550 5.7.1 Command rejected",
    "greylisted_to_expiry": b"450 4.2.0 <fine@grey-rx.test>: Recipient address rejected: "
    b"Greylisted, see http://postgrey.schweikert.ch/help/grey-rx.test.html",
    "sqlgrey_to_expiry": b"450 4.7.1 <fine@sqlgrey-rx.test>: Recipient address rejected: "
    b"Greylisted for 5 minutes",
    "greylisted_delay_warning": b"450 4.2.0 <later@grey-rx.test>: Recipient address rejected: "
    b"Greylisted, see http://postgrey.schweikert.ch/help/grey-rx.test.html",
}


class TestSets(BedChecks):
    bed = bed
    sets = SETS
    live_name = "policy-receivers"
    words = WORDS

    def failures(self, writer: str) -> list[str]:
        """The scenarios whose notice is a failure notice (the delay warning is not)."""
        return [s.name for s in bed.scenarios() if s.name not in bed.DELAY_ONLY]

    def check_live(self, writer: str, out: Path, manifest: dict[str, Any]) -> None:
        # the delay warning read as one, the failure notices as their stored twins
        assert manifest["error"] is None, manifest["log"]
        assert manifest["notices"] == {s.name: 1 for s in bed.scenarios()}, manifest["log"]
        warnings = [e for e in manifest["entries"] if e["scenario"] in bed.DELAY_ONLY]
        for entry in warnings:
            assert entry == entries(writer)[entry["scenario"]]
            assert parse((out / entry["path"]).read_bytes()).kind is Kind.DELAYED, manifest["log"]
        failures = {**manifest, "entries": [e for e in manifest["entries"] if e not in warnings]}
        check_live_entries(out, failures, entries(writer), ())


# every scenario whose refusal is the SPF or DMARC verdict on our domain
AUTHENTICATION = sorted(
    s.name for s in bed.scenarios() if len(s.failed) == 1 and s.failed[0].reasons == bed.AUTH
)


@pytest.mark.parametrize("scenario", AUTHENTICATION)
@pytest.mark.parametrize("writer", bed.WRITERS)
def test_an_spf_or_dmarc_refusal_is_our_authentication_whatever_its_status(
    writer: str, scenario: str
) -> None:
    # policyd-spf's words name the SPF result (pyspf's EXPLANATIONS, "SPF Permanent Error:")
    # whether its enhanced code is RFC 7372's X.7.23/X.7.24 or Postfix's default 5.7.1
    bounce = SETS.only(writer, scenario)
    assert (bounce.reason, bounce.party, bounce.suppresses) == (
        Reason.AUTH_FAILURE,
        Party.SENDER,
        False,
    )


@pytest.mark.parametrize("writer", bed.WRITERS)
def test_opendmarcs_bare_reject_of_a_malformed_header_is_ours_and_never_suppresses(
    writer: str,
) -> None:
    # RequiredHeaders: the milter's SMFIS_REJECT with no text of its own, Postfix's default
    # "550 5.7.1 Command rejected": nothing names the header, so the status decides (RFC
    # 3463 X.7.1, delivery not authorized); what matters is that it is never the recipient's
    bounce = SETS.only(writer, f"{bed.TWO_SUBJECTS}")
    assert (bounce.party, bounce.permanent, bounce.suppresses) == (Party.SENDER, True, False)
    assert (bounce.reason, bounce.status, bounce.reply_code) == (
        Reason.SECURITY_ERROR,
        "5.7.1",
        550,
    )


@pytest.mark.parametrize("writer", bed.WRITERS)
def test_the_delay_warning_is_never_a_bounce(writer: str) -> None:
    directory, _manifest = stored(writer)
    report = parse((directory / "greylisted_delay_warning.eml").read_bytes())
    assert report.kind is Kind.DELAYED
    (bounce,) = report.recipients
    assert (bounce.action, bounce.permanent, bounce.suppresses) == ("delayed", False, False)


def test_the_labelled_set_scorer_counts_no_delayed_recipient_as_failed() -> None:
    # bench/score_labelled_set.py counts the recipients the relay records as failed: the
    # delay warning's delayed recipient is none (precision 0.929 before, counting it)
    path = ROOT / "bench" / "score_labelled_set.py"
    spec = importlib.util.spec_from_file_location("score_labelled_set", path)
    assert spec is not None
    assert spec.loader is not None
    scorer = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(scorer)
    for writer in bed.WRITERS:
        _hits, expected, reported, misses = scorer.score(stored(writer)[0])
        assert (expected, reported) == (13, 13), misses


def test_sendmails_own_user_unknown_line_in_its_transcript_is_not_the_receivers_verdict() -> None:
    # Sendmail 8.17 maps a 550 at RCPT to EX_NOUSER (usersmtp.c smtprcpt()) and writes its own
    # "550 5.1.1 <a>... User unknown" into the transcript (deliver.c giveresponse(), the
    # sysexits text) under the receiver's reply: the receiver refused our SPF, not the address
    directory, _manifest = stored("sendmail")
    for scenario in AUTHENTICATION:
        if scenario.startswith("dmarc"):
            continue  # refused after DATA: no RCPT mapping, no such line
        raw = (directory / f"{scenario}.eml").read_bytes()
        assert b"User unknown" in raw, scenario
        (bounce,) = parse(raw).recipients
        assert (bounce.party, bounce.suppresses) == (Party.SENDER, False), scenario
        assert bounce.reason is Reason.AUTH_FAILURE, scenario


def test_couriers_status_field_gives_way_to_the_receivers_enhanced_code() -> None:
    # Courier 1.0.16 writes "Status: 5.0.0" for every failed recipient and quotes the reply in
    # its Diagnostic-Code ("smtp; 550 5.7.23 ..."): the status the notice states for the
    # recipient is the receiver's (RFC 3464 section 2.3.4: the Status field is the reporting
    # MTA's summary), as for Exim's 5.0.0
    directory, _manifest = stored("courier")
    for name in TestSets().failures("courier"):
        raw = (directory / f"{name}.eml").read_bytes()
        assert b"Status: 5.0.0" in raw, name
        found = {b.address: b for b in parse(raw).recipients}
        for want in entries("courier")[name]["expected"]:
            assert found[want["address"]].status == want["status"], name
