"""storage.engine.WriterTurn on a real lock file: a task that waits for the turn while another
holder has it resumes within two rounds of a busy event loop once the flock is its thread's
(every round before that is turn time, every other writer waiting), and a task cancelled
while it waits never gets the turn, which is given back."""

from __future__ import annotations

import asyncio
import contextlib
import fcntl
import os
import threading
from collections.abc import Iterator
from pathlib import Path

from storage.engine import WriterTurn


@contextlib.contextmanager
def _other_holder(database: Path) -> Iterator[int]:
    """The turn held through a file description of its own, as another process holds it."""
    fd = os.open(database.with_name(database.name + ".writer-lock"), os.O_RDWR | os.O_CREAT)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield fd
    finally:
        os.close(fd)


async def test_the_waiting_task_resumes_within_two_rounds_of_a_busy_loop(
    tmp_path: Path,
) -> None:
    turn = WriterTurn(tmp_path / "relay.db")
    rounds = 0
    stop = False

    async def busy() -> None:  # a session that always has something ready
        while not stop:
            await asyncio.sleep(0)

    async def count() -> None:
        nonlocal rounds
        while not stop:
            rounds += 1
            await asyncio.sleep(0)

    flock_got: list[int] = []
    original = fcntl.flock

    def flock(fd: int, op: int) -> None:
        original(fd, op)
        if op == fcntl.LOCK_EX and threading.current_thread() is not threading.main_thread():
            flock_got.append(rounds)  # the round the loop is in when the thread has it

    resumed: list[int] = []

    async def writer() -> None:
        async with turn.held():
            resumed.append(rounds)

    try:
        with _other_holder(tmp_path / "relay.db") as other:
            fcntl.flock = flock  # type: ignore[assignment]
            spinners = [asyncio.create_task(busy()) for _ in range(20)]
            spinners.append(asyncio.create_task(count()))
            waiting = asyncio.create_task(writer())
            for _ in range(50):
                await asyncio.sleep(0)
            assert not resumed  # still behind the other holder
            fcntl.flock(other, fcntl.LOCK_UN)
            async with asyncio.timeout(10):
                await waiting
    finally:
        fcntl.flock = original
        stop = True
        await asyncio.gather(*spinners)
        turn.close()
    assert len(flock_got) == 1
    # The thread's hand-over runs in the next round, the task's step in the one after.
    assert resumed[0] - flock_got[0] <= 2, (flock_got, resumed)


async def test_a_task_cancelled_while_it_waits_gives_the_turn_back(tmp_path: Path) -> None:
    database = tmp_path / "relay.db"
    turn = WriterTurn(database)
    entered = False

    async def writer() -> None:
        nonlocal entered
        async with turn.held():
            entered = True

    try:
        with _other_holder(database) as other:
            waiting = asyncio.create_task(writer())
            for _ in range(20):
                await asyncio.sleep(0)
            waiting.cancel()
            fcntl.flock(other, fcntl.LOCK_UN)
            with contextlib.suppress(asyncio.CancelledError):
                await waiting
            # the thread gets the flock, finds nobody waiting and gives it back
            async with asyncio.timeout(10):
                while True:
                    try:
                        fcntl.flock(other, fcntl.LOCK_EX | fcntl.LOCK_NB)
                        break
                    except BlockingIOError:
                        await asyncio.sleep(0.01)
        assert not entered
    finally:
        turn.close()


async def test_quiet_waits_for_a_writer_waiting_in_its_thread_to_resume(tmp_path: Path) -> None:
    # CPU work on the loop (DKIM signing) waits for quiet(): not started while a writer waits
    # for the lock, so it never falls in the round between the thread's flock and the
    # writer's resumption (perf12). One waiter cancelled does not cancel the others' wait.
    database = tmp_path / "relay.db"
    turn = WriterTurn(database)
    order: list[str] = []

    async def writer() -> None:
        async with turn.held():
            order.append("writer")

    async def signer(name: str) -> None:
        await turn.quiet()
        order.append(name)

    try:
        await turn.quiet()  # nobody waits: at once
        with _other_holder(database) as other:
            waiting = asyncio.create_task(writer())
            for _ in range(20):
                await asyncio.sleep(0)
            signers = [asyncio.create_task(signer(n)) for n in ("first", "second")]
            for _ in range(20):
                await asyncio.sleep(0)
            assert order == []
            signers[0].cancel()
            for _ in range(5):
                await asyncio.sleep(0)
            assert not signers[1].done()
            fcntl.flock(other, fcntl.LOCK_UN)
            async with asyncio.timeout(10):
                await waiting
                await signers[1]
        assert signers[0].cancelled()
        assert order == ["writer", "second"]
        await turn.quiet()  # nobody waits any more: at once
    finally:
        turn.close()
