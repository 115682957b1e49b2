#!/usr/bin/env python3
"""RCPT check latency with a store of 1,000,000 suppressed addresses, on SQLite and PostgreSQL.

Starts ``relay serve`` (one process) on 127.0.0.1 with the store preloaded as
bench_relay.py does, connects clients from a trusted network (no AUTH), sends EHLO and
MAIL FROM, then RCPT TO in random order over suppressed addresses (550 expected) and fresh
ones (250 expected), with RSET and a new MAIL FROM whenever the recipient limit is reached.
Each RCPT round trip is timed with perf_counter_ns on the client. Prints p50, p90, p99 and
max in ms per backend and number of concurrent clients, RCPTs/s, and the relay's CPU time per
RCPT (less sensitive than latency to other load on the machine, whose load average is
printed too); the target is p99 < 2 ms.

PostgreSQL runs in a database of its own (--bench-database, created and dropped here) on the
server of --postgres-url or RELAY_TEST_DATABASE_URL; without either only SQLite is measured.

  .venv/bin/python bench/bench_rcpt_latency.py --postgres-url postgresql://relay:relay@127.0.0.1:5432/relay_test
"""

from __future__ import annotations

import argparse
import asyncio
import math
import os
import random
import shutil
import sys
import tempfile
import time
from collections.abc import AsyncIterator, Sequence
from contextlib import asynccontextmanager
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.support import ACCOUNT, ServedRelay, preload, scratch_postgres  # noqa: E402
from bench.support import suppressed_address as gone  # noqa: E402

TARGET_P99_MS = 2.0
MAX_RECIPIENTS = 100  # the relay's default server.max_recipients
SENDER = b"news@bench.example"


@dataclass(frozen=True, slots=True)
class Sample:
    address: str
    suppressed: bool


@dataclass(frozen=True, slots=True)
class Result:
    latencies_ns: list[int]
    wrong: int  # replies other than 550 for a suppressed address or 250 for a fresh one
    seconds: float
    relay_cpu: float  # seconds of CPU the relay process used meanwhile


