"""The async engine and session factory: SQLite (WAL) by default, PostgreSQL by URL."""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
import fcntl
import os
import sys
import time
import weakref
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

import asyncpg
from sqlalchemy import Connection, Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.exc import DBAPIError, SQLAlchemyError
from sqlalchemy.ext.asyncio import (
    AsyncEngine,
    AsyncSession,
    async_sessionmaker,
    create_async_engine,
)
from sqlalchemy.orm import Session
from sqlalchemy.pool import ConnectionPoolEntry, Pool
from sqlalchemy.util import greenlet_spawn

from storage.checkpoint import WalCheckpointer

T = TypeVar("T")


class StoreUnavailable(Exception):
    """The store cannot be reached or cannot answer; callers fail closed (4xx)."""


def utcnow() -> dt.datetime:
    """The store's notion of now: aware UTC."""
    return dt.datetime.now(dt.UTC)


def _sqlite_pragmas(
    *,
    busy_timeout_ms: int = 30_000,
    query_only: bool = False,
    synchronous: str = "FULL",
    autocheckpoint: bool = True,
) -> Callable[[Any, Any], None]:
    """The connect hook of one engine on the SQLite file; ``autocheckpoint`` False: its
    COMMITs never checkpoint the WAL (a storage.checkpoint.WalCheckpointer does)."""

    def connect(dbapi_connection: Any, _record: Any) -> None:
        # Writers take the lock at BEGIN (see _sqlite_begin), so the DB-API must not open
        # transactions of its own; readers run in autocommit.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        # FULL: a commit is on disk before the client hears 250, even through a power cut.
        cursor.execute(f"PRAGMA synchronous={synchronous}")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute(f"PRAGMA busy_timeout={int(busy_timeout_ms)}")
        if query_only:
            cursor.execute("PRAGMA query_only=ON")
        if not autocheckpoint:
            cursor.execute("PRAGMA wal_autocheckpoint=0")
        cursor.close()

    return connect


def _sqlite_begin(conn: Any) -> None:
    # IMMEDIATE takes the write lock up front, so two writers never deadlock on an upgrade
    # from a read snapshot (which SQLite answers with SQLITE_BUSY at once, busy_timeout or not).
    if on_cursor(conn):
        driver_execute(conn, "BEGIN IMMEDIATE", ())
    else:
        conn.exec_driver_sql("BEGIN IMMEDIATE")


def on_cursor(conn: Connection) -> bool:
    """Whether the group writer's own statements on ``conn`` go straight to the DB-API cursor
    (``driver_execute``): on SQLite, where nothing listens for the connection's cursor events.

    ``exec_driver_sql`` cost about 20 µs a statement on top of SQLite's own couple (its
    execution context, result object and events: storage.webhooks measured 23 against 2), and
    a group-writer transaction runs eight or so of them whatever its size: a fixed cost a
    transaction, paid twice a message's life (record, settle). A listener (the tests'
    statement counters, a tracer) sees every statement, as before, through SQLAlchemy.
    PostgreSQL keeps SQLAlchemy's execution: its error handling tells a lost connection (the
    group writer's retry) from a broken row, and a statement there is a round trip anyway."""
    if conn.dialect.name != "sqlite":
        return False
    events = conn.dispatch
    return not (events.before_cursor_execute or events.after_cursor_execute)


def driver_execute(conn: Connection, sql: str, params: Any, *, many: bool = False) -> DriverResult:
    """``sql`` on a DB-API cursor of ``conn``'s connection, in its transaction: its row count
    and rows (the cursor is closed). A driver error comes as
    SQLAlchemy's own (IntegrityError, OperationalError ...), as ``exec_driver_sql`` raises it,
    so the group writer tells a broken row (the per-job retry) or SQLITE_BUSY as before."""
    dbapi = conn.dialect.loaded_dbapi
    raw = conn.connection.dbapi_connection
    assert raw is not None  # a connection in use
    cursor = raw.cursor()
    try:
        if many:
            cursor.executemany(sql, params)
        else:
            cursor.execute(sql, params)
        return DriverResult(cursor.rowcount, list(cursor.fetchall()) if cursor.description else [])
    except dbapi.Error as exc:
        lost = conn.dialect.is_disconnect(exc, raw, cursor)
        if lost:
            conn.invalidate(exc)
        raise DBAPIError.instance(
            sql, params, exc, dbapi.Error, connection_invalidated=lost, dialect=conn.dialect,
            ismulti=many,
        ) from exc  # fmt: skip
    finally:
        cursor.close()


