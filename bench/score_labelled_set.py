"""Score the parser on a bed's stored notices (a tests/bounce_parser/real_*/ directory with
its manifest.json) on every label the beds set, and list each miss:

    .venv/bin/python bench/score_labelled_set.py tests/bounce_parser/real_receivers_sm_courier_exim

(several directories may be named)

recall and precision (failed recipients), suppress bit, permanence, whose fault (``party``),
reason (under the first label and under any accepted one), status and reply code; and, where
the set has notices that are no bounce (``"bounce": false``: auto-replies and the like), what
the parser took each for: the relay ignores an auto-reply and a delay warning whole
(relay/bounce/recorder.py) and records an unparsed notice tied to a copy as one unreadable
bounce, so such a notice read as ``failed`` or ``unparsed`` is listed as a miss.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bounce_parser import SUCCESS_ACTIONS, Kind, parse  # noqa: E402

MEASURES = ("suppress", "permanent", "party", "reason_first", "reason", "status", "reply_code")


def score(directory: Path) -> tuple[Counter[str], int, int, list[str]]:
    """Per-measure hits, the expected and reported failed recipients, and the misses (the
    not-bounce notices' kinds counted in ``hits`` as ``not_bounce:<kind>``)."""
    manifest = json.loads((directory / "manifest.json").read_text(encoding="utf-8"))
    hits: Counter[str] = Counter()
    expected_total = reported_total = 0
    misses = []
    for entry in manifest["entries"]:
        report = parse((directory / entry["path"]).read_bytes())
        if not entry.get("bounce", True):
            hits[f"not_bounce:{report.kind.value}"] += 1
            if report.kind in (Kind.FAILED, Kind.UNPARSED):
                misses.append(f"{entry['scenario']}: no bounce, read as {report.kind.value}")
        if report.kind in (Kind.AUTO_REPLY, Kind.DELAYED):
            # the recorder ignores the whole notice: a bounce so read loses every failed
            # recipient it has
            for want in entry["expected"]:
                expected_total += 1
                misses.append(
                    f"{entry['scenario']}: {want['address']} not reported (read as "
                    f"{report.kind.value})"
                )
            continue
        # the recipients the relay records as failed (relay/bounce/recorder.py): a delayed
        # one (a delay warning's, or still queued beside a failed one) and a delivered,
        # relayed or expanded one are never bounces
        failed = [
            b
            for b in report.recipients
            if b.action != "delayed" and b.action not in SUCCESS_ACTIONS
        ]
        found = {b.address.lower(): b for b in failed}
        reported_total += len(found)
        for want in entry["expected"]:
            expected_total += 1
            got = found.get(want["address"].lower())
            if got is None:
                misses.append(f"{entry['scenario']}: {want['address']} not reported")
                continue
            hits["matched"] += 1
            checks = {
                "suppress": got.suppresses is want["hardbounce"],
                "permanent": got.permanent is want["permanent"],
                "party": got.party.value == want.get("party"),
                "reason_first": got.reason.value == want["reason_snake"],
                "reason": got.reason.value in want["reason_accept"],
                "status": got.status == want["status"],
                "reply_code": ("" if got.reply_code is None else str(got.reply_code))
                == want["reply_code"],
            }
            for name, ok in checks.items():
                hits[name] += ok
            wrong = [name for name, ok in checks.items() if not ok and name != "reason_first"]
            if wrong:
                misses.append(
                    f"{entry['scenario']}: {want['address']}: wrong {', '.join(wrong)} (got "
                    f"suppress={got.suppresses} permanent={got.permanent} "
                    f"party={got.party.value} reason={got.reason.value} status={got.status} "
                    f"reply={got.reply_code}; want party={want.get('party')} "
                    f"reason={want['reason_accept']} status={want['status']})"
                )
    return hits, expected_total, reported_total, misses


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("directories", type=Path, nargs="+")
    args = parser.parse_args()
    for directory in args.directories:
        hits, expected, reported, misses = score(directory)
        matched = hits["matched"]
        line = [f"{directory.name}: {expected} failed recipients"]
        line.append(f"recall {matched / expected:.3f}")
        line.append(f"precision {matched / reported:.3f}" if reported else "precision -")
        line += [f"{m} {hits[m] / matched:.3f}" for m in MEASURES if matched]
        kinds = sorted((k.split(":")[1], n) for k, n in hits.items() if k.startswith("not_"))
        if kinds:
            line.append("no bounce read as " + ", ".join(f"{k} {n}" for k, n in kinds))
        print("; ".join(line))
        for miss in misses:
            print(f"  {miss}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
