#!/usr/bin/env python3
"""The upstream side of a message's copies, alone: this process's CPU per copy sent through
``SmarthostTransport`` into Postfix's smtp-sink (PIPELINING), each copy with its own return
path as the relay sends them, ``--messages`` messages of ``--rcpts`` copies, ``--inflight``
messages at a time; one by one (``send`` per copy, concurrently: how the relay sent them up to
perf12) against chained (``send_many``: a message's copies on one connection, each body
written with the next copy's envelope). Rounds alternate the two; CPU is
``time.process_time`` (the event loop, the transport, the kernel's loopback sends).

  .venv/bin/python bench/bench_upstream_copies.py --messages 2000 --rcpts 5 --repeat 3
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Awaitable, Callable
from pathlib import Path

import uvloop

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from config import load_settings  # noqa: E402
from relay.send.transports.smarthost import SmarthostTransport  # noqa: E402
from tests.support.harness import message, write_config  # noqa: E402
from tests.support.process import free_port  # noqa: E402

Send = Callable[[SmarthostTransport, list[tuple[str, str, bytes]]], Awaitable[object]]


async def _always(_: int) -> bool:
    return True


async def one_by_one(transport: SmarthostTransport, copies: list[tuple[str, str, bytes]]) -> None:
    await asyncio.gather(*(transport.send(*copy) for copy in copies))


async def chained(transport: SmarthostTransport, copies: list[tuple[str, str, bytes]]) -> None:
    await transport.send_many(copies, _always)


async def run(
    port: int, folder: Path, how: Send, messages: int, rcpts: int, inflight: int
) -> float:
    """CPU ms per copy of ``messages`` messages sent ``how``."""
    config = write_config(
        folder / "relay.toml",
        {"delivery": {"upstream": f"smtp://127.0.0.1:{port}", "concurrency": 100}},
        {"data_dir": str(folder / "var")},
    )
    transport = SmarthostTransport(load_settings(config, environ={}))
    body = b"X-Relay-Copy: v1.AAAAAAAAAAAAAAAAAAAAAAAAAA\r\n" + message("news@bench.example", "r")
    body += b"x" * 70 * 25 + b"\r\n"
    slots = asyncio.Semaphore(inflight)

    async def one(n: int) -> None:
        copies = [(f"b-{n}-{r}-AAAAAAAAAAAAAAAAAAAAAAAA@bounces.bench.example",
                   f"{r}rcpt{n}@example.net", body) for r in range(rcpts)]  # fmt: skip
        async with slots:
            await how(transport, copies)

    await asyncio.gather(*(one(n) for n in range(min(inflight, messages))))  # connections up
    started = time.process_time()
    await asyncio.gather(*(one(n) for n in range(messages)))
    used = time.process_time() - started
    await transport.close()
    return 1000 * used / (messages * rcpts)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--messages", type=int, default=2000)
    parser.add_argument("--rcpts", type=int, default=5)
    parser.add_argument("--inflight", type=int, default=20)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--event-loop", choices=["uvloop", "asyncio"], default="uvloop")
    args = parser.parse_args()
    loops = {"uvloop": uvloop.new_event_loop, "asyncio": asyncio.new_event_loop}
    port = free_port()
    sink = subprocess.Popen(["smtp-sink", "-u", "postfix", f"127.0.0.1:{port}", "1024"])
    time.sleep(0.3)
    results: dict[str, list[float]] = {"one by one": [], "chained": []}
    try:
        with tempfile.TemporaryDirectory() as folder:
            for r in range(args.repeat):
                order = [("one by one", one_by_one), ("chained", chained)]
                for name, how in order if r % 2 == 0 else order[::-1]:
                    work = run(port, Path(folder), how, args.messages, args.rcpts, args.inflight)
                    with asyncio.Runner(loop_factory=loops[args.event_loop]) as runner:
                        cpu = runner.run(work)
                    results[name].append(cpu)
                    print(f"  round {r + 1} {name:<11} {cpu:.3f} ms CPU/copy", flush=True)
    finally:
        sink.terminate()
        sink.wait(timeout=10)
    for name, values in results.items():
        print(f"{name:<11} median {statistics.median(values):.3f} ms CPU/copy "
              f"({', '.join(f'{v:.3f}' for v in values)})")  # fmt: skip
    return 0


if __name__ == "__main__":
    sys.exit(main())