@dataclass(frozen=True, slots=True)
class DriverResult:
    """What ``driver_execute`` gives back of a cursor: its row count and rows."""

    rowcount: int
    rows: list[Any]

    def fetchone(self) -> Any:
        return self.rows[0] if self.rows else None


class WriterTurn:
    """Whose turn it is to write a SQLite file, across the processes sharing it.

    SQLite's own lock is what keeps writes correct; this only makes waiting for it cheap. A
    writer that finds the database locked sleeps in SQLite's busy handler (1, 2, 5, 10 ... ms)
    and may lose the race again, so two relay processes on one file write far less than one.
    An ``flock`` on a file next to the database wakes the next writer the moment the last one
    is done. Without the lock file (read-only directory) writers just take their chances.
    """

    def __init__(self, database: Path) -> None:
        self._path = database.with_name(database.name + ".writer-lock")
        self._fd: int | None = None
        self._local: weakref.WeakKeyDictionary[asyncio.AbstractEventLoop, asyncio.Lock] = (
            weakref.WeakKeyDictionary()
        )
        self.stats = TurnStats.from_environment()
        self._waiting = 0  # this process's writers waiting in a thread for the lock
        self._quiet: asyncio.Future[None] | None = None  # resolved when none waits any more

    def _file(self) -> int | None:
        if self._fd is None:
            try:
                self._fd = os.open(self._path, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o600)
            except OSError:
                return None
        return self._fd

    @asynccontextmanager
    async def held(self) -> AsyncIterator[TurnHold]:
        """The turn for the block, given back when it ends unless let go sooner through the
        hold's ``release`` (from a thread, the moment the transaction has ended)."""
        loop = asyncio.get_running_loop()
        local = self._local.setdefault(loop, asyncio.Lock())
        asked = time.perf_counter()
        async with local:
            fd = self._file()
            if fd is None:
                yield TurnHold(None, self.stats, asked)
                return
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                hold = TurnHold(fd, self.stats, asked)
            except BlockingIOError:
                if self.stats is not None:
                    self.stats.blocked += 1
                hold = await self._wait_in_thread(loop, fd, asked)
            except OSError:
                yield TurnHold(None, self.stats, asked)
                return
            try:
                yield hold
            finally:
                hold.release()

    async def _wait_in_thread(
        self, loop: asyncio.AbstractEventLoop, fd: int, asked: float
    ) -> TurnHold:
        """The flock, waited for in a thread that hands the turn straight to the waiting
        task. The turn is held from the moment the thread has the flock, so every round the
        loop makes (every ready callback of every session) before the task resumes is turn
        time: here one round and the task's step, where awaiting ``to_thread`` through a
        shield took four (the executor's future, the ``to_thread`` task, the shield, the
        task). A task cancelled meanwhile never gets the turn: the thread gives it back."""
        got: asyncio.Future[TurnHold] = loop.create_future()
        stats = self.stats

        def wait() -> None:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX)
            except OSError as exc:
                with contextlib.suppress(RuntimeError):  # a closed loop: nobody waits
                    loop.call_soon_threadsafe(_handed_over, got, None, exc)
                return
            hold = TurnHold(fd, stats, asked)
            try:
                loop.call_soon_threadsafe(_handed_over, got, hold, None)
            except RuntimeError:  # the loop has closed: nobody to hand the turn to
                hold.release()

        loop.run_in_executor(None, wait)
        self._waiting += 1
        try:
            hold = await got
        finally:
            self._waiting -= 1
            if not self._waiting and self._quiet is not None:
                quiet, self._quiet = self._quiet, None
                quiet.set_result(None)
        if stats is not None:
            stats.handed += hold.handed()
        return hold

    async def quiet(self) -> None:
        """Until no writer of this process waits in a thread for the lock (at once if none).

        Once that thread has the lock, the turn is held through the loop's next round, until
        the writer resumes: CPU work on the loop (a DKIM signature, about a millisecond) that
        starts while a writer waits may fall in that round and keep every other process's
        writer waiting with it. Such work waits here instead, and runs after the writer has
        resumed (it then runs its statements and hands the COMMIT to a thread)."""
        if not self._waiting:
            return
        if self._quiet is None:
            self._quiet = asyncio.get_running_loop().create_future()
        await asyncio.shield(self._quiet)  # a cancelled caller must not cancel the others' wait

    async def run_in_thread(self, engine: Engine, work: Callable[[Session], T]) -> T:
        """``work`` in one write transaction on ``engine`` (synchronous), in a thread that
        takes the turn itself and gives it back as soon as the transaction ends: the turn is
        not held across the event loop's wake-ups, which a busy (or niced) process may wait
        long for, every other writer waiting with it."""
        loop = asyncio.get_running_loop()
        local = self._local.setdefault(loop, asyncio.Lock())
        asked = time.perf_counter()

        def run() -> T:
            fd = self._file()
            locked = False
            if fd is not None:
                try:
                    fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                except BlockingIOError:
                    if self.stats is not None:
                        self.stats.blocked += 1
                    fcntl.flock(fd, fcntl.LOCK_EX)
                locked = True
            got = time.perf_counter()
            try:
                with Session(engine) as session, session.begin():
                    return work(session)
            finally:
                if locked and fd is not None:
                    _unlock(fd)
                if self.stats is not None:
                    self.stats.took(got - asked, time.perf_counter() - got)

        async with local:
            # Never let go of the local lock while the thread still writes (cancellation).
            task = asyncio.ensure_future(asyncio.to_thread(run))
            try:
                return await asyncio.shield(task)
            except asyncio.CancelledError:
                await asyncio.wait({task})
                raise

    def close(self) -> None:
        if self._fd is not None:
            os.close(self._fd)
            self._fd = None


