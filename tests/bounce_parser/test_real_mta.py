"""The parser on returned messages that real Postfix, Exim, OpenSMTPD, Sendmail, dma,
nullmailer, Courier and Haraka write during the test, for failures a scripted remote server causes,
and that Postfix writes for what a real Dovecot refuses over LMTP: the labels are known by
construction (tests/support/real_mta.py, lmtp.py), not read from the notices.

Each (MTA, scenario) is checked for: exactly one notice; the failed recipients it lists;
for each, permanent or temporary; which addresses it condemns (permanent and the
recipient's fault); the reason. "Permanent" is the product's verdict (SPEC: a full mailbox
is temporary even under a 5xx reply). What the parser still gets wrong would be marked
xfail(strict) with its wrong answer (KNOWN_WRONG).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from bounce_parser import Bounce, BounceReport, Kind, parse
from tests.support import real_mta
from tests.support.real_mta import MTAS, Expected, Scenario, scenarios, stated_status

SCENARIOS = {s.name: s for s in scenarios()}

# What the parser still gets wrong, as (mta, scenario, check): reason, each marked
# xfail(strict) so that an improvement shows up as an XPASS to remove.
KNOWN_WRONG: dict[tuple[str, str, str], str] = {}


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
            if check != "recipients" or params:  # `make test` runs the first case only
                marks.append(pytest.mark.slow)
            params.append(
                pytest.param(mta, scenario.name, marks=marks, id=f"{mta}-{scenario.name}")
            )
    return params


@pytest.fixture(scope="module")
def bed(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, Any]]:
    """Every scenario on every MTA there is, run once (about 20 s, all MTAs at once)."""
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
    count, want = run["notices"][name], real_mta.notices_expected(mta, SCENARIOS[name])
    assert count == want, f"{mta} wrote {count} notices for {name}; its log:\n{run['log']}"
    if count == 1:
        return parse((out / mta / f"{name}.eml").read_bytes())
    # One notice per failed recipient (dma): read as one report of them all.
    reports = [
        parse((out / mta / f"{name}{f'-{n}' if n > 1 else ''}.eml").read_bytes())
        for n in range(1, count + 1)
    ]
    kinds = {r.kind for r in reports}
    return replace(
        reports[0],
        kind=Kind.FAILED
        if kinds == {Kind.FAILED}
        else next(k for k in kinds if k is not Kind.FAILED),
        recipients=tuple(b for r in reports for b in r.recipients),
    )


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


def expected(mta: str, name: str) -> tuple[Expected, ...]:
    return SCENARIOS[name].failed_for(mta)


def has_failures(scenario: Scenario) -> bool:
    return bool(scenario.failed)


@pytest.mark.parametrize(("mta", "name"), cases("recipients"))
def test_the_notice_lists_exactly_the_failed_recipients(
    bed: tuple[Path, dict[str, Any]], mta: str, name: str
) -> None:
    report = notice(bed, mta, name)
    assert set(failed(report)) == {e.address for e in expected(mta, name)}
    if not SCENARIOS[name].bounce:
        assert report.kind is Kind.DELAYED  # a delay warning is never a bounce


@pytest.mark.parametrize(("mta", "name"), cases("permanent", has_failures))
def test_each_failure_is_permanent_or_temporary_as_caused(
    bed: tuple[Path, dict[str, Any]], mta: str, name: str
) -> None:
    found = failed(notice(bed, mta, name))
    got = {e.address: permanent(found.get(e.address)) for e in expected(mta, name)}
    assert got == {e.address: e.permanent for e in expected(mta, name)}


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
    assert condemned == {e.address for e in expected(mta, name) if e.suppress}


def expires(scenario: Scenario) -> bool:
    return any(e.last_attempt is not None for e in scenario.failed)


@pytest.mark.parametrize(("mta", "name"), cases("status", expires))
def test_an_expiry_reports_the_last_replys_status(
    bed: tuple[Path, dict[str, Any]], mta: str, name: str
) -> None:
    # docs/bounces.md: the last reply's code where the notice quotes one (the scripted
    # reply's), else the Status field, what each MTA writes there when the queue lifetime
    # ends being known from its code (real_mta.py, EXPIRY_STATUS), not read from the notice.
    want = {e.address: stated_status(mta, e) for e in expected(mta, name)}
    if not any(want.values()):
        pytest.skip(f"{mta} states no status for an expiry (no DSN)")
    found = failed(notice(bed, mta, name))
    assert {a: (b.status if (b := found.get(a)) else None) for a in want} == want


def delivers(scenario: Scenario) -> bool:
    return bool(scenario.delivered)


@pytest.mark.parametrize(("mta", "name"), cases("delivered", delivers))
def test_the_recipients_that_were_only_deferred_are_delivered(
    bed: tuple[Path, dict[str, Any]], mta: str, name: str
) -> None:
    notice(bed, mta, name)  # the scenario ran, with its one notice
    delivered = set(bed[1]["runs"][mta]["delivered"])
    assert set(SCENARIOS[name].delivered) <= delivered


@pytest.mark.parametrize(("mta", "name"), cases("reason", has_failures))
def test_each_failure_has_its_reason(bed: tuple[Path, dict[str, Any]], mta: str, name: str) -> None:
    found = failed(notice(bed, mta, name))
    reasons = {a: b.reason.value for a, b in found.items()}
    wrong = {
        e.address: reason
        for e in expected(mta, name)
        if (reason := reasons.get(e.address)) not in e.reasons
    }
    assert wrong == {}
