"""The parser on returned messages that real Postfix, Exim and OpenSMTPD write during the
test, for failures a scripted remote server causes: the labels are known by construction
(tests/support/real_mta.py), not read from the notices.

Each (MTA, scenario) is checked for: exactly one notice; the failed recipients it lists;
for each, permanent or temporary; which addresses it condemns (permanent and the
recipient's fault); the reason. What the parser still gets wrong is marked xfail(strict)
with its wrong answer, so that an improvement shows up as an XPASS to flip.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from bounce_parser import Bounce, BounceReport, Kind, parse
from tests.support import real_mta
from tests.support.real_mta import MTAS, Expected, Scenario, scenarios

pytestmark = pytest.mark.slow

SCENARIOS = {s.name: s for s in scenarios()}

# An expiry is the end of retries after temporary failures: RFC 3463 gives X.4.7 "delivery
# time expired" as a persistent transient (4.x.x) status, so the failure is not permanent.
EXIM_EXPIRY_STATUS = (
    "Exim writes Status: 5.0.0 on a retry-timeout notice whose Diagnostic-Code quotes the "
    "last 4xx; the parser reports 5.0.0 (permanent) for {address}"
)
# RFC 3463 X.2.1: mailbox disabled, not accepting messages; the spec counts a disabled
# address as a hard bounce.
DISABLED = (
    "Gmail's '550 5.2.1 The email account that you tried to reach is disabled': the parser "
    "reads reason mailbox_full, not hard, so closed@mx.test is not suppressed"
)
# Yahoo's "554 delivery error: dd This user doesn't have a yahoo.com account", refused after
# DATA with no enhanced status code.
AFTER_DATA = (
    "Yahoo's '554 delivery error: dd This user doesn't have a yahoo.com account' after DATA: "
    "the parser reads reason filtered (the stage wins over the statement), not hard, so "
    "nobody@mx.test is not suppressed"
)
# OpenSMTPD 6.8's notice of an expired message: Subject "Delivery status notification:
# delayed", Action: delayed, Status: 4.4.7, text "<address>: Envelope expired".
OPENSMTPD_EXPIRY = (
    "OpenSMTPD's expiry notice says 'delayed' (Subject, Action: delayed, Status: 4.4.7) while "
    "its text says 'Envelope expired': the parser reads kind delayed, so no failed recipient"
)
# Exim's notice for a domain it never resolved (SERVFAIL until its retry time ran out).
EXIM_DNS_EXPIRY = (
    "Exim's 'retry timeout exceeded' for someone@servfail.test (its DNS lookups failed "
    "temporarily): Status 5.0.0, no Diagnostic-Code; the parser reports 5.0.0 (permanent)"
)
# Exim's notice for a null MX (RFC 7505): Status 5.0.0, "an MX or SRV record indicated no
# SMTP service".
EXIM_NULL_MX = (
    "Exim's 'an MX or SRV record indicated no SMTP service' (null MX, Status 5.0.0): the "
    "parser reads reason undefined, not hard, so someone@nullmx.test is not suppressed"
)
KNOWN_WRONG: dict[tuple[str, str, str], str] = {
    ("exim", "dns_failure_until_expiry", "permanent"): EXIM_DNS_EXPIRY,
    ("exim", "null_mx", "suppress"): EXIM_NULL_MX,
    ("exim", "null_mx", "reason"): EXIM_NULL_MX,
    **{
        ("opensmtpd", scenario, check): OPENSMTPD_EXPIRY
        for scenario in (
            "expired_greylisted",
            "mailbox_full_until_expiry",
            "dns_failure_until_expiry",
        )
        for check in ("recipients", "permanent", "reason")
    },
    ("opensmtpd", "mixed", "suppress"): DISABLED,
    ("opensmtpd", "mixed", "reason"): DISABLED,
    ("postfix", "user_unknown_after_data", "suppress"): AFTER_DATA,
    ("exim", "user_unknown_after_data", "suppress"): AFTER_DATA,
    ("postfix", "user_unknown_after_data", "reason"): AFTER_DATA,
    ("exim", "user_unknown_after_data", "reason"): AFTER_DATA,
    ("exim", "expired_greylisted", "permanent"): EXIM_EXPIRY_STATUS.format(
        address="greylisted@mx.test"
    ),
    ("exim", "mailbox_full_until_expiry", "permanent"): EXIM_EXPIRY_STATUS.format(
        address="almostfull@mx.test"
    ),
    ("postfix", "mixed", "suppress"): DISABLED,
    ("exim", "mixed", "suppress"): DISABLED,
    ("postfix", "mixed", "reason"): DISABLED,
    ("exim", "mixed", "reason"): DISABLED,
    ("postfix", "expired_greylisted", "reason"): (
        "Postfix's expiry notice quoting '450 4.2.0 ... Greylisted': the parser reads "
        "reason filtered, not expired"
    ),
}


def cases(check: str, only: Callable[[Scenario], bool] | None = None) -> list[Any]:
    """(mta, scenario) parameters, marked xfail where KNOWN_WRONG names them for ``check``."""
    params = []
    for mta in MTAS:
        for scenario in scenarios():
            if only is not None and not only(scenario):
                continue
            reason = KNOWN_WRONG.get((mta, scenario.name, check))
            marks = [pytest.mark.xfail(strict=True, reason=reason)] if reason else []
            if not scenario.runs_on(mta):
                marks = [pytest.mark.skip(reason=scenario.not_on[mta])]
            params.append(
                pytest.param(mta, scenario.name, marks=marks, id=f"{mta}-{scenario.name}")
            )
    return params


@pytest.fixture(scope="module")
def bed(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, Any]]:
    """Every scenario on every MTA there is, run once (about 15 s, both MTAs at once)."""
    why = real_mta.isolation_missing()
    if why is not None:
        pytest.skip(why)
    if all(reason is not None for reason in real_mta.available().values()):
        pytest.skip("; ".join(str(r) for r in real_mta.available().values()))
    out = tmp_path_factory.mktemp("real-mta")
    return out, real_mta.generate(out)


def notice(bed: tuple[Path, dict[str, Any]], mta: str, name: str) -> BounceReport:
    """The parser's report on the one notice ``mta`` wrote for scenario ``name``."""
    out, manifest = bed
    if mta in manifest["unavailable"]:
        pytest.skip(manifest["unavailable"][mta])
    run = manifest["runs"][mta]
    assert run["error"] is None, run["error"]
    count = run["notices"][name]
    assert count == 1, f"{mta} wrote {count} notices for {name}; its log:\n{run['log']}"
    return parse((out / mta / f"{name}.eml").read_bytes())


