#!/usr/bin/env python3
"""Relay throughput against Postfix, on the same load in the same run, interleaved.

Postfix's smtp-source sends N messages of 2 KB (1 or 5 recipients) over 20 connections:
  direct   straight into Postfix's smtp-sink (the ceiling of the test rig)
  postfix  through a stock Postfix relay (own config directory, fsync on) into the sink
  relay    through bounce-relay in its default configuration (one worker per core) into the
           sink, with everything on: the suppression check against a store holding
           --suppressed addresses, a signed VERP return path per copy, every message and
           recipient recorded; DKIM off, then on (a second store whose domain has a key)
  relay+hooks  (--webhooks) the relay without DKIM with a webhook endpoint subscribed to every
           event (or to --webhook-events), a local receiver answering 204 (nginx from a
           generated config where installed, else a Python thread server here): each copy's
           outcome also goes to the outbox and out over HTTP (the bar: within 10% of the
           relay without); after each run it waits (--drain-max) for the rest of the events
Each repetition runs every path once, one after the other (postfix and relay interleaved,
never one path's repetitions back to back), and waits before each run until the 1-minute
load average is at most --settle-load. Prints each run with the load average before and the
highest during it, then per path the median, the spread, CPU milliseconds per delivered copy
(from /proc: the whole machine's busy time less the load generator, the sink and this script,
which counts whatever else runs on the machine; and, next to it, the relay's or Postfix's own
processes' time, the number a change must move) and the ratio of medians to Postfix. A ratio is
marked unreliable when any of its runs started with a load average above 1. Loopback only;
every run is bounded by --timeout. ``--client pipelining`` replaces smtp-source (which waits
for every reply) with bench/pipelining_client.py, which pipelines as Postfix's smtp does.

  .venv/bin/python bench/bench_relay.py --messages 10000 --suppressed 1000000
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import os
import resource
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import asyncpg  # noqa: E402

from bench.support import SinkCounter, plain_dsn, preload  # noqa: E402
from config import load_settings  # noqa: E402
from tests.support.postfix import Postfix  # noqa: E402
from tests.support.process import free_port  # noqa: E402

SENDER = "news@bench.example"


class Sink:
    """Postfix's smtp-sink, counting what it received and when."""

    def __init__(self) -> None:
        self.port = free_port()
        self.counter = SinkCounter()
        self.proc = subprocess.Popen(
            ["smtp-sink", "-c", "-u", "postfix", f"127.0.0.1:{self.port}", "1024"],
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
        )
        threading.Thread(target=self._read, daemon=True).start()
        time.sleep(0.3)

    @property
    def count(self) -> int:
        return self.counter.count

    def _read(self) -> None:
        assert self.proc.stdout is not None
        while chunk := self.proc.stdout.read1(4096):  # type: ignore[attr-defined]
            self.counter.feed(chunk, time.monotonic())

    def wait_for(self, target: int, timeout: float) -> float | None:
        """The monotonic time the sink's count reached ``target`` (None: not within
        ``timeout`` s); the 10 ms poll only decides when to look, not the time returned."""
        deadline = time.monotonic() + timeout
        while (reached := self.counter.reached_at(target)) is None:
            if time.monotonic() > deadline:
                return None
            time.sleep(0.01)
        return reached

    def cpu(self) -> float:
        return process_cpu([self.proc.pid])

    def stop(self) -> None:
        self.proc.terminate()
        self.proc.wait(timeout=10)


def smtp_source(
    port: int, messages: int, rcpts: int, sessions: int, timeout: float, client: str
) -> None:
    """The load: smtp-source, or (``client`` "pipelining") bench/pipelining_client.py."""
    if client == "pipelining":
        command = [sys.executable, str(Path(__file__).with_name("pipelining_client.py")),
                   "--sessions", str(sessions), "--messages", str(messages), "--rcpts",
                   str(rcpts), "--sender", SENDER, "--timeout", str(timeout),
                   f"127.0.0.1:{port}"]  # fmt: skip
    else:
        command = ["smtp-source", "-s", str(sessions), "-l", "2048", "-m", str(messages),
                   "-r", str(rcpts), "-f", SENDER, "-t", "rcpt@example.net",
                   f"127.0.0.1:{port}"]  # fmt: skip
    subprocess.run(command, check=True, timeout=timeout, stdout=subprocess.DEVNULL)


