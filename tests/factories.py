"""A small hand-worked portfolio used by data-access, integration and browser tests.

As of 2024-03-31 (a leap year), with these documents:

C1 Ferretería El Tornillo (seller S1, collector "cobra1"):
  F-1  issued 2024-01-01 due 2024-01-31  1000.00  paid 400.00 by P-1 (names F-1) on 2024-02-10
  F-2  issued 2024-02-01 due 2024-03-02   500.00  (open)
  F-3  issued 2024-03-15 due 2024-04-14   250.00  (open, not yet due)
  P-2  2024-03-20, 100.00, names none -> FIFO: F-1 (oldest due) gets 100.00
  => F-1 open 500.00 (60 days overdue: 31-60 ... 2024-03-31 - 2024-01-31 = 60 days)
     F-2 open 500.00 (29 days overdue: 1-30), F-3 open 250.00 (current)
     balance 1250.00
C2 Northwind Supplies (seller S2, collector "cobra2"):
  F-4  issued 2023-10-01 due 2023-10-31  300.01  paid 300.00 by P-3 (names F-4) 2023-11-15
       -> 0.01 open, 152 days overdue: 121+ (a cent is a real balance)
  F-5  issued 2024-02-29 due 2024-03-31   40.00  credit note NC-1 (30.00, applies to F-5)
       -> 10.00 open, due today: current
  P-4  2024-04-05, 999.00 (after the as-of date: does not exist yet)
  => balance 10.01
C3 Crédito a Favor (seller S1, collector "cobra1"):
  P-5  2024-03-25, 75.00, no invoice to pay -> unapplied credit 75.00, balance -75.00
  F-6  issued 2024-04-10 due 2024-05-10 100.00 (after the as-of date; as of 2024-04-30
       P-5 is applied to it effective 2024-04-10, leaving 25.00 open)
C4 Sin Movimientos (no documents) is left out of the aging.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from sqlalchemy.orm import Session

from data_access.ledger_store import rebuild_ledger
from data_access.models import Customer, Document, Payment, Seller, Tag
from data_access.users import add_user

AS_OF = dt.date(2024, 3, 31)
PASSWORD = "s3cret-pass"


def _doc(
    customer: Customer, number: str, issued: str, due: str, amount: str, **extra: object
) -> Document:
    return Document(
        number=number,
        kind=extra.pop("kind", "invoice"),
        customer_id=customer.id,
        issue_date=dt.date.fromisoformat(issued),
        due_date=dt.date.fromisoformat(due),
        amount=Decimal(amount),
        currency="USD",
        open_amount=Decimal(amount),
        **extra,
    )


def _pay(
    customer: Customer, reference: str, day: str, amount: str, invoice: Document | None = None
) -> Payment:
    return Payment(
        reference=reference,
        customer_id=customer.id,
        date=dt.date.fromisoformat(day),
        amount=Decimal(amount),
        unapplied=Decimal(amount),
        invoice_id=invoice.id if invoice else None,
        method="transfer",
    )


def build_portfolio(session: Session) -> dict[str, object]:
    """Insert the portfolio described in this module's docstring; returns handy objects."""
    admin = add_user(session, "admin", role="admin", password=PASSWORD, full_name="Ada Admin")
    cobra1 = add_user(
        session, "cobra1", role="collector", password=PASSWORD, full_name="Carla Cobra"
    )
    cobra2 = add_user(
        session, "cobra2", role="collector", password=PASSWORD, full_name="Diego Cobra"
    )
    viewer = add_user(session, "mira", role="viewer", password=PASSWORD, full_name="Mira Vista")
    s1, s2 = Seller(code="S1", name="Pedro Vende"), Seller(code="S2", name="Sally Sells")
    session.add_all([s1, s2])
    session.flush()
    wholesale, hardware = Tag(name="wholesale"), Tag(name="hardware")
    c1 = Customer(
        code="C1",
        name="Ferretería El Tornillo",
        seller_id=s1.id,
        collector_id=cobra1.id,
        credit_limit=Decimal("5000.00"),
        payment_terms_days=30,
        tags=[wholesale, hardware],
    )
    c2 = Customer(code="C2", name="Northwind Supplies", seller_id=s2.id, collector_id=cobra2.id)
    c3 = Customer(code="C3", name="Crédito a Favor", seller_id=s1.id, collector_id=cobra1.id)
    c4 = Customer(code="C4", name="Sin Movimientos")
    session.add_all([c1, c2, c3, c4])
    session.flush()
    f1 = _doc(c1, "F-1", "2024-01-01", "2024-01-31", "1000.00")
    f2 = _doc(c1, "F-2", "2024-02-01", "2024-03-02", "500.00")
    f3 = _doc(c1, "F-3", "2024-03-15", "2024-04-14", "250.00")
    f4 = _doc(c2, "F-4", "2023-10-01", "2023-10-31", "300.01")
    f5 = _doc(c2, "F-5", "2024-02-29", "2024-03-31", "40.00")
    f6 = _doc(c3, "F-6", "2024-04-10", "2024-05-10", "100.00")
    session.add_all([f1, f2, f3, f4, f5, f6])
    session.flush()
    nc1 = _doc(
        c2, "NC-1", "2024-03-01", "2024-03-01", "30.00", kind="credit_note", applies_to_id=f5.id
    )
    session.add_all(
        [
            nc1,
            _pay(c1, "P-1", "2024-02-10", "400.00", f1),
            _pay(c1, "P-2", "2024-03-20", "100.00"),
            _pay(c2, "P-3", "2023-11-15", "300.00", f4),
            _pay(c2, "P-4", "2024-04-05", "999.00"),
            _pay(c3, "P-5", "2024-03-25", "75.00"),
        ]
    )
    session.flush()
    rebuild_ledger(session, [c1.id, c2.id, c3.id, c4.id])
    return {
        "admin": admin,
        "cobra1": cobra1,
        "cobra2": cobra2,
        "viewer": viewer,
        "customers": (c1, c2, c3, c4),
    }
