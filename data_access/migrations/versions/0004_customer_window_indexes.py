"""Covering indexes for per-customer windows (filtered KPI tiles, walls, promises).

Revision ID: 0004
Revises: 0003
"""

from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index(
        "ix_documents_customer_issue_cover",
        "documents",
        ["customer_id", "issue_date", "kind", "amount"],
    )
    op.create_index(
        "ix_payments_customer_date_cover", "payments", ["customer_id", "date", "amount"]
    )
    op.drop_index("ix_payments_customer_date", table_name="payments")


def downgrade() -> None:
    op.create_index("ix_payments_customer_date", "payments", ["customer_id", "date"])
    op.drop_index("ix_payments_customer_date_cover", table_name="payments")
    op.drop_index("ix_documents_customer_issue_cover", table_name="documents")
