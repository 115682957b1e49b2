"""The stores the suite runs against: a fresh SQLite file always, and a fresh PostgreSQL
database per test where RELAY_TEST_DATABASE_URL names a server (`.ci/run` sets it)."""

from __future__ import annotations

import os
import uuid
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

import asyncpg
import pytest
from sqlalchemy.engine import make_url

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
