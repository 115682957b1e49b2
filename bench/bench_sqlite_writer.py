#!/usr/bin/env python3
"""The group writer's batches on SQLite: what a message costs this process to record (the
intake's transaction) and to settle (its copies sent), CPU µs a message.

  python bench/bench_sqlite_writer.py --size 4 --rcpts 1

A scratch SQLite file in a temporary folder. Each round records ``--batches`` batches of
``--size`` messages of ``--rcpts`` recipients through one GroupWriter (the jobs of a batch
submitted together, as concurrent SMTP sessions do) and then settles every copy as sent, a
message's copies a job. Prints the median of the rounds and each round. ``--synchronous
NORMAL`` leaves the fsync out (the relay's writers use FULL). Run from another worktree to
measure its code (perf16 ran main's as an untracked copy); the SQLite twin of
bench/bench_pg_writer.py.
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))


from bench.writer_load import rounds_of
from config import async_database_url
from storage.accounts import add_account
from storage.engine import open_store
from storage.schema import ensure_schema
from storage.writer import GroupWriter


async def main(args: argparse.Namespace) -> None:
    with tempfile.TemporaryDirectory(prefix="bench-sqlite-writer-") as folder:
        url = async_database_url(f"sqlite:///{Path(folder) / 'relay.db'}")
        store = open_store(url, synchronous=args.synchronous, checkpoint=True)
        await ensure_schema(store)
        async with store.transaction() as session:
            account_id = (await add_account(session, "acme", ["acme.example"])).id
        writer = GroupWriter(store)
        one_round = rounds_of(writer, account_id, args.rcpts, args.size)

        checkpointer = store.checkpointer
        if checkpointer is not None:
            checkpointer.start()
        await one_round(20)  # statements compiled, plans made
        rounds: list[float] = []
        for _ in range(args.rounds):
            cpu = time.process_time()
            await one_round(args.batches)
            rounds.append(1e6 * (time.process_time() - cpu) / (args.batches * args.size))
        await writer.close()
        if checkpointer is not None:
            checkpointer.stop()
        await store.close()
    each = ", ".join(f"{r:.0f}" for r in rounds)
    print(
        f"{args.size} messages a batch, {args.rcpts} recipient(s), synchronous="
        f"{args.synchronous}: CPU µs a message recorded and settled "
        f"{statistics.median(rounds):.0f} (rounds {each})"
    )


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--batches", type=int, default=150)
    parser.add_argument("--size", type=int, default=4, help="messages a batch")
    parser.add_argument("--rcpts", type=int, default=1)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--synchronous", choices=("FULL", "NORMAL"), default="FULL")
    asyncio.run(main(parser.parse_args()))
