"""hooks: webhook endpoints, subscriptions, the outbox, attempts; the bounce-rate guard

Revision ID: 0009_hooks
Revises: 0008_dash
Create Date: 2026-12-05 21:00:00.000000
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0009_hooks"
down_revision = "0008_dash"
branch_labels = None
depends_on = None

_KEY = sa.BigInteger().with_variant(sa.Integer(), "sqlite")


def _fk(name: str, target: str, table: str) -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint(
        [name], [f"{target}.id"], name=op.f(f"fk_{table}_{name}_{target}"), ondelete="CASCADE"
    )


def upgrade() -> None:
    op.create_table(
        "webhook_endpoints",
        sa.Column("id", _KEY, nullable=False),
        sa.Column("account_id", _KEY, nullable=False),
        sa.Column("url", sa.String(length=2000), nullable=False),
        sa.Column("secret", sa.Text(), nullable=False),
        sa.Column("events", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("disabled_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("disabled_reason", sa.Text(), nullable=True),
        _fk("account_id", "accounts", "webhook_endpoints"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_webhook_endpoints")),
    )
    op.create_index(op.f("ix_webhook_endpoints_account_id"), "webhook_endpoints", ["account_id"])
    op.create_table(
        "webhook_subscriptions",
        sa.Column("id", _KEY, nullable=False),
        sa.Column("endpoint_id", _KEY, nullable=False),
        sa.Column("account_id", _KEY, nullable=False),
        sa.Column("event", sa.String(length=32), nullable=False),
        _fk("endpoint_id", "webhook_endpoints", "webhook_subscriptions"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_webhook_subscriptions")),
    )
    op.create_index(
        op.f("ix_webhook_subscriptions_endpoint_id"), "webhook_subscriptions", ["endpoint_id"]
    )
    op.create_index(
        op.f("ix_webhook_subscriptions_account_id_event"),
        "webhook_subscriptions",
        ["account_id", "event"],
    )
    op.create_table(
        "webhook_outbox",
        sa.Column("id", _KEY, nullable=False),
        sa.Column("endpoint_id", _KEY, nullable=False),
        sa.Column("event_id", sa.String(length=40), nullable=False),
        sa.Column("event", sa.String(length=32), nullable=False),
        sa.Column("address", sa.String(length=320), nullable=False),
        sa.Column("message_pk", sa.BigInteger(), nullable=True),
        sa.Column("data", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("due_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("holder", sa.String(length=32), nullable=True),
        sa.Column("last_error", sa.Text(), nullable=True),
        _fk("endpoint_id", "webhook_endpoints", "webhook_outbox"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_webhook_outbox")),
    )
    op.create_index(op.f("ix_webhook_outbox_endpoint_id"), "webhook_outbox", ["endpoint_id"])
    op.create_index(op.f("ix_webhook_outbox_due_at"), "webhook_outbox", ["due_at"])
    op.create_index(
        op.f("ix_webhook_outbox_endpoint_id_address_id"),
        "webhook_outbox",
        ["endpoint_id", "address", "id"],
    )
    op.create_table(
        "webhook_attempts",
        sa.Column("id", _KEY, nullable=False),
        sa.Column("endpoint_id", _KEY, nullable=False),
        sa.Column("event_id", sa.String(length=40), nullable=False),
        sa.Column("event", sa.String(length=32), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("attempt", sa.Integer(), nullable=False),
        sa.Column("status_code", sa.Integer(), nullable=True),
        sa.Column("error", sa.Text(), nullable=True),
        sa.Column("duration_ms", sa.Integer(), nullable=False),
        _fk("endpoint_id", "webhook_endpoints", "webhook_attempts"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_webhook_attempts")),
    )
    op.create_index(op.f("ix_webhook_attempts_endpoint_id"), "webhook_attempts", ["endpoint_id"])
    op.create_index(op.f("ix_webhook_attempts_at"), "webhook_attempts", ["at"])
    op.create_table(
        "account_guard",
        sa.Column("account_id", _KEY, nullable=False),
        sa.Column("state", sa.String(length=16), nullable=False),
        sa.Column("bounce_rate", sa.Float(), nullable=False),
        sa.Column("complaint_rate", sa.Float(), nullable=False),
        sa.Column("copies", sa.Integer(), nullable=False),
        sa.Column("window_from", sa.BigInteger(), nullable=False),
        sa.Column("changed_at", sa.DateTime(timezone=True), nullable=False),
        _fk("account_id", "accounts", "account_guard"),
        sa.PrimaryKeyConstraint("account_id", name=op.f("pk_account_guard")),
    )


def downgrade() -> None:
    op.drop_table("account_guard")
    op.drop_table("webhook_attempts")
    op.drop_table("webhook_outbox")
    op.drop_table("webhook_subscriptions")
    op.drop_table("webhook_endpoints")
