"""party: whose fault each bounce is (recipient, sender, transient, undetermined)

Revision ID: 0004_party
Revises: 0003_sec
Create Date: 2026-12-05 18:20:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004_party"
down_revision = "0003_sec"
branch_labels = None
depends_on = None

# Bounces recorded before the verdict had two parts: the reasons the relay then treated as the
# sender's, and the hard ones (always about the recipient). Other soft ones counted towards the
# escalation as transient; an unreadable one ("undefined") is undetermined.
_SENDER = (
    "blocked", "bad_reputation", "require_ptr", "auth_failure", "policy_violation",
    "spam_detected", "security_error", "virus_detected", "content_error", "mesg_too_big",
    "too_many_conn", "speeding", "no_relaying", "syntax_error", "not_compliant_rfc",
)  # fmt: skip


def upgrade() -> None:
    with op.batch_alter_table("bounces", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("party", sa.String(length=16), nullable=False, server_default="undetermined")
        )
    bounces = sa.table(
        "bounces", sa.column("party", sa.String), sa.column("reason", sa.String),
        sa.column("hard", sa.Boolean),
    )  # fmt: skip
    op.execute(bounces.update().where(bounces.c.reason.in_(_SENDER)).values(party="sender"))
    op.execute(
        bounces.update()
        .where(bounces.c.party == "undetermined", bounces.c.hard)
        .values(party="recipient")
    )
    op.execute(
        bounces.update()
        .where(bounces.c.party == "undetermined", bounces.c.reason != "undefined")
        .values(party="transient")
    )


def downgrade() -> None:
    with op.batch_alter_table("bounces", schema=None) as batch_op:
        batch_op.drop_column("party")
