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
rule that matches texts written elsewhere could have been written from them). A fourth row
is the third with the deliberate differences of docs/bounces.md ("Where the verdict
deliberately differs") counted as right where the parser gives the documented verdict: it
stands next to the label-true rows, never instead of them. ``--losses`` lists every recipient
that is wrong with its family's own words off but right with them on.
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

# docs/bounces.md, "Where the verdict deliberately differs from the corpus labels": the
# recipient (file stem, labelled address) and the verdict the parser gives on purpose.
_UNKNOWN = {"hard": True, "reason": "user_unknown"}
_DISABLED = {"hard": True}
DELIBERATE: dict[tuple[str, str], dict[str, object]] = {
    # a disabled address is hard (SPEC); Sisimai calls it soft
    ("rhost-iua-01", "neko@email.example.ua"): _DISABLED,
    ("lhost-dragonfly-21", "suspend@libsisimai.net"): _DISABLED,
    ("lhost-dragonfly-27", "neko-nyaan@example.org"): _DISABLED,
    ("lhost-sendmail-35", "kijitora@example.org"): _DISABLED,
    # "550 5.7.1 550 User Unknown": an unknown user by precedence rule 2
    ("lhost-messagingserver-03", "sabineko@example.org"): _UNKNOWN,
    ("lhost-messagingserver-03", "mikeneko@example.org"): _UNKNOWN,
    # a final notice quoting "450 4.0.0 Temporary failure" is expired
    ("lhost-receivingses-03", "temperror@neko.example.jp"): {"reason": "expired"},
    # Postfix's access-table "Recipient address rejected: Access denied" under 5.7.1
    ("lhost-exim-30", "kijitora@exmaple.ch"): {"hard": False, "reason": "security_error"},
    # fifth pass: "user unknown" under a generic status or after DATA
    ("lhost-amazonworkmail-02", "sabineko@example.jp"): _UNKNOWN,
    ("lhost-messagingserver-06", "kijitora@example.jp"): _UNKNOWN,
    ("lhost-sendmail-02", "filtered@example.com"): _UNKNOWN,
    ("lhost-zoho-02", "mikeneko@example.co.jp"): _UNKNOWN,
    ("lhost-sendmail-27", "this-local-part-does-not-exist-on-the-system@mineo.jp"): _UNKNOWN,
    ("lhost-sendmail-48", "pseudo-local-part-kijitora-nyaan@sfr.fr"): _UNKNOWN,
    ("lhost-courier-02", "kijitora@example.jp"): _UNKNOWN,
    ("lhost-sendmail-19", "kijitora@ntt.example.ne.jp"): _UNKNOWN,
    ("lhost-sendmail-40", "kijitora@ntt.example.ne.jp"): _UNKNOWN,
    ("lhost-messagingserver-08", "otsu-sakaba-hunter-neko-nyaaaaaaan@ezweb.ne.jp"): _UNKNOWN,
    ("lhost-sendmail-50", "otsu-sakaba-hunter-neko-nyaaaaaaan@ezweb.ne.jp"): _UNKNOWN,
    ("lhost-sendmail-51", "otsu-sakaba-hunter-neko-nyaaaaaaan@ezweb.ne.jp"): _UNKNOWN,
    ("lhost-yahoo-06", "otsu-sakaba-hunter-neko-nyaaaaaaan@ezweb.ne.jp"): {
        **_UNKNOWN,
        "status": "5.0.911",  # the pseudo status follows the reason
    },
    ("lhost-office365-04", "otsu-sakaba-hunter-nyaaaaaaan@ezweb.ne.jp"): _UNKNOWN,
}


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


FIELDS = ("hard", "status", "reason")


def field_of(bounce: Bounce, name: str) -> object:
    """The parser's value of one scored field."""
    return bounce.reason.value if name == "reason" else getattr(bounce, name)


def label_of(want: dict[str, object], name: str) -> object:
    """The label's value of one scored field (``None``: the label states no status)."""
    value = want[{"hard": "hardbounce", "reason": "reason_snake"}.get(name, name)]
    return None if name == "status" and not value else value


def match(
    expected: list[dict[str, object]], got: tuple[Bounce, ...]
) -> tuple[list[dict[str, object]], dict[int, Bounce], int]:
    """The labelled bounces, the parser's recipient matched to each, and how many it reported."""
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
        found = index.get(address)
        if found is not None and found not in matched:
            matched[found] = bounce
    return bounces, matched, len(seen)


def score(
    expected: list[dict[str, object]],
    got: tuple[Bounce, ...],
    tally: Tally,
    accepted: dict[str, dict[str, object]] | None = None,
) -> set[str]:
    """Add one file's outcome to ``tally``; return the rules that decided its matched rows.

    ``accepted`` maps a labelled address to the verdict documented as a deliberate difference:
    a field that equals it counts as right (the fourth LOFO row only).
    """
    bounces, matched, predicted = match(expected, got)
    tally.counts["pred"] += predicted
    tally.counts["exp"] += len(bounces)
    tally.counts["tp"] += len(matched)
    fired: set[str] = set()
    for i, bounce in matched.items():
        want = bounces[i]
        documented = (accepted or {}).get(norm(str(want["address"])), {})
        ok = {
            name: field_of(bounce, name) == label_of(want, name)
            or (name in documented and field_of(bounce, name) == documented[name])
            for name in FIELDS
        }
        tally.counts["hard_ok"] += ok["hard"]
        tally.counts["reason_ok"] += ok["reason"]
        if want["status"]:
            tally.counts["status_den"] += 1
            tally.counts["status_ok"] += ok["status"]
        rule = getattr(bounce, "rule", None)  # older parsers did not name their rule
        if rule:
            fired.add(rule)
    return fired


def stem(entry: dict[str, Any]) -> str:
    """A corpus file's name without its folder and suffix (``lhost-exim-30``)."""
    return Path(entry["path"]).stem


def documented_for(entry: dict[str, Any]) -> dict[str, dict[str, object]]:
    """The deliberate differences documented for one corpus file, by labelled address."""
    name = stem(entry)
    return {address: verdict for (file, address), verdict in DELIBERATE.items() if file == name}


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
    family: str,
    off: set[str],
    entries: list[dict[str, Any]],
    raws: dict[str, bytes],
    lenient: bool = False,
) -> Tally:
    """One family's tally with the phrase entries ``off`` switched off.

    ``lenient`` counts the documented deliberate differences as right (``DELIBERATE``).
    """
    original = rules._BY_GROUP
    without(off)
    tally = Tally()
    for entry in (e for e in entries if e["engine_id"] == family):
        accepted = documented_for(entry) if lenient else None
        score(entry["expected"], parse(raws[entry["path"]]).recipients, tally, accepted)
    rules._BY_GROUP = original
    rules.match_text.cache_clear()
    return tally


