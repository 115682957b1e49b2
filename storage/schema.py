"""Schema versions: Alembic migrations, and the check ``relay serve`` makes at start."""

from __future__ import annotations

import functools
from importlib import resources
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection, inspect

from storage.engine import Store


class SchemaOutdated(Exception):
    """The database holds an older (or unknown) schema; ``relay db upgrade`` is needed."""


def alembic_config(url: str) -> Config:
    """An Alembic configuration for ``url`` using the migrations shipped in this package."""
    config = Config()
    config.set_main_option(
        "script_location", str(Path(str(resources.files("storage"))) / "migrations")
    )
    config.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    return config


def head_revision(url: str) -> str:
    """The newest migration this code knows."""
    return _head()


@functools.cache
def _head() -> str:
    # Alembic reads every migration script to find the head (~50 ms): the scripts ship with
    # the code, so once a process. The URL plays no part in it.
    head = ScriptDirectory.from_config(alembic_config("sqlite://")).get_current_head()
    assert head is not None
    return head


def _state(connection: Connection) -> tuple[str | None, bool]:
    current = MigrationContext.configure(connection).get_current_revision()
    has_tables = bool(inspect(connection).get_table_names())
    return current, has_tables


async def upgrade(store: Store) -> None:
    """Bring the schema to the newest revision (``relay db upgrade``)."""
    config = alembic_config(store.url)
    async with store.engine.connect() as connection:

        def run(sync: Connection) -> None:
            config.attributes["connection"] = sync
            command.upgrade(config, "head")

        await connection.run_sync(run)
        await connection.commit()


async def ensure_schema(store: Store) -> None:
    """Create the schema in an empty database; refuse one at another revision."""
    async with store.engine.connect() as connection:
        current, has_tables = await connection.run_sync(_state)
    head = head_revision(store.url)
    if current == head:
        return
    if current is None and not has_tables:
        await upgrade(store)
        return
    raise SchemaOutdated(
        f"the database schema is at revision {current or 'unknown'} but this relay needs {head}: "
        "run `relay db upgrade`"
    )
