#!/usr/bin/env python3
"""What a background process takes from full-priority work on a saturated CPU: niced (the
webhook dispatcher's ``webhooks.nice``) against niced and idle-scheduled (``webhooks.idle``,
Linux SCHED_IDLE). Per round, both settings one after the other: two full-priority spinners
and the background spinner, all pinned to CPU 0 for --seconds; prints the CPU seconds each
side got. Other load on the machine shares CPU 0 too, so compare the shares within a round.

  .venv/bin/python bench/bench_sched_share.py --rounds 3
"""

from __future__ import annotations

import argparse
import multiprocessing
import os
import time


def _spin(
    kind: str,
    nice: int,
    queue: multiprocessing.Queue[tuple[str, float]],
    start: float,
    seconds: float,
) -> None:
    os.sched_setaffinity(0, {0})
    if kind != "worker":
        os.setpriority(os.PRIO_PROCESS, 0, nice)
        if kind == "idle":
            os.sched_setscheduler(0, os.SCHED_IDLE, os.sched_param(0))
    while time.time() < start:
        pass
    began, end = time.process_time(), start + seconds
    while time.time() < end:
        pass
    queue.put((kind, time.process_time() - began))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--seconds", type=float, default=3.0)
    parser.add_argument("--nice", type=int, default=10)
    args = parser.parse_args()
    for round_ in range(1, args.rounds + 1):
        for background in ("niced", "idle"):
            queue: multiprocessing.Queue[tuple[str, float]] = multiprocessing.Queue()
            start = time.time() + 0.5
            kinds = ("worker", "worker", background)
            procs = [
                multiprocessing.Process(
                    target=_spin, args=(k, args.nice, queue, start, args.seconds)
                )
                for k in kinds
            ]
            for proc in procs:
                proc.start()
            got = [queue.get() for _ in procs]
            for proc in procs:
                proc.join()
            workers = sum(cpu for kind, cpu in got if kind == "worker")
            other = sum(cpu for kind, cpu in got if kind != "worker")
            print(
                f"round {round_} background {background:5s}: workers {workers:.2f} s CPU, "
                f"background {other:.3f} s ({100 * other / max(workers, 1e-9):.1f}% of the "
                f"workers'); load {os.getloadavg()[0]:.1f}",
                flush=True,
            )


if __name__ == "__main__":
    main()
