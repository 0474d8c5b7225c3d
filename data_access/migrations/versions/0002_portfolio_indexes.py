"""Covering indexes for the portfolio page at a million invoices.

Revision ID: 0002
Revises: 0001
"""

from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

INDEXES = {
    # Open charges as of a date: settled_on IS NULL OR settled_on > D, grouped per customer.
    "ix_documents_open_cover": (
        "documents",
        ["settled_on", "kind", "customer_id", "issue_date", "due_date", "open_amount", "id"],
    ),
    # Credit sales in a window (DSO, CEI, trends).
    "ix_documents_issue_cover": ("documents", ["issue_date", "kind", "amount", "customer_id"]),
    # Credit not yet applied as of a date.
    "ix_payments_open_cover": ("payments", ["settled_on", "date", "customer_id", "unapplied"]),
    # Cash collected in a window.
    "ix_payments_date_cover": ("payments", ["date", "amount", "customer_id"]),
    # Allocations after a past as-of date, to rewind open amounts.
    "ix_allocations_effective_cover": (
        "allocations",
        ["effective_date", "invoice_id", "payment_id", "credit_note_id", "amount"],
    ),
}


def upgrade() -> None:
    for name, (table, columns) in INDEXES.items():
        op.create_index(name, table, columns)
    # Superseded by the covering indexes above.
    op.drop_index("ix_payments_date", table_name="payments")
    op.drop_index("ix_documents_open", table_name="documents")


def downgrade() -> None:
    op.create_index("ix_documents_open", "documents", ["settled_on", "issue_date"])
    op.create_index("ix_payments_date", "payments", ["date"])
    for name, (table, _columns) in INDEXES.items():
        op.drop_index(name, table_name=table)
