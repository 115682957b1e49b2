"""The stores the suite runs against: a fresh SQLite file always, and a fresh PostgreSQL
database per test where RELAY_TEST_DATABASE_URL names a server (`.ci/run` sets it).

Most tests want a store at the newest schema and nothing in it, as `relay serve` leaves an
empty database after its first start. Running every migration for each of them cost 0.4-0.7 s
(SQLite) and 1.1-1.7 s (PostgreSQL) a test on a loaded 2-core machine, a fifth of the suite:
``migrated_database`` copies one migrated template per process instead (a file copy; PostgreSQL's
CREATE DATABASE ... TEMPLATE). ``fresh_database`` stays for the tests that migrate themselves."""

from __future__ import annotations

import asyncio
import atexit
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


@asynccontextmanager
async def migrated_database(backend: str, tmp_path: Path) -> AsyncIterator[str]:
    """A URL of a database of ``backend`` at the newest schema with no rows, dropped afterwards."""
    template = await _template(backend)
    if backend == "sqlite":
        path = tmp_path / "relay.db"
        shutil.copyfile(template, path)
        yield f"sqlite:///{path}"
        return
    name = f"relay_test_{uuid.uuid4().hex[:12]}"
    admin = await asyncpg.connect(_dsn(ADMIN_URL))
    try:
        await admin.execute(f'CREATE DATABASE "{name}" TEMPLATE "{template}"')
        yield _dsn(ADMIN_URL, name)
    finally:
        await admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
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