CLOCK = os.sysconf("SC_CLK_TCK")


def machine_busy() -> float:
    """CPU seconds the whole machine has spent busy (all cores), from /proc/stat."""
    fields = Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]
    user, nice, system, _idle, _iowait, irq, softirq, steal = map(int, fields[:8])
    return (user + nice + system + irq + softirq + steal) / CLOCK


def process_cpu(pids: list[int]) -> float:
    """CPU seconds the live processes ``pids`` have used (user + system)."""
    total = 0.0
    for pid in pids:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        total += (int(fields[11]) + int(fields[12])) / CLOCK
    return total


def tree_cpu(root: int) -> float:
    """CPU seconds of process ``root`` and its live descendants, with what each has reaped of
    its exited children: Postfix's master recycles smtpd and smtp processes during a run, and
    their time moves to the master's ``cutime`` when it reaps them."""
    total, todo = 0.0, [root]
    while todo:
        pid = todo.pop()
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
            tasks = Path(f"/proc/{pid}/task").iterdir()
            todo += [int(c) for t in tasks for c in (t / "children").read_text().split()]
        except OSError:
            continue
        total += sum(int(f) for f in fields[11:15]) / CLOCK
    return total


def postgres_cpu(database: str) -> float:
    """CPU seconds of the live PostgreSQL backends connected to ``database`` (their process
    titles name it: ``postgres: 15/main: relay <database> 127.0.0.1(port) idle``)."""
    pids = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        with contextlib.suppress(OSError):
            title = (entry / "cmdline").read_bytes()
            if title.startswith(b"postgres: ") and f" {database} ".encode() in title:
                pids.append(int(entry.name))
    return process_cpu(pids)


def own_cpu() -> float:
    """This script's CPU seconds and its waited-for children's (smtp-source)."""
    me, children = (
        resource.getrusage(resource.RUSAGE_SELF),
        resource.getrusage(resource.RUSAGE_CHILDREN),
    )
    return me.ru_utime + me.ru_stime + children.ru_utime + children.ru_stime


@dataclass
class Run:
    path: str
    rcpts: int
    rate: float  # delivered messages/s
    load_before: float  # 1-minute load average when it started
    load_during: float  # the highest 1-minute load average seen while it ran
    cpu_ms: float  # machine CPU ms per delivered copy, less the rig's own
    own_cpu_ms: float | None  # the relay's (or Postfix's) processes' CPU ms per delivered copy
    hooks_during: int | None = None  # webhook events received while the SMTP load ran
    drain_s: float | None = None  # seconds after the run until every event arrived (or None)
    drained_own_ms: float | None = None  # own CPU ms per copy, the drain after the run included
    copies: int = 0
    # From the store's writer-turn counters (storage.engine.TurnStats), ms per delivered copy:
    # the workers' wait for their turn to write, and the dispatcher's time holding it.
    workers_waited_ms: float | None = None
    workers_held_ms: float | None = None
    workers_handed_ms: float | None = None  # of the held: the thread's lock to the task's resume
    dispatcher_held_ms: float | None = None
    blocked: int | None = None  # worker turns that found the lock held by another process
    turns: int | None = None  # the workers' write transactions (turns taken)
    server_cpu_ms: float | None = None  # PostgreSQL's backends for the relay's database


def writer_stats(folder: Path | None) -> dict[str, list[float]]:
    """Per role (worker, dispatcher): turns, blocked, waited s, held s, of it handed over s
    (storage.engine.TurnStats), summed over processes."""
    totals: dict[str, list[float]] = {}
    for file in folder.glob("[0-9]*[0-9]") if folder is not None and folder.is_dir() else ():
        with contextlib.suppress(OSError, ValueError):
            role, *numbers = file.read_text(encoding="ascii").split()
            sums = totals.setdefault(role, [0.0] * 5)
            for n, value in enumerate(numbers):
                sums[n] += float(value)
    return totals


