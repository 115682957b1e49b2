#!/usr/bin/env python3
"""The RCPT suppression check's CPU on PostgreSQL: SQLAlchemy's async engine against asyncpg's
own pool (storage.engine.DriverPool), in this process, rounds alternating.

  python bench/bench_pg_lookups.py --database-url postgresql://relay:relay@127.0.0.1:5432/postgres

Makes and drops a scratch database; prints this process's CPU µs and the wall µs a look-up
(one at a time, as an SMTP session asks), per round and the medians.
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from sqlalchemy.ext.asyncio import create_async_engine
from sqlalchemy.util import greenlet_spawn

from bench.support import scratch_postgres
from config import async_database_url
from storage.engine import open_store
from storage.lookups import _SUPPRESSION_OF, suppression_of
from storage.schema import ensure_schema


async def main(args: argparse.Namespace) -> None:
    async with scratch_postgres(args.database_url, "relay_bench_lookups") as url:
        store = open_store(async_database_url(url))
        await ensure_schema(store)
        engine = create_async_engine(
            async_database_url(url), pool_size=10, max_overflow=10, isolation_level="AUTOCOMMIT"
        )
        params = {"address": "nobody@example.net", "account_id": 1}

        async def sqlalchemy_engine(n: int) -> None:  # what main ran at every RCPT
            for _ in range(n):
                await greenlet_spawn(_SUPPRESSION_OF.rows, engine.sync_engine, params)

        async def driver_pool(n: int) -> None:  # storage.lookups now
            for i in range(n):
                await suppression_of(store, 1, f"nobody{i % 7}@example.net")

        ways = {"sqlalchemy engine": sqlalchemy_engine, "asyncpg pool": driver_pool}
        for way in ways.values():
            await way(200)  # connections made, statements prepared
        results: dict[str, list[tuple[float, float]]] = {name: [] for name in ways}
        for _ in range(args.rounds):
            for name, way in ways.items():
                cpu, wall = time.process_time(), time.perf_counter()
                await way(args.calls)
                results[name].append(
                    (
                        1e6 * (time.process_time() - cpu) / args.calls,
                        1e6 * (time.perf_counter() - wall) / args.calls,
                    )
                )
        for name, rounds in results.items():
            cpus = ", ".join(f"{c:.0f}" for c, _ in rounds)
            print(
                f"{name:<18} CPU µs a look-up {statistics.median(c for c, _ in rounds):6.1f} "
                f"(rounds {cpus}); wall {statistics.median(w for _, w in rounds):6.1f}"
            )
        await engine.dispose()
        await store.close()


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database-url", required=True)
    parser.add_argument("--calls", type=int, default=3000)
    parser.add_argument("--rounds", type=int, default=5)
    asyncio.run(main(parser.parse_args()))
