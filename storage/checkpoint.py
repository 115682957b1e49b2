"""Checkpoints of a SQLite file's write-ahead log, run beside the writers rather than in them.

By default the connection whose COMMIT takes the WAL past 1,000 pages copies the log back
into the database file and fsyncs it inside that COMMIT: about every twentieth group commit of
a busy relay, holding SQLite's write lock and the relay's writer turn (storage.engine.
WriterTurn) meanwhile, every other writer waiting. A store opened with ``checkpoint=True``
turns that off on its writer connections (``PRAGMA wal_autocheckpoint=0``) and runs this
instead: a thread with its own connection that checkpoints PASSIVE a few times a second (it
takes no lock a writer needs, so writers go on appending meanwhile) and, since a log that
writers never stop appending to is never wholly copied back, which is when SQLite starts it
again from its beginning, a RESTART once the log holds ``restart_pages``: in the writer's turn,
by then with little left to copy. The log stays about that size (``restart_pages`` pages).

One thread checkpoints a file at a time: the relay's workers each open a checkpointing store on
the same file, and two threads copying the same log back did each round twice (two workers:
forty PASSIVE checkpoints a second, each with its fsyncs). The one that holds the file's
``.checkpoint-lock`` (an flock, let go when its process ends) runs the rounds; the others try
for it every ``standby`` seconds and take over when it is let go. And a log that has not grown
since the last round is not looked at twenty times a second: the wait doubles, up to
``idle_every``, and is back to ``every`` at the first round that finds new frames.
"""

from __future__ import annotations

import contextlib
import fcntl
import logging
import os
import sqlite3
import threading
from collections.abc import Iterator
from pathlib import Path

log = logging.getLogger(__name__)


class WalCheckpointer:
    """The checkpoints of one SQLite file, in a thread of this process (``start``/``stop``)."""

    def __init__(
        self,
        database: Path,
        *,
        every: float = 0.05,
        idle_every: float = 0.4,
        standby: float = 1.0,
        restart_pages: int = 4096,
        busy_timeout_ms: int = 250,
    ) -> None:
        self.database = database
        self.every = every
        self.idle_every = idle_every
        self.standby = standby
        self.restart_pages = restart_pages
        self.busy_timeout_ms = busy_timeout_ms
        self.passive = 0  # checkpoints run, for tests and benchmarks
        self.leading = False  # whether this thread holds the file's checkpoint lock now
        self.restarts = 0
        self._lock_path = database.with_name(database.name + ".writer-lock")
        self._leader_path = database.with_name(database.name + ".checkpoint-lock")
        self._last_log = -1  # the log's frames at the last round (``run_once``)
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    def start(self) -> None:
        if self._thread is not None:
            return
        self._stop.clear()
        self._thread = threading.Thread(target=self._run, name="wal-checkpoint", daemon=True)
        self._thread.start()

    def stop(self) -> None:
        """Stop the thread (after the checkpoint it may be running)."""
        self._stop.set()
        if self._thread is not None:
            self._thread.join()
            self._thread = None

    def _run(self) -> None:
        try:
            conn = sqlite3.connect(self.database, isolation_level=None, check_same_thread=False)
        except sqlite3.Error as exc:
            log.error("WAL checkpoints: cannot open %s: %s", self.database, exc)
            return
        try:
            conn.execute(f"PRAGMA busy_timeout={int(self.busy_timeout_ms)}")
            conn.execute("PRAGMA wal_autocheckpoint=0")
            with self._leading() as leading:
                if leading:
                    self._rounds(conn)
        finally:
            conn.close()

    def _rounds(self, conn: sqlite3.Connection) -> None:
        failing = False
        wait = self.every
        while not self._stop.wait(wait):
            try:
                grew = self.run_once(conn)
            except sqlite3.Error as exc:  # the next round tries again
                # once per outage (a full disk), not twenty times a second
                level = logging.DEBUG if failing else logging.WARNING
                log.log(level, "WAL checkpoint of %s failed: %s", self.database, exc)
                failing, wait = True, self.every
            else:
                failing = False
                wait = self.every if grew else min(wait * 2, self.idle_every)

    @contextlib.contextmanager
    def _leading(self) -> Iterator[bool]:
        """Until this thread holds the file's checkpoint lock (True), or until ``stop`` (False):
        one checkpointing thread a file, whichever process it is in."""
        try:
            fd = os.open(self._leader_path, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o600)
        except OSError:
            yield True  # no lock file (read-only directory): every store checkpoints, as before
            return
        try:
            while True:
                try:
                    fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                    break
                except BlockingIOError:
                    if self._stop.wait(self.standby):
                        yield False
                        return
            self.leading = True
            try:
                yield True
            finally:
                self.leading = False
        finally:
            os.close(fd)  # lets go of the flock

    def run_once(self, conn: sqlite3.Connection) -> bool:
        """One round: PASSIVE; a RESTART in the writer's turn if the log has grown long.
        Whether the log had new frames (or was not all copied back) since the last round."""
        _busy, pages, copied = conn.execute("PRAGMA wal_checkpoint(PASSIVE)").fetchone()
        self.passive += 1
        grew: bool = pages != self._last_log or copied != pages
        self._last_log = pages
        if pages < self.restart_pages:
            return grew
        # RESTART waits (busy_timeout) for the writer and for readers of the log's old frames,
        # and holds the write lock till it has copied the rest: take the turn like a writer, so
        # the relay's writers queue on the flock rather than hit SQLite's lock.
        with self._turn():
            busy, _pages, _copied = conn.execute("PRAGMA wal_checkpoint(RESTART)").fetchone()
        if not busy:
            self.restarts += 1
        return True

    @contextlib.contextmanager
    def _turn(self) -> Iterator[None]:
        try:
            fd = os.open(self._lock_path, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o600)
        except OSError:
            yield  # no lock file (read-only directory): the writers take their chances
            return
        try:
            fcntl.flock(fd, fcntl.LOCK_EX)
            yield
        finally:
            os.close(fd)  # lets go of the flock