class TurnHold:
    """One holding of the writer's turn (WriterTurn.held): ``release`` gives it back, once,
    from whichever thread ends the transaction; ``fd`` None: there is no lock to give back."""

    __slots__ = ("_asked", "_fd", "_got", "_stats")

    def __init__(self, fd: int | None, stats: TurnStats | None, asked: float) -> None:
        self._fd, self._stats, self._asked = fd, stats, asked
        self._got: float | None = time.perf_counter() if fd is not None else None

    def handed(self) -> float:
        """Seconds since the lock was had (0 when there is none)."""
        return time.perf_counter() - self._got if self._got is not None else 0.0

    def release(self) -> None:
        got, self._got = self._got, None
        if got is None or self._fd is None:
            return
        _unlock(self._fd)
        if self._stats is not None:
            self._stats.took(got - self._asked, time.perf_counter() - got)


@dataclass
class TurnStats:
    """For benchmarks (``RELAY_WRITER_STATS`` names a folder): how long this process waited
    for its turn to write (its own loop's writers and the other processes') and held it,
    rewritten at most ten times a second to ``<folder>/<pid>`` as one line ``role turns blocked
    waited_s held_s`` (role: dispatcher or worker), read by bench/bench_relay.py."""

    path: Path
    role: str
    turns: int = 0
    blocked: int = 0  # turns that found the lock taken by another process
    waited: float = 0.0
    held: float = 0.0
    handed: float = 0.0
    written: float = 0.0

    @classmethod
    def from_environment(cls) -> TurnStats | None:
        folder = os.environ.get("RELAY_WRITER_STATS")
        if not folder:
            return None
        role = "dispatcher" if "--dispatcher" in sys.argv else "worker"
        return cls(Path(folder) / str(os.getpid()), role)

    def took(self, waited: float, held: float) -> None:
        self.turns += 1
        self.waited += waited
        self.held += held
        now = time.monotonic()
        if now - self.written >= 0.1:
            self.written = now
            line = (
                f"{self.role} {self.turns} {self.blocked} {self.waited:.6f} {self.held:.6f}"
                f" {self.handed:.6f}\n"
            )
            with contextlib.suppress(OSError):  # whole or not at all, for the reader
                self.path.with_suffix(".new").write_text(line, encoding="ascii")
                os.replace(self.path.with_suffix(".new"), self.path)


def _handed_over(
    got: asyncio.Future[TurnHold], hold: TurnHold | None, exc: BaseException | None
) -> None:
    """On the loop: the waiting task gets the turn (or the thread's error); one that has
    been cancelled meanwhile does not, and the turn is given back."""
    if got.cancelled():
        if hold is not None:
            hold.release()
    elif exc is not None:
        got.set_exception(exc)
    elif hold is not None:
        got.set_result(hold)


