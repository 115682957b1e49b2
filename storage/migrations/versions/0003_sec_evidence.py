"""sec: deduplicated bounces, superseded bounces, unverified reports kept once

Revision ID: 0003_sec
Revises: 0002
Create Date: 2026-12-05 17:40:57.437915
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003_sec"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "unverified_reports",
        sa.Column("id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False),
        sa.Column("digest", sa.String(length=64), nullable=False),
        sa.Column("source_host", sa.String(length=64), nullable=True),
        sa.Column("size", sa.Integer(), nullable=False),
        sa.Column("raw", sa.LargeBinary(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_unverified_reports")),
        sa.UniqueConstraint("digest", name=op.f("uq_unverified_reports_digest")),
    )
    with op.batch_alter_table("unverified_reports", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_unverified_reports_created_at"), ["created_at"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_unverified_reports_source_host_created_at"),
            ["source_host", "created_at"],
            unique=False,
        )

    with op.batch_alter_table("bounces", schema=None) as batch_op:
        batch_op.add_column(sa.Column("fingerprint", sa.String(length=64), nullable=True))
        batch_op.add_column(
            sa.Column("superseded", sa.Boolean(), nullable=False, server_default=sa.false())
        )
        batch_op.add_column(
            sa.Column(
                "report_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=True
            )
        )
        batch_op.create_index(batch_op.f("ix_bounces_report_id"), ["report_id"], unique=False)
        batch_op.create_unique_constraint(batch_op.f("uq_bounces_fingerprint"), ["fingerprint"])
        batch_op.create_foreign_key(
            batch_op.f("fk_bounces_report_id_unverified_reports"),
            "unverified_reports",
            ["report_id"],
            ["id"],
            ondelete="SET NULL",
        )


def downgrade() -> None:
    with op.batch_alter_table("bounces", schema=None) as batch_op:
        batch_op.drop_constraint(
            batch_op.f("fk_bounces_report_id_unverified_reports"), type_="foreignkey"
        )
        batch_op.drop_constraint(batch_op.f("uq_bounces_fingerprint"), type_="unique")
        batch_op.drop_index(batch_op.f("ix_bounces_report_id"))
        batch_op.drop_column("report_id")
        batch_op.drop_column("superseded")
        batch_op.drop_column("fingerprint")

    with op.batch_alter_table("unverified_reports", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_unverified_reports_source_host_created_at"))
        batch_op.drop_index(batch_op.f("ix_unverified_reports_created_at"))

    op.drop_table("unverified_reports")
