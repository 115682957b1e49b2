"""Throughput of bounce_parser.parse on the corpus, against flufl.bounce alone, in one process.

    python bench/bench_parser.py [CORPUS_DIR] [--rounds N]

CORPUS_DIR defaults to $BOUNCE_CORPUS, else ../shared/corpus next to the project. Every file
under it (*.eml) is read into memory first; each contender then parses all of them, ``rounds``
times, and the best round counts. Rounds are timed in CPU seconds of this process, so that
other load on the machine does not tilt the comparison (the wall-clock rate is shown too).
"""

from __future__ import annotations

import argparse
import email
import logging
import os
import sys
import time
from collections.abc import Callable
from pathlib import Path

from flufl.bounce import all_failures

from bounce_parser import parse

TARGET_PER_S = 1500


def default_corpus() -> Path:
    configured = os.environ.get("BOUNCE_CORPUS")
    if configured:
        return Path(configured)
    return Path(__file__).resolve().parents[2] / "shared" / "corpus"


def flufl_alone(raw: bytes) -> object:
    """What flufl.bounce needs for one message: the email package's parse, then its detectors."""
    return all_failures(email.message_from_bytes(raw))


def one_round(run: Callable[[bytes], object], messages: list[bytes]) -> tuple[float, float]:
    """CPU and wall seconds of one pass of ``run`` over ``messages``."""
    started_cpu, started_wall = time.process_time(), time.perf_counter()
    for raw in messages:
        run(raw)
    return time.process_time() - started_cpu, time.perf_counter() - started_wall


def best_rates(
    contenders: dict[str, Callable[[bytes], object]], messages: list[bytes], rounds: int
) -> dict[str, tuple[float, float]]:
    """Messages per CPU second and per wall second of each contender's fastest round.

    Rounds alternate between the contenders so that a busy moment of the machine does not
    fall on one of them only.
    """
    for run in contenders.values():
        for raw in messages[:20]:  # warm lazy imports
            run(raw)
    best = {name: (float("inf"), float("inf")) for name in contenders}
    for _ in range(rounds):
        for name, run in contenders.items():
            cpu, wall = one_round(run, messages)
            best[name] = (min(best[name][0], cpu), min(best[name][1], wall))
    return {name: (len(messages) / cpu, len(messages) / wall) for name, (cpu, wall) in best.items()}


def main() -> int:
    """Print both rates and their ratio; exit 1 when parse() is below the target."""
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("corpus", nargs="?", type=Path, default=default_corpus())
    ap.add_argument("--rounds", type=int, default=5)
    args = ap.parse_args()
    files = sorted(args.corpus.rglob("*.eml"))
    if not files:
        print(f"no *.eml files under {args.corpus}", file=sys.stderr)
        return 2
    messages = [f.read_bytes() for f in files]
    logging.getLogger("flufl.bounce").setLevel(logging.CRITICAL)
    rates = best_rates({"ours": parse, "flufl": flufl_alone}, messages, args.rounds)
    (ours, ours_wall), (theirs, theirs_wall) = rates["ours"], rates["flufl"]
    print(f"corpus: {args.corpus} ({len(messages)} messages, best of {args.rounds} rounds)")
    print(f"bounce_parser.parse: {ours:8.0f} messages/s ({ours_wall:.0f} by the wall clock)")
    print(f"flufl.bounce alone:  {theirs:8.0f} messages/s ({theirs_wall:.0f} by the wall clock)")
    print(
        f"ratio: {ours / theirs:.2f}x flufl.bounce; target {TARGET_PER_S} messages/s: "
        f"{'met' if ours >= TARGET_PER_S else 'NOT met'}"
    )
    return 0 if ours >= TARGET_PER_S else 1


if __name__ == "__main__":
    sys.exit(main())
