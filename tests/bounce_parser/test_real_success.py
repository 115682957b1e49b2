"""Success, relay and delay notices real MTAs write when the sender asks for them (RFC 3461
NOTIFY=SUCCESS,DELAY,FAILURE; tests/support/real_success.py): only a recipient the remote
server refused is failed; a delivered, relayed, expanded or delayed one never is, and no such
notice suppresses anyone (SPEC; issue 14: a delay notice is never a bounce).

The notices of one run are kept in ``real_success/`` (Postfix 3.7, Exim 4.96, OpenSMTPD 6.8,
Sendmail 8.17, Courier 1.0.16; manifest.json labels each by construction) so the parser is
checked on them anywhere; where the MTAs and root are present the bed runs again and the same
checks hold on its fresh notices.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from bounce_parser import BounceReport, Kind, Party, parse
from tests.bounce_parser.real_notices import read_manifest, run_live
from tests.support import real_success

HERE = Path(__file__).parent / "real_success"
SUCCESS_ACTIONS = frozenset({"delivered", "relayed", "expanded"})


def manifest(root: Path = HERE) -> dict[str, Any]:
    return read_manifest(root)


def failed(report: BounceReport) -> set[str]:
    """The recipients the report gives as failed."""
    if report.kind is not Kind.FAILED:
        return set()
    return {b.address.lower() for b in report.recipients if b.action in (None, "failed")}


def wrong(root: Path, entry: dict[str, Any]) -> list[str]:
    """What the parser gets wrong on one labelled notice (nothing: [])."""
    report = parse((root / entry["path"]).read_bytes())
    expected = {e["address"]: e for e in entry["expected"]}
    found = {b.address.lower(): b for b in report.recipients}
    problems = []
    if failed(report) != set(expected):
        problems.append(f"failed {sorted(failed(report))}, not {sorted(expected)}")
    if not expected and report.kind is Kind.FAILED:
        problems.append("a notice of no failure read as a failure notice")
    condemned = {a for a, b in found.items() if b.hard}
    if condemned != {a for a, e in expected.items() if e["hardbounce"]}:
        problems.append(f"suppresses {sorted(condemned)}")
    for address, want in expected.items():
        bounce = found.get(address)
        if bounce is None:
            continue
        code = str(bounce.reply_code) if bounce.reply_code is not None else ""
        got = (bounce.status, code, bounce.reason.value, bounce.permanent)
        if got != (want["status"], want["reply_code"], want["reason_snake"], want["permanent"]):
            problems.append(f"{address}: {got}")
        if want["hardbounce"] and bounce.party is not Party.RECIPIENT:
            problems.append(f"{address}: party {bounce.party}")
    for address, bounce in found.items():
        outcome = entry["outcomes"].get(address)
        if outcome not in (None, "failed") and bounce.action not in {*SUCCESS_ACTIONS, "delayed"}:
            problems.append(f"{address} ({outcome}) given Action {bounce.action}")
        if bounce.action in SUCCESS_ACTIONS and (bounce.reply_code or 0) >= 400:
            # a delivered or relayed recipient's reply is its own, never a neighbour's refusal
            problems.append(f"{address} ({bounce.action}) given the reply {bounce.diagnostic}")
    return problems


def entries() -> list[Any]:
    return [pytest.param(e, id=e["path"]) for e in manifest()["entries"]]


@pytest.mark.parametrize("entry", entries())
def test_only_refused_recipients_are_failed_and_nothing_else_suppressed(
    entry: dict[str, Any],
) -> None:
    assert wrong(HERE, entry) == []


def test_the_set_has_every_kind_of_notice() -> None:
    # Read with the standard library, not the parser: the Actions each MTA wrote.
    written = {
        action
        for run in manifest()["runs"].values()
        for notices in run["actions"].values()
        for notice in notices
        for action in notice.values()
    }
    assert written == {"delivered", "relayed", "expanded", "delayed", "failed"}


def bed_faults(found: dict[str, Any]) -> list[str]:
    """What the bed itself must show: NOTIFY=NEVER (on a recipient the next hop refused) and a
    DSN-announcing next hop bring nothing back; that next hop got the request (NOTIFY) with
    the message; NOTIFY=SUCCESS alone brings no delay warning."""
    faults = []
    for mta, run in found["runs"].items():
        assert run["error"] is None, run["error"]
        for name in ("never", "passed_on"):
            if run["notices"][name] != 0:
                faults.append(f"{mta}: {run['notices'][name]} notices for {name}")
        if "NOTIFY=" not in run["dsn_passed_on"].get("reader@mx.test", ""):
            faults.append(f"{mta}: no NOTIFY passed on: {run['dsn_passed_on']}")
        if not run["attempts"].get("vanished@plain.test"):
            faults.append(f"{mta}: the NOTIFY=NEVER recipient was never tried")
        # NOTIFY=SUCCESS alone: no delay warning, though the recipient was deferred past its time
        warned = [
            n for n in run["actions"].get("success_only_deferred", []) if "delayed" in n.values()
        ]
        if warned or run["notices"].get("success_only_deferred", 1) != 1:
            faults.append(
                f"{mta}: {run['actions'].get('success_only_deferred')} for NOTIFY=SUCCESS"
            )
    return faults


def test_the_stored_run_honoured_never_and_passed_the_request_on() -> None:
    assert bed_faults(manifest()) == []


@pytest.fixture(scope="module")
def fresh(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, Any]]:
    """The bed run once more (about 15 s, all its MTAs at once)."""
    why = real_success.real_mta.isolation_missing()
    if why is None and len(real_success.missing()) == len(real_success.MTAS):
        why = "; ".join(real_success.missing().values())
    return run_live(tmp_path_factory, why, "real-success", real_success.generate)


def live(mta: str) -> Any:
    marks = [] if mta == real_success.MTAS[0] else [pytest.mark.slow]
    return pytest.param(mta, marks=marks, id=mta)


@pytest.mark.parametrize("mta", [live(m) for m in real_success.MTAS])
def test_a_fresh_run_reads_the_same(fresh: tuple[Path, dict[str, Any]], mta: str) -> None:
    out, found = fresh
    if mta in found["unavailable"]:
        pytest.skip(found["unavailable"][mta])
    assert [f for f in bed_faults(found) if f.startswith(f"{mta}:")] == []
    mine = [e for e in found["entries"] if e["engine_id"] == f"real-{mta}"]
    assert mine, f"{mta} wrote no notice"
    assert {e["path"]: wrong(out, e) for e in mine} == {e["path"]: [] for e in mine}
