"""addr: each recipient copy keeps the address as the client gave it

``recipients.address`` stays the comparison key (suppressions, bounces and reports match on
it); ``delivery_local`` and ``delivery_domain`` hold the spelling that goes upstream. Copies
recorded before this revision have neither and are delivered to their key.

Revision ID: 0005_addr
Revises: 0004_party
Create Date: 2026-12-05 18:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005_addr"
down_revision = "0004_party"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("recipients", schema=None) as batch_op:
        batch_op.add_column(sa.Column("delivery_local", sa.String(length=320), nullable=True))
        batch_op.add_column(sa.Column("delivery_domain", sa.String(length=320), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("recipients", schema=None) as batch_op:
        batch_op.drop_column("delivery_domain")
        batch_op.drop_column("delivery_local")
