#!/usr/bin/env python3
"""The group writer's batches on PostgreSQL: what a message costs to record (the intake's
transaction) and to settle (its copies sent), in this process and in its PostgreSQL backend.

  python bench/bench_pg_writer.py --database-url postgresql://relay:relay@127.0.0.1:5432/postgres

Makes and drops a scratch database. Each round records ``--batches`` batches of ``--size``
messages of ``--rcpts`` recipients through one GroupWriter (the jobs of a batch submitted
together, as concurrent SMTP sessions do) and then settles every copy as sent, a message's
copies a job. Prints per round and the medians: this process's CPU µs a message, the CPU of
the backends serving the scratch database (their /proc stat) and the statements the driver
ran a message (SQLAlchemy's cursor executions, each a round trip; BEGIN and COMMIT not
counted). Run from another worktree to measure its code (perf15 ran main's as an untracked
copy).
"""

from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import sys
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from sqlalchemy import event
from sqlalchemy.engine import make_url

from bench.support import scratch_postgres
from bench.writer_load import rounds_of
from config import async_database_url
from storage.accounts import add_account
from storage.engine import open_store
from storage.schema import ensure_schema
from storage.writer import GroupWriter

CLOCK = os.sysconf("SC_CLK_TCK")


def backends_cpu(database: str) -> float:
    """CPU seconds of the PostgreSQL backends connected to ``database`` (process titles)."""
    total = 0.0
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            title = (entry / "cmdline").read_bytes()
            if title.startswith(b"postgres: ") and f" {database} ".encode() in title:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
                total += (int(fields[11]) + int(fields[12])) / CLOCK
        except (OSError, IndexError, ValueError):
            continue
    return total


async def main(args: argparse.Namespace) -> None:
    async with scratch_postgres(args.database_url, "relay_bench_writer") as url:
        database = make_url(url).database or ""
        store = open_store(async_database_url(url))
        await ensure_schema(store)
        async with store.transaction() as session:
            account_id = (await add_account(session, "acme", ["acme.example"])).id
        assert store.batches is not None
        statements = [0]

        def executed(*_: Any) -> None:
            statements[0] += 1

        event.listen(store.batches.kw["bind"].sync_engine, "before_cursor_execute", executed)
        writer = GroupWriter(store)
        one_round = rounds_of(writer, account_id, args.rcpts, args.size)

        await one_round(20)  # connections made, statements prepared
        rounds: list[tuple[float, float, float]] = []
        for _ in range(args.rounds):
            messages = args.batches * args.size
            statements[0] = 0
            cpu, server = time.process_time(), backends_cpu(database)
            await one_round(args.batches)
            rounds.append(
                (
                    1e6 * (time.process_time() - cpu) / messages,
                    1e6 * (backends_cpu(database) - server) / messages,
                    statements[0] / messages,
                )
            )
        await writer.close()
        await store.close()
    own = ", ".join(f"{r[0]:.0f}" for r in rounds)
    backend = ", ".join(f"{r[1]:.0f}" for r in rounds)
    print(
        f"{args.size} messages a batch, {args.rcpts} recipient(s): CPU µs a message recorded "
        f"and settled {statistics.median(r[0] for r in rounds):.0f} (rounds {own}), its "
        f"PostgreSQL backend's {statistics.median(r[1] for r in rounds):.0f} (rounds {backend}); "
        f"{statistics.median(r[2] for r in rounds):.2f} statements a message"
    )


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database-url", required=True)
    parser.add_argument("--batches", type=int, default=200)
    parser.add_argument("--size", type=int, default=4, help="messages a batch")
    parser.add_argument("--rcpts", type=int, default=1)
    parser.add_argument("--rounds", type=int, default=5)
    asyncio.run(main(parser.parse_args()))