def _unlock(fd: int) -> None:
    with contextlib.suppress(OSError):
        fcntl.flock(fd, fcntl.LOCK_UN)


class DriverPool:
    """PostgreSQL only: asyncpg connections of its own for the hot-path point reads
    (storage.lookups), at most ``size`` at once per event loop.

    A read through SQLAlchemy's async engine (a greenlet, the pool's checkout and return, the
    DB-API adapter's cursor and its statement cache) or asyncpg's pool (its holders, timeouts
    and reset) costs the relay about as much CPU as the round trip itself, at every RCPT.
    Here a connection is taken from a list and put back; asyncpg keeps each statement
    prepared on it. Autocommit, no ping: a connection found dead costs one 4xx and is
    dropped. One list per event loop (tests run several)."""

    def __init__(self, dsn: str, size: int) -> None:
        self._dsn, self._size = dsn, size
        self._loops: weakref.WeakKeyDictionary[asyncio.AbstractEventLoop, _Connections] = (
            weakref.WeakKeyDictionary()
        )

    async def fetch(self, sql: str, args: tuple[Any, ...]) -> list[Any]:
        """The rows of ``sql`` (asyncpg's $n parameters); asyncpg's and the socket's errors
        pass as they are."""
        loop = asyncio.get_running_loop()
        mine = self._loops.get(loop)
        if mine is None:
            mine = self._loops[loop] = _Connections(asyncio.Semaphore(self._size))
        async with mine.slots:
            connection = mine.idle.pop() if mine.idle else await asyncpg.connect(self._dsn)
            try:
                rows: list[Any] = await connection.fetch(sql, *args)
            except BaseException:
                connection.terminate()  # its state is unknown: never used again
                raise
            if mine.closed:
                connection.terminate()
            else:
                mine.idle.append(connection)
            return rows

    async def close(self) -> None:
        """Close this loop's connections (those in use, when they come back); end the other
        loops' (no awaiting on another loop)."""
        here = asyncio.get_running_loop()
        for loop, mine in list(self._loops.items()):
            mine.closed = True
            idle, mine.idle = mine.idle, []
            for connection in idle:
                if loop is here:
                    with contextlib.suppress(Exception):
                        await connection.close(timeout=5)
                else:
                    connection.terminate()
        self._loops.clear()


@dataclass(eq=False)
class _Connections:
    slots: asyncio.Semaphore
    idle: list[Any] = field(default_factory=list)
    closed: bool = False


