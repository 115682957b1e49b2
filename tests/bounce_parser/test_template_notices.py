"""Notice templates of servers outside every other set (composed/templates.py, issue #14).

Eight servers that neither Debian packages nor the shared corpus has (hMailServer,
SmarterMail, Stalwart, Apache James, mox, maddy, XMail, Citadel) write their own notices
around the remote's reply; ``composed/manifest_templates.json`` labels every recipient by
construction. Each recipient must be read as labelled: found, the suppress bit, the status the
notice states, a reason the label accepts, and whose fault it is. A delay notice is never a
bounce. ``python -m tests.bounce_parser.test_template_notices`` prints the scores.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from bounce_parser import Bounce, Kind, Reason, parse
from bounce_parser.report import BounceReport

COMPOSED = Path(__file__).resolve().parent / "composed"
MANIFEST = COMPOSED / "manifest_templates.json"
NOT_BOUNCES = {Kind.DELAYED, Kind.AUTO_REPLY, Kind.RELAYED, Kind.EXPANDED}
NON_FAILURE = {Reason.DELIVERED, Reason.VACATION, Reason.FEEDBACK}

# What the parser still reads otherwise than the label: (notice, address) -> wrong fields.
KNOWN_WRONG: dict[tuple[str, str], frozenset[str]] = {}


def entries(manifest: Path = MANIFEST) -> list[dict[str, Any]]:
    return list(json.loads(manifest.read_text(encoding="utf-8"))["entries"])


@pytest.fixture(scope="module")
def parsed() -> dict[str, BounceReport]:
    return {e["path"]: parse((COMPOSED / e["path"]).read_bytes()) for e in entries()}


def failures(report: BounceReport) -> dict[str, Bounce]:
    if report.kind in NOT_BOUNCES:
        return {}
    return {
        b.address.lower(): b
        for b in report.recipients
        if b.reason not in NON_FAILURE and not (b.status or "").startswith("2")
    }


def wrong_fields(want: dict[str, Any], bounce: Bounce | None) -> frozenset[str]:
    if bounce is None:
        return frozenset({"found"})
    wrong = set()
    if bounce.hard != want["hardbounce"]:
        wrong.add("hard")
    if want["status"] and bounce.status != want["status"]:
        wrong.add("status")
    if bounce.reason.value not in want["reason_accept"]:
        wrong.add("reason")
    if bounce.party.value not in want["party"].split("|"):
        wrong.add("party")
    return frozenset(wrong)


def disagreements(
    parsed: dict[str, BounceReport], manifest: Path = MANIFEST
) -> dict[tuple[str, str], frozenset[str]]:
    found: dict[tuple[str, str], frozenset[str]] = {}
    for entry in entries(manifest):
        got = failures(parsed[entry["path"]])
        for want in entry["expected"]:
            if want["kind"] != "bounce":
                continue
            wrong = wrong_fields(want, got.get(want["address"].lower()))
            if wrong:
                found[(entry["path"], want["address"])] = wrong
    return found


def score(parsed: dict[str, BounceReport], manifest: Path = MANIFEST) -> dict[str, float]:
    """Recall, precision, suppress bit, stated status and reason, as the composed set's."""
    c = dict.fromkeys(("exp", "pred", "tp", "hard", "sden", "sok", "reason"), 0)
    for entry in entries(manifest):
        got = failures(parsed[entry["path"]])
        wanted = {x["address"].lower(): x for x in entry["expected"] if x["kind"] == "bounce"}
        c["exp"] += len(wanted)
        c["pred"] += len(got)
        for address, want in wanted.items():
            bounce = got.get(address)
            if bounce is None:
                continue
            c["tp"] += 1
            c["hard"] += bounce.hard == want["hardbounce"]
            c["reason"] += bounce.reason.value in want["reason_accept"]
            if want["status"]:
                c["sden"] += 1
                c["sok"] += bounce.status == want["status"]
    return {
        "recipients": c["exp"],
        "recall": c["tp"] / c["exp"],
        "precision": c["tp"] / max(c["pred"], 1),
        "suppress_bit": c["hard"] / max(c["tp"], 1),
        "status": c["sok"] / max(c["sden"], 1),
        "reason": c["reason"] / max(c["tp"], 1),
    }


def test_every_recipient_is_read_as_labelled(parsed: dict[str, BounceReport]) -> None:
    # An entry of KNOWN_WRONG that no longer disagrees fails here too: remove it with its fix.
    assert disagreements(parsed) == KNOWN_WRONG


def test_no_good_address_is_suppressed_and_no_sender_failure_blamed(
    parsed: dict[str, BounceReport],
) -> None:
    for entry in entries():
        got = failures(parsed[entry["path"]])
        for want in entry["expected"]:
            bounce = got.get(want["address"].lower())
            if bounce is None:
                continue
            assert not (bounce.hard and not want["hardbounce"]), (entry["path"], want)
            if "recipient" not in want["party"].split("|"):
                assert bounce.party.value != "recipient", (entry["path"], want)


def test_delay_notices_are_never_bounces(parsed: dict[str, BounceReport]) -> None:
    delays = [e for e in entries() if any(x["kind"] == "delayed" for x in e["expected"])]
    assert len(delays) >= 2
    for entry in delays:
        report = parsed[entry["path"]]
        assert report.kind is Kind.DELAYED, entry["path"]
        assert not any(b.hard for b in report.recipients), entry["path"]


def test_the_set_covers_eight_servers_and_names_each_source() -> None:
    servers = {e["engine_id"] for e in entries()}
    assert servers == {
        "hmailserver",
        "smartermail",
        "stalwart",
        "james",
        "mox",
        "maddy",
        "xmail",
        "citadel",
    }
    assert sum(len(e["expected"]) for e in entries()) >= 25
    assert any(len(e["expected"]) >= 3 for e in entries())
    for entry in entries():
        raw = (COMPOSED / entry["path"]).read_text(encoding="utf-8")
        assert f"X-Composed-Source: {entry['source']}" in raw, entry["path"]


if __name__ == "__main__":
    reports = {e["path"]: parse((COMPOSED / e["path"]).read_bytes()) for e in entries()}
    print(json.dumps({k: round(v, 3) for k, v in score(reports).items()}))
    for key, fields in sorted(disagreements(reports).items()):
        print(*key, sorted(fields))
