"""The CPU a call costs this process, measured so that a busy machine cannot fake a slow parser.

A bound on the parser's work is a bound on its CPU seconds, not the wall clock. Two things
still add to a single measurement without being the parser's: a collection of the garbage the
rest of the test session left (a full collection in a late pytest-xdist worker took over a
second), and a core shared with other processes. The collector is off while the call runs
and the least of a few tries is kept: a parser that really is slow (the quadratic cases these
bounds guard against took 1.7 to 6.6 s) is slow every time.
"""

from __future__ import annotations

import gc
import time
from collections.abc import Callable
from typing import TypeVar

T = TypeVar("T")


def least_cpu_seconds(call: Callable[[], T], tries: int = 3) -> tuple[float, T]:
    """The least CPU time of `tries` calls, with the result of the last one."""
    least = float("inf")
    result: T
    for _ in range(tries):
        gc.collect()
        gc.disable()
        try:
            started = time.process_time()
            result = call()
            least = min(least, time.process_time() - started)
        finally:
            gc.enable()
    return least, result
