"""queue: relay instances with a heartbeat, and the holder of each leased copy

Revision ID: 0006_queue
Revises: 0005_addr
Create Date: 2026-12-05 18:20:00.000000
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006_queue"
down_revision = "0005_addr"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "relay_instances",
        sa.Column("id", sa.String(length=32), nullable=False),
        sa.Column("host", sa.String(length=255), nullable=False),
        sa.Column("pid", sa.Integer(), nullable=False),
        sa.Column("boot_id", sa.String(length=64), nullable=True),
        sa.Column("process_start", sa.BigInteger(), nullable=True),
        sa.Column("started_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("heartbeat_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_relay_instances")),
    )
    with op.batch_alter_table("queue", schema=None) as batch_op:
        batch_op.add_column(sa.Column("holder", sa.String(length=32), nullable=True))
        batch_op.create_index(batch_op.f("ix_queue_holder"), ["holder"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("queue", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_queue_holder"))
        batch_op.drop_column("holder")
    op.drop_table("relay_instances")