class Client:
    """One SMTP connection, speaking bytes."""

    def __init__(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        self.reader, self.writer = reader, writer
        self.accepted = 0

    @classmethod
    async def connect(cls, port: int) -> Client:
        reader, writer = await asyncio.open_connection("127.0.0.1", port)
        client = cls(reader, writer)
        await client.reply()
        await client.expect(b"EHLO bench.example\r\n", 250)
        await client.expect(b"MAIL FROM:<" + SENDER + b">\r\n", 250)
        return client

    async def reply(self) -> int:
        while True:
            line = await self.reader.readline()
            if not line:
                raise ConnectionError("the relay closed the connection")
            if line[3:4] != b"-":
                return int(line[:3])

    async def command(self, line: bytes) -> int:
        self.writer.write(line)
        return await self.reply()

    async def expect(self, line: bytes, code: int) -> None:
        got = await self.command(line)
        if got != code:
            raise RuntimeError(f"{line!r}: expected {code}, got {got}")

    async def rcpt(self, address: str) -> tuple[int, int]:
        """The reply code to RCPT TO and the round trip in ns; a new transaction when full."""
        if self.accepted >= MAX_RECIPIENTS:
            await self.expect(b"RSET\r\n", 250)
            await self.expect(b"MAIL FROM:<" + SENDER + b">\r\n", 250)
            self.accepted = 0
        line = f"RCPT TO:<{address}>\r\n".encode("ascii")
        start = time.perf_counter_ns()
        code = await self.command(line)
        elapsed = time.perf_counter_ns() - start
        self.accepted += code == 250
        return code, elapsed

    async def close(self) -> None:
        self.writer.write(b"QUIT\r\n")
        self.writer.close()
        await self.writer.wait_closed()


def make_samples(count: int, suppressed: int, share: float, pick: random.Random) -> list[Sample]:
    """``count`` recipients, a ``share`` of them suppressed, in random order."""
    return [
        Sample(gone(pick.randrange(suppressed)), True)
        if pick.random() < share
        else Sample(f"new{pick.getrandbits(48):012x}@fresh.example", False)
        for _ in range(count)
    ]


async def drive(client: Client, samples: Sequence[Sample], latencies: list[int]) -> int:
    wrong = 0
    for sample in samples:
        code, elapsed = await client.rcpt(sample.address)
        latencies.append(elapsed)
        wrong += code != (550 if sample.suppressed else 250)
    return wrong


def cpu_seconds(pid: int) -> float:
    """User plus system CPU time of process ``pid`` so far."""
    fields = Path(f"/proc/{pid}/stat").read_text(encoding="ascii").rpartition(")")[2].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


async def measure(relay: ServedRelay, samples: list[Sample], clients: int) -> Result:
    """RCPT round trips of ``samples`` spread over ``clients`` concurrent connections."""
    connected = await asyncio.gather(*(Client.connect(relay.port) for _ in range(clients)))
    latencies: list[int] = []
    cpu = cpu_seconds(relay.pid)
    start = time.perf_counter()
    wrong = await asyncio.gather(
        *(drive(c, samples[n::clients], latencies) for n, c in enumerate(connected))
    )
    seconds = time.perf_counter() - start
    cpu = cpu_seconds(relay.pid) - cpu
    await asyncio.gather(*(c.close() for c in connected))
    return Result(latencies, sum(wrong), seconds, cpu)


def percentile(ordered: Sequence[int], q: float) -> float:
    """Nearest-rank percentile of sorted ns values, in ms."""
    rank = max(1, math.ceil(q / 100 * len(ordered)))
    return ordered[rank - 1] / 1e6


@asynccontextmanager
async def backend_url(backend: str, workdir: Path, args: argparse.Namespace) -> AsyncIterator[str]:
    if backend == "sqlite":
        yield f"sqlite:///{workdir / 'relay.db'}"
        return
    async with scratch_postgres(args.postgres_url, args.bench_database) as url:
        yield url


async def run_backend(backend: str, args: argparse.Namespace) -> list[tuple[int, Result]]:
    workdir = Path(tempfile.mkdtemp(prefix=f"bench-rcpt-{backend}-"))
    try:
        async with backend_url(backend, workdir, args) as url:
            started = time.monotonic()
            await preload(url, args.suppressed)
            print(f"{backend}: store ready, {args.suppressed:,} suppressed addresses "
                  f"({time.monotonic() - started:.1f} s)", flush=True)  # fmt: skip
            relay = ServedRelay(workdir, url, {"trusted_networks": f"127.0.0.0/8={ACCOUNT}"})
            await asyncio.to_thread(relay.start)
            try:
                pick = random.Random(args.seed)
                results = []
                async with asyncio.timeout(args.timeout):
                    warmup = make_samples(args.warmup, args.suppressed, args.share, pick)
                    await measure(relay, warmup, 1)
                    for clients in args.clients:
                        samples = make_samples(args.samples, args.suppressed, args.share, pick)
                        results.append((clients, await measure(relay, samples, clients)))
            finally:
                await asyncio.to_thread(relay.stop)
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
    return results


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--suppressed", type=int, default=1_000_000)
    parser.add_argument("--samples", type=int, default=20_000, help="timed RCPTs per run")
    parser.add_argument("--warmup", type=int, default=2_000)
    parser.add_argument("--share", type=float, default=0.5, help="suppressed share of RCPTs")
    parser.add_argument("--clients", type=int, nargs="+", default=[1, 20])
    parser.add_argument("--backends", nargs="+", default=["sqlite", "postgresql"],
                        choices=["sqlite", "postgresql"])  # fmt: skip
    parser.add_argument("--postgres-url", default=os.environ.get("RELAY_TEST_DATABASE_URL"))
    parser.add_argument("--bench-database", default="relay_bench")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument(
        "--timeout", type=float, default=300.0, help="seconds per backend, once the relay is up"
    )
    args = parser.parse_args()
    backends = args.backends
    if "postgresql" in backends and not args.postgres_url:
        print("postgresql: skipped (no --postgres-url or RELAY_TEST_DATABASE_URL)")
        backends = [b for b in backends if b != "postgresql"]
    print(f"RCPT round trips: {args.samples:,} per run after {args.warmup:,} warm-up, "
          f"{args.share:.0%} suppressed; relay: 1 process; {os.cpu_count()} CPUs, "
          f"load average {os.getloadavg()[0]:.2f}", flush=True)  # fmt: skip
    rows = [(b, c, r) for b in backends for c, r in asyncio.run(run_backend(b, args))]
    print(f"load average at the end: {os.getloadavg()[0]:.2f}")
    print()
    print(f"{'backend':<12}{'clients':>8}{'p50 ms':>9}{'p90 ms':>9}{'p99 ms':>9}{'max ms':>9}"
          f"{'RCPT/s':>9}{'relay CPU':>11}  p99 < {TARGET_P99_MS:g} ms")  # fmt: skip
    for backend, clients, result in rows:
        ordered = sorted(result.latencies_ns)
        p50, p90, p99 = (percentile(ordered, q) for q in (50, 90, 99))
        rate = len(ordered) / result.seconds
        verdict = "met" if p99 < TARGET_P99_MS else "NOT met"
        wrong = f" ({result.wrong} unexpected replies)" if result.wrong else ""
        cpu_us = result.relay_cpu / len(ordered) * 1e6
        times = f"{p50:>9.2f}{p90:>9.2f}{p99:>9.2f}{ordered[-1] / 1e6:>9.2f}"
        print(f"{backend:<12}{clients:>8}{times}{rate:>9,.0f}{cpu_us:>8.0f} us  {verdict}{wrong}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
