"""Per-family scores of bounce_parser on the labelled corpus, and a leave-one-family-out check.

    python bench/score_families.py [--manifest PATH] [--json]

The corpus files are grouped by the family that wrote them (the manifest's ``engine_id``:
``lhost-exim``, ``rhost-microsoft``...). For each family the script reports the parser's
scores (the definitions of ../shared/tools/score_bounces.py: recall, precision, the
suppress-or-not bit against the label's hard flag, the stated status, the reason), then
which phrase entries (``Bounce.rule``, e.g. ``postfix:3``) fired *only* in that family, and
the family's scores again with those entries switched off: a rule that exists for one family
alone cannot have been written without it, so its score without them is the honest one.
Entries that fired in a single corpus file are listed too. Status-table entries
(``status:1.1``) and structural rules are not switched off: they come from the RFCs.

"Fired only in that family" counts the entry credited with a decision, and within a group a
narrower, sourced entry is credited before a broad one that matches the same text: adding a
provider's own entry can leave a broad rule credited in one family only, and switch it off
there although its words are in other families' replies too. A third row therefore switches
off only the family's own entries whose regex matches no other family's diagnostic text (a
rule that matches texts written elsewhere could have been written from them).
"""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

# The project's own tree, after PYTHONPATH: PYTHONPATH=<an older checkout> scores that one.
sys.path.append(str(Path(__file__).resolve().parents[1]))

from bounce_parser import Bounce, Reason, parse
from bounce_parser import text_rules as rules
from bounce_parser.classify import join_reply_lines

NON_FAILURE = {Reason.DELIVERED, Reason.VACATION, Reason.FEEDBACK}


def default_manifest() -> Path:
    configured = os.environ.get("BOUNCE_CORPUS")
    root = Path(configured) if configured else Path(__file__).resolve().parents[2] / "shared"
    return (root if configured else root / "corpus") / "manifest.json"


def norm(address: str) -> str:
    address = address.strip()
    if address.lower().startswith("rfc822;"):
        address = address[7:].strip()
    return address.strip("<>").strip().replace('"', "").lower()


@dataclass
class Tally:
    counts: dict[str, int] = field(default_factory=lambda: defaultdict(int))

    def ratio(self, num: str, den: str) -> float | None:
        return self.counts[num] / self.counts[den] if self.counts[den] else None

    def metrics(self) -> dict[str, float | None]:
        return {
            "recall": self.ratio("tp", "exp"),
            "precision": self.ratio("tp", "pred"),
            "suppress_bit": self.ratio("hard_ok", "tp"),
            "status": self.ratio("status_ok", "status_den"),
            "reason": self.ratio("reason_ok", "tp"),
        }


def score(expected: list[dict[str, object]], got: tuple[Bounce, ...], tally: Tally) -> set[str]:
    """Add one file's outcome to ``tally``; return the rules that decided its matched rows."""
    bounces = [e for e in expected if e["kind"] == "bounce"]
    index: dict[str, int] = {}
    for i, entry in enumerate(bounces):
        aliases = entry.get("aliases") or []
        assert isinstance(aliases, list)
        for alias in [entry["address"], *aliases]:
            index[norm(str(alias))] = i
    matched: dict[int, Bounce] = {}
    seen: set[str] = set()
    for bounce in got:
        address = norm(bounce.address)
        if address in seen or bounce.reason in NON_FAILURE or (bounce.status or "")[:1] == "2":
            continue
        seen.add(address)
        tally.counts["pred"] += 1
        found = index.get(address)
        if found is not None and found not in matched:
            matched[found] = bounce
    tally.counts["exp"] += len(bounces)
    tally.counts["tp"] += len(matched)
    fired: set[str] = set()
    for i, bounce in matched.items():
        want = bounces[i]
        tally.counts["hard_ok"] += bounce.hard == want["hardbounce"]
        tally.counts["reason_ok"] += bounce.reason.value == want["reason_snake"]
        if want["status"]:
            tally.counts["status_den"] += 1
            tally.counts["status_ok"] += bounce.status == want["status"]
        rule = getattr(bounce, "rule", None)  # older parsers did not name their rule
        if rule:
            fired.add(rule)
    return fired


def without(entry_ids: set[str]) -> None:
    """Rebuild the phrase groups without ``entry_ids`` (a measurement, never the product)."""
    kept = tuple(e for e in rules.ENTRIES if e.id not in entry_ids)
    rebuilt = tuple((reason, rules._compile(name, kept)) for name, reason in rules.GROUPS)
    rules._BY_GROUP = rebuilt
    rules.match_text.cache_clear()


def fmt(value: float | None) -> str:
    return "  -  " if value is None else f"{value:.3f}"


UNSOURCED = "unsourced"  # how en_generic.toml's entries begin their source


def family_scores(
    entries: list[dict[str, Any]], raws: dict[str, bytes]
) -> tuple[Tally, dict[str, Tally], dict[str, set[str]], dict[str, set[str]]]:
    """Overall and per-family tallies, and for each rule the families and files it fired in."""
    overall = Tally()
    by_family: dict[str, Tally] = defaultdict(Tally)
    rule_families: dict[str, set[str]] = defaultdict(set)
    rule_files: dict[str, set[str]] = defaultdict(set)
    for entry in entries:
        family = entry["engine_id"]
        got = parse(raws[entry["path"]]).recipients
        score(entry["expected"], got, overall)
        for rule in score(entry["expected"], got, by_family[family]):
            rule_families[rule].add(family)
            rule_files[rule].add(entry["path"])
    return overall, by_family, rule_families, rule_files


