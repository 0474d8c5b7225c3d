"""Field mode: check-ins (visits) and the phone's id of notes written offline.

Revision ID: 0010
Revises: 0009
"""

import sqlalchemy as sa
from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "visits",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("customer_id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("recorded_at", sa.DateTime(), nullable=False),
        sa.Column("received_at", sa.DateTime(), nullable=False),
        sa.Column("latitude", sa.Float(), nullable=False),
        sa.Column("longitude", sa.Float(), nullable=False),
        sa.Column("accuracy_m", sa.Float(), nullable=False),
        sa.Column("distance_m", sa.Float(), nullable=True),
        sa.Column("radius_m", sa.Integer(), nullable=False),
        sa.Column("verified", sa.Boolean(), nullable=False),
        sa.Column("client_id", sa.String(length=36), nullable=False),
        sa.CheckConstraint("latitude BETWEEN -90 AND 90", name=op.f("ck_visits_latitude")),
        sa.CheckConstraint("longitude BETWEEN -180 AND 180", name=op.f("ck_visits_longitude")),
        sa.CheckConstraint("accuracy_m >= 0", name=op.f("ck_visits_accuracy")),
        sa.ForeignKeyConstraint(
            ["customer_id"], ["customers.id"], name=op.f("fk_visits_customer_id_customers")
        ),
        sa.ForeignKeyConstraint(["user_id"], ["users.id"], name=op.f("fk_visits_user_id_users")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_visits")),
        sa.UniqueConstraint("client_id", name=op.f("uq_visits_client_id")),
    )
    op.create_index("ix_visits_customer_recorded", "visits", ["customer_id", "recorded_at"])
    op.create_index("ix_visits_user_recorded", "visits", ["user_id", "recorded_at"])
    # A plain ADD COLUMN and a unique index: no table rebuild on SQLite (a rebuild of
    # notes would cascade-delete its hashtags with foreign keys on).
    op.add_column("notes", sa.Column("client_id", sa.String(length=36), nullable=True))
    op.create_index("uq_notes_client_id", "notes", ["client_id"], unique=True)


def downgrade() -> None:
    op.drop_index("uq_notes_client_id", table_name="notes")
    op.drop_column("notes", "client_id")
    op.drop_index("ix_visits_user_recorded", table_name="visits")
    op.drop_index("ix_visits_customer_recorded", table_name="visits")
    op.drop_table("visits")
