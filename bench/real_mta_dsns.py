"""Returned messages written by real Postfix, Exim, OpenSMTPD, Sendmail, dma, nullmailer,
Courier and Haraka for scripted failures, as a labelled corpus that
/work/shared/tools/score_bounces.py scores.

    sudo .venv/bin/python bench/real_mta_dsns.py OUT_DIR
    python3 ../shared/tools/score_bounces.py --manifest OUT_DIR/manifest.json \\
        --cmd '.venv/bin/python -m bounce_parser --json' --per-engine

Runs the test bed of tests/bounce_parser/test_real_mta.py once (root: it makes a private
network and mount namespace; about 15 s): ``OUT_DIR/<mta>/<scenario>.eml`` and a
``manifest.json`` in the shared corpus's format, labelled by construction. A delay warning
is in it with no expected failure, so a parser that reports it as one scores a false alarm.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.support import real_mta  # noqa: E402


def main() -> int:
    """Generate the notices into the directory named on the command line."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path, help="directory for the notices and manifest.json")
    args = parser.parse_args()
    why = real_mta.isolation_missing()
    if why is not None:
        print(f"real_mta_dsns: {why}", file=sys.stderr)
        return 2
    unavailable = {mta: why for mta, why in real_mta.available().items() if why is not None}
    for mta, why in unavailable.items():
        print(f"real_mta_dsns: leaving out {mta}: {why}", file=sys.stderr)
    if len(unavailable) == len(real_mta.MTAS):
        return 2
    args.out.mkdir(parents=True, exist_ok=True)
    manifest = real_mta.generate(args.out.resolve())
    for mta, run in manifest["runs"].items():
        wrong = {s: n for s, n in run["notices"].items() if n != 1}
        state = run["error"] or (
            f"scenarios without exactly one notice: {wrong}" if wrong else "ok"
        )
        print(f"{mta}: {sum(run['notices'].values())} notices, {state}")
    print(f"{len(manifest['entries'])} labelled notices in {args.out / 'manifest.json'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
