"""bench/score_families.py: the deliberate-differences row and the own-words losses listing.

Run on the shared labelled corpus (../shared/corpus or $BOUNCE_CORPUS); skipped without it.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest

from bench import score_families as sf
from bounce_parser import parse


def manifest_path() -> Path:
    configured = os.environ.get("BOUNCE_CORPUS")
    if configured:
        return Path(configured) / "manifest.json"
    return Path(__file__).resolve().parents[3] / "shared" / "corpus" / "manifest.json"


@pytest.fixture(scope="module")
def corpus() -> tuple[dict[str, dict[str, Any]], dict[str, bytes]]:
    path = manifest_path()
    if not path.exists():
        pytest.skip(f"no labelled corpus at {path}")
    manifest = json.loads(path.read_text())
    root = path.parent / manifest.get("corpus_dir", ".")
    entries = {sf.stem(e): e for e in manifest["entries"]}
    raws = {e["path"]: (root / e["path"]).read_bytes() for e in manifest["entries"]}
    return entries, raws


def test_a_documented_difference_counts_only_in_the_lenient_tally(
    corpus: tuple[dict[str, dict[str, Any]], dict[str, bytes]],
) -> None:
    entries, raws = corpus
    entry = entries["lhost-exim-30"]  # Postfix's "Access denied" under 5.7.1: not suppressed
    got = parse(raws[entry["path"]]).recipients
    strict, lenient, other = sf.Tally(), sf.Tally(), sf.Tally()
    sf.score(entry["expected"], got, strict)
    sf.score(entry["expected"], got, lenient, sf.documented_for(entry))
    address = str(entry["expected"][0]["address"])
    sf.score(entry["expected"], got, other, {address: {"hard": True, "reason": "blocked"}})
    assert (strict.counts["hard_ok"], strict.counts["reason_ok"]) == (0, 0)
    assert (lenient.counts["hard_ok"], lenient.counts["reason_ok"]) == (1, 1)
    assert (other.counts["hard_ok"], other.counts["reason_ok"]) == (0, 0)


def test_every_deliberate_difference_is_a_labelled_recipient_given_that_verdict(
    corpus: tuple[dict[str, dict[str, Any]], dict[str, bytes]],
) -> None:
    entries, raws = corpus
    for (name, address), verdict in sf.DELIBERATE.items():
        entry = entries[name]
        bounces, matched, _ = sf.match(entry["expected"], parse(raws[entry["path"]]).recipients)
        index = [sf.norm(str(b["address"])) for b in bounces].index(address)
        ours = {field: sf.field_of(matched[index], field) for field in verdict}
        assert ours == verdict, name


def test_losses_name_the_field_its_family_loses_without_the_entry(
    corpus: tuple[dict[str, dict[str, Any]], dict[str, bytes]],
) -> None:
    entries, raws = corpus
    chosen = [entries["rhost-tencent-01"]]
    family = chosen[0]["engine_id"]
    assert sf.losses(family, set(), chosen, raws) == []
    lost = sf.losses(family, {"providers:71"}, chosen, raws)  # QQ's "Ip frequency limited"
    assert [(r["file"], r["field"], r["ours"], r["label"]) for r in lost] == [
        ("rhost-tencent-01", "reason", "filtered", "too_many_conn")
    ]
    assert "frequency limited" in lost[0]["diagnostic"]
    again = parse(raws[chosen[0]["path"]]).recipients[0]
    assert again.rule == "providers:71"  # the phrase groups are restored afterwards
