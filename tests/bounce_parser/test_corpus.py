"""The labelled corpus of real bounces: parse() must stay above measured floors.

The corpus lives outside the project (../shared/corpus, or $BOUNCE_CORPUS). Metrics are
computed from manifest.json the way ../shared/tools/score_bounces.py computes them.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from bounce_parser import Bounce, Reason, parse

NON_FAILURE = {Reason.DELIVERED, Reason.VACATION, Reason.FEEDBACK}

# A little under what the parser reaches today; raise them as it improves.
FLOORS = {
    "recall": 0.99,
    "precision": 0.99,
    # Lowered when the en_generic entries no document could be found for were deleted (104,
    # kept only where a source was found): they had been written from this corpus, so what
    # they scored here was fit, not judgement (docs/bounces.md, leave-one-family-out).
    # Lowered again when "user unknown" was believed whatever generic status or stage comes
    # with it (issue #14; docomo's filter excepted): 14 recipients Sisimai labels filtered
    # are unknown users here (docs/bounces.md, deliberate differences).
    "perm_vs_hard": 0.91,
    "status_exact": 0.89,
    "reason": 0.83,
}


def corpus_dir() -> Path:
    configured = os.environ.get("BOUNCE_CORPUS")
    if configured:
        return Path(configured)
    return Path(__file__).resolve().parents[3] / "shared" / "corpus"


def norm(address: str) -> str:
    address = address.strip()
    if address.lower().startswith("rfc822;"):
        address = address[7:].strip()
    return address.strip("<>").strip().replace('"', "").lower()


@dataclass
class Tally:
    counts: dict[str, int] = field(default_factory=dict)

    def add(self, key: str, value: int | bool = 1) -> None:
        self.counts[key] = self.counts.get(key, 0) + int(value)

    def ratio(self, num: str, den: str) -> float:
        return self.counts.get(num, 0) / max(self.counts.get(den, 0), 1)


def score_file(expected: list[dict[str, object]], got: tuple[Bounce, ...], tally: Tally) -> None:
    bounces = [e for e in expected if e["kind"] == "bounce"]
    index: dict[str, int] = {}
    for i, entry in enumerate(bounces):
        for alias in [entry["address"], *entry.get("aliases", [])]:  # type: ignore[misc]
            index[norm(str(alias))] = i
    matched: dict[int, Bounce] = {}
    seen: set[str] = set()
    for bounce in got:
        address = norm(bounce.address)
        if address in seen:
            continue
        seen.add(address)
        if bounce.reason in NON_FAILURE or (bounce.status or "").startswith("2"):
            continue
        tally.add("pred")
        i = index.get(address)
        if i is not None and i not in matched:
            matched[i] = bounce
    tally.add("exp", len(bounces))
    tally.add("tp", len(matched))
    for i, bounce in matched.items():
        want = bounces[i]
        tally.add("hard_ok", bounce.hard == want["hardbounce"])
        tally.add("reason_ok", bounce.reason.value == want["reason_snake"])
        if want["status"]:
            tally.add("status_den")
            tally.add("status_ok", bounce.status == want["status"])


@pytest.fixture(scope="module")
def metrics() -> dict[str, float]:
    root = corpus_dir()
    manifest = root / "manifest.json"
    if not manifest.is_file():
        pytest.skip(f"no corpus at {root} (set BOUNCE_CORPUS to its folder)")
    entries = json.loads(manifest.read_text())["entries"]
    tally = Tally()
    for entry in entries:
        report = parse((root / entry["path"]).read_bytes())
        score_file(entry["expected"], report.recipients, tally)
    return {
        "recall": tally.ratio("tp", "exp"),
        "precision": tally.ratio("tp", "pred"),
        "perm_vs_hard": tally.ratio("hard_ok", "tp"),
        "status_exact": tally.ratio("status_ok", "status_den"),
        "reason": tally.ratio("reason_ok", "tp"),
    }


@pytest.mark.parametrize("metric", sorted(FLOORS))
def test_corpus_metric_stays_above_its_floor(metrics: dict[str, float], metric: str) -> None:
    assert metrics[metric] >= FLOORS[metric], f"{metric} = {metrics[metric]:.3f}"