def settle(limit: float, longest: float) -> float:
    """Wait (up to ``longest`` s) for the 1-minute load average to fall to ``limit``."""
    deadline = time.monotonic() + longest
    while os.getloadavg()[0] > limit and time.monotonic() < deadline:
        time.sleep(2)
    return os.getloadavg()[0]


def run_load(
    path: str, port: int, sink: Sink, args: argparse.Namespace, rcpts: int,
    subject: int | None = None, hooks: Receiver | None = None, stats: Path | None = None,
    database: str | None = None,
) -> Run:  # fmt: skip
    """One timed run: from the first connection until the sink has every copy. With
    ``hooks`` (the webhook receiver), then the wait (bounded) until every event arrived."""
    expect = args.messages * rcpts if path.startswith("relay") else args.messages
    load_before = settle(args.settle_load, args.settle_max)
    peak = [load_before]
    running = threading.Event()  # set: the run is over

    def watch() -> None:
        while True:
            peak[0] = max(peak[0], os.getloadavg()[0])
            if running.wait(0.5):
                return

    watcher = threading.Thread(target=watch, daemon=True)
    watcher.start()
    before = sink.count
    subject_cpu = tree_cpu(subject) if subject else 0.0
    server_cpu = postgres_cpu(database) if database else 0.0
    hooks_before = hooks.count if hooks else 0
    dispatcher = dispatcher_pid(subject) if hooks and subject else None
    dispatcher_cpu = process_cpu([dispatcher]) if dispatcher else 0.0
    busy, rig = machine_busy(), own_cpu() + sink.cpu() + (hooks.cpu() if hooks else 0.0)
    turns_before = writer_stats(stats)
    start = time.monotonic()
    try:
        smtp_source(port, args.messages, rcpts, args.sessions, args.timeout, args.client)
        finished = sink.wait_for(before + expect, args.timeout)
        if finished is None:
            print(f"  only {sink.count - before} of {expect} arrived", flush=True)
    finally:
        running.set()
        watcher.join()
    time.sleep(0.15)  # the last counters written (storage.engine.TurnStats)
    turns = writer_stats(stats)

    def turn_delta(role: str, column: int) -> float:
        return turns.get(role, [0.0] * 5)[column] - turns_before.get(role, [0.0] * 5)[column]

    # From the first connection to the moment the sink counted the last copy (smtp-sink's
    # output read as it comes); the load watcher's half-second naps are not in it.
    elapsed = (finished if finished is not None else time.monotonic()) - start
    # Per recipient delivery on every path: Postfix hands the sink one message with all its
    # recipients, the relay one copy per recipient, so the sink's counts differ in kind.
    copies = max(1, args.messages * rcpts)
    hooks_during = hooks.count - hooks_before if hooks else None
    dispatched = 1000 * (process_cpu([dispatcher]) - dispatcher_cpu) / copies if dispatcher else 0
    rig_used = own_cpu() + sink.cpu() + (hooks.cpu() if hooks else 0.0) - rig
    cpu_ms = 1000 * (machine_busy() - busy - rig_used) / copies
    own = 1000 * (tree_cpu(subject) - subject_cpu) / copies if subject else None
    # PostgreSQL's backends serving the relay's database (new during the run, most of them)
    server = 1000 * (postgres_cpu(database) - server_cpu) / copies if database else None
    drain = drain_wait(hooks, hooks_before + copies, args.drain_max) if hooks else None
    drained = 1000 * (tree_cpu(subject) - subject_cpu) / copies if hooks and subject else None
    run = Run(path, rcpts, args.messages / elapsed, load_before, peak[0], cpu_ms, own,
              hooks_during, drain, drained, copies)  # fmt: skip
    run.server_cpu_ms = server
    if stats is not None:
        run.workers_waited_ms = 1000 * turn_delta("worker", 2) / copies
        run.dispatcher_held_ms = 1000 * turn_delta("dispatcher", 3) / copies
        run.workers_held_ms = 1000 * turn_delta("worker", 3) / copies
        run.workers_handed_ms = 1000 * turn_delta("worker", 4) / copies
        run.blocked = int(turn_delta("worker", 1))
        run.turns = int(turn_delta("worker", 0))
    print(f"  {path:<11}{rcpts:>3} rcpt  {run.rate:>8,.0f} msgs/s  load {load_before:.2f}"
          f" -> {peak[0]:.2f}  {cpu_ms:.2f} ms CPU/recipient (machine)"
          + (f", {own:.2f} its own" if own is not None else "")
          + (f", {server:.2f} its PostgreSQL backends'" if server is not None else "")
          + (f" ({dispatched:.2f} of it the dispatcher process's, "
             f"{dispatched * copies / max(hooks_during or 0, 1):.2f} ms an event it sent)"
             if dispatcher else "")
          + (f"; webhooks: {hooks_during:,} of {copies:,} during the run, "
             + (f"the rest {drain:.1f} s after" if drain is not None
                else f"not all {args.drain_max:.0f} s after")
             + f", {drained or 0:.2f} ms own CPU/recipient with the drain" if hooks else "")
          + (f"; writers waited {run.workers_waited_ms:.3f} ms/recipient for their turn"
             f" ({run.turns:,} turns, {run.turns / args.messages:.2f} a message;"
             f" {run.blocked:,} times behind another process) and held it"
             f" {run.workers_held_ms:.3f} (handed over {run.workers_handed_ms:.3f}),"
             f" the dispatcher held it"
             f" {run.dispatcher_held_ms:.3f}" if stats is not None else ""),
          flush=True)  # fmt: skip
    return run