@dataclass(frozen=True)
class Store:
    """Session factories over one database: ``write`` for transactions, ``read`` for look-ups."""

    url: str
    engine: AsyncEngine
    write: async_sessionmaker[AsyncSession]
    read: async_sessionmaker[AsyncSession]
    # SQLite only: a synchronous engine for the hot-path point look-ups (see storage.lookups).
    lookups: Engine | None = None
    # PostgreSQL only: asyncpg's own pool for the same look-ups (one round trip each); an
    # autocommit engine instead where the URL has options only SQLAlchemy knows.
    lookups_pg: DriverPool | None = field(default=None, compare=False)
    lookups_async: AsyncEngine | None = None
    # SQLite only: a synchronous engine the group writer commits its batches through.
    sync_write: Engine | None = None
    turn: WriterTurn | None = field(default=None, compare=False)
    # SQLite with checkpoint=True only: the WAL's checkpoints, out of the writers' COMMITs.
    checkpointer: WalCheckpointer | None = field(default=None, compare=False)
    # PostgreSQL only: the group writer's transactions (storage.writer), on an engine whose
    # pool does not ping a connection at each checkout: on asyncpg a ping is three round trips
    # (BEGIN, an empty query, ROLLBACK), as many as the rest of a small batch's overhead; the
    # group writer runs a batch that found its connection dead once more instead.
    batches: async_sessionmaker[AsyncSession] | None = None

    @property
    def is_sqlite(self) -> bool:
        return self.engine.dialect.name == "sqlite"

    @asynccontextmanager
    async def transaction(self) -> AsyncIterator[AsyncSession]:
        """One write transaction; store failures surface as StoreUnavailable."""
        turn = self.turn.held() if self.turn is not None else contextlib.nullcontext()
        try:
            async with turn, self.write() as session, session.begin():
                yield session
        except SQLAlchemyError as exc:
            raise StoreUnavailable(str(exc).splitlines()[0]) from exc
        except OSError as exc:
            raise StoreUnavailable(str(exc)) from exc

    @asynccontextmanager
    async def batch_transaction(self) -> AsyncIterator[AsyncSession]:
        """One write transaction of the group writer (``batches``; else as ``transaction``)."""
        if self.batches is None:
            async with self.transaction() as session:
                yield session
            return
        try:
            async with self.batches() as session, session.begin():
                yield session
        except SQLAlchemyError as exc:
            raise StoreUnavailable(str(exc).splitlines()[0]) from exc
        except OSError as exc:
            raise StoreUnavailable(str(exc)) from exc

    async def write_sync(self, work: Callable[[Session], T]) -> T:
        """``work`` in one write transaction on a synchronous session. On a SQLite file, in a
        thread holding the writer's turn only while it runs (WriterTurn.run_in_thread), on
        the group writer's engine (free while the turn is ours); else as ``transaction``."""
        if self.sync_write is not None and self.turn is not None:
            try:
                return await self.turn.run_in_thread(self.sync_write, work)
            except SQLAlchemyError as exc:
                raise StoreUnavailable(str(exc).splitlines()[0]) from exc
            except OSError as exc:
                raise StoreUnavailable(str(exc)) from exc
        async with self.transaction() as session:
            return await session.run_sync(work)

    @asynccontextmanager
    async def reading(self) -> AsyncIterator[AsyncSession]:
        """A session for look-ups only."""
        try:
            async with self.read() as session:
                yield session
        except SQLAlchemyError as exc:
            raise StoreUnavailable(str(exc).splitlines()[0]) from exc
        except OSError as exc:
            raise StoreUnavailable(str(exc)) from exc

    async def drop_connections(self) -> None:
        """Close every connection of the store's engines (not the DriverPool's): the idle ones
        now, those in use as each comes back; the engines open new ones when next used.

        SQLAlchemy's ``dispose`` alone leaves a connection that is checked out at that moment
        to the old pool, which nothing uses again: an aiosqlite connection stranded there is
        only found by the garbage collector, which cannot close it on the event loop (a
        ResourceWarning "deleted before being closed", its file open until then). Any task
        of the relay's may hold one when the store goes (a read of the webhook dispatcher's,
        the heartbeat's, a session's)."""
        for sync_engine in (self.lookups, self.sync_write):
            if sync_engine is not None:
                old = sync_engine.pool
                _retire(sync_engine, old)
                old.dispose()
        engines = [self.engine, self.read.kw["bind"], self.lookups_async]
        if self.batches is not None:
            engines.append(self.batches.kw["bind"])
        done: list[AsyncEngine] = []
        for engine in engines:
            if engine is None or any(engine is seen for seen in done):
                continue
            done.append(engine)
            retired = engine.sync_engine.pool
            _retire(engine.sync_engine, retired)
            await greenlet_spawn(retired.dispose)

    async def close(self) -> None:
        if self.checkpointer is not None:
            await asyncio.to_thread(self.checkpointer.stop)
        if self.turn is not None:
            self.turn.close()
        if self.lookups_pg is not None:
            await self.lookups_pg.close()
        await self.drop_connections()


def _retire(engine: Engine, old: Pool) -> None:
    """``engine`` takes a new pool; every connection of ``old`` that is in use is closed when
    it is returned (the caller closes the idle ones: ``old.dispose()``).

    The new pool is made (``dispose(close=False)``, which copies the old pool's listeners)
    before the old one gets its own: the new pool's connections go on being pooled. The old
    one gets it before any idle connection is closed, so none comes back unseen meanwhile
    (closing an aiosqlite connection awaits its thread)."""
    engine.dispose(close=False)
    event.listen(old, "checkin", _close_on_checkin)


def _close_on_checkin(dbapi_connection: Any, record: ConnectionPoolEntry) -> None:
    if dbapi_connection is not None:
        # Closes it (SQLAlchemy's terminate: a graceful close on the event loop, else the
        # driver's own): the pool keeps an empty entry, and nothing uses the pool again.
        record.invalidate()


