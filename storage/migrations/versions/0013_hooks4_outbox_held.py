"""hooks4: a partial index of the outbox's held rows

The dispatcher looks for events held by a relay that died every two seconds; without an
index that read the whole outbox, however long its backlog. Partial (holder IS NOT NULL), so
writing an event, which is never held, adds no index entry.

Revision ID: 0013_hooks4
Revises: 0012_hooks2
Create Date: 2026-12-06 03:10:00.000000
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0013_hooks4"
down_revision = "0012_hooks2"
branch_labels = None
depends_on = None


def upgrade() -> None:
    held = sa.text("holder IS NOT NULL")
    op.create_index(
        "ix_webhook_outbox_held",
        "webhook_outbox",
        ["holder"],
        sqlite_where=held,
        postgresql_where=held,
    )


def downgrade() -> None:
    op.drop_index("ix_webhook_outbox_held", table_name="webhook_outbox")