def dispatcher_pid(root: int) -> int | None:
    """The webhook dispatcher's process among ``root``'s children (relay serve --workers N)."""
    with contextlib.suppress(OSError):
        for child in Path(f"/proc/{root}/task/{root}/children").read_text().split():
            if b"--dispatcher" in Path(f"/proc/{child}/cmdline").read_bytes():
                return int(child)
    return None


def drain_wait(hooks: Receiver, target: int, longest: float) -> float | None:
    """Seconds until the receiver has ``target`` events (the outbox is empty), None after
    ``longest`` seconds."""
    started = time.monotonic()
    while hooks.count < target:
        if time.monotonic() - started > longest:
            return None
        time.sleep(0.05)
    return time.monotonic() - started


def master_pid(mta: Postfix) -> int:
    """The Postfix instance's master process, from its pid file."""
    return int((mta.root / "spool" / "pid" / "master.pid").read_text().split()[0])


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
    """``relay serve`` on its own store; started for each of its runs and stopped after, so
    an idle relay takes nothing from the runs of the other paths."""

    def __init__(
        self, sink: Sink, args: argparse.Namespace, *, dkim: bool, hooks: str | None = None
    ) -> None:
        self.dir = Path(tempfile.mkdtemp(prefix="bench-relay-"))
        self.port = free_port()
        self.admin_url = args.database_url
        suffix = "_dkim" if dkim else "_hooks" if hooks else ""
        # a server's, ours to drop: named by this process, so that two benches on one server
        # (other sessions') never drop each other's database
        self.database = f"relay_bench{suffix}_{os.getpid()}"
        if self.admin_url:
            url = asyncio.run(fresh_postgres(self.admin_url, self.database))
        else:
            url = f"sqlite:///{self.dir / 'relay.db'}"
        workers = f"workers = {args.workers}\n" if args.workers else ""  # else the default
        nice = args.webhooks_nice  # else the default
        self.config = self.dir / "relay.toml"
        self.config.write_text(
            f'data_dir = "{self.dir / "var"}"\n'
            f'[server]\nsubmission_listen = "127.0.0.1:{self.port}"\n'
            f'bounce_listen = "127.0.0.1:{free_port()}"\n'
            'trusted_networks = "127.0.0.0/8=bench"\nmax_connections = 2000\n'
            f'event_loop = "{args.event_loop}"\n{workers}'
            f'[database]\nurl = "{url}"\n'
            f'[delivery]\nupstream = "smtp://127.0.0.1:{sink.port}"\n'
            '[verp]\nreturn_path_domain = "bounces.bench.example"\n'
            # A port of its own: the default 8025 may be another process's on a shared host.
            f'[http]\nlisten = "127.0.0.1:{free_port()}"\n'
            + ("[webhooks]\nallow_private = true\n" if hooks else "")
            + (f"nice = {nice}\n" if hooks and nice is not None else ""),
            encoding="utf-8",
        )
        settings = load_settings(self.config, environ={})
        self.workers = settings.server.worker_count
        started = time.monotonic()
        asyncio.run(preload(settings.database.url, args.suppressed))
        if dkim:
            self.relay("domains", "add", "bench.example", "--account", "bench")
        if hooks:
            events = args.webhook_events
            self.relay("webhooks", "add", hooks, "--account", "bench", "--events", events)
        print(f"  store ready{' (DKIM)' if dkim else ''}: {args.suppressed:,} suppressed "
              f"addresses ({time.monotonic() - started:.1f} s)", flush=True)  # fmt: skip
        self.proc: subprocess.Popen[bytes] | None = None
        self.stats = self.dir / "writer-stats"  # storage.engine.TurnStats (SQLite only)

    def relay(self, *args: str) -> None:
        subprocess.run(
            [sys.executable, "-m", "relay", "--config", str(self.config), *args],
            check=True, stdout=subprocess.DEVNULL, env=_environment(),
        )  # fmt: skip

    @property
    def root(self) -> int | None:
        """The supervisor (or the one process); its workers are its children."""
        return self.proc.pid if self.proc is not None else None

    @property
    def pids(self) -> list[int]:
        """The supervisor (or the one process) and its workers."""
        if self.proc is None:
            return []
        children = Path(f"/proc/{self.proc.pid}/task/{self.proc.pid}/children")
        try:
            return [self.proc.pid, *map(int, children.read_text().split())]
        except OSError:
            return [self.proc.pid]

    def start(self) -> None:
        profile = os.environ.get("BENCH_PROFILE")  # a file: the relay runs under cProfile
        prefix = ["-m", "cProfile", "-o", profile] if profile else []
        shutil.rmtree(self.stats, ignore_errors=True)
        self.stats.mkdir()
        self.proc = subprocess.Popen(
            [sys.executable, *prefix, "-m", "relay", "--config", str(self.config), "serve"],
            stderr=subprocess.DEVNULL,
            env={**_environment(), "RELAY_WRITER_STATS": str(self.stats)},
        )  # fmt: skip
        deadline = time.monotonic() + 120  # a loaded machine: the workers start slowly
        while time.monotonic() < deadline:
            try:
                socket.create_connection(("127.0.0.1", self.port), timeout=1).close()
                if len(self.pids) >= min(2, self.workers + (self.workers > 1)):
                    time.sleep(1)  # every worker listening before the clock starts
                    self.settle(deadline)
                    return
            except OSError:
                pass
            time.sleep(0.1)
        raise RuntimeError("relay did not start")

    def settle(self, deadline: float) -> None:
        """Until the relay's processes are idle (under 50 ms of CPU in half a second): on a
        loaded machine the second worker and the webhook dispatcher were still starting (2.5 s
        of the dispatcher's CPU at load 20) when the clock started, and counted as the run's."""
        while time.monotonic() < deadline:
            before = process_cpu(self.pids)
            time.sleep(0.5)
            if process_cpu(self.pids) - before < 0.05:
                return

    def stop(self) -> None:
        if self.proc is not None:
            self.proc.terminate()
            self.proc.wait(timeout=60)
            self.proc = None

    def cleanup(self) -> None:
        shutil.rmtree(self.dir, ignore_errors=True)
        if self.admin_url:
            asyncio.run(drop_postgres(self.admin_url, self.database))


