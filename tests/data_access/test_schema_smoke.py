import datetime as dt
from decimal import Decimal

from data_access.ledger_store import rebuild_ledger
from data_access.models import Customer, Document, Payment


def test_money_round_trips_exactly_and_ledger_rebuilds(session):
    customer = Customer(code="C1", name="Uno")
    session.add(customer)
    session.flush()
    inv = Document(
        number="F1",
        kind="invoice",
        customer_id=customer.id,
        issue_date=dt.date(2024, 1, 1),
        due_date=dt.date(2024, 1, 31),
        amount=Decimal("100.10"),
        currency="USD",
        open_amount=Decimal("100.10"),
    )
    session.add(inv)
    session.flush()
    pay = Payment(
        reference="P1",
        customer_id=customer.id,
        date=dt.date(2024, 1, 5),
        amount=Decimal("0.20"),
        unapplied=Decimal("0.20"),
    )
    session.add(pay)
    session.flush()
    rebuild_ledger(session, [customer.id])
    session.commit()
    session.expire_all()
    assert session.get(Document, inv.id).open_amount == Decimal("99.90")
    assert session.get(Payment, pay.id).unapplied == Decimal("0.00")
    assert session.get(Payment, pay.id).settled_on == dt.date(2024, 1, 5)
