"""Alembic environment: runs on the connection the caller hands over (see storage.schema)."""

from __future__ import annotations

from alembic import context

from storage.models import Base

connection = context.config.attributes.get("connection")
if connection is None:  # pragma: no cover - migrations always run through storage.schema
    raise RuntimeError("run migrations with `relay db upgrade`")
context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    render_as_batch=connection.dialect.name == "sqlite",
)
with context.begin_transaction():
    context.run_migrations()
