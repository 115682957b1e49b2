"""Hot-path look-ups: the suppression check at every RCPT and the sending domain at DATA.

They are point reads on an index, a few microseconds of SQLite work, but through the ORM, an
async session and aiosqlite's worker thread each costs most of a millisecond and a GIL
hand-off or five. Here they are constant statements, compiled once per backend and run on a
pooled DB-API connection: a Core execution (its Connection, result and expanding-parameter
machinery) cost three times the read itself. On SQLite they run on a synchronous engine on the
event loop itself (WAL readers do not wait for writers; ``busy_timeout`` bounds the rare case
that does), on PostgreSQL on asyncpg's own pool (one round trip, no BEGIN or ROLLBACK; through
SQLAlchemy's async engine the read's CPU was twice the driver's: storage.engine.DriverPool).
Every call reads the database: a suppression another process records counts at the next
RCPT. Failures surface as StoreUnavailable, so callers fail closed.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

import asyncpg
from sqlalchemy import Engine, bindparam, select
from sqlalchemy.engine import Dialect, make_url
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.sql.selectable import SelectBase
from sqlalchemy.util import greenlet_spawn

from storage.accounts import DomainInfo
from storage.engine import DriverPool, Store, StoreUnavailable
from storage.models import Account, SendingDomain
from storage.suppressions import SUPPRESSIONS_OF_ADDRESS, SuppressionInfo

# The drivers the store runs these on (storage.engine.open_store): pysqlite for a SQLite file,
# asyncpg for PostgreSQL.
_DRIVERS = ("sqlite+pysqlite://", "postgresql+asyncpg://")


@dataclass(frozen=True, slots=True)
class _Compiled:
    """A statement as one backend's driver takes it."""

    sql: str
    params: tuple[str, ...]  # the names of the positional parameters, in order
    convert: tuple[Callable[[Any], Any] | None, ...]  # per result column (e.g. timestamps)

    @classmethod
    def of(cls, statement: SelectBase, dialect: Dialect) -> _Compiled:
        compiled = statement.compile(dialect=dialect)
        params = tuple(compiled.positiontup or ())
        for name in params:
            if compiled.binds[name].type.dialect_impl(dialect).bind_processor(dialect):
                raise TypeError(f"parameter {name!r} would need converting for the driver")
        return cls(
            str(compiled),
            params,
            tuple(
                column.type.dialect_impl(dialect).result_processor(dialect, None)
                for column in statement.selected_columns
            ),
        )


class _PointRead:
    """A constant SELECT of a row or two, run on a DB-API connection from the engine's pool."""

    def __init__(self, statement: SelectBase) -> None:
        self._by_backend = {
            dialect.name: _Compiled.of(statement, dialect)
            for dialect in (make_url(url).get_dialect()() for url in _DRIVERS)
        }

    def rows(self, engine: Engine, params: dict[str, Any]) -> list[tuple[Any, ...]]:
        """The rows, converted as SQLAlchemy would; StoreUnavailable if the store failed."""
        compiled = self._by_backend[engine.dialect.name]
        dbapi_error = engine.dialect.loaded_dbapi.Error
        try:
            connection = engine.raw_connection()
        except (dbapi_error, SQLAlchemyError, OSError) as exc:
            raise StoreUnavailable(_why(exc)) from exc
        cursor = None
        try:
            cursor = connection.cursor()
            cursor.execute(compiled.sql, tuple(params[name] for name in compiled.params))
            rows = cursor.fetchall()
            cursor.close()
        except dbapi_error as exc:
            # A lost server took the pool's other connections with it: start a fresh pool
            # (as SQLAlchemy's own Connection does); any other error leaves this one usable.
            if engine.dialect.is_disconnect(exc, connection.dbapi_connection, cursor):
                connection.invalidate(exc)
                engine.dispose(close=False)
            else:
                connection.close()
            raise StoreUnavailable(_why(exc)) from exc
        except BaseException as exc:
            # An OSError, a query cancelled half-way: this connection's state is unknown.
            connection.invalidate(exc)
            if isinstance(exc, OSError):
                raise StoreUnavailable(_why(exc)) from exc
            raise
        connection.close()
        return _converted(rows, compiled)

    async def fetch(self, pool: DriverPool, params: dict[str, Any]) -> list[tuple[Any, ...]]:
        """As ``rows``, on asyncpg's own pool (PostgreSQL)."""
        compiled = self._by_backend["postgresql"]
        try:
            rows = await pool.fetch(compiled.sql, tuple(params[name] for name in compiled.params))
        except _DRIVER_ERRORS as exc:
            raise StoreUnavailable(_why(exc)) from exc
        return _converted(rows, compiled)


# what asyncpg raises for a failed read; InternalClientError: a connection the server ended
# while it was idle, found out in the middle of the next query
_DRIVER_ERRORS = (
    asyncpg.PostgresError, asyncpg.InterfaceError, asyncpg.InternalClientError, OSError,
    TimeoutError,
)  # fmt: skip


def _converted(rows: Sequence[Any], compiled: _Compiled) -> list[tuple[Any, ...]]:
    if not any(compiled.convert):
        return [tuple(row) for row in rows]
    return [
        tuple(value if convert is None else convert(value)
              for value, convert in zip(row, compiled.convert, strict=True))
        for row in rows
    ]  # fmt: skip


def _why(exc: BaseException) -> str:
    """What StoreUnavailable says: the error's first line, a driver's named as SQLAlchemy does."""
    if isinstance(exc, OSError):
        return str(exc)
    first = next(iter(str(exc).splitlines()), "")
    if isinstance(exc, SQLAlchemyError):
        return first
    return f"({exc.__class__.__module__}.{exc.__class__.__name__}) {first}"


_SUPPRESSION_OF = _PointRead(SUPPRESSIONS_OF_ADDRESS)
_SENDING_DOMAIN = _PointRead(
    select(
        Account.name,
        SendingDomain.domain,
        SendingDomain.dkim_selector,
        SendingDomain.dkim_private_key,
    )
    .join(SendingDomain, SendingDomain.account_id == Account.id)
    .where(
        SendingDomain.account_id == bindparam("account_id"),
        SendingDomain.domain == bindparam("domain"),
    )
)


async def _rows(store: Store, read: _PointRead, params: dict[str, Any]) -> list[tuple[Any, ...]]:
    if store.lookups is not None:
        return read.rows(store.lookups, params)
    if store.lookups_pg is not None:
        return await read.fetch(store.lookups_pg, params)
    engine = store.lookups_async or store.read.kw["bind"]
    # The async driver's DB-API adapter waits for the driver inside a greenlet.
    return await greenlet_spawn(read.rows, engine.sync_engine, params)


async def suppression_of(store: Store, account_id: int, address: str) -> SuppressionInfo | None:
    """The suppression covering the normalized ``address``: the account's own, else global."""
    rows = await _rows(store, _SUPPRESSION_OF, {"address": address, "account_id": account_id})
    found: SuppressionInfo | None = None
    for row in rows:
        address_, account_id_, reason, detail, since, status = row
        info = SuppressionInfo(address_, account_id_, reason, detail, since, status)
        if found is None or found.is_global:
            found = info
    return found


async def sending_domain_of(store: Store, account_id: int, domain: str) -> DomainInfo | None:
    """The account's sending domain ``domain`` (with its DKIM key), or None if not its own."""
    rows = await _rows(store, _SENDING_DOMAIN, {"account_id": account_id, "domain": domain})
    if not rows:
        return None
    account, name, selector, key = rows[0]
    return DomainInfo(account, name, selector, key)