def matching_families(entries: list[dict[str, Any]], raws: dict[str, bytes]) -> dict[str, set[str]]:
    """For each phrase entry, the families in whose recipients' diagnostics its regex matches."""
    texts: dict[str, list[str]] = defaultdict(list)
    for entry in entries:
        for bounce in parse(raws[entry["path"]]).recipients:
            if bounce.diagnostic:
                texts[entry["engine_id"]].append(join_reply_lines(bounce.diagnostic).lower())
    found: dict[str, set[str]] = defaultdict(set)
    for phrase in getattr(rules, "ENTRIES", ()):
        regex = re.compile(phrase.pattern)
        for family, lows in texts.items():
            if any(regex.search(low) for low in lows):
                found[phrase.id].add(family)
    return found


def rescored(
    family: str, off: set[str], entries: list[dict[str, Any]], raws: dict[str, bytes]
) -> Tally:
    """One family's tally with the phrase entries ``off`` switched off."""
    original = rules._BY_GROUP
    without(off)
    tally = Tally()
    for entry in (e for e in entries if e["engine_id"] == family):
        score(entry["expected"], parse(raws[entry["path"]]).recipients, tally)
    rules._BY_GROUP = original
    rules.match_text.cache_clear()
    return tally


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--manifest", type=Path, default=default_manifest())
    ap.add_argument("--json", action="store_true", help="print one JSON object instead")
    args = ap.parse_args()
    manifest = json.loads(args.manifest.read_text())
    root = args.manifest.parent / manifest.get("corpus_dir", ".")
    entries = manifest["entries"]
    raws = {e["path"]: (root / e["path"]).read_bytes() for e in entries}
    overall, by_family, rule_families, rule_files = family_scores(entries, raws)

    table = getattr(rules, "ENTRIES", ())  # a parser from before the phrase tables has none
    unsourced = {e.id for e in table if e.source.startswith(UNSOURCED)}
    phrase_ids = {e.id for e in table}
    only: dict[str, set[str]] = defaultdict(set)
    for rule, families in rule_families.items():
        if rule in phrase_ids and len(families) == 1:
            only[next(iter(families))].add(rule)

    rows = []
    # Every family judged without the rules only it uses (strict), and without the unsourced
    # ones only it uses (a sourced entry comes from a document, not from this corpus).
    lofo, lofo_unsourced, lofo_matching = Tally(), Tally(), Tally()
    matches = matching_families(entries, raws)
    for family in sorted(by_family):
        strict = rescored(family, only[family], entries, raws) if only[family] else None
        own_unsourced = only[family] & unsourced
        loose = rescored(family, own_unsourced, entries, raws) if own_unsourced else None
        own_words = {r for r in only[family] if matches.get(r, set()) <= {family}}
        worded = rescored(family, own_words, entries, raws) if own_words else None
        for total, tally in ((lofo, strict), (lofo_unsourced, loose), (lofo_matching, worded)):
            for key, value in (tally or by_family[family]).counts.items():
                total.counts[key] += value
        rows.append(
            {
                "family": family,
                "files": sum(1 for e in entries if e["engine_id"] == family),
                "recipients": by_family[family].counts["exp"],
                "scores": by_family[family].metrics(),
                "rules_only_here": sorted(only[family]),
                "scores_without_them": strict.metrics() if strict else None,
                "scores_without_unsourced_ones": loose.metrics() if loose else None,
            }
        )
    single_file = sorted(r for r, f in rule_files.items() if r in phrase_ids and len(f) == 1)
    result = {
        "overall": overall.metrics(),
        "leave_one_family_out": lofo.metrics(),
        "leave_one_family_out_unsourced": lofo_unsourced.metrics(),
        "leave_one_family_out_matching": lofo_matching.metrics(),
        "families": rows,
        "phrase_rules_fired": sum(1 for r in rule_families if r in phrase_ids),
        "phrase_rules_fired_in_one_file": single_file,
    }
    if args.json:
        print(json.dumps(result, indent=1))
        return 0
    print_table(result)
    return 0


def print_table(result: dict[str, object]) -> None:
    names = ("recall", "precision", "suppress_bit", "status", "reason")
    overall = result["overall"]
    assert isinstance(overall, dict)
    print("overall      " + "  ".join(f"{n} {fmt(overall[n])}" for n in names))
    for key, label in (
        ("leave_one_family_out", "LOFO, all own rules off"),
        ("leave_one_family_out_unsourced", "LOFO, own unsourced off"),
        ("leave_one_family_out_matching", "LOFO, own words off"),
    ):
        lofo = result[key]
        assert isinstance(lofo, dict)
        print(f"{label:<26}" + "  ".join(f"{n} {fmt(lofo[n])}" for n in names))
    print(f"{'family':<24}{'files':>6}{'rcpt':>6}  " + " ".join(f"{n[:8]:>8}" for n in names))
    families = result["families"]
    assert isinstance(families, list)
    for row in families:
        cells = " ".join(f"{fmt(row['scores'][n]):>8}" for n in names)
        print(f"{row['family']:<24}{row['files']:>6}{row['recipients']:>6}  {cells}")
        if row["rules_only_here"]:
            cut = " ".join(f"{fmt(row['scores_without_them'][n]):>8}" for n in names)
            print(f"{'  without its own rules':<36}  {cut}")
        if row["scores_without_unsourced_ones"]:
            cut = " ".join(f"{fmt(row['scores_without_unsourced_ones'][n]):>8}" for n in names)
            print(f"{'  without its own unsourced':<36}  {cut}")
            print(f"{'':<4}only here: {', '.join(row['rules_only_here'])}")
    print(f"phrase rules that fired: {result['phrase_rules_fired']}")
    single = result["phrase_rules_fired_in_one_file"]
    assert isinstance(single, list)
    print(f"phrase rules that fired in one corpus file only ({len(single)}): {', '.join(single)}")


if __name__ == "__main__":
    sys.exit(main())