async def fresh_postgres(admin_url: str, name: str) -> str:
    """The URL of a new, empty database ``name`` on ``admin_url``'s server."""
    admin = await asyncpg.connect(plain_dsn(admin_url))
    try:
        await admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        await admin.execute(f'CREATE DATABASE "{name}"')
    finally:
        await admin.close()
    return plain_dsn(admin_url, name)


async def drop_postgres(admin_url: str, name: str) -> None:
    admin = await asyncpg.connect(plain_dsn(admin_url))
    try:
        await admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    finally:
        await admin.close()


def _environment() -> dict[str, str]:
    # RELAY_* in the caller's environment would override the bench's file
    return {k: v for k, v in os.environ.items() if not k.startswith("RELAY_")}


class HookReceiver:
    """A webhook endpoint on 127.0.0.1 that answers 204 to every POST and counts them: a
    thread server in this process (competing with the relay for the cores: the fallback)."""

    kind = "Python thread server in the bench process"

    def __init__(self) -> None:
        receiver = self
        self.count = 0

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"  # keep-alive, as a real receiver

            def do_POST(self) -> None:
                self.rfile.read(int(self.headers.get("content-length", "0")))
                receiver.count += 1
                self.send_response(204)
                self.end_headers()

            def log_message(self, format: str, *args: object) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/hooks"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def cpu(self) -> float:
        return 0.0  # counted in this process's own time

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()


