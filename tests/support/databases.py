"""The stores the suite runs against: a fresh SQLite file always, and a fresh PostgreSQL
database per test where RELAY_TEST_DATABASE_URL names a server (`.ci/run` sets it).

Most tests want a store at the newest schema and nothing in it, as `relay serve` leaves an
empty database after its first start. Running every migration for each of them cost 0.4-0.7 s
(SQLite) and 1.1-1.7 s (PostgreSQL) a test on a loaded 2-core machine, a fifth of the suite:
``migrated_database`` copies one migrated template per process instead (a file copy; PostgreSQL's
CREATE DATABASE ... TEMPLATE). ``fresh_database`` stays for the tests that migrate themselves.

On PostgreSQL even that copy, and the DROP after the test, cost 0.3-1 s each under the suite's
load, most of what a PostgreSQL variant cost more than its SQLite twin: a database a test is
done with is emptied instead (its rows deleted, sequences restarted) and handed to the
process's next test, when nothing holds a connection to it any more and its schema is still
the template's; else it is dropped as before."""

from __future__ import annotations

import asyncio
import atexit
import contextlib
import os
import shutil
import tempfile
import uuid
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

import asyncpg
import pytest
from sqlalchemy.engine import make_url

from config import async_database_url
from storage.engine import open_store
from storage.schema import ensure_schema

ADMIN_URL = os.environ.get("RELAY_TEST_DATABASE_URL", "")
# PostgreSQL runs are listed even where no server is named, so that a run without one says so.
BACKENDS = [
    "sqlite",
    pytest.param(
        "postgresql",
        marks=pytest.mark.skipif(
            not ADMIN_URL,
            reason="PostgreSQL: set RELAY_TEST_DATABASE_URL=postgresql://user:pass@host/db "
            "(.ci/run starts Debian's postgresql and sets it)",
        ),
    ),
]


def _dsn(url: str, database: str | None = None) -> str:
    parsed = make_url(url).set(drivername="postgresql")
    if database is not None:
        parsed = parsed.set(database=database)
    return parsed.render_as_string(hide_password=False)


@asynccontextmanager
async def fresh_database(backend: str, tmp_path: Path) -> AsyncIterator[str]:
    """A URL of an empty database of ``backend``, dropped afterwards."""
    if backend == "sqlite":
        yield f"sqlite:///{tmp_path / 'relay.db'}"
        return
    name = f"relay_test_{uuid.uuid4().hex[:12]}"
    admin = await asyncpg.connect(_dsn(ADMIN_URL))
    try:
        await admin.execute(f'CREATE DATABASE "{name}"')
        yield _dsn(ADMIN_URL, name)
    finally:
        await admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        await admin.close()


# backend -> this process's migrated template: a SQLite file's path, a PostgreSQL database's name
_TEMPLATES: dict[str, str] = {}


async def _migrate_empty(url: str) -> None:
    store = open_store(async_database_url(url))
    try:
        await ensure_schema(store)
    finally:
        await store.close()


async def _template(backend: str) -> str:
    if backend in _TEMPLATES:
        return _TEMPLATES[backend]
    if backend == "sqlite":
        folder = Path(tempfile.mkdtemp(prefix="relay-schema-"))
        atexit.register(shutil.rmtree, folder, True)
        path = folder / "template.db"
        await _migrate_empty(f"sqlite:///{path}")
        # closed: the last connection checkpointed the WAL into the file and removed it
        assert not Path(f"{path}-wal").exists(), "the template's WAL was left behind"
        _TEMPLATES[backend] = str(path)
        return str(path)
    name = f"relay_template_{os.getpid()}_{uuid.uuid4().hex[:8]}"
    admin = await asyncpg.connect(_dsn(ADMIN_URL))
    try:
        await admin.execute(f'CREATE DATABASE "{name}"')
    finally:
        await admin.close()
    atexit.register(_drop_at_exit, name)
    await _migrate_empty(_dsn(ADMIN_URL, name))
    _TEMPLATES[backend] = name
    return name


def _drop_at_exit(name: str) -> None:
    async def drop() -> None:
        admin = await asyncpg.connect(_dsn(ADMIN_URL))
        try:
            await admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        finally:
            await admin.close()

    asyncio.run(drop())


