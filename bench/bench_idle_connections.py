#!/usr/bin/env python3
"""Memory of the relay holding 1,000 idle client connections, and the 421 for one more.

Starts ``relay serve`` (one process, the default) on 127.0.0.1 with server.max_connections
set to --connections and an empty SQLite store, opens that many connections to the
submission port (each reads the 220 greeting, then stays silent), and reads the relay's
VmRSS and VmHWM (peak) from /proc/PID/status. Then checks that every connection still
answers NOOP and that one connection more is refused with 421 4.7.0. Targets: peak RSS
< 200 MB, and the 421. With --starttls it measures again, in a fresh relay, with
connections that went through EHLO and STARTTLS before going idle.

RLIMIT_NOFILE is raised here as far as the hard limit allows; the relay inherits it.

  .venv/bin/python bench/bench_idle_connections.py --connections 1000 --starttls
"""

from __future__ import annotations

import argparse
import asyncio
import resource
import shutil
import ssl
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.support import ServedRelay  # noqa: E402

TARGET_PEAK_MB = 200.0
REFUSAL = b"421 4.7.0"
OPENING_AT_ONCE = 100  # below the listen backlog, so no SYN is dropped and retried


@dataclass(frozen=True, slots=True)
class Outcome:
    before_kb: int
    rss_kb: int
    peak_kb: int
    open_seconds: float
    answering: int  # connections that answered NOOP after the measurement
    refusal: str  # what connection N+1 was told


def raise_nofile(needed: int) -> int:
    """Raise the soft RLIMIT_NOFILE to ``needed`` (or the hard limit); the new soft limit."""
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    if soft < needed:
        soft = needed if hard == resource.RLIM_INFINITY else min(needed, hard)
        resource.setrlimit(resource.RLIMIT_NOFILE, (soft, hard))
    return soft


def memory_kb(pid: int) -> dict[str, int]:
    """The kB fields of /proc/PID/status (VmRSS, VmHWM, ...), added up over the process and
    its children (the workers of `relay serve` with server.workers above 1)."""
    found: dict[str, int] = {}
    children = Path(f"/proc/{pid}/task/{pid}/children").read_text(encoding="ascii").split()
    for each in [pid, *map(int, children)]:
        for line in Path(f"/proc/{each}/status").read_text(encoding="ascii").splitlines():
            key, _, value = line.partition(":")
            parts = value.split()
            if len(parts) == 2 and parts[1] == "kB":
                found[key] = found.get(key, 0) + int(parts[0])
    return found


def client_tls() -> ssl.SSLContext:
    # The relay's certificate is the self-signed one it made itself, on loopback.
    context = ssl.create_default_context()
    context.check_hostname = False
    context.verify_mode = ssl.CERT_NONE
    return context