def losses(
    family: str, off: set[str], entries: list[dict[str, Any]], raws: dict[str, bytes]
) -> list[dict[str, str]]:
    """Every field of the family's recipients that is right with ``off`` on and wrong without."""
    chosen = [e for e in entries if e["engine_id"] == family]
    with_them = {e["path"]: match(e["expected"], parse(raws[e["path"]]).recipients) for e in chosen}
    original = rules._BY_GROUP
    without(off)
    try:
        bare = {
            e["path"]: match(e["expected"], parse(raws[e["path"]]).recipients)[1] for e in chosen
        }
    finally:
        rules._BY_GROUP = original
        rules.match_text.cache_clear()
    found = []
    for entry in chosen:
        bounces, matched, _ = with_them[entry["path"]]
        for i, bounce in matched.items():
            other = bare[entry["path"]].get(i)
            for name in FIELDS:
                label = label_of(bounces[i], name)
                if label is None or field_of(bounce, name) != label:
                    continue
                if other is not None and field_of(other, name) == label:
                    continue
                found.append(
                    {
                        "file": stem(entry),
                        "family": family,
                        "address": str(bounces[i]["address"]),
                        "field": name,
                        "ours": str(field_of(other, name) if other else None),
                        "label": str(label),
                        "rule_on": str(getattr(bounce, "rule", None)),
                        "rule_off": str(getattr(other, "rule", None)),
                        "diagnostic": join_reply_lines(bounce.diagnostic or ""),
                    }
                )
    return found


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--manifest", type=Path, default=default_manifest())
    ap.add_argument("--json", action="store_true", help="print one JSON object instead")
    ap.add_argument(
        "--losses",
        action="store_true",
        help="list the recipients wrong with their family's own words off, right with them on",
    )
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
    lofo_documented = Tally()
    matches = matching_families(entries, raws)
    lost: list[dict[str, str]] = []
    for family in sorted(by_family):
        strict = rescored(family, only[family], entries, raws) if only[family] else None
        own_unsourced = only[family] & unsourced
        loose = rescored(family, own_unsourced, entries, raws) if own_unsourced else None
        own_words = {r for r in only[family] if matches.get(r, set()) <= {family}}
        worded = rescored(family, own_words, entries, raws) if own_words else None
        documented = rescored(family, own_words, entries, raws, lenient=True)
        if args.losses and own_words:
            lost.extend(losses(family, own_words, entries, raws))
        for total, tally in (
            (lofo, strict),
            (lofo_unsourced, loose),
            (lofo_matching, worded),
            (lofo_documented, documented),
        ):
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
        "leave_one_family_out_matching_deliberate_as_right": lofo_documented.metrics(),
        "families": rows,
        "phrase_rules_fired": sum(1 for r in rule_families if r in phrase_ids),
        "phrase_rules_fired_in_one_file": single_file,
    }
    if args.losses:
        result["own_words_losses"] = lost
    if args.json:
        print(json.dumps(result, indent=1))
        return 0
    if args.losses:
        print_losses(lost)
        return 0
    print_table(result)
    return 0


def print_losses(lost: list[dict[str, str]]) -> None:
    """One line per field lost with the family's own words off: file, family, field, values."""
    head = ("file", "family", "address", "field", "ours (own words off)", "label", "rule on")
    print("\t".join((*head, "rule off", "diagnostic")))
    for row in lost:
        print("\t".join(row[k] for k in row))
    print(f"{len(lost)} fields, {len({(r['file'], r['address']) for r in lost})} recipients")


def print_table(result: dict[str, object]) -> None:
    names = ("recall", "precision", "suppress_bit", "status", "reason")
    overall = result["overall"]
    assert isinstance(overall, dict)
    rows = (
        ("leave_one_family_out", "LOFO, all own rules off"),
        ("leave_one_family_out_unsourced", "LOFO, own unsourced off"),
        ("leave_one_family_out_matching", "LOFO, own words off"),
        # Not a label-true score: docs/bounces.md's deliberate differences counted as right.
        (
            "leave_one_family_out_matching_deliberate_as_right",
            "LOFO, own words off, deliberate diffs right (NOT label-true)",
        ),
    )
    width = max(len(label) for _, label in rows) + 2
    print(f"{'overall':<{width}}" + "  ".join(f"{n} {fmt(overall[n])}" for n in names))
    for key, label in rows:
        lofo = result[key]
        assert isinstance(lofo, dict)
        print(f"{label:<{width}}" + "  ".join(f"{n} {fmt(lofo[n])}" for n in names))
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
