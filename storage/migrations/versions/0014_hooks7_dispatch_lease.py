"""hooks7: the SQLite dispatcher's one lease row

On SQLite one relay process at a time delivers the outbox, holding this row's lease; it
reads the due events and sends them without writing a lease on each (PostgreSQL keeps the
per-event claims). The table is created on both backends; PostgreSQL leaves it empty.

Revision ID: 0014_hooks7
Revises: 0013_hooks4
Create Date: 2026-12-06 08:45:00.000000
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0014_hooks7"
down_revision = "0013_hooks4"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "webhook_dispatch_lease",
        sa.Column("id", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("holder", sa.String(length=40), nullable=False),
        sa.Column("until", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )


def downgrade() -> None:
    op.drop_table("webhook_dispatch_lease")
