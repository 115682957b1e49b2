"""``relay serve --workers 2`` delivers webhooks from a process of its own at a lower CPU
priority (``webhooks.nice``), so mail wins the CPU; SIGKILLed, it is started again and every
event still arrives, once."""

from __future__ import annotations

import asyncio
import contextlib
import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from relay.webhooks.process import THREADS
from tests.support.harness import message
from tests.support.process import RelayProcess
from tests.support.upstream import Upstream
from tests.support.webhook_receiver import Receiver
from tests.support.webhooks import SENDER, relay_with_webhooks, wait_until

pytestmark = pytest.mark.slow


@pytest.fixture
def receiver() -> Iterator[Receiver]:
    made = Receiver()
    made.start()
    yield made
    made.stop()


def _children(pid: int) -> dict[int, str]:
    """The live children of ``pid`` and their command lines."""
    found = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            argv = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode()
        except OSError:
            continue
        if int(fields[1]) == pid and fields[0] != "Z":
            found[int(entry.name)] = argv
    return found


def _thread_policies(pid: int) -> dict[int, int]:
    """The scheduling policy of each thread of ``pid`` (os.SCHED_*)."""
    found = {}
    for task in (Path("/proc") / str(pid) / "task").iterdir():
        with contextlib.suppress(OSError):
            found[int(task.name)] = os.sched_getscheduler(int(task.name))
    return found


@contextlib.contextmanager
def _busy_cpus(seconds: float) -> Iterator[None]:
    """Every CPU kept busy by a process of ours at the workers' priority, each ending by
    itself after ``seconds`` (and stopped on the way out)."""
    spin = f"import time\nend = time.monotonic() + {seconds}\nwhile time.monotonic() < end: pass"
    spinners = [subprocess.Popen([sys.executable, "-c", spin]) for _ in range(os.cpu_count() or 1)]
    try:
        yield
    finally:
        for each in spinners:
            each.kill()
            each.wait()


def _addresses(receiver: Receiver) -> int:
    """How many addresses' events have arrived."""
    return len({arrival.data["address"] for arrival in receiver.arrivals})


def _thread_niceness(pid: int) -> dict[int, int]:
    """The niceness of each thread of ``pid`` (field 19 of /proc/PID/task/TID/stat)."""
    found = {}
    for task in (Path("/proc") / str(pid) / "task").iterdir():
        with contextlib.suppress(OSError):
            fields = (task / "stat").read_text().rsplit(")", 1)[1].split()
            found[int(task.name)] = int(fields[16])
    return found


async def _dispatcher_of(supervisor: int, not_this: int = 0) -> int:
    async with asyncio.timeout(20):
        while True:
            found = [p for p, argv in _children(supervisor).items() if "--dispatcher" in argv]
            if found and found[0] != not_this:
                return found[0]
            await asyncio.sleep(0.1)


async def test_the_dispatcher_runs_apart_at_a_lower_priority_and_survives_sigkill(
    tmp_path: Path,
    tls_files: tuple[Path, Path],
    upstream: Upstream,
    ca: object,
    database_url: str,
    receiver: Receiver,
) -> None:
    served = await relay_with_webhooks(
        tmp_path, tls_files, upstream.port, database_url, ca, receiver,
        retry_schedule=[0.3], poll_interval=0.1, timeout=5.0, nice=7,
    )  # fmt: skip
    config, port, relay = served.config, served.port, served.relay
    process = RelayProcess(config, port, extra=("--workers", "2"))
    await process.start()
    try:
        first = await _dispatcher_of(process.pid)
        base = os.getpriority(os.PRIO_PROCESS, process.pid)
        workers = [p for p in _children(process.pid) if p != first]
        assert len(workers) == 2
        assert [os.getpriority(os.PRIO_PROCESS, w) for w in workers] == [base, base]
        async with asyncio.timeout(10):
            while os.getpriority(os.PRIO_PROCESS, first) != min(19, base + 7):
                await asyncio.sleep(0.05)

        async def send(names: range) -> None:
            async with relay.client() as smtp:
                for n in names:
                    to = f"r{n}@example.net"
                    await smtp.sendmail(SENDER, [to], message(SENDER, to))

        await send(range(5))
        await wait_until(lambda: len(receiver.arrivals) >= 5)
        # Its event loop (the HTTP work) is niced; the threads that run its store writes,
        # holding the writer's turn the workers wait for, are not.
        threads = _thread_niceness(first)
        assert threads[first] == min(19, base + 7)
        assert sorted(threads.values()).count(base) >= THREADS, threads
        # And idle-scheduled (webhooks.idle): it runs only on a CPU nothing else wants. The
        # threads that write keep the workers' policy, as the threads it started since (its
        # reads) took its own.
        policies = _thread_policies(first)
        assert policies[first] == os.SCHED_IDLE, policies
        at_full = [t for t, p in policies.items() if p == os.SCHED_OTHER]
        assert len(at_full) >= THREADS, policies
        assert all(threads[t] == base for t in at_full), (threads, policies)
        # Under a CPU kept busy, mail still goes (the writes the workers wait for are never
        # an idle thread's), and the events arrive once the CPU is free again.
        with _busy_cpus(3.0):
            started = time.monotonic()
            await send(range(100, 105))
            sent_in = time.monotonic() - started
        assert sent_in < 20, sent_in
        await wait_until(lambda: _addresses(receiver) >= 10, timeout=20)
        os.kill(first, signal.SIGKILL)  # the supervisor starts another
        second = await _dispatcher_of(process.pid, not_this=first)
        assert os.getpriority(os.PRIO_PROCESS, second) >= base
        await send(range(5, 10))
        await wait_until(lambda: _addresses(receiver) >= 15)
        await process.signal(signal.SIGTERM)
        code, _ = await process.wait()
        assert code == 0
    finally:
        await process.kill()
    # At least once: an event whose 2xx came back just before the SIGKILL, and whose settle
    # did not commit, is sent again, always with its first webhook-id.
    ids: dict[str, set[str]] = {}
    for arrival in receiver.arrivals:
        ids.setdefault(arrival.data["address"], set()).add(arrival.webhook_id)
    assert sorted(ids) == sorted(f"r{n}@example.net" for n in (*range(10), *range(100, 105)))
    assert all(len(each) == 1 for each in ids.values()), ids
    assert receiver.unverified == []
