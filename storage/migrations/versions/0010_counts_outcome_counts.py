"""counts: each message's and campaign's copies per report tab, backfilled from the copies;
indexes for the suppression pages filtered by reason or by "hard bounce reason is known"

Revision ID: 0010_counts
Revises: 0009_hooks
Create Date: 2026-12-06 00:00:00.000000
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0010_counts"
down_revision = "0009_hooks"
branch_labels = None
depends_on = None

_KEY = sa.BigInteger().with_variant(sa.Integer(), "sqlite")
_TABS = ("sent", "bounced", "not_sent", "deferred")
# The statuses of each tab (storage.outcome_counts.TAB_OF as it was at this revision).
_STATUSES = {
    "sent": ("sent", "delivered"),
    "bounced": ("bounced",),
    "not_sent": ("not_sent",),
    "deferred": ("queued", "deferred"),
}


def _fk(name: str, target: str, table: str) -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint(
        [name], [f"{target}.id"], name=op.f(f"fk_{table}_{name}_{target}"), ondelete="CASCADE"
    )


def _counters() -> list[sa.Column[int]]:
    return [sa.Column(tab, sa.BigInteger(), nullable=False) for tab in _TABS]


_recipients = sa.table("recipients", sa.column("message_id"), sa.column("status"))
_messages = sa.table("messages", sa.column("id"), sa.column("account_id"), sa.column("campaign"))


def _sums() -> list[sa.ColumnElement[int]]:
    return [
        sa.func.sum(sa.case((_recipients.c.status.in_(_STATUSES[tab]), 1), else_=0))
        for tab in _TABS
    ]


def _backfill(table: str, keys: list[str], by: list[sa.ColumnElement[object]]) -> None:
    columns: list[sa.ColumnClause[object]] = [sa.column(name) for name in [*keys, *_TABS]]
    copies = _recipients.join(_messages, _messages.c.id == _recipients.c.message_id)
    op.execute(
        sa.table(table, *columns)
        .insert()
        .from_select(
            [c.name for c in columns], sa.select(*by, *_sums()).select_from(copies).group_by(*by)
        )
    )


def upgrade() -> None:
    op.create_table(
        "message_counts",
        sa.Column("message_id", _KEY, nullable=False),
        sa.Column("account_id", _KEY, nullable=False),
        *_counters(),
        _fk("message_id", "messages", "message_counts"),
        _fk("account_id", "accounts", "message_counts"),
        sa.PrimaryKeyConstraint("message_id", name=op.f("pk_message_counts")),
    )
    op.create_table(
        "campaign_counts",
        sa.Column("account_id", _KEY, nullable=False),
        sa.Column("campaign", sa.String(length=998), nullable=False),
        *_counters(),
        _fk("account_id", "accounts", "campaign_counts"),
        sa.PrimaryKeyConstraint("account_id", "campaign", name=op.f("pk_campaign_counts")),
    )
    op.create_index(
        op.f("ix_suppressions_account_id_reason_created_at_id"),
        "suppressions",
        ["account_id", "reason", "created_at", "id"],
    )
    op.create_index(
        "ix_suppressions_bounced",
        "suppressions",
        ["account_id", "created_at", "id"],
        sqlite_where=sa.text("bounce_id IS NOT NULL"),
        postgresql_where=sa.text("bounce_id IS NOT NULL"),
    )
    _backfill(
        "message_counts",
        ["message_id", "account_id"],
        [_recipients.c.message_id, _messages.c.account_id],
    )
    _backfill(
        "campaign_counts",
        ["account_id", "campaign"],
        [_messages.c.account_id, _messages.c.campaign],
    )


def downgrade() -> None:
    op.drop_index("ix_suppressions_bounced", table_name="suppressions")
    op.drop_index(
        op.f("ix_suppressions_account_id_reason_created_at_id"), table_name="suppressions"
    )
    op.drop_table("campaign_counts")
    op.drop_table("message_counts")