# What makes two databases' schemas the same for a test: every relation with its kind, every
# column with its type, the triggers, and the migration the schema is at.
_SCHEMA_SIGNATURE = """
    SELECT md5(concat_ws('|',
        (SELECT string_agg(relname || ':' || relkind::text, ',' ORDER BY relname)
           FROM pg_class WHERE relnamespace = 'public'::regnamespace),
        (SELECT string_agg(table_name || '.' || column_name || ':' || data_type, ','
                           ORDER BY table_name, column_name)
           FROM information_schema.columns WHERE table_schema = 'public'),
        (SELECT string_agg(tgname, ',' ORDER BY tgname) FROM pg_trigger WHERE NOT tgisinternal),
        (SELECT string_agg(version_num, ',') FROM alembic_version)))
"""
# this process's emptied PostgreSQL databases, ready for its next test; and the template's
# signature with the statement that empties a database of it
_SPARE: list[str] = []
_EMPTYING: dict[str, tuple[str, str]] = {}


async def _emptying(template: str) -> tuple[str, str]:
    if template not in _EMPTYING:
        conn = await asyncpg.connect(_dsn(ADMIN_URL, template))
        try:
            signature = await conn.fetchval(_SCHEMA_SIGNATURE)
            tables = await conn.fetch(
                "SELECT tablename FROM pg_tables WHERE schemaname = 'public'"
                " AND tablename <> 'alembic_version' ORDER BY tablename"
            )
            sequences = await conn.fetch(
                "SELECT sequence_name FROM information_schema.sequences"
                " WHERE sequence_schema = 'public' ORDER BY sequence_name"
            )
        finally:
            await conn.close()
        # DELETE, not TRUNCATE: TRUNCATE makes new files for every table and index, about 1 s
        # here, DELETE of a test's few rows 0.05 s; foreign keys are not checked (the
        # replication role), every row goes
        statements = [
            "SET LOCAL session_replication_role = replica",
            *(f'DELETE FROM "{row[0]}"' for row in tables),  # noqa: S608 (the template's names)
            *(f'ALTER SEQUENCE "{row[0]}" RESTART' for row in sequences),
        ]
        _EMPTYING[template] = (signature, "; ".join(statements))
    return _EMPTYING[template]


async def _emptied_for_reuse(admin: asyncpg.Connection, name: str, template: str) -> bool:
    """Empty the database ``name`` a test is done with, if nothing connects to it any more
    (a client left behind could write into the next test's rows) and its schema is still the
    template's; False where it must be dropped instead."""
    for _ in range(50):  # a backend may take a moment to exit after its client closed
        still = await admin.fetchval(
            "SELECT count(*) FROM pg_stat_activity WHERE datname = $1", name
        )
        if not still:
            break
        await asyncio.sleep(0.02)
    else:
        return False
    signature, empty = await _emptying(template)
    await admin.execute(f'ALTER DATABASE "{name}" ALLOW_CONNECTIONS true')  # a test may deny it
    conn = await asyncpg.connect(_dsn(ADMIN_URL, name))
    try:
        async with conn.transaction():
            if await conn.fetchval(_SCHEMA_SIGNATURE) != signature:
                return False
            await conn.execute("SET LOCAL lock_timeout = '5s'")
            await conn.execute(empty)
    finally:
        await conn.close()
    return True


@asynccontextmanager
async def migrated_database(backend: str, tmp_path: Path) -> AsyncIterator[str]:
    """A URL of a database of ``backend`` at the newest schema with no rows: on PostgreSQL an
    emptied one of this process's earlier tests where there is one, emptied or dropped after."""
    template = await _template(backend)
    if backend == "sqlite":
        path = tmp_path / "relay.db"
        shutil.copyfile(template, path)
        yield f"sqlite:///{path}"
        return
    if _SPARE:
        name = _SPARE.pop()
    else:
        name = f"relay_test_{os.getpid()}_{uuid.uuid4().hex[:8]}"
        admin = await asyncpg.connect(_dsn(ADMIN_URL))
        try:
            await admin.execute(f'CREATE DATABASE "{name}" TEMPLATE "{template}"')
        finally:
            await admin.close()
        atexit.register(_drop_at_exit, name)
    try:
        yield _dsn(ADMIN_URL, name)
    finally:
        admin = await asyncpg.connect(_dsn(ADMIN_URL))
        try:
            reusable = False
            with contextlib.suppress(asyncpg.PostgresError, OSError):
                reusable = await _emptied_for_reuse(admin, name, template)
            if reusable:
                _SPARE.append(name)
            else:
                await admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        finally:
            await admin.close()


async def set_connections_allowed(url: str, allowed: bool) -> None:
    """Take a PostgreSQL database away from (or give it back to) every client, for real."""
    name = make_url(url).database
    admin = await asyncpg.connect(_dsn(ADMIN_URL))
    try:
        await admin.execute(f'ALTER DATABASE "{name}" ALLOW_CONNECTIONS {str(allowed).lower()}')
        if not allowed:
            await admin.execute(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1", name
            )
    finally:
        await admin.close()
