"""Typed SQLAlchemy models of the receivables ledger and the collection work around it.

Money is ``Numeric(18, 2)`` and ``Decimal`` in Python everywhere. ``open_amount`` and
``settled_on`` on documents and ``unapplied`` on payments are kept current by
:mod:`data_access.ledger_store` whenever a customer's ledger changes; the allocations
table is the source of truth for any *as of* question.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from sqlalchemy import (
    BigInteger,
    Boolean,
    CheckConstraint,
    Column,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    Numeric,
    String,
    Table,
    Text,
    TypeDecorator,
    UniqueConstraint,
    func,
)
from sqlalchemy.engine import Dialect
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship
from sqlalchemy.types import TypeEngine

CENT = Decimal("0.01")


class Money(TypeDecorator[Decimal]):
    """Exact money: ``NUMERIC(18, 2)`` on PostgreSQL, integer cents on SQLite.

    SQLite has no decimal type (``NUMERIC`` there is a float), so cents are kept as
    integers and every ``SUM`` stays exact. Python always sees ``Decimal`` with two
    places; a value with more than two decimals is refused rather than rounded.
    """

    impl = Numeric(18, 2)
    cache_ok = True

    def load_dialect_impl(self, dialect: Dialect) -> TypeEngine[Any]:
        if dialect.name == "sqlite":
            return dialect.type_descriptor(BigInteger())
        return dialect.type_descriptor(Numeric(18, 2, asdecimal=True))

    def process_bind_param(self, value: object, dialect: Dialect) -> object:
        if value is None:
            return None
        amount = Decimal(str(value)) if not isinstance(value, Decimal) else value
        if amount != amount.quantize(CENT):
            raise ValueError(f"money has more than two decimals: {amount}")
        if dialect.name == "sqlite":
            return int(amount.scaleb(2))
        return amount.quantize(CENT)

    def process_result_value(self, value: object, dialect: Dialect) -> Decimal | None:
        if value is None:
            return None
        if dialect.name == "sqlite":
            return Decimal(int(value)).scaleb(-2).quantize(CENT)  # type: ignore[call-overload]
        return Decimal(str(value)).quantize(CENT)


MONEY = Money()
ROLES = ("admin", "manager", "collector", "viewer")
DOCUMENT_KINDS = ("invoice", "credit_note", "debit_note")
CHARGE_KINDS = ("invoice", "debit_note")

NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    """Declarative base with a naming convention so migrations are stable."""

    metadata = MetaData(naming_convention=NAMING)


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)


class User(Base):
    """Someone who logs in: admin, manager, collector or viewer."""

    __tablename__ = "users"
    __table_args__ = (CheckConstraint("role IN ('admin','manager','collector','viewer')", "role"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    username: Mapped[str] = mapped_column(String(80), unique=True)
    password_hash: Mapped[str] = mapped_column(String(255))
    full_name: Mapped[str] = mapped_column(String(200), default="")
    email: Mapped[str | None] = mapped_column(String(254))
    role: Mapped[str] = mapped_column(String(20))
    locale: Mapped[str | None] = mapped_column(String(10))
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=_now)


class Seller(Base):
    """A salesperson; customers belong to one seller."""

    __tablename__ = "sellers"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(40), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    email: Mapped[str | None] = mapped_column(String(254))
    phone: Mapped[str | None] = mapped_column(String(40))


customer_tags = Table(
    "customer_tags",
    Base.metadata,
    Column("customer_id", ForeignKey("customers.id", ondelete="CASCADE"), primary_key=True),
    Column("tag_id", ForeignKey("tags.id", ondelete="CASCADE"), primary_key=True),
)


class Tag(Base):
    """A free label on customers (wholesale, retail, an industry...)."""

    __tablename__ = "tags"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(60), unique=True)


class Customer(Base):
    """A customer that buys on credit."""

    __tablename__ = "customers"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(40), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    tax_id: Mapped[str | None] = mapped_column(String(40), index=True)
    seller_id: Mapped[int | None] = mapped_column(ForeignKey("sellers.id"), index=True)
    collector_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"), index=True)
    credit_limit: Mapped[Decimal | None] = mapped_column(MONEY)
    payment_terms_days: Mapped[int | None] = mapped_column(Integer)
    address: Mapped[str | None] = mapped_column(String(300))
    city: Mapped[str | None] = mapped_column(String(100))
    country: Mapped[str | None] = mapped_column(String(60))
    latitude: Mapped[Decimal | None] = mapped_column(Numeric(9, 6))
    longitude: Mapped[Decimal | None] = mapped_column(Numeric(9, 6))
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=_now)
    # Language of the messages we write to the customer: es or en; NULL = company default.
    language: Mapped[str | None] = mapped_column(String(2))

    seller: Mapped[Seller | None] = relationship()
    collector: Mapped[User | None] = relationship()
    tags: Mapped[list[Tag]] = relationship(secondary=customer_tags, order_by=Tag.name)


class Contact(Base):
    """A person to reach at a customer or a seller."""

    __tablename__ = "contacts"
    __table_args__ = (CheckConstraint("(customer_id IS NULL) <> (seller_id IS NULL)", "one_owner"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    customer_id: Mapped[int | None] = mapped_column(
        ForeignKey("customers.id", ondelete="CASCADE"), index=True
    )
    seller_id: Mapped[int | None] = mapped_column(
        ForeignKey("sellers.id", ondelete="CASCADE"), index=True
    )
    name: Mapped[str] = mapped_column(String(200))
    role: Mapped[str | None] = mapped_column(String(100))
    phone: Mapped[str | None] = mapped_column(String(40))
    email: Mapped[str | None] = mapped_column(String(254))
    is_primary: Mapped[bool] = mapped_column(Boolean, default=False)


class Document(Base):
    """An invoice, credit note or debit note. Amounts are always positive."""

    __tablename__ = "documents"
    __table_args__ = (
        UniqueConstraint("kind", "number", name="kind_number"),
        CheckConstraint("kind IN ('invoice','credit_note','debit_note')", "kind"),
        CheckConstraint("amount > 0", "amount_positive"),
        CheckConstraint("due_date >= issue_date", "due_after_issue"),
        Index("ix_documents_customer_settled", "customer_id", "settled_on"),
        Index(
            "ix_documents_open_cover",
            "settled_on",
            "kind",
            "customer_id",
            "issue_date",
            "due_date",
            "open_amount",
            "id",
        ),
        Index("ix_documents_issue_cover", "issue_date", "kind", "amount", "customer_id"),
        Index("ix_documents_customer_issue_cover", "customer_id", "issue_date", "kind", "amount"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    number: Mapped[str] = mapped_column(String(60))
    kind: Mapped[str] = mapped_column(String(20), default="invoice")
    customer_id: Mapped[int] = mapped_column(ForeignKey("customers.id"))
    issue_date: Mapped[dt.date] = mapped_column(Date)
    due_date: Mapped[dt.date] = mapped_column(Date)
    amount: Mapped[Decimal] = mapped_column(MONEY)
    currency: Mapped[str] = mapped_column(String(3))
    disputed: Mapped[bool] = mapped_column(Boolean, default=False)
    applies_to_id: Mapped[int | None] = mapped_column(ForeignKey("documents.id"))
    # Kept current by ledger_store: for charges what is still owed, for credit notes
    # what is still unapplied; settled_on is the date open_amount reached zero.
    open_amount: Mapped[Decimal] = mapped_column(MONEY)
    settled_on: Mapped[dt.date | None] = mapped_column(Date)

    customer: Mapped[Customer] = relationship()


class Payment(Base):
    """Money received from a customer, optionally naming the invoice it pays."""

    __tablename__ = "payments"
    __table_args__ = (
        CheckConstraint("amount > 0", "amount_positive"),
        Index("ix_payments_customer_date_cover", "customer_id", "date", "amount"),
        Index("ix_payments_date_cover", "date", "amount", "customer_id"),
        Index("ix_payments_customer_settled", "customer_id", "settled_on"),
        Index("ix_payments_open_cover", "settled_on", "date", "customer_id", "unapplied"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    reference: Mapped[str] = mapped_column(String(80), unique=True)
    customer_id: Mapped[int] = mapped_column(ForeignKey("customers.id"))
    date: Mapped[dt.date] = mapped_column(Date)
    amount: Mapped[Decimal] = mapped_column(MONEY)
    method: Mapped[str | None] = mapped_column(String(40))
    bank: Mapped[str | None] = mapped_column(String(80))
    invoice_id: Mapped[int | None] = mapped_column(ForeignKey("documents.id"))
    # Kept current by ledger_store: what is not applied yet, and when it all was.
    unapplied: Mapped[Decimal] = mapped_column(MONEY)
    settled_on: Mapped[dt.date | None] = mapped_column(Date)

    customer: Mapped[Customer] = relationship()


class Allocation(Base):
    """Part of a payment or a credit note applied to a charge from a given date."""

    __tablename__ = "allocations"
    __table_args__ = (
        CheckConstraint("(payment_id IS NULL) <> (credit_note_id IS NULL)", "one_source"),
        CheckConstraint("amount > 0", "amount_positive"),
        Index("ix_allocations_invoice_effective", "invoice_id", "effective_date"),
        Index("ix_allocations_customer_effective", "customer_id", "effective_date"),
        Index(
            "ix_allocations_effective_cover",
            "effective_date",
            "invoice_id",
            "payment_id",
            "credit_note_id",
            "amount",
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    customer_id: Mapped[int] = mapped_column(ForeignKey("customers.id"))
    invoice_id: Mapped[int] = mapped_column(ForeignKey("documents.id"))
    payment_id: Mapped[int | None] = mapped_column(
        ForeignKey("payments.id", ondelete="CASCADE"), index=True
    )
    credit_note_id: Mapped[int | None] = mapped_column(
        ForeignKey("documents.id", ondelete="CASCADE"), index=True
    )
    amount: Mapped[Decimal] = mapped_column(MONEY)
    effective_date: Mapped[dt.date] = mapped_column(Date)


note_hashtags = Table(
    "note_hashtags",
    Base.metadata,
    Column("note_id", ForeignKey("notes.id", ondelete="CASCADE"), primary_key=True),
    Column("hashtag", String(60), primary_key=True, index=True),
)


class Note(Base):
    """An *excuse*: what was said in a collection contact."""

    __tablename__ = "notes"
    __table_args__ = (
        Index("ix_notes_customer_created", "customer_id", "created_at"),
        Index("uq_notes_client_id", "client_id", unique=True),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    customer_id: Mapped[int] = mapped_column(ForeignKey("customers.id"))
    author_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    contact_id: Mapped[int | None] = mapped_column(ForeignKey("contacts.id", ondelete="SET NULL"))
    contact_name: Mapped[str] = mapped_column(String(200), default="")
    channel: Mapped[str] = mapped_column(String(20))
    reason: Mapped[str] = mapped_column(String(30))
    body: Mapped[str] = mapped_column(Text, default="")
    agreement: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=_now)
    # The phone's UUID of a note written in field mode: a second arrival is ignored.
    client_id: Mapped[str | None] = mapped_column(String(36))


task_documents = Table(
    "task_documents",
    Base.metadata,
    Column("task_id", ForeignKey("tasks.id", ondelete="CASCADE"), primary_key=True),
    Column("document_id", ForeignKey("documents.id", ondelete="CASCADE"), primary_key=True),
)


class Task(Base):
    """A *promise*: what someone will do, for whom, by when; maybe a promise to pay."""

    __tablename__ = "tasks"
    __table_args__ = (
        CheckConstraint("status IN ('open','done','cancelled')", "status"),
        CheckConstraint("promise_amount IS NULL OR promise_amount > 0", "promise_positive"),
        Index("ix_tasks_assignee_status", "assignee_id", "status"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    customer_id: Mapped[int] = mapped_column(ForeignKey("customers.id"), index=True)
    note_id: Mapped[int | None] = mapped_column(ForeignKey("notes.id", ondelete="SET NULL"))
    description: Mapped[str] = mapped_column(Text)
    assignee_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    supervisor_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=_now)
    due_date: Mapped[dt.date] = mapped_column(Date)
    status: Mapped[str] = mapped_column(String(12), default="open")
    completed_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
    promise_amount: Mapped[Decimal | None] = mapped_column(MONEY)
    promise_date: Mapped[dt.date | None] = mapped_column(Date)


class Message(Base):
    """An email or SMS to a customer's contact or to a seller."""

    __tablename__ = "messages"
    __table_args__ = (
        CheckConstraint("channel IN ('email','sms')", "channel"),
        Index("ix_messages_customer_created", "customer_id", "created_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    customer_id: Mapped[int | None] = mapped_column(ForeignKey("customers.id"))
    seller_id: Mapped[int | None] = mapped_column(ForeignKey("sellers.id"))
    channel: Mapped[str] = mapped_column(String(10))
    recipient: Mapped[str] = mapped_column(String(254))
    subject: Mapped[str] = mapped_column(String(300), default="")
    body: Mapped[str] = mapped_column(Text, default="")
    status: Mapped[str] = mapped_column(String(12), default="queued")
    error: Mapped[str | None] = mapped_column(Text)
    dedupe_key: Mapped[str | None] = mapped_column(String(200), unique=True)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=_now)
    sent_at: Mapped[dt.datetime | None] = mapped_column(DateTime)


class AuditEntry(Base):
    """Who changed what, when."""

    __tablename__ = "audit_log"
    __table_args__ = (Index("ix_audit_entity", "entity", "entity_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[dt.datetime] = mapped_column(DateTime, default=_now, server_default=func.now())
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    action: Mapped[str] = mapped_column(String(40))
    entity: Mapped[str] = mapped_column(String(40))
    entity_id: Mapped[str | None] = mapped_column(String(80))
    details: Mapped[str] = mapped_column(Text, default="")


SNAPSHOT_BUCKETS = 8  # at most 7 configured boundaries


class AgingSnapshot(Base):
    """Per-customer aging as of a date: a cache of :func:`portfolio.customer_exposure`.

    Rows for a date exist only while its build row does; ledger writes refresh the
    rows of the customers they touch (see :mod:`data_access.snapshots`).
    """

    __tablename__ = "aging_snapshots"
    __table_args__ = (Index("ix_aging_snapshots_balance", "as_of", "balance"),)

    as_of: Mapped[dt.date] = mapped_column(Date, primary_key=True)
    customer_id: Mapped[int] = mapped_column(
        ForeignKey("customers.id", ondelete="CASCADE"), primary_key=True
    )
    balance: Mapped[Decimal] = mapped_column(MONEY)
    open_total: Mapped[Decimal] = mapped_column(MONEY)
    unapplied: Mapped[Decimal] = mapped_column(MONEY)
    b0: Mapped[Decimal] = mapped_column(MONEY)
    b1: Mapped[Decimal] = mapped_column(MONEY)
    b2: Mapped[Decimal] = mapped_column(MONEY)
    b3: Mapped[Decimal] = mapped_column(MONEY)
    b4: Mapped[Decimal] = mapped_column(MONEY)
    b5: Mapped[Decimal] = mapped_column(MONEY)
    b6: Mapped[Decimal] = mapped_column(MONEY)
    b7: Mapped[Decimal] = mapped_column(MONEY)
    # Sum of open amount x days overdue: divided by open_total it is the
    # amount-weighted days overdue (a ratio, not money).
    overdue_day_amount: Mapped[float] = mapped_column(Float)
    oldest_due: Mapped[dt.date | None] = mapped_column(Date)


class AgingSnapshotBuild(Base):
    """Which dates have a complete snapshot, built with which bucket boundaries."""

    __tablename__ = "aging_snapshot_builds"

    as_of: Mapped[dt.date] = mapped_column(Date, primary_key=True)
    boundaries: Mapped[str] = mapped_column(String(60))
    built_at: Mapped[dt.datetime] = mapped_column(DateTime, default=_now)


class DataVersion(Base):
    """One row counting committed writes to the data, so readers can cache safely.

    :mod:`data_access.versions` adds one to ``version`` in the same transaction as any
    write to a table other than the snapshots (which are derived data).
    """

    __tablename__ = "data_version"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    version: Mapped[int] = mapped_column(BigInteger, default=0)


class CollectionGoal(Base):
    """How much a collector (a user) or a seller should collect in a calendar month.

    Exactly one of ``collector_id`` and ``seller_id`` is set; ``month`` is the 1st of
    the month. One goal per owner and month.
    """

    __tablename__ = "collection_goals"
    __table_args__ = (
        CheckConstraint("(collector_id IS NULL) <> (seller_id IS NULL)", "one_owner"),
        CheckConstraint("amount > 0", "amount_positive"),
        UniqueConstraint("collector_id", "month"),
        UniqueConstraint("seller_id", "month"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    collector_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    seller_id: Mapped[int | None] = mapped_column(ForeignKey("sellers.id", ondelete="CASCADE"))
    month: Mapped[dt.date] = mapped_column(Date)
    amount: Mapped[Decimal] = mapped_column(MONEY)
    updated_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime, default=_now)


class ImportMapping(Base):
    """A saved import mapping: which kinds a file holds and which column feeds each field.

    ``columns`` is JSON ``{kind: {header: [field, ...]}}``; ``decimal`` is ``dot`` or
    ``comma`` and ``date_format`` a strftime pattern (empty: detected from the file).
    """

    __tablename__ = "import_mappings"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(80), unique=True)
    kinds: Mapped[str] = mapped_column(String(100))
    columns: Mapped[str] = mapped_column(Text)
    decimal: Mapped[str | None] = mapped_column(String(5))
    date_format: Mapped[str | None] = mapped_column(String(40))
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=_now)
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime, default=_now)


MESSAGE_TONES = ("friendly", "concern", "firm")


class MessageTemplate(Base):
    """An admin's wording of one kind of message in one tone and language.

    Without a row the built-in default of :mod:`dashboard.messaging.defaults` is used;
    ``body`` is plain text with ``{placeholders}`` (both e-mail parts are built from it).
    """

    __tablename__ = "message_templates"
    __table_args__ = (
        UniqueConstraint("kind", "tone", "language", name="kind_tone_language"),
        CheckConstraint("tone IN ('friendly','concern','firm')", "tone"),
        CheckConstraint("language IN ('es','en')", "language"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(30), default="statement")
    tone: Mapped[str] = mapped_column(String(12))
    language: Mapped[str] = mapped_column(String(2))
    subject: Mapped[str] = mapped_column(String(300))
    body: Mapped[str] = mapped_column(Text)
    updated_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime, default=_now)


class CompanySetting(Base):
    """One company setting used in messages (cheque payee, bank accounts, contacts...)."""

    __tablename__ = "company_settings"

    key: Mapped[str] = mapped_column(String(60), primary_key=True)
    value: Mapped[str] = mapped_column(Text, default="")
    updated_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime, default=_now)


