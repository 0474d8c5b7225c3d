"""Monthly collection goals per collector or seller.

Revision ID: 0006
Revises: 0005
"""

import sqlalchemy as sa
from alembic import op

from data_access.models import Money

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "collection_goals",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("collector_id", sa.Integer(), nullable=True),
        sa.Column("seller_id", sa.Integer(), nullable=True),
        sa.Column("month", sa.Date(), nullable=False),
        sa.Column("amount", Money(), nullable=False),
        sa.Column("updated_by_id", sa.Integer(), nullable=True),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.CheckConstraint(
            "(collector_id IS NULL) <> (seller_id IS NULL)",
            name=op.f("ck_collection_goals_one_owner"),
        ),
        sa.CheckConstraint("amount > 0", name=op.f("ck_collection_goals_amount_positive")),
        sa.ForeignKeyConstraint(
            ["collector_id"],
            ["users.id"],
            name=op.f("fk_collection_goals_collector_id_users"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["seller_id"],
            ["sellers.id"],
            name=op.f("fk_collection_goals_seller_id_sellers"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["updated_by_id"],
            ["users.id"],
            name=op.f("fk_collection_goals_updated_by_id_users"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_collection_goals")),
        sa.UniqueConstraint("collector_id", "month", name=op.f("uq_collection_goals_collector_id")),
        sa.UniqueConstraint("seller_id", "month", name=op.f("uq_collection_goals_seller_id")),
    )


def downgrade() -> None:
    op.drop_table("collection_goals")
