#!/usr/bin/env python3
"""Relay throughput against Postfix, on the same load in the same run.

Postfix's smtp-source sends N messages of 2 KB (1 or 5 recipients) over 20 connections:
  direct   straight into Postfix's smtp-sink (the ceiling of the test rig)
  postfix  through a stock Postfix relay (own config directory, fsync on) into the sink
  relay    through bounce-relay into the sink, with everything on: the suppression check
           against a store holding --suppressed addresses, a signed VERP return path per
           copy, every message and recipient recorded; DKIM off, then on
Prints delivered messages/s for each and the ratios relay/postfix. Loopback only; every run
is bounded by --timeout.

  .venv/bin/python bench/bench_relay.py --messages 20000 --suppressed 1000000
"""

from __future__ import annotations

import argparse
import asyncio
import os
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.support import preload  # noqa: E402
from config import load_settings  # noqa: E402
from tests.support.postfix import Postfix  # noqa: E402
from tests.support.process import free_port  # noqa: E402

SENDER = "news@bench.example"


class Sink:
    """Postfix's smtp-sink, counting what it received."""

    def __init__(self) -> None:
        self.port = free_port()
        self.count = 0
        self.proc = subprocess.Popen(
            ["smtp-sink", "-c", "-u", "postfix", f"127.0.0.1:{self.port}", "1024"],
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
        )
        threading.Thread(target=self._read, daemon=True).start()
        time.sleep(0.3)

    def _read(self) -> None:
        assert self.proc.stdout is not None
        buffer = b""
        while chunk := self.proc.stdout.read1(4096):  # type: ignore[attr-defined]
            buffer = (buffer + chunk)[-256:]
            found = re.findall(rb"mesg=(\d+)", buffer)
            if found:
                self.count = int(found[-1])

    def wait_for(self, target: int, timeout: float) -> bool:
        deadline = time.monotonic() + timeout
        while self.count < target and time.monotonic() < deadline:
            time.sleep(0.05)
        return self.count >= target

    def stop(self) -> None:
        self.proc.terminate()
        self.proc.wait(timeout=10)


def smtp_source(port: int, messages: int, rcpts: int, sessions: int, timeout: float) -> None:
    subprocess.run(
        ["smtp-source", "-s", str(sessions), "-l", "2048", "-m", str(messages), "-r", str(rcpts),
         "-f", SENDER, "-t", "rcpt@example.net", f"127.0.0.1:{port}"],
        check=True, timeout=timeout, stdout=subprocess.DEVNULL,
    )  # fmt: skip


def run_load(port: int, sink: Sink, args: argparse.Namespace, rcpts: int, expect: int) -> float:
    """Delivered messages/s: from the first connection until the sink has every copy."""
    before = sink.count
    start = time.monotonic()
    smtp_source(port, args.messages, rcpts, args.sessions, args.timeout)
    if not sink.wait_for(before + expect, args.timeout):
        print(f"  only {sink.count - before} of {expect} arrived", flush=True)
    return args.messages / (time.monotonic() - start)


def postfix_relay(sink: Sink) -> Postfix:
    port = free_port()
    mta = Postfix(
        port,
        main={
            "relayhost": f"[127.0.0.1]:{sink.port}",
            "default_destination_concurrency_limit": "20",
            "smtp_destination_concurrency_limit": "20",
        },
    )
    mta.start()
    return mta


