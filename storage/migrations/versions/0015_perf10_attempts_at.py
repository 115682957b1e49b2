"""perf10: no index on the webhook attempts log's ``at``

The dispatcher logs each attempt in the transaction that settles its pass; the index on
``at`` (only the prune used it) was one more b-tree written by every such commit, its pages
fsynced by the next commit of the SMTP workers. The prune now finds its cut by id.

Revision ID: 0015_perf10
Revises: 0014_hooks7
Create Date: 2026-12-06 17:00:00.000000
"""

from __future__ import annotations

from alembic import op

revision = "0015_perf10"
down_revision = "0014_hooks7"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.drop_index("ix_webhook_attempts_at", table_name="webhook_attempts")


def downgrade() -> None:
    op.create_index("ix_webhook_attempts_at", "webhook_attempts", ["at"])