NGINX_CONF = """daemon off;
worker_processes 1;
pid {dir}/nginx.pid;
error_log {dir}/error.log;
events {{ worker_connections 1024; }}
http {{
    log_format hooks "$request_method";
    access_log {dir}/access.log hooks;
    client_body_temp_path {dir}/body;
    proxy_temp_path {dir}/proxy;
    fastcgi_temp_path {dir}/fastcgi;
    uwsgi_temp_path {dir}/uwsgi;
    scgi_temp_path {dir}/scgi;
    keepalive_requests 100000;
    server {{
        listen 127.0.0.1:{port};
        location / {{ return 204; }}
    }}
}}
"""


class NginxReceiver:
    """Debian's nginx answering 204, from a generated config in a temp dir: a receiver that
    costs little, in its own processes, so the measurement is about the relay. Counts the
    POSTs in its access log."""

    kind = "nginx"

    def __init__(self) -> None:
        self.dir = Path(tempfile.mkdtemp(prefix="bench-hooks-"))
        self.dir.chmod(0o755)
        port = free_port()
        (self.dir / "nginx.conf").write_text(NGINX_CONF.format(dir=self.dir, port=port))
        self.proc = subprocess.Popen(
            ["nginx", "-p", str(self.dir), "-c", str(self.dir / "nginx.conf")],
            stderr=subprocess.DEVNULL,
        )  # fmt: skip
        self.url = f"http://127.0.0.1:{port}/hooks"
        self._seen, self._offset = 0, 0
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            with contextlib.suppress(OSError):
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                return
            time.sleep(0.05)
        self.stop()
        raise RuntimeError("nginx did not start")

    @property
    def count(self) -> int:
        """POSTs answered so far (the access log read on from where it was last read)."""
        with contextlib.suppress(OSError), (self.dir / "access.log").open("rb") as log:
            log.seek(self._offset)
            chunk = log.read()
            complete = chunk.rfind(b"\n") + 1
            self._seen += chunk[:complete].count(b"POST")
            self._offset += complete
        return self._seen

    def cpu(self) -> float:
        return tree_cpu(self.proc.pid)

    def stop(self) -> None:
        self.proc.terminate()
        self.proc.wait(timeout=10)
        shutil.rmtree(self.dir, ignore_errors=True)


Receiver = HookReceiver | NginxReceiver


def hook_receiver() -> Receiver:
    """nginx where installed (apt-get install nginx-light), else the Python one, said so."""
    if shutil.which("nginx") is not None:
        return NginxReceiver()
    print("  nginx is not installed (apt-get install nginx-light): the webhook receiver is "
          "a Python thread server in this process, sharing its CPU", flush=True)  # fmt: skip
    return HookReceiver()


