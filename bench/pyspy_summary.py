#!/usr/bin/env python3
"""Where the relay's CPU goes, from py-spy's raw samples: one row per part of the work.

Record with py-spy attached to a running ``relay serve`` (the bench's, for instance):

  py-spy record --pid PID --subprocesses --rate 200 --format raw --nonblocking -o relay.txt
  .venv/bin/python bench/pyspy_summary.py relay.txt --own-us 1650

Each sample goes to the first part below that any frame of its stack belongs to (so DKIM's
OpenSSL call counts as DKIM, not as the submission hook around it); start-up is left out.
``--own-us``: the relay's own CPU per message from the bench, to turn shares into µs.
"""

from __future__ import annotations

import argparse
import collections
from pathlib import Path

PARTS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("start-up (imports, gc.freeze)", ("_find_and_load", "_tune_collector")),
    # by function, not line: _rsa_sign (dkimpy's path), _rsa_signature (relay.send.dkim's own),
    # the key's OpenSSL object built once per process and key (its check, ~40 ms)
    (
        "DKIM: RSA-2048 in OpenSSL",
        ("_rsa_sign (relay/send/dkim.py", "_rsa_signature (", "_rsa_key ("),
    ),
    ("DKIM: dkimpy (canonicalization, the header)", ("relay/send/dkim.py", "dkim/")),
    ("logging", ("logging/__init__.py", "relay/logs.py")),
    ("VERP return path + X-Relay-Copy HMACs", ("bounce_parser/verp.py",)),
    ("header parse in DATA (email package)", ("email/",)),
    ("RCPT suppression look-up", ("storage/lookups.py",)),
    (
        "group writer: record + settle (SQLAlchemy, driver, commit thread)",
        (
            "storage/",
            "sqlalchemy/",
            "sqlite3",
            "aiosqlite",
            "asyncpg",
            "threading.py",
            "concurrent/",
        ),
    ),
    ("upstream delivery (pipelined transport, pool)", ("relay/send/transports/", "aiosmtplib/")),
    ("submission hooks, delivery bookkeeping", ("relay/send/",)),
    ("SMTP session: aiosmtpd parsing, DATA read, replies", ("aiosmtpd/", "relay/smtp/")),
    ("event loop (epoll, recv, callbacks)", ("asyncio/", "uvloop/")),
)
# Leaf frames that are a thread blocked on its work queue: py-spy does not always see such a
# thread as idle (nor one that is runnable but waiting for a busy CPU), so they are left out.
WAITS = (
    "_worker (concurrent/futures/thread.py:81)",
    "_connection_worker_thread (aiosqlite/core.py:59)",
)
# Leaf frames that are a socket write: the kernel's TCP work shows up under them.
WRITES = {
    "StreamWriter.write": "of all: send() of replies to clients",
    "ReplyReader.request": "of all: send() of copies upstream",
}


def part_of(frames: list[str]) -> str:
    """The first part any frame of the stack belongs to."""
    for name, markers in PARTS:
        if any(marker in frame for frame in frames for marker in markers):
            return name
    return "other"


def summarize(path: Path) -> tuple[collections.Counter[str], int]:
    """Samples per part (and per socket-write leaf), and the total without start-up."""
    counts: collections.Counter[str] = collections.Counter()
    total = 0
    for line in path.read_text(encoding="utf-8", errors="replace").splitlines():
        stack, _, number = line.rpartition(" ")
        frames = [f for f in stack.split(";") if not f.startswith("process ")] or ["?"]
        part = part_of(frames)
        if part.startswith("start-up") or frames[-1] in WAITS:
            continue
        samples = int(number)
        total += samples
        counts[part] += samples
        for leaf, label in WRITES.items():
            if frames[-1].startswith(leaf):
                counts[label] += samples
    return counts, total


def top_frames(path: Path, n: int) -> tuple[list[tuple[str, int]], list[tuple[str, int]], int]:
    """The ``n`` functions with the most samples of their own (leaf) and in all (anywhere on
    the stack below the event loop's or thread's run, once per sample), start-up and idle
    worker threads left out as above."""
    own: collections.Counter[str] = collections.Counter()
    anywhere: collections.Counter[str] = collections.Counter()
    total = 0
    for line in path.read_text(encoding="utf-8", errors="replace").splitlines():
        stack, _, number = line.rpartition(" ")
        frames = [f for f in stack.split(";") if not f.startswith(("process ", "thread "))]
        frames = frames or ["?"]
        if part_of(frames).startswith("start-up") or frames[-1] in WAITS:
            continue
        samples = int(number)
        total += samples
        own[_function(frames[-1])] += samples
        # below the loop's or the thread's run: the frames above are in every sample
        inner = [i for i, f in enumerate(frames) if f.startswith(("Runner.run ", "Thread.run "))]
        for name in {_function(frame) for frame in frames[inner[-1] + 1 if inner else 0 :]}:
            anywhere[name] += samples
    return own.most_common(n), anywhere.most_common(n), total


def _function(frame: str) -> str:
    """``name (file:line)`` without the line: one row per function."""
    name, _, where = frame.partition(" (")
    return f"{name} ({where.rsplit(':', 1)[0]})" if where else name


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("raw", type=Path, help="py-spy record --format raw output")
    parser.add_argument("--own-us", type=float, help="the relay's own CPU µs per message")
    parser.add_argument("--top", type=int, default=0, help="also the N top functions, self and all")
    args = parser.parse_args()
    counts, total = summarize(args.raw)
    print(f"{total:,} samples (start-up and idle worker threads left out)")
    for part, samples in counts.most_common():
        share = samples / max(1, total)
        us = f"  {share * args.own_us:6.0f} µs" if args.own_us else ""
        print(f"{100 * share:5.1f}%{us}  {part}")
    if args.top:
        own, anywhere, total = top_frames(args.raw, args.top)
        for title, rows in (("self", own), ("cumulative", anywhere)):
            print(f"top {args.top}, {title}:")
            for name, samples in rows:
                print(f"{100 * samples / max(1, total):5.1f}%  {name}")


if __name__ == "__main__":
    main()