def failed(report: BounceReport) -> dict[str, Bounce]:
    """The recipients the report gives as failed, by address (lower case)."""
    if report.kind is not Kind.FAILED:
        return {}
    return {b.address.lower(): b for b in report.recipients if b.action in (None, "failed")}


def permanent(bounce: Bounce | None) -> bool | None:
    """The parser's permanent-or-temporary bit: its own when it has one, else the class of
    the status it reports (RFC 3463: 5.x.x permanent, 4.x.x persistent transient)."""
    if bounce is None:
        return None
    own = getattr(bounce, "permanent", None)
    if isinstance(own, bool):
        return own
    return bounce.status.startswith("5") if bounce.status else None


def suppresses(bounce: Bounce) -> bool:
    """Whether the parser condemns the address: hard, and the recipient's fault where the
    report names whose fault it was."""
    party = getattr(bounce, "party", None)
    return bounce.hard and (party is None or str(party) == "recipient")


def expected(name: str) -> tuple[Expected, ...]:
    return SCENARIOS[name].failed


def has_failures(scenario: Scenario) -> bool:
    return bool(scenario.failed)


@pytest.mark.parametrize(("mta", "name"), cases("recipients"))
def test_the_notice_lists_exactly_the_failed_recipients(
    bed: tuple[Path, dict[str, Any]], mta: str, name: str
) -> None:
    report = notice(bed, mta, name)
    assert set(failed(report)) == {e.address for e in expected(name)}
    if not SCENARIOS[name].bounce:
        assert report.kind is Kind.DELAYED  # a delay warning is never a bounce


@pytest.mark.parametrize(("mta", "name"), cases("permanent", has_failures))
def test_each_failure_is_permanent_or_temporary_as_caused(
    bed: tuple[Path, dict[str, Any]], mta: str, name: str
) -> None:
    found = failed(notice(bed, mta, name))
    got = {e.address: permanent(found.get(e.address)) for e in expected(name)}
    assert got == {e.address: e.permanent for e in expected(name)}


@pytest.mark.parametrize(("mta", "name"), cases("suppress"))
def test_only_dead_addresses_are_suppressed(
    bed: tuple[Path, dict[str, Any]], mta: str, name: str
) -> None:
    report = notice(bed, mta, name)
    condemned = {
        b.address.lower()
        for b in report.recipients
        if suppresses(b) and report.kind is not Kind.DELAYED
    }
    assert condemned == {e.address for e in expected(name) if e.suppress}


@pytest.mark.parametrize(("mta", "name"), cases("reason", has_failures))
def test_each_failure_has_its_reason(bed: tuple[Path, dict[str, Any]], mta: str, name: str) -> None:
    found = failed(notice(bed, mta, name))
    reasons = {a: b.reason.value for a, b in found.items()}
    wrong = {
        e.address: reason
        for e in expected(name)
        if (reason := reasons.get(e.address)) not in e.reasons
    }
    assert wrong == {}
