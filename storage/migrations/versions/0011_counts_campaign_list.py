"""counts: each campaign's number of messages and its newest message (the campaigns list walks
an index of them), backfilled from the messages; indexes for the audit page's filters, and for
an account's messages of one campaign or Message-ID newest first

Revision ID: 0011_counts
Revises: 0010_counts
Create Date: 2026-12-06 01:00:00.000000
"""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from alembic import op

revision = "0011_counts"
down_revision = "0010_counts"
branch_labels = None
depends_on = None

_AUDIT = (
    ["account_id", "id"],
    ["account_id", "actor", "id"],
    ["account_id", "action", "id"],
    ["account_id", "subject", "id"],
    ["actor", "id"],
    ["action", "id"],
    ["subject", "id"],
)
_MESSAGES = (["account_id", "campaign", "id"], ["account_id", "message_id", "id"])


def _name(table: str, columns: list[str]) -> str:
    return "ix_" + "_".join([table, *columns])


def upgrade() -> None:
    with op.batch_alter_table("campaign_counts") as batch:
        batch.add_column(sa.Column("messages", sa.BigInteger(), nullable=False, server_default="0"))
        batch.add_column(sa.Column("last_key", sa.BigInteger(), nullable=False, server_default="0"))
        batch.add_column(sa.Column("last_at", sa.DateTime(timezone=True), nullable=True))
    messages = sa.table(
        "messages",
        sa.column("id"),
        sa.column("account_id"),
        sa.column("campaign"),
        sa.column("received_at"),
    )
    counts = sa.table(
        "campaign_counts",
        sa.column("account_id"),
        sa.column("campaign"),
        sa.column("messages"),
        sa.column("last_key"),
        sa.column("last_at"),
    )

    def mine(copy: Any) -> sa.ColumnElement[bool]:
        return sa.and_(
            copy.c.account_id == counts.c.account_id, copy.c.campaign == counts.c.campaign
        )

    one, other, newest = messages.alias("one"), messages.alias("other"), messages.alias("newest")
    last_key = sa.select(sa.func.max(one.c.id)).where(mine(one)).scalar_subquery()
    op.execute(
        counts.update().values(
            messages=sa.select(sa.func.count()).select_from(other).where(mine(other))
            .scalar_subquery(),
            last_key=sa.func.coalesce(last_key, 0),
            last_at=sa.select(newest.c.received_at).where(newest.c.id == last_key)
            .scalar_subquery(),
        )
    )  # fmt: skip
    op.create_index(
        _name("campaign_counts", ["account_id", "last_key"]),
        "campaign_counts",
        ["account_id", "last_key"],
    )
    for columns in _AUDIT:
        op.create_index(_name("audit_log", columns), "audit_log", columns)
    for columns in _MESSAGES:
        op.create_index(_name("messages", columns), "messages", columns)


def downgrade() -> None:
    for columns in _MESSAGES:
        op.drop_index(_name("messages", columns), table_name="messages")
    for columns in _AUDIT:
        op.drop_index(_name("audit_log", columns), table_name="audit_log")
    op.drop_index(
        _name("campaign_counts", ["account_id", "last_key"]), table_name="campaign_counts"
    )
    with op.batch_alter_table("campaign_counts") as batch:
        batch.drop_column("last_at")
        batch.drop_column("last_key")
        batch.drop_column("messages")
