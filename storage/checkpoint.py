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
        restart_pages: int = 4096,
        busy_timeout_ms: int = 250,
    ) -> None:
        self.database = database
        self.every = every
        self.restart_pages = restart_pages
        self.busy_timeout_ms = busy_timeout_ms
        self.passive = 0  # checkpoints run, for tests and benchmarks
        self.restarts = 0
        self._lock_path = database.with_name(database.name + ".writer-lock")
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
            failing = False
            while not self._stop.wait(self.every):
                try:
                    self.run_once(conn)
                except sqlite3.Error as exc:  # the next round tries again
                    # once per outage (a full disk), not twenty times a second
                    level = logging.DEBUG if failing else logging.WARNING
                    log.log(level, "WAL checkpoint of %s failed: %s", self.database, exc)
                    failing = True
                else:
                    failing = False
        finally:
            conn.close()

    def run_once(self, conn: sqlite3.Connection) -> None:
        """One round: PASSIVE; a RESTART in the writer's turn if the log has grown long."""
        _busy, pages, _copied = conn.execute("PRAGMA wal_checkpoint(PASSIVE)").fetchone()
        self.passive += 1
        if pages < self.restart_pages:
            return
        # RESTART waits (busy_timeout) for the writer and for readers of the log's old frames,
        # and holds the write lock till it has copied the rest: take the turn like a writer, so
        # the relay's writers queue on the flock rather than hit SQLite's lock.
        with self._turn():
            busy, _pages, _copied = conn.execute("PRAGMA wal_checkpoint(RESTART)").fetchone()
        if not busy:
            self.restarts += 1

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
