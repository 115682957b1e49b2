"""Leave one phrase table out: the stored notices read without each table, against the full reading.

    python bench/score_tables_out.py [--json] [--table T ...] [--list]

A server nobody has written a table for is judged by the general readings alone (the status
and reply-code meanings of status_codes.py and precedence.py, the generic words of
en_generic.toml). For each phrase table ``T`` of ``bounce_parser/data/phrases`` other than
en_generic, this reads every notice stored under tests/bounce_parser (the composed sets and the
real-MTA beds' ``real_*`` notices) with T's entries switched off (``tables_off``: a
measurement, the product's loading path is untouched) and counts, per failed recipient of the
full reading: a different suppress bit, whose fault (party), reason; a recipient lost; and
good addresses suppressed (labelled not hard in the set's manifest, suppressed with T out but
not with every table on). The honest number is T's own: of the recipients whose full verdict
is credited to an entry of T (``Bounce.rule``), how many keep their suppress bit with T out,
and of those the sets label, how many are right with T on and with T off.

Only notices where one of T's regexes matches a text the parser asked about (recorded during
the full reading) are read again: with no such match, switching T off changes no answer. The
tables are listed by how many verdicts depend on them (suppress bit, party or reason changed,
or the recipient lost).
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bounce_parser import SUCCESS_ACTIONS, Bounce, parse  # noqa: E402
from bounce_parser import text_rules as rules  # noqa: E402

STORED = ROOT / "tests" / "bounce_parser"
GENERAL = "en_generic"  # the general reading's own words: never switched off here


def stored_notices() -> list[Path]:
    """Every stored notice: the composed sets' and the real-MTA beds'."""
    found = {*STORED.glob("composed/*.eml"), *STORED.glob("real_*/**/*.eml")}
    return sorted(found)


def labels() -> dict[tuple[Path, str], bool]:
    """The sets' suppress labels (``hardbounce``), by notice file and lower-cased address."""
    found: dict[tuple[Path, str], bool] = {}
    manifests = [*STORED.glob("composed/manifest*.json"), *STORED.glob("real_*/manifest.json")]
    for path in sorted(manifests):
        manifest = json.loads(path.read_text(encoding="utf-8"))
        root = path.parent / manifest.get("corpus_dir", ".")
        for entry in manifest["entries"]:
            for want in entry.get("expected", ()):
                if want.get("kind", "bounce") == "bounce" and "hardbounce" in want:
                    key = ((root / entry["path"]).resolve(), want["address"].lower())
                    found.setdefault(key, bool(want["hardbounce"]))
    return found


def tables() -> list[str]:
    """The phrase tables' names, without the general one."""
    return sorted({e.id.split(":")[0] for e in rules.ENTRIES} - {GENERAL})


def _clear() -> None:
    for cached in (rules.match_text, rules.says_gave_up, rules.match_flag, rules._present):
        cached.cache_clear()


@contextmanager
def tables_off(*names: str) -> Iterator[None]:
    """The parser with the entries of the tables ``names`` switched off (groups, flags and the
    gave-up words rebuilt without them), restored on exit. A measurement, never the product."""
    saved = rules._BY_GROUP, rules._FLAGS, rules._GAVE_UP
    kept = tuple(e for e in rules.ENTRIES if e.id.split(":")[0] not in names)
    rules._BY_GROUP = tuple((reason, rules._compile(name, kept)) for name, reason in rules.GROUPS)
    rules._FLAGS = {name: rules._compile(name, kept) for name in rules.FLAGS}
    rules._GAVE_UP = rules._compile("expired", tuple(e for e in kept if e.gave_up))
    _clear()
    try:
        yield
    finally:
        rules._BY_GROUP, rules._FLAGS, rules._GAVE_UP = saved
        _clear()


def failed(raw: bytes) -> dict[str, Bounce]:
    """The notice's failed recipients (what the relay records), by lower-cased address."""
    return {
        b.address.lower(): b
        for b in parse(raw).recipients
        if b.action != "delayed" and b.action not in SUCCESS_ACTIONS
    }


def read_recording(raw: bytes) -> tuple[dict[str, Bounce], frozenset[str]]:
    """The full reading of one notice, and every (lower-cased) text the tables were asked about."""
    asked: set[str] = set()
    original = rules._present

    def recording(low: str) -> frozenset[str]:
        asked.add(low)
        return original(low)

    _clear()
    setattr(rules, "_present", recording)  # noqa: B010 (a measurement's wrapper)
    try:
        read = failed(raw)
    finally:
        setattr(rules, "_present", original)  # noqa: B010
    return read, frozenset(asked)


@dataclass
class Row:
    """One table's counts."""

    table: str
    entries: int
    counts: Counter[str] = field(default_factory=Counter)
    changes: list[str] = field(default_factory=list)

    @property
    def depending(self) -> int:
        counts = self.counts
        return counts["suppress"] + counts["party_only"] + counts["reason_only"] + counts["lost"]