class BoardLink(Base):
    """A revocable link that signs a screen into the read-only meeting-room board.

    Only the SHA-256 of the link's token is kept (``token_hash``); the token itself is
    shown once, when the link is made. ``panels`` lists the board's panel keys, comma
    separated, in the order they rotate. Times are naive UTC; no ``expires_at`` means
    the link works until it is revoked.
    """

    __tablename__ = "board_links"
    __table_args__ = (
        CheckConstraint("rotation_seconds > 0", "rotation_positive"),
        CheckConstraint("refresh_seconds > 0", "refresh_positive"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(80))
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    panels: Mapped[str] = mapped_column(String(200))
    rotation_seconds: Mapped[int] = mapped_column(Integer)
    refresh_seconds: Mapped[int] = mapped_column(Integer)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=_now)
    expires_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
    revoked_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
    last_seen_at: Mapped[dt.datetime | None] = mapped_column(DateTime)


class Visit(Base):
    """A check-in: where a collector's phone was at a customer, and whether that was near it.

    ``recorded_at`` is the phone's time (naive UTC, bounded by the server) and
    ``received_at`` the server's. ``distance_m`` is computed on the server from the
    customer's coordinates (NULL when it has none); ``verified`` says it was within
    ``radius_m`` with a fix at least that precise. ``client_id`` is the phone's UUID of
    the check-in, so a second arrival of the same check-in is ignored.
    """

    __tablename__ = "visits"
    __table_args__ = (
        CheckConstraint("latitude BETWEEN -90 AND 90", "latitude"),
        CheckConstraint("longitude BETWEEN -180 AND 180", "longitude"),
        CheckConstraint("accuracy_m >= 0", "accuracy"),
        Index("ix_visits_customer_recorded", "customer_id", "recorded_at"),
        Index("ix_visits_user_recorded", "user_id", "recorded_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    customer_id: Mapped[int] = mapped_column(ForeignKey("customers.id"))
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    recorded_at: Mapped[dt.datetime] = mapped_column(DateTime)
    received_at: Mapped[dt.datetime] = mapped_column(DateTime, default=_now)
    latitude: Mapped[float] = mapped_column(Float)
    longitude: Mapped[float] = mapped_column(Float)
    accuracy_m: Mapped[float] = mapped_column(Float)
    distance_m: Mapped[float | None] = mapped_column(Float)
    radius_m: Mapped[int] = mapped_column(Integer)
    verified: Mapped[bool] = mapped_column(Boolean, default=False)
    client_id: Mapped[str] = mapped_column(String(36), unique=True)


CAMPAIGN_STATUSES = ("sending", "done")
RECIPIENT_STATUSES = ("pending", "sending", "sent", "outbox", "failed", "excluded")


class Campaign(Base):
    """A mass message to a segment of customers: e-mail (the statement) or SMS.

    ``segment`` is JSON (see :class:`dashboard.campaigns.Segment`); ``tone`` NULL means
    by the age of each customer's debt. The recipients are fixed when it is created.
    While it is sent, the runner holding it (``runner``, a random token) touches
    ``heartbeat_at``; a ``sending`` campaign whose heartbeat stopped was interrupted and
    can be resumed. ``token`` is the form's, so a double click creates one campaign.
    """

    __tablename__ = "campaigns"
    __table_args__ = (
        CheckConstraint("channel IN ('email','sms')", "channel"),
        CheckConstraint("status IN ('sending','done')", "status"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(120))
    segment: Mapped[str] = mapped_column(Text, default="{}")
    channel: Mapped[str] = mapped_column(String(10))
    tone: Mapped[str | None] = mapped_column(String(12))
    overdue_only: Mapped[bool] = mapped_column(Boolean, default=True)
    as_of: Mapped[dt.date] = mapped_column(Date)
    status: Mapped[str] = mapped_column(String(12), default="sending")
    token: Mapped[str | None] = mapped_column(String(64), unique=True)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=_now)
    started_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
    finished_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
    runner: Mapped[str | None] = mapped_column(String(40))
    heartbeat_at: Mapped[dt.datetime | None] = mapped_column(DateTime)


class CampaignRecipient(Base):
    """One customer of a campaign: where it goes, and how it went (or why it was left out).

    The message's ``dedupe_key`` is ``campaign:<campaign>:customer:<customer>``, so a
    resumed or retried campaign never sends a customer a second message.
    """

    __tablename__ = "campaign_recipients"
    __table_args__ = (
        UniqueConstraint("campaign_id", "customer_id", name="campaign_customer"),
        CheckConstraint(
            "status IN ('pending','sending','sent','outbox','failed','excluded')", "status"
        ),
        Index("ix_campaign_recipients_campaign_status", "campaign_id", "status"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    campaign_id: Mapped[int] = mapped_column(ForeignKey("campaigns.id", ondelete="CASCADE"))
    customer_id: Mapped[int] = mapped_column(ForeignKey("customers.id", ondelete="CASCADE"))
    recipient: Mapped[str] = mapped_column(String(254), default="")
    balance: Mapped[Decimal | None] = mapped_column(MONEY)
    days_overdue: Mapped[int] = mapped_column(Integer, default=0)
    status: Mapped[str] = mapped_column(String(12), default="pending")
    reason: Mapped[str | None] = mapped_column(String(40))  # why excluded (a text key)
    error: Mapped[str | None] = mapped_column(Text)  # why the delivery failed
    message_id: Mapped[int | None] = mapped_column(ForeignKey("messages.id", ondelete="SET NULL"))
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    updated_at: Mapped[dt.datetime | None] = mapped_column(DateTime)


class ReminderLevel(Base):
    """A step of the automatic reminder sequence: ``days`` relative to the due date
    (-3 is three days before it, 30 thirty days after), for the customers of
    ``segment`` (JSON), through ``channel`` in ``tone`` (NULL: by the debt's age)."""

    __tablename__ = "reminder_levels"
    __table_args__ = (
        CheckConstraint("channel IN ('email','sms')", "channel"),
        CheckConstraint("days BETWEEN -60 AND 3650", "days"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(80), default="")
    days: Mapped[int] = mapped_column(Integer)
    segment: Mapped[str] = mapped_column(Text, default="{}")
    channel: Mapped[str] = mapped_column(String(10), default="email")
    tone: Mapped[str | None] = mapped_column(String(12))
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    updated_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime, default=_now)


class ReminderSend(Base):
    """A reminder sent (or being sent) to a customer at a level, and what it covered.

    ``documents`` is JSON ``[[document_id, level_days], ...]``: each invoice covered and
    the level it had reached. ``cycle_key`` names that set, so the same level is never
    sent twice for the same debt (UNIQUE), even by two runs at once.
    """

    __tablename__ = "reminder_sends"
    __table_args__ = (
        UniqueConstraint("level_id", "customer_id", "cycle_key", name="level_customer_cycle"),
        Index("ix_reminder_sends_customer", "customer_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    level_id: Mapped[int] = mapped_column(ForeignKey("reminder_levels.id"))
    customer_id: Mapped[int] = mapped_column(ForeignKey("customers.id", ondelete="CASCADE"))
    cycle_key: Mapped[str] = mapped_column(String(64))
    level_days: Mapped[int] = mapped_column(Integer)
    channel: Mapped[str] = mapped_column(String(10))
    recipient: Mapped[str] = mapped_column(String(254), default="")
    documents: Mapped[str] = mapped_column(Text, default="[]")
    amount: Mapped[Decimal] = mapped_column(MONEY)
    as_of: Mapped[dt.date] = mapped_column(Date)
    status: Mapped[str] = mapped_column(String(12), default="sending")
    error: Mapped[str | None] = mapped_column(Text)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    message_id: Mapped[int | None] = mapped_column(ForeignKey("messages.id", ondelete="SET NULL"))
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=_now)
    sent_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
