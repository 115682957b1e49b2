"""The suite's PostgreSQL databases handed from one test to the next (tests/support/databases.py):
the next test finds no row of the last one and identities starting at 1, and a database is
never handed on while a client of the last test still holds a connection to it, nor once its
schema is no longer the template's (it is dropped then, as before)."""

from __future__ import annotations

from pathlib import Path

import asyncpg
import pytest
from sqlalchemy.engine import make_url

from tests.support.databases import ADMIN_URL, _dsn, migrated_database

pytestmark = pytest.mark.skipif(not ADMIN_URL, reason="PostgreSQL: set RELAY_TEST_DATABASE_URL")


async def _rows(url: str) -> tuple[int, int]:
    """The accounts' row count, and the id the next account gets."""
    conn = await asyncpg.connect(url)
    try:
        async with conn.transaction():
            count = await conn.fetchval("SELECT count(*) FROM accounts")
            next_id = await conn.fetchval(
                "INSERT INTO accounts (name, created_at) VALUES ('probe', now()) RETURNING id"
            )
            raise _RollBack
    except _RollBack:
        return int(count), int(next_id)
    finally:
        await conn.close()


class _RollBack(Exception):
    pass


async def _exists(name: str) -> bool:
    conn = await asyncpg.connect(_dsn(ADMIN_URL))
    try:
        return bool(await conn.fetchval("SELECT 1 FROM pg_database WHERE datname = $1", name))
    finally:
        await conn.close()


async def test_the_next_test_finds_none_of_the_last_ones_rows(tmp_path: Path) -> None:
    async with migrated_database("postgresql", tmp_path) as first:
        conn = await asyncpg.connect(first)
        try:
            for n in range(3):  # rows another table's foreign key points at, too
                account = await conn.fetchval(
                    "INSERT INTO accounts (name, created_at) VALUES ($1, now()) RETURNING id",
                    f"a{n}",
                )
                await conn.execute(
                    "INSERT INTO credentials (account_id, username, password_hash, created_at)"
                    " VALUES ($1, $2, 'x', now())",
                    account,
                    f"u{n}",
                )
        finally:
            await conn.close()
        assert (await _rows(first))[0] == 3
    async with migrated_database("postgresql", tmp_path) as second:
        assert make_url(second).database == make_url(first).database  # handed on, not a copy
        assert await _rows(second) == (0, 1)


async def test_a_database_a_client_still_holds_is_dropped_not_handed_on(tmp_path: Path) -> None:
    async with migrated_database("postgresql", tmp_path) as first:
        left_behind = await asyncpg.connect(first)
    try:
        async with migrated_database("postgresql", tmp_path) as second:
            assert make_url(second).database != make_url(first).database
            assert await _rows(second) == (0, 1)
        assert not await _exists(str(make_url(first).database))
    finally:
        left_behind.terminate()  # its server side is gone with the database


async def test_a_database_whose_schema_changed_is_dropped(tmp_path: Path) -> None:
    async with migrated_database("postgresql", tmp_path) as first:
        conn = await asyncpg.connect(first)
        try:
            await conn.execute("ALTER TABLE accounts ADD COLUMN left_by_a_test text")
        finally:
            await conn.close()
    async with migrated_database("postgresql", tmp_path) as second:
        assert make_url(second).database != make_url(first).database
        conn = await asyncpg.connect(second)
        try:
            columns = await conn.fetch(
                "SELECT column_name FROM information_schema.columns WHERE table_name = 'accounts'"
            )
        finally:
            await conn.close()
        assert "left_by_a_test" not in {row[0] for row in columns}
    assert not await _exists(str(make_url(first).database))