def compare(row: Row, name: str, full: dict[str, Bounce], bare: dict[str, Bounce]) -> None:
    """Count one notice's differences with the row's table out; note each one."""
    for address, whole in full.items():
        other = bare.get(address)
        if other is None:
            row.counts["lost"] += 1
            row.changes.append(f"{name} {address}: lost ({whole.reason.value}, {whole.rule})")
            continue
        what = []
        if other.suppresses != whole.suppresses:
            row.counts["suppress"] += 1
            what.append(f"suppress {whole.suppresses}->{other.suppresses}")
            row.counts["newly_suppressed"] += other.suppresses
        if other.party != whole.party:
            row.counts["party"] += 1
            row.counts["party_only"] += not what
            what.append(f"party {whole.party.value}->{other.party.value}")
        if other.reason != whole.reason:
            row.counts["reason"] += 1
            row.counts["reason_only"] += not what
            what.append(f"reason {whole.reason.value}->{other.reason.value}")
        if what:
            row.changes.append(
                f"{name} {address}: {', '.join(what)} ({whole.rule} -> {other.rule}) "
                f"{(whole.diagnostic or '')[:160]!r}"
            )


def own_counts(
    row: Row,
    path: Path,
    full: dict[str, Bounce],
    bare: dict[str, Bounce],
    labelled: dict[tuple[Path, str], bool],
) -> None:
    """The table's own recipients (the full verdict credited to one of its entries)."""
    for address, whole in full.items():
        other = bare.get(address, whole)
        label = labelled.get((path.resolve(), address))
        if label is not None and other.suppresses and not whole.suppresses and not label:
            row.counts["good_suppressed"] += 1
        if not (whole.rule or "").startswith(f"{row.table}:"):
            continue
        row.counts["own"] += 1
        row.counts["own_kept"] += address in bare and other.suppresses == whole.suppresses
        if label is not None:
            row.counts["own_labelled"] += 1
            row.counts["own_right_on"] += whole.suppresses is label
            row.counts["own_right_off"] += address in bare and other.suppresses is label


def measure(names: list[str] | None = None) -> tuple[list[Row], dict[str, int]]:
    """Every table's row (``names``: only those), and the totals of the full reading."""
    labelled = labels()
    chosen = names or tables()
    notices = stored_notices()
    readings: dict[Path, tuple[bytes, dict[str, Bounce], frozenset[str]]] = {}
    for path in notices:
        raw = path.read_bytes()
        readings[path] = (raw, *read_recording(raw))
    totals = {
        "notices": len(notices),
        "recipients": sum(len(full) for _raw, full, _asked in readings.values()),
        "labelled": sum(
            (p.resolve(), a) in labelled for p, (_r, full, _a) in readings.items() for a in full
        ),
    }
    rows = []
    for table in chosen:
        own = [e for e in rules.ENTRIES if e.id.split(":")[0] == table]
        regexes = [re.compile(e.pattern) for e in own]
        row = Row(table, len(own))
        with tables_off(table):
            for path, (raw, full, asked) in readings.items():
                if not any(r.search(low) for low in asked for r in regexes):
                    own_counts(row, path, full, full, labelled)
                    continue
                row.counts["notices_read"] += 1
                bare = failed(raw)
                compare(row, str(path.relative_to(STORED)), full, bare)
                own_counts(row, path, full, bare, labelled)
        rows.append(row)
    rows.sort(key=lambda r: (-r.depending, -r.counts["own"], r.table))
    return rows, totals


COLUMNS = (
    ("entries", "entries"),
    ("read", "notices_read"),
    ("supp", "suppress"),
    ("party", "party"),
    ("reason", "reason"),
    ("lost", "lost"),
    ("+supp", "newly_suppressed"),
    ("good-s", "good_suppressed"),
    ("own", "own"),
    ("kept", "own_kept"),
)


def ratio(num: int, den: int) -> str:
    return f"{num / den:.3f}" if den else "  -  "


def print_table(rows: list[Row], totals: dict[str, int]) -> None:
    print(
        f"{totals['notices']} stored notices, {totals['recipients']} failed recipients "
        f"({totals['labelled']} labelled); each table out in turn"
    )
    head = "".join(f"{label:>7}" for label, _key in COLUMNS)
    print(f"{'table':<22}{head}{'kept%':>7}{'lab':>5}{'on':>7}{'off':>7}")
    total: Counter[str] = Counter()
    for row in rows:
        total.update(row.counts)
        cells = "".join(
            f"{row.counts[key] if key != 'entries' else row.entries:>7}" for _l, key in COLUMNS
        )
        c = row.counts
        print(
            f"{row.table:<22}{cells}{ratio(c['own_kept'], c['own']):>7}{c['own_labelled']:>5}"
            f"{ratio(c['own_right_on'], c['own_labelled']):>7}"
            f"{ratio(c['own_right_off'], c['own_labelled']):>7}"
        )
    cells = "".join(
        f"{total[key] if key != 'entries' else sum(r.entries for r in rows):>7}"
        for _l, key in COLUMNS
    )
    print(
        f"{'all tables, each out':<22}{cells}{ratio(total['own_kept'], total['own']):>7}"
        f"{total['own_labelled']:>5}{ratio(total['own_right_on'], total['own_labelled']):>7}"
        f"{ratio(total['own_right_off'], total['own_labelled']):>7}"
    )


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--json", action="store_true", help="print one JSON object instead")
    ap.add_argument("--table", action="append", help="only this table (repeatable)")
    ap.add_argument("--list", action="store_true", help="print every changed recipient")
    args = ap.parse_args()
    rows, totals = measure(args.table)
    if args.json:
        result = {
            "totals": totals,
            "tables": [
                {"table": r.table, "entries": r.entries, **r.counts, "changes": r.changes}
                for r in rows
            ],
        }
        print(json.dumps(result, indent=1))
        return 0
    print_table(rows, totals)
    if args.list:
        for row in rows:
            for change in row.changes:
                print(f"{row.table}\t{change}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