class RelayUnderTest:
    def __init__(self, sink: Sink, args: argparse.Namespace) -> None:
        self.dir = Path(tempfile.mkdtemp(prefix="bench-relay-"))
        self.port = free_port()
        url = args.database_url or f"sqlite:///{self.dir / 'relay.db'}"
        self.config = self.dir / "relay.toml"
        self.config.write_text(
            f'data_dir = "{self.dir / "var"}"\n'
            f'[server]\nsubmission_listen = "127.0.0.1:{self.port}"\n'
            f'bounce_listen = "127.0.0.1:{free_port()}"\n'
            'trusted_networks = "127.0.0.0/8=bench"\nmax_connections = 2000\n'
            f'event_loop = "{args.event_loop}"\n'
            f'[database]\nurl = "{url}"\n'
            f'[delivery]\nupstream = "smtp://127.0.0.1:{sink.port}"\n'
            '[verp]\nreturn_path_domain = "bounces.bench.example"\n',
            encoding="utf-8",
        )
        settings = load_settings(self.config, environ={})
        started = time.monotonic()
        asyncio.run(preload(settings.database.url, args.suppressed))
        print(f"  store ready: {args.suppressed:,} suppressed addresses "
              f"({time.monotonic() - started:.1f} s)", flush=True)  # fmt: skip
        self.workers = args.workers
        self.proc: subprocess.Popen[bytes] | None = None

    def relay(self, *args: str) -> None:
        subprocess.run(
            [sys.executable, "-m", "relay", "--config", str(self.config), *args],
            check=True, stdout=subprocess.DEVNULL,
        )  # fmt: skip

    def start(self) -> None:
        profile = os.environ.get("BENCH_PROFILE")  # a file: the relay runs under cProfile
        prefix = ["-m", "cProfile", "-o", profile] if profile else []
        self.proc = subprocess.Popen(
            [sys.executable, *prefix, "-m", "relay", "--config", str(self.config), "serve",
             "--workers", str(self.workers)],
            stderr=subprocess.DEVNULL,
        )  # fmt: skip
        deadline = time.monotonic() + 30
        import socket

        while time.monotonic() < deadline:
            try:
                socket.create_connection(("127.0.0.1", self.port), timeout=1).close()
                return
            except OSError:
                time.sleep(0.1)
        raise RuntimeError("relay did not start")

    def stop(self) -> None:
        if self.proc is not None:
            self.proc.terminate()
            self.proc.wait(timeout=60)

    def cleanup(self) -> None:
        shutil.rmtree(self.dir, ignore_errors=True)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--messages", type=int, default=20_000)
    parser.add_argument("--sessions", type=int, default=20)
    parser.add_argument("--suppressed", type=int, default=1_000_000)
    parser.add_argument("--rcpts", type=int, nargs="+", default=[1, 5])
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--database-url", help="default: a SQLite file in a temp dir")
    parser.add_argument(
        "--event-loop", choices=["auto", "uvloop", "asyncio"], default="auto",
        help="the relay's server.event_loop (auto: uvloop where installed)",
    )  # fmt: skip
    parser.add_argument("--timeout", type=float, default=900.0)
    parser.add_argument("--no-dkim", action="store_true", help="skip the relay+dkim runs")
    parser.add_argument("--dkim-only", action="store_true", help="skip the relay runs without DKIM")
    parser.add_argument(
        "--relay-only", action="store_true", help="skip direct and postfix (quick iterations)"
    )
    args = parser.parse_args()
    for tool in ("smtp-source", "smtp-sink", "postfix"):
        if shutil.which(tool) is None:
            print(f"{tool} is not installed: apt-get install postfix")
            return 1
    print(f"{args.messages:,} messages of 2 KB over {args.sessions} connections; "
          f"relay workers: {args.workers}", flush=True)  # fmt: skip
    sink = Sink()
    results: dict[tuple[str, int], float] = {}
    mta = postfix_relay(sink)
    relay = RelayUnderTest(sink, args)
    try:
        for rcpts in [] if args.relay_only else args.rcpts:
            results[("direct", rcpts)] = run_load(sink.port, sink, args, rcpts, args.messages)
            results[("postfix", rcpts)] = run_load(mta.smtpd_port, sink, args, rcpts, args.messages)
        for dkim in (False,) if args.no_dkim else (True,) if args.dkim_only else (False, True):
            if dkim:
                relay.relay("domains", "add", "bench.example", "--account", "bench")
            relay.start()
            try:
                for rcpts in args.rcpts:
                    name = "relay+dkim" if dkim else "relay"
                    expect = args.messages * rcpts  # one copy per recipient, each its own VERP
                    results[(name, rcpts)] = run_load(relay.port, sink, args, rcpts, expect)
            finally:
                relay.stop()
    finally:
        mta.stop()
        sink.stop()
        relay.cleanup()
    print()
    print(f"{'path':<12}{'rcpts':>6}{'delivered msgs/s':>18}{'vs postfix':>12}")
    for (name, rcpts), rate in results.items():
        reference = results.get(("postfix", rcpts))
        ratio = f"{rate / reference:>11.2f}x" if reference else f"{'-':>12}"
        print(f"{name:<12}{rcpts:>6}{rate:>18,.0f}{ratio}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