def summarize(runs: list[Run]) -> None:
    """Per path: median, spread, CPU per copy, and the ratio of medians to Postfix."""
    print()
    print(f"{'path':<12}{'rcpts':>6}{'median msgs/s':>15}{'spread':>17}{'CPU ms/rcpt':>13}"
          f"{'own ms':>10}{'vs postfix':>12}  load before (max)")  # fmt: skip
    keys = list(dict.fromkeys((r.path, r.rcpts) for r in runs))
    medians = {k: statistics.median(r.rate for r in runs if (r.path, r.rcpts) == k) for k in keys}
    for path, rcpts in keys:
        mine = [r for r in runs if (r.path, r.rcpts) == (path, rcpts)]
        rates = [r.rate for r in mine]
        spread = f"{min(rates):,.0f}-{max(rates):,.0f}"
        cpu = statistics.median(r.cpu_ms for r in mine)
        own = [r.own_cpu_ms for r in mine if r.own_cpu_ms is not None]
        own_text = f"{statistics.median(own):>10.2f}" if own else f"{'-':>10}"
        server = [r.server_cpu_ms for r in mine if r.server_cpu_ms is not None]
        if server:  # the relay's own and its PostgreSQL backends'
            own_text += f" (+{statistics.median(server):.2f} PostgreSQL)"
        reference = medians.get(("postfix", rcpts))
        ratio = f"{medians[(path, rcpts)] / reference:>11.2f}x" if reference else f"{'-':>12}"
        pair = [r for r in runs if r.rcpts == rcpts and r.path in (path, "postfix")]
        worst = max(r.load_before for r in pair)
        verdict = "  UNRELIABLE: busy machine" if reference and worst > 1.0 else ""
        print(f"{path:<12}{rcpts:>6}{medians[(path, rcpts)]:>15,.0f}{spread:>17}{cpu:>13.2f}"
              f"{own_text}{ratio}  {worst:.2f}{verdict}")  # fmt: skip
    for rcpts in dict.fromkeys(r.rcpts for r in runs):
        hooked = [r for r in runs if (r.path, r.rcpts) == ("relay+hooks", rcpts)]
        plain = medians.get(("relay", rcpts))
        if not hooked or not plain:
            continue
        during = statistics.median(r.hooks_during or 0 for r in hooked)
        drains = [r.drain_s for r in hooked]
        drain = "not within --drain-max" if None in drains else (
            f"{statistics.median(d or 0.0 for d in drains):.1f} s")  # fmt: skip
        drained = statistics.median(r.drained_own_ms or 0.0 for r in hooked)
        print(f"relay+hooks {rcpts} rcpt: {medians[('relay+hooks', rcpts)] / plain:.2f}x the "
              f"relay's msgs/s; events received during the run {during:,.0f} of "
              f"{hooked[0].copies:,}, the rest {drain} after (median); own CPU with the "
              f"drain {drained:.2f} ms/recipient")  # fmt: skip
    for rcpts in dict.fromkeys(r.rcpts for r in runs):
        for path in ("relay", "relay+hooks"):
            mine = [r for r in runs if (r.path, r.rcpts) == (path, rcpts)]
            waits = [r.workers_waited_ms for r in mine if r.workers_waited_ms is not None]
            held = [r.dispatcher_held_ms or 0.0 for r in mine]
            own = [r.workers_held_ms or 0.0 for r in mine]
            if waits:
                print(f"{path} {rcpts} rcpt: writers waited {statistics.median(waits):.3f} "
                      f"ms/recipient for their turn and held it {statistics.median(own):.3f} "
                      f"(medians), the dispatcher held it {statistics.median(held):.3f}; "
                      f"per run: {', '.join(f'{w:.3f}' for w in waits)}")  # fmt: skip


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--messages", type=int, default=10_000)
    parser.add_argument("--sessions", type=int, default=20)
    parser.add_argument(
        "--client", choices=["smtp-source", "pipelining"], default="smtp-source",
        help="the load generator: smtp-source (a reply per command), or pipelining_client.py "
        "(MAIL, RCPTs and DATA in one write, RFC 2920, as Postfix's smtp client sends them)",
    )  # fmt: skip
    parser.add_argument("--suppressed", type=int, default=1_000_000)
    parser.add_argument("--rcpts", type=int, nargs="+", default=[1, 5])
    parser.add_argument("--repeat", type=int, default=3, help="repetitions of every path")
    parser.add_argument(
        "--workers", type=int, help="the relay's server.workers (default: its default, auto)"
    )
    parser.add_argument(
        "--database-url",
        help="a PostgreSQL server (the bench makes and drops its own databases on it); "
        "default: SQLite files in a temp dir",
    )
    parser.add_argument(
        "--event-loop", choices=["auto", "uvloop", "asyncio"], default="auto",
        help="the relay's server.event_loop (auto: uvloop where installed)",
    )  # fmt: skip
    parser.add_argument("--timeout", type=float, default=900.0)
    parser.add_argument(
        "--settle-load",
        type=float,
        default=1.0,
        help="wait before each run until the 1-minute load is at most this",
    )
    parser.add_argument("--settle-max", type=float, default=120.0,
                        help="seconds to wait for that at most")  # fmt: skip
    parser.add_argument("--no-dkim", action="store_true", help="skip the relay+dkim runs")
    parser.add_argument("--dkim-only", action="store_true", help="skip the relay runs without DKIM")
    parser.add_argument("--no-direct", action="store_true", help="skip the direct runs")
    parser.add_argument(
        "--webhooks", action="store_true", help="also the relay with a webhook endpoint"
    )
    parser.add_argument(
        "--drain-max", type=float, default=120.0,
        help="seconds to wait after a relay+hooks run for every event to arrive",
    )  # fmt: skip
    parser.add_argument(
        "--webhook-events", default="all",
        help="what the endpoint subscribes to (e.g. message.bounced: no event in this load)",
    )  # fmt: skip
    parser.add_argument(
        "--webhooks-nice", type=int, default=None,
        help="the relay's webhooks.nice (default: its default, 10; 0: the workers' priority)",
    )  # fmt: skip
    args = parser.parse_args()
    for tool in ("smtp-source", "smtp-sink", "postfix"):
        if shutil.which(tool) is None:
            print(f"{tool} is not installed: apt-get install postfix")
            return 1
    print(f"{args.messages:,} messages of 2 KB over {args.sessions} connections, "
          f"{args.repeat} repetitions; {os.cpu_count()} CPUs, load average "
          f"{os.getloadavg()[0]:.2f}", flush=True)  # fmt: skip
    sink = Sink()
    mta = postfix_relay(sink)
    relays: dict[str, RelayUnderTest] = {}
    runs: list[Run] = []
    hooks = hook_receiver() if args.webhooks else None
    if hooks is not None:
        print(f"webhook receiver: {hooks.kind}", flush=True)
    try:
        for dkim in (False,) if args.no_dkim else (True,) if args.dkim_only else (False, True):
            relays["relay+dkim" if dkim else "relay"] = RelayUnderTest(sink, args, dkim=dkim)
        if hooks is not None:
            relays["relay+hooks"] = RelayUnderTest(sink, args, dkim=False, hooks=hooks.url)
        print(f"relay workers: {next(iter(relays.values())).workers}", flush=True)
        for repetition in range(1, args.repeat + 1):
            print(f"repetition {repetition}", flush=True)
            for rcpts in args.rcpts:
                if not args.no_direct:
                    runs.append(run_load("direct", sink.port, sink, args, rcpts))
                runs.append(run_load("postfix", mta.smtpd_port, sink, args, rcpts, master_pid(mta)))
                for name, relay in relays.items():
                    relay.start()
                    receiver = hooks if name == "relay+hooks" else None
                    try:
                        runs.append(
                            run_load(
                                name,
                                relay.port,
                                sink,
                                args,
                                rcpts,
                                relay.root,
                                receiver,
                                relay.stats,
                                relay.database if relay.admin_url else None,
                            )
                        )
                    finally:
                        relay.stop()
    finally:
        mta.stop()
        sink.stop()
        for relay in relays.values():
            relay.stop()
            relay.cleanup()
        if hooks is not None:
            print(f"webhook requests received: {hooks.count:,}")
            hooks.stop()
    summarize(runs)
    print(f"load average at the end: {os.getloadavg()[0]:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