def open_store(
    url: str, *, pool_size: int = 10, synchronous: str = "FULL", checkpoint: bool = False
) -> Store:
    """Engines for ``url`` (an asyncio driver URL); creates the SQLite file's folder.

    ``checkpoint`` (a SQLite file): this store's writers leave the WAL's checkpoints to a
    thread of its own (storage.checkpoint), so that no COMMIT of theirs, holding the writer's
    turn, copies the log into the database file. For long-running processes that write much
    (the relay's); a SQLite connection that writes without it checkpoints as usual.

    ``synchronous``: SQLite's for this store's writes. NORMAL only where a commit lost to an
    OS crash or a power cut costs nothing but a repeat (the webhook dispatcher's process:
    an event sent again, with the same webhook-id); in WAL mode such a commit does not wait
    for the disk, so it holds the write lock for less. The next FULL commit of another
    connection takes it to the disk too."""
    if synchronous not in ("FULL", "NORMAL"):
        raise ValueError(f"synchronous={synchronous!r}: FULL or NORMAL")
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        if parsed.database and parsed.database != ":memory:":
            Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)
        # One writer connection: SQLite takes one writer at a time anyway, and waiting for the
        # pool is an asyncio wake-up where waiting for the lock is the busy handler's sleep.
        engine = create_async_engine(url, pool_size=1, max_overflow=0, pool_timeout=60)
        on_file = bool(parsed.database) and parsed.database != ":memory:"
        autocheckpoint = not (checkpoint and on_file)
        event.listen(
            engine.sync_engine,
            "connect",
            _sqlite_pragmas(synchronous=synchronous, autocheckpoint=autocheckpoint),
        )
        event.listen(engine.sync_engine, "begin", _sqlite_begin)
        reader = create_async_engine(url, pool_size=pool_size, max_overflow=0, pool_timeout=30)
        event.listen(reader.sync_engine, "connect", _sqlite_pragmas())
        lookups, lookups_async, sync_write, turn = None, None, None, None
        checkpointer, batches, lookups_pg = None, None, None
        if parsed.database and parsed.database != ":memory:":
            turn = WriterTurn(Path(parsed.database))
            if checkpoint:
                checkpointer = WalCheckpointer(Path(parsed.database))
            lookups = create_engine(
                parsed.set(drivername="sqlite"), pool_size=2, max_overflow=8, pool_timeout=1
            )
            # These run on the event loop: a WAL reader does not wait for writers, and
            # anything that does make it wait must not stall every session for long.
            lookup_pragmas = _sqlite_pragmas(busy_timeout_ms=250, query_only=True)
            event.listen(lookups, "connect", lookup_pragmas)
            sync_write = create_engine(
                parsed.set(drivername="sqlite"), pool_size=1, max_overflow=0, pool_timeout=1
            )
            # On the event loop too: never wait long for another writer (a CLI import, say);
            # the group writer then takes the asynchronous path, which may wait off the loop.
            event.listen(
                sync_write,
                "connect",
                _sqlite_pragmas(
                    busy_timeout_ms=50, synchronous=synchronous, autocheckpoint=autocheckpoint
                ),
            )
            event.listen(sync_write, "begin", _sqlite_begin)
    else:
        engine = create_async_engine(
            url, pool_size=pool_size, max_overflow=pool_size, pool_pre_ping=True
        )
        reader, lookups, sync_write, turn, checkpointer = engine, None, None, None, None
        # No BEGIN/ROLLBACK around a point read, no ping: a dead connection costs one 4xx.
        lookups_async = None
        if parsed.get_backend_name() == "postgresql" and not parsed.query:
            dsn = parsed.set(drivername="postgresql").render_as_string(hide_password=False)
            lookups_pg = DriverPool(dsn, pool_size)
        else:
            lookups_async = create_async_engine(
                url, pool_size=pool_size, max_overflow=pool_size, isolation_level="AUTOCOMMIT"
            )
        # A process's group writer runs one transaction at a time (storage.writer).
        batches = async_sessionmaker(
            create_async_engine(url, pool_size=2, max_overflow=2), expire_on_commit=False
        )
    store = Store(
        url=url,
        engine=engine,
        write=async_sessionmaker(engine, expire_on_commit=False),
        read=async_sessionmaker(reader, expire_on_commit=False),
        lookups=lookups,
        lookups_async=lookups_async,
        lookups_pg=lookups_pg,
        sync_write=sync_write,
        turn=turn,
        checkpointer=checkpointer,
        batches=batches,
    )
    if checkpointer is not None:
        checkpointer.start()
    return store