class Idle:
    """One client connection that says as little as it can."""

    def __init__(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        self.reader, self.writer = reader, writer

    @classmethod
    async def open(cls, port: int, tls: ssl.SSLContext | None) -> Idle:
        """Connect and read the greeting; with ``tls``, EHLO, STARTTLS and EHLO again."""
        reader, writer = await asyncio.open_connection("127.0.0.1", port)
        idle = cls(reader, writer)
        greeting = await reader.readline()
        if not greeting.startswith(b"220"):
            raise RuntimeError(f"greeting: {greeting!r}")
        if tls is not None:
            await idle.expect(b"EHLO bench.example\r\n", b"250")
            await idle.expect(b"STARTTLS\r\n", b"220")
            await writer.start_tls(tls)
            await idle.expect(b"EHLO bench.example\r\n", b"250")
        return idle

    async def expect(self, line: bytes, code: bytes) -> None:
        self.writer.write(line)
        while True:
            reply = await self.reader.readline()
            if not reply.startswith(code):
                raise RuntimeError(f"{line!r}: {reply!r}")
            if reply[3:4] != b"-":
                return

    async def answers(self) -> bool:
        try:
            await self.expect(b"NOOP\r\n", b"250")
        except (RuntimeError, OSError):
            return False
        return True

    def close(self) -> None:
        self.writer.close()


async def one_too_many(port: int) -> str:
    """What the relay says to a connection beyond its limit."""
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    try:
        line = await asyncio.wait_for(reader.readline(), timeout=10)
    finally:
        writer.close()
    return line.decode("ascii", "replace").rstrip()


async def hold(relay: ServedRelay, count: int, starttls: bool) -> Outcome:
    before = memory_kb(relay.pid)["VmRSS"]
    gate = asyncio.Semaphore(OPENING_AT_ONCE)
    tls = client_tls() if starttls else None

    async def opened() -> Idle:
        async with gate:
            return await Idle.open(relay.port, tls)

    started = time.monotonic()
    idle = await asyncio.gather(*(opened() for _ in range(count)))
    open_seconds = time.monotonic() - started
    try:
        await asyncio.sleep(1.0)  # let the relay finish whatever the accepts started
        memory = memory_kb(relay.pid)
        refusal = await one_too_many(relay.port)
        answering = sum(await asyncio.gather(*(c.answers() for c in idle)))
    finally:
        for client in idle:
            client.close()
    return Outcome(before, memory["VmRSS"], memory["VmHWM"], open_seconds, answering, refusal)


def measure(count: int, starttls: bool, timeout: float, workers: int) -> Outcome:
    workdir = Path(tempfile.mkdtemp(prefix="bench-idle-"))
    server = {"max_connections": count * workers, "workers": workers}
    relay = ServedRelay(workdir, f"sqlite:///{workdir / 'relay.db'}", server)
    try:
        relay.start()
        return asyncio.run(asyncio.wait_for(hold(relay, count, starttls), timeout))
    finally:
        relay.stop()
        shutil.rmtree(workdir, ignore_errors=True)


def report(name: str, count: int, outcome: Outcome) -> bool:
    mb = 1024.0
    per_connection = (outcome.rss_kb - outcome.before_kb) / count
    peak_met = outcome.peak_kb / mb < TARGET_PEAK_MB
    refused = outcome.refusal.startswith(REFUSAL.decode())
    print(f"{name}: {count:,} idle connections opened in {outcome.open_seconds:.1f} s")
    print(f"  relay RSS before: {outcome.before_kb / mb:.1f} MB; holding them: "
          f"{outcome.rss_kb / mb:.1f} MB (VmRSS), peak {outcome.peak_kb / mb:.1f} MB (VmHWM); "
          f"{per_connection:.1f} kB per connection")  # fmt: skip
    print(f"  still answering NOOP afterwards: {outcome.answering:,} of {count:,}")
    print(f"  connection {count + 1:,}: {outcome.refusal!r}")
    print(f"  peak RSS < {TARGET_PEAK_MB:.0f} MB: {'met' if peak_met else 'NOT met'}; "
          f"{REFUSAL.decode()} for connection {count + 1:,}: "
          f"{'met' if refused else 'NOT met'}", flush=True)  # fmt: skip
    return peak_met and refused and outcome.answering == count


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--connections", type=int, default=1_000)
    parser.add_argument("--starttls", action="store_true", help="also measure TLS connections")
    parser.add_argument("--timeout", type=float, default=300.0, help="seconds per measurement")
    parser.add_argument(
        "--workers", type=int, default=1,
        help="relay processes; memory is added up over all of them (default 1: the kernel "
        "spreads connections over workers unevenly, and each admits only its share)",
    )  # fmt: skip
    args = parser.parse_args()
    # Both ends in this one machine: the bench's sockets and the relay's, plus headroom.
    nofile = raise_nofile(args.connections + 256)
    print(f"relay serve ({args.workers} process(es)), {args.connections:,} connections; "
          f"RLIMIT_NOFILE {nofile:,} (inherited by the relay)", flush=True)  # fmt: skip
    if nofile < args.connections + 64:
        print("RLIMIT_NOFILE is below what the connections need; raise the hard limit")
        return 1
    plain = measure(args.connections, False, args.timeout, args.workers)
    met = report("plain", args.connections, plain)
    if args.starttls:
        outcome = measure(args.connections, True, args.timeout, args.workers)
        met = report("after STARTTLS", args.connections, outcome) and met
    return 0 if met else 1


if __name__ == "__main__":
    sys.exit(main())
