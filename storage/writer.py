"""Group commit: the writes of many concurrent SMTP sessions share one transaction.

SQLite takes one writer at a time and every commit waits for the disk, so a transaction per
message caps a relay at a few dozen messages a second whatever its concurrency. The writer
collects the jobs that arrive while a transaction is running, and those that arrive while it
waits for another process's turn to write, and commits them together; each caller gets its
own result only after that commit is durable, so the 250 a client hears still means "on disk".

Jobs of the same kind are handed to their kind's function as one list, so the kind can use
bulk statements (one INSERT for the messages of forty sessions, not forty). Kinds are plain
synchronous functions of a Session: on SQLite the whole batch runs on the event loop through
a synchronous engine (a few milliseconds of SQLite work and one fsync, where aiosqlite would
cost a thread hand-off and a GIL convoy per statement); when another process holds the
database for longer, and always on PostgreSQL, it runs in an async transaction through
``AsyncSession.run_sync``.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import sqlite3
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Generic, TypeVar

from sqlalchemy import Connection, Dialect, Table, func, insert, select
from sqlalchemy.exc import DataError, DBAPIError, IntegrityError, OperationalError, SQLAlchemyError
from sqlalchemy.orm import Session
from sqlalchemy.sql.compiler import Compiled
from sqlalchemy.sql.dml import UpdateBase

from storage.engine import Store, StoreUnavailable, TurnHold, driver_execute, on_cursor

log = logging.getLogger(__name__)

Item = TypeVar("Item")
Result = TypeVar("Result")


@dataclass(frozen=True, eq=False)
class JobKind(Generic[Item, Result]):
    """A kind of write: ``run`` takes the items of one batch and returns one result for each."""

    name: str
    run: Callable[[Session, Sequence[Item]], Sequence[Result]]


@dataclass(eq=False)
class _Job:
    kind: JobKind[Any, Any]
    item: Any
    done: asyncio.Future[Any]


@dataclass(eq=False)
class GroupWriter:
    """Runs submitted jobs in shared transactions, one transaction at a time per process."""

    store: Store
    max_batch: int = 500
    _pending: list[_Job] = field(default_factory=list)
    _wake: asyncio.Event = field(default_factory=asyncio.Event)
    _task: asyncio.Task[None] | None = None
    _closed: bool = False

    async def submit(self, kind: JobKind[Item, Result], item: Item) -> Result:
        """Run ``item`` in the next shared transaction; StoreUnavailable if it did not commit."""
        if self._closed:
            raise StoreUnavailable("the relay is shutting down")
        done: asyncio.Future[Result] = asyncio.get_running_loop().create_future()
        self._pending.append(_Job(kind, item, done))
        self._wake.set()
        if self._task is None or self._task.done():
            self._task = asyncio.create_task(self._run(), name="group-writer")
        # A caller that goes away (client disconnect) must not cancel the shared commit.
        return await asyncio.shield(done)

    async def close(self) -> None:
        """Commit what was submitted, then stop taking jobs."""
        self._closed = True
        self._wake.set()
        if self._task is not None:
            await self._task

    async def _run(self) -> None:
        while True:
            if not self._pending:
                if self._closed:
                    return
                self._wake.clear()
                await self._wake.wait()
                continue
            batch, self._pending = self._pending[: self.max_batch], self._pending[self.max_batch :]
            await self._commit(batch, top_up=True)

    async def _commit(self, batch: list[_Job], *, top_up: bool = False) -> None:
        """Commit ``batch``; with ``top_up``, jobs that arrive until the writer's turn is ours
        join it (``batch`` is extended in place, so every one of them is settled here)."""
        try:
            results = await self._transaction(batch, top_up)
        except StoreUnavailable as exc:
            if len(batch) > 1 and isinstance(exc.__cause__, (IntegrityError, DataError)):
                # One job's data broke the statement: the others must not share its fate.
                log.warning(
                    "a batch of %d writes failed (%s); retrying each alone", len(batch), exc
                )
                for job in batch:
                    await self._commit([job])
                return
            for job in batch:
                _settle(job.done, exc=exc)
            return
        except Exception as exc:  # a bug in a job kind: fail closed, keep the writer alive
            log.exception("group writer: %d writes failed", len(batch))
            failure = StoreUnavailable(f"internal error: {exc.__class__.__name__}")
            for job in batch:
                _settle(job.done, exc=failure)
            return
        for job, result in zip(batch, results, strict=True):
            _settle(job.done, result=result)

    def _top_up(self, batch: list[_Job]) -> None:
        room = self.max_batch - len(batch)
        if room > 0 and self._pending:
            batch.extend(self._pending[:room])
            del self._pending[:room]

    async def _transaction(self, batch: list[_Job], top_up: bool = False) -> list[Any]:
        def run_all(session: Session) -> list[Any]:
            by_kind: dict[JobKind[Any, Any], list[int]] = {}
            for index, job in enumerate(batch):
                by_kind.setdefault(job.kind, []).append(index)
            results: list[Any] = [None] * len(batch)
            for kind, indexes in by_kind.items():
                out = kind.run(session, [batch[i].item for i in indexes])
                if len(out) != len(indexes):
                    raise RuntimeError(f"{kind.name}: {len(out)} results for {len(indexes)} jobs")
                for index, result in zip(indexes, out, strict=True):
                    results[index] = result
            return results

        engine = self.store.sync_write
        if engine is not None:
            turn = self.store.turn.held() if self.store.turn else contextlib.nullcontext()
            try:
                async with turn as hold:
                    # While another process held the turn, more jobs came: one commit for all.
                    if top_up:
                        self._top_up(batch)
                    with Session(engine) as session:
                        session.begin()
                        # the one connection of this session's one transaction (it ends here)
                        session.info[_CONNECTION] = session.connection()
                        results = run_all(session)
                        await _finish(_commit_in_thread(session, hold))
                        return results
            except OperationalError as exc:
                if not _busy(exc):
                    raise StoreUnavailable(str(exc).splitlines()[0]) from exc
                # Another process holds the database: wait for it off the event loop.
            except SQLAlchemyError as exc:
                raise StoreUnavailable(str(exc).splitlines()[0]) from exc
            except OSError as exc:
                raise StoreUnavailable(str(exc)) from exc
        for attempt in (1, 2):
            committing = False
            try:
                async with self.store.batch_transaction() as asession:
                    results = await asession.run_sync(run_all)
                    committing = True
                return results
            except StoreUnavailable as exc:
                # No ping before a batch (Store.batches): a connection the server dropped since
                # (a restart) fails the batch's first statement and SQLAlchemy renews the pool;
                # the batch runs again, once, on a new connection. Never once the COMMIT was
                # sent: whether it took is unknown then.
                if committing or attempt > 1 or not _connection_lost(exc):
                    raise
                log.warning("the store's connection was lost; running the batch again: %s", exc)
        raise AssertionError("unreachable")


def core_connection(session: Session) -> Connection:
    """The session's connection, for Core statements in the session's transaction.

    Core on the tables skips the ORM's bulk-persistence and loading layers, most of the CPU of
    a job kind's statements. Like the ORM's statements it first flushes pending objects; unlike
    them it does not update objects the session holds (a job kind's session loads none).
    """
    if session.autoflush:
        session.flush()
    return session_connection(session)


# session.info's key for the connection of a group-writer transaction on SQLite's synchronous
# engine (GroupWriter._transaction): set once its transaction has begun, for that one only.
_CONNECTION = "storage.writer.connection"


def session_connection(session: Session) -> Connection:
    """``session.connection()``; in a group-writer transaction on SQLite the connection kept
    when it began. ``Session.connection`` walks the session's transaction state each time
    (about 25 µs), and a transaction asked three times or more (the job kinds, the counters,
    the commit): a fixed cost a transaction."""
    kept = session.info.get(_CONNECTION)
    return kept if kept is not None else session.connection()


_Convert = Callable[[Any], Any]


@dataclass(frozen=True, slots=True)
class _Plan:
    """A statement compiled for one set of row keys: its SQL and, per placeholder, where its
    value comes from (a row key, or a constant the statement holds) and its conversion."""

    sql: str
    names: tuple[str, ...]  # per placeholder: the row key, or "" for a constant
    constants: tuple[Any, ...]  # per placeholder: the converted constant (when names[i] == "")
    converts: tuple[_Convert | None, ...]  # per placeholder: the type's bind conversion


class ManyRows:
    """An executemany of one Core statement; rows go to the driver as tuples.

    For each row of an executemany SQLAlchemy builds a parameter dict and converts every
    value in Python (a datetime becomes a formatted string), most of the CPU of the group
    writer's bulk statements. Here the statement is compiled once per set of row keys, and a
    value that repeats as the same object (a batch's one ``now``, a status) is converted once
    per run of it, with the very conversion SQLAlchemy would use, so the stored values are
    the same. On SQLite (qmark) and on PostgreSQL through asyncpg ($1, $2 ...: perf15) alike;
    the driver's errors still come as SQLAlchemy's (``exec_driver_sql``), so the group
    writer tells a lost connection or a broken row as before.
    """

    def __init__(self, statement: UpdateBase) -> None:
        self.statement = statement
        # by dialect and row keys: one process may write to SQLite and to PostgreSQL (tests)
        self._plans: dict[tuple[str, tuple[str, ...]], _Plan | None] = {}

    def __call__(self, conn: Connection, rows: Sequence[Mapping[str, Any]]) -> int:
        """Run the statement once per row; returns the rows it matched (the driver's count)."""
        if not rows:
            return 0
        plan = self._plan(conn.dialect, tuple(rows[0]))
        if plan is None:
            return int(conn.execute(self.statement, list(rows)).rowcount)
        columns = []
        for name, constant, convert in zip(plan.names, plan.constants, plan.converts, strict=True):
            if not name:
                columns.append([constant] * len(rows))
                continue
            values = [row[name] for row in rows]
            if convert is not None:
                values = _converted(values, convert)
            columns.append(values)
        params = list(zip(*columns, strict=True))
        if on_cursor(conn):
            return int(driver_execute(conn, plan.sql, params, many=True).rowcount)
        return int(conn.exec_driver_sql(plan.sql, params).rowcount)

    def _plan(self, dialect: Dialect, keys: tuple[str, ...]) -> _Plan | None:
        try:
            return self._plans[dialect.name, keys]
        except KeyError:
            pass
        compiled = self.statement.compile(dialect=dialect, column_keys=list(keys))
        plan = _plan_of(compiled, dialect, set(keys))
        self._plans[dialect.name, keys] = plan
        return plan


# The paramstyles whose statements take the rows as tuples in ``positiontup``'s order:
# pysqlite's ``?`` and asyncpg's ``$1`` (SQLAlchemy's numeric_dollar).
_POSITIONAL = ("qmark", "numeric_dollar")


def _plan_of(compiled: Compiled, dialect: Dialect, keys: set[str]) -> _Plan | None:
    """The plan of a compiled statement, or None where only SQLAlchemy can run it (an
    expanding IN list, a default computed at execution, a placeholder the rows lack)."""
    order = getattr(compiled, "positiontup", None)
    binds = getattr(compiled, "binds", None)
    if order is None or binds is None or dialect.paramstyle not in _POSITIONAL:
        return None
    names: list[str] = []
    constants: list[Any] = []
    converts: list[_Convert | None] = []
    for name in order:
        bind = binds[name]
        if bind.expanding or bind.callable is not None:
            return None
        convert = bind.type.dialect_impl(dialect).bind_processor(dialect)
        if name in keys:
            names.append(name)
            constants.append(None)
        elif not bind.required:  # a constant of the statement's, None (NULL) too
            names.append("")
            constants.append(convert(bind.value) if convert is not None else bind.value)
        else:
            return None
        converts.append(convert)
    return _Plan(compiled.string, tuple(names), tuple(constants), tuple(converts))


def _converted(values: list[Any], convert: _Convert) -> list[Any]:
    """``convert`` of each value; a run of the same object is converted once."""
    out: list[Any] = []
    last: Any = out  # a sentinel no value is
    done: Any = None
    for value in values:
        if value is not last:
            last, done = value, convert(value)
        out.append(done)
    return out


class KeyedInsert:
    """A multi-row INSERT into a table keyed by ``id``: gives the new keys in the rows' order."""

    def __init__(self, table: Table) -> None:
        # Built once: SQLAlchemy caches the compiled form of a statement it has seen.
        self._returning = insert(table).returning(table.c.id, sort_by_parameter_order=True)
        self._plain = ManyRows(insert(table))
        self._last_key = select(func.max(table.c.id))
        self._last_key_sql: str | None = None  # its SQLite text, compiled at first use

    def __call__(self, conn: Connection, rows: Sequence[dict[str, Any]]) -> list[int]:
        if not rows:  # an empty list would be one INSERT without values
            return []
        if conn.dialect.name != "sqlite":
            return list(conn.execute(self._returning, rows).scalars())
        # SQLite cannot give the keys of a multi-row INSERT in order, so SQLAlchemy would run
        # one INSERT per row. The transaction holds the database's one write lock (BEGIN
        # IMMEDIATE; a deferred one fails rather than write on a stale view), so number the
        # rows as SQLite would: on from the largest key (no table is AUTOINCREMENT).
        if self._last_key_sql is None:
            self._last_key_sql = str(self._last_key.compile(dialect=conn.dialect))
        # straight to the driver: a Core execution costs several times this indexed read
        if on_cursor(conn):
            last = driver_execute(conn, self._last_key_sql, ()).fetchone()[0]
        else:
            last = conn.exec_driver_sql(self._last_key_sql).scalar()
        first = int(last or 0) + 1
        keys = list(range(first, first + len(rows)))
        self._plain(conn, [{**row, "id": key} for row, key in zip(rows, keys, strict=True)])
        return keys


async def _commit_in_thread(session: Session, hold: TurnHold | None = None) -> None:
    """Commit a SQLite write transaction: the wait for the disk in a thread (sqlite3 lets go
    of the GIL for it), so the loop serves other sessions meanwhile; everything in Python on
    the loop. SQLAlchemy's own commit in the thread ran its Python there too (the outcome
    counters' upserts, its bookkeeping), each step a contest for the GIL with the loop.

    The writer's turn (``hold``) is given back in the thread the moment COMMIT returns
    (SQLite's own lock is gone by then): not when the loop gets round to this coroutine
    again, which under twenty busy sessions takes as long as the COMMIT itself, every other
    process's writer waiting meanwhile."""
    from storage.outcome_counts import write_pending  # it builds on this module's ManyRows

    write_pending(session)
    session.flush()
    driver = session_connection(session).connection.driver_connection
    assert isinstance(driver, sqlite3.Connection)

    def commit() -> None:
        driver.commit()
        if hold is not None:
            hold.release()

    try:
        await asyncio.to_thread(commit)
    except sqlite3.Error as exc:  # as SQLAlchemy's commit would have raised it
        raise DBAPIError.instance("COMMIT", None, exc, sqlite3.Error) from exc
    session.commit()  # SQLAlchemy's side: the driver has committed, so no statement is sent


async def _finish(work: Any) -> None:
    """Await ``work`` to its end even if the caller is cancelled meanwhile: a commit half
    done in a thread must not have its session closed under it."""
    task = asyncio.ensure_future(work)
    try:
        await asyncio.shield(task)
    except asyncio.CancelledError:
        await asyncio.wait({task})
        raise


def _connection_lost(exc: StoreUnavailable) -> bool:
    """Whether the store failed because its connection was gone (SQLAlchemy has invalidated
    it, and the pool's other connections, older than it)."""
    cause = exc.__cause__
    return isinstance(cause, DBAPIError) and cause.connection_invalidated


def _busy(exc: OperationalError) -> bool:
    """Whether SQLite said another connection holds the database (SQLITE_BUSY)."""
    orig = exc.orig
    if not isinstance(orig, sqlite3.OperationalError):
        return False
    return orig.sqlite_errorcode & 0xFF == sqlite3.SQLITE_BUSY


def _settle(
    done: asyncio.Future[Any], *, result: Any = None, exc: BaseException | None = None
) -> None:
    if done.done():
        return
    if exc is not None:
        done.set_exception(exc)
    else:
        done.set_result(result)
