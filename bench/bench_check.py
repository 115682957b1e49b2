"""Time ``POST /api/v1/suppressions/check``: 10,000 addresses against 1,000,000 suppressed.

    python bench/bench_check.py [--suppressed N] [--addresses N] [--runs N] [--database-url URL]

Preloads N suppressed addresses (default 1,000,000) into a fresh store (a SQLite file in a
temporary folder, or a scratch database on the PostgreSQL server of --database-url), starts
``relay serve`` on 127.0.0.1 with its HTTP listener, makes an API token, and posts the check
--runs times (default 5), each with --addresses addresses (default 10,000): half of them
suppressed, picked at random, half not. Prints each run's wall-clock time as the client sees
it (request, the relay's work, the JSON answer) and checks every answer's counts. Target:
under 1 s per check.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.support import (  # noqa: E402
    ACCOUNT,
    ServedRelay,
    preload,
    scratch_postgres,
    suppressed_address,
)
from config.settings import async_database_url  # noqa: E402
from relay.admin import tokens as api_tokens  # noqa: E402
from storage import admin  # noqa: E402
from storage.engine import open_store, utcnow  # noqa: E402
from storage.models import Role  # noqa: E402

TARGET_SECONDS = 1.0


async def operator_token(url: str) -> str:
    store = open_store(async_database_url(url), pool_size=1)
    try:
        async with store.transaction() as session:
            await admin.add_user(session, "bench-op", Role.OPERATOR, None, now=utcnow())
            _, secret = await api_tokens.add_token(
                session, "bench-op", "bench-op", name="bench", expires_days=1, now=utcnow()
            )
    finally:
        await store.close()
    return secret


def addresses(suppressed: int, count: int, seed: int) -> list[str]:
    pick = random.Random(seed)
    gone = [suppressed_address(pick.randrange(suppressed)) for _ in range(count // 2)]
    fine = [f"fine{seed}.{n}@deliverable.example" for n in range(count - len(gone))]
    mixed = gone + fine
    pick.shuffle(mixed)
    return mixed


async def run(url: str, workdir: Path, args: argparse.Namespace) -> list[float]:
    print(f"preloading {args.suppressed:,} suppressed addresses ...", flush=True)
    started = time.perf_counter()
    await preload(url, args.suppressed)
    print(f"  {time.perf_counter() - started:.1f} s", flush=True)
    token = await operator_token(url)
    relay = ServedRelay(workdir, url)
    relay.start()
    timings = []
    try:
        base = f"http://127.0.0.1:{relay.http_port}"
        headers = {"Authorization": f"Bearer {token}"}
        async with httpx.AsyncClient(base_url=base, headers=headers, timeout=60) as http:
            await http.post(
                "/api/v1/suppressions/check", json={"account": ACCOUNT, "addresses": []}
            )
            for n in range(args.runs):
                wanted = addresses(args.suppressed, args.addresses, seed=n)
                body = {"account": ACCOUNT, "addresses": wanted}
                started = time.perf_counter()
                answer = await http.post("/api/v1/suppressions/check", json=body)
                elapsed = time.perf_counter() - started
                answer.raise_for_status()
                result = answer.json()
                expected = sum(a.startswith("gone") for a in wanted)
                refused = sum(r["cause"] == "suppressed" for r in result["results"])
                if result["checked"] != len(wanted) or refused != expected:
                    sys.exit(f"wrong answer in run {n}: {refused} suppressed, {expected} expected")
                timings.append(elapsed)
                print(f"run {n + 1}: {elapsed * 1000:7.1f} ms for {len(wanted):,} addresses "
                      f"({refused:,} suppressed)", flush=True)  # fmt: skip
    finally:
        relay.stop()
    return timings


async def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--suppressed", type=int, default=1_000_000)
    parser.add_argument("--addresses", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=5, choices=range(1, 51), metavar="1..50")
    parser.add_argument("--database-url", help="a PostgreSQL server (a scratch database on it)")
    args = parser.parse_args()
    print(f"load average at the start: {os.getloadavg()[0]:.2f} on {os.cpu_count()} CPUs")
    with tempfile.TemporaryDirectory(prefix="bench-check-") as folder:
        workdir = Path(folder)
        if args.database_url:
            async with scratch_postgres(args.database_url, "relay_bench_check") as url:
                timings = await run(url, workdir, args)
        else:
            timings = await run(f"sqlite:///{workdir / 'relay.db'}", workdir, args)
    median = statistics.median(timings)
    print(f"load average at the end: {os.getloadavg()[0]:.2f} on {os.cpu_count()} CPUs")
    verdict = "ok" if max(timings) < TARGET_SECONDS else "OVER TARGET"
    print(
        f"check of {args.addresses:,} against {args.suppressed:,} suppressed: median "
        f"{median * 1000:.1f} ms, max {max(timings) * 1000:.1f} ms "
        f"(target < {TARGET_SECONDS:.0f} s): {verdict}"
    )


if __name__ == "__main__":
    asyncio.run(main())
