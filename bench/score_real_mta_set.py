"""Score the parser on a real-MTA bed's stored set of one writer (tests/bounce_parser/real_*/,
the notices of tests/support/real_mta.py's scenarios, named ``<scenario>.eml``) with the
checks of test_real_mta.py, and list each miss, label vs read:

    .venv/bin/python bench/score_real_mta_set.py tests/bounce_parser/real_chasquid chasquid

recall, suppress bit, permanence, reason (any accepted label, and the first label alone) and
status (where the bed states one: stated_status). The bed's labels have no whose-fault label,
so bench/score_labelled_set.py would count every party as a miss.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bounce_parser import Kind, parse  # noqa: E402
from tests.support import real_mta  # noqa: E402


def main(directory: Path, mta: str) -> None:
    total = found_n = suppress = permanent = reason = first = status = stated = 0
    misses = []
    for scenario in (s for s in real_mta.scenarios() if s.runs_on(mta)):
        report = parse((directory / f"{scenario.name}.eml").read_bytes())
        failed = report.recipients if report.kind is Kind.FAILED else ()
        found = {b.address.lower(): b for b in failed}
        for want in scenario.failed_for(mta):
            total += 1
            got = found.get(want.address)
            if got is None:
                misses.append(f"  {scenario.name}: {want.address} not found")
                continue
            found_n += 1
            checks = {
                "suppress": got.suppresses is want.suppress,
                "permanent": got.permanent is want.permanent,
                "reason": got.reason.value in want.reasons,
            }
            suppress += checks["suppress"]
            permanent += checks["permanent"]
            reason += checks["reason"]
            first += got.reason.value == want.reasons[0]
            if expected_status := real_mta.stated_status(mta, want):
                stated += 1
                checks["status"] = got.status == expected_status
                status += checks["status"]
            if not all(checks.values()):
                wrong = ", ".join(k for k, ok in checks.items() if not ok)
                misses.append(
                    f"  {scenario.name}: {want.address}: wrong {wrong} (got suppress="
                    f"{got.suppresses} permanent={got.permanent} reason={got.reason.value} "
                    f"status={got.status}; want suppress={want.suppress} permanent="
                    f"{want.permanent} reason={list(want.reasons)} status={expected_status})"
                )
    print(
        f"{directory.name} ({mta}): {total} failed recipients; recall {found_n / total:.3f}; "
        f"suppress {suppress}/{total} {suppress / total:.3f}; permanent {permanent / total:.3f}; "
        f"reason {reason}/{total} {reason / total:.3f} (first label {first / total:.3f}); "
        f"status {status}/{stated}"
    )
    print("\n".join(misses))


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit("usage: score_real_mta_set.py DIRECTORY MTA")
    main(Path(sys.argv[1]), sys.argv[2])
