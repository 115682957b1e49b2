"""hooks2: the outbox keeps the two indexes its claim uses, not a third

The index on webhook_outbox.endpoint_id alone duplicated the leading column of
(endpoint_id, address, id), which serves the same look-ups (an endpoint's rows, the foreign
key's cascade); every event written paid for one more index entry.

Revision ID: 0012_hooks2
Revises: 0011_counts
Create Date: 2026-12-06 00:50:00.000000
"""

from __future__ import annotations

from alembic import op

revision = "0012_hooks2"
down_revision = "0011_counts"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.drop_index(op.f("ix_webhook_outbox_endpoint_id"), table_name="webhook_outbox")


def downgrade() -> None:
    op.create_index(op.f("ix_webhook_outbox_endpoint_id"), "webhook_outbox", ["endpoint_id"])
