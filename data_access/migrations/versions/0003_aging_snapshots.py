"""aging snapshots

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-23 18:11:12.566084
"""

import sqlalchemy as sa
from alembic import op

from data_access.models import Money

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:

    op.create_table(
        "aging_snapshot_builds",
        sa.Column("as_of", sa.Date(), nullable=False),
        sa.Column("boundaries", sa.String(length=60), nullable=False),
        sa.Column("built_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("as_of", name=op.f("pk_aging_snapshot_builds")),
    )
    op.create_table(
        "aging_snapshots",
        sa.Column("as_of", sa.Date(), nullable=False),
        sa.Column("customer_id", sa.Integer(), nullable=False),
        sa.Column("balance", Money(), nullable=False),
        sa.Column("open_total", Money(), nullable=False),
        sa.Column("unapplied", Money(), nullable=False),
        sa.Column("b0", Money(), nullable=False),
        sa.Column("b1", Money(), nullable=False),
        sa.Column("b2", Money(), nullable=False),
        sa.Column("b3", Money(), nullable=False),
        sa.Column("b4", Money(), nullable=False),
        sa.Column("b5", Money(), nullable=False),
        sa.Column("b6", Money(), nullable=False),
        sa.Column("b7", Money(), nullable=False),
        sa.Column("overdue_day_amount", sa.Float(), nullable=False),
        sa.Column("oldest_due", sa.Date(), nullable=True),
        sa.ForeignKeyConstraint(
            ["customer_id"],
            ["customers.id"],
            name=op.f("fk_aging_snapshots_customer_id_customers"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("as_of", "customer_id", name=op.f("pk_aging_snapshots")),
    )
    with op.batch_alter_table("aging_snapshots", schema=None) as batch_op:
        batch_op.create_index("ix_aging_snapshots_balance", ["as_of", "balance"], unique=False)


def downgrade() -> None:

    with op.batch_alter_table("aging_snapshots", schema=None) as batch_op:
        batch_op.drop_index("ix_aging_snapshots_balance")

    op.drop_table("aging_snapshots")
    op.drop_table("aging_snapshot_builds")
