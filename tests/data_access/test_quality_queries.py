"""The data-quality page's queries and writes (data_access.quality), SQLite and PostgreSQL.

The database is tests.factories.build_portfolio (C1 and C3 collected by cobra1, C2 by
cobra2, C4 by nobody) plus, here:

* contacts: C1 "Ana" (n/a, juan@) and "Beto" (+58 414 5551234, beto@ferre.com.ve);
  C2 "Carl" (no phone, no e-mail); C3 "Dora" (0414-555.12.34, no e-mail); and a
  seller's contact, which is not customer data;
* C5 "Ferreteria El Tornillo, C.A." with C1's tax id written another way, C6 with
  a placeholder tax id;
* impossible dates: F-OLD issued 1985, F-FAR due in 2060, P-EARLY paying F-3 two
  weeks before F-3 was issued; as of AS_OF (2024-03-31) F-6 (issued 2024-04-10) is
  issued in the future and P-4 (2024-04-05) paid in the future.

After the ledger replay, P-4's 999.00 pays C2's 0.01 + 10.00 and leaves 988.99
unapplied: the only unapplied payment (C3's P-5 went to F-6).
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from data_access import audit
from data_access import quality as q
from data_access.activity import AccessDenied, ValidationError
from data_access.ledger_store import rebuild_ledger
from data_access.models import AuditEntry, Contact, Customer, Document, Payment, Seller
from data_access.scope import Scope
from tests.factories import AS_OF, build_portfolio


def _doc(customer: Customer, number: str, issued: str, due: str) -> Document:
    return Document(
        number=number,
        kind="invoice",
        customer_id=customer.id,
        issue_date=dt.date.fromisoformat(issued),
        due_date=dt.date.fromisoformat(due),
        amount=Decimal("10.00"),
        currency="USD",
        open_amount=Decimal("10.00"),
    )


@pytest.fixture
def book(session: Session) -> dict[str, Any]:
    data: dict[str, Any] = build_portfolio(session)
    c1, c2, c3, c4 = data["customers"]
    c1.tax_id = "J-12.345.678-9"
    c5 = Customer(code="C5", name="Ferreteria El Tornillo, C.A.", tax_id="j123456789")
    c6 = Customer(code="C6", name="Sin Datos", tax_id="00000000")
    session.add_all([c5, c6])
    session.flush()
    seller = session.scalar(select(Seller).where(Seller.code == "S1"))
    contacts = {
        "ana": Contact(customer_id=c1.id, name="Ana", phone="n/a", email="juan@"),
        "beto": Contact(
            customer_id=c1.id, name="Beto", phone="+58 414 5551234", email="beto@ferre.com.ve"
        ),
        "carl": Contact(customer_id=c2.id, name="Carl"),
        "dora": Contact(customer_id=c3.id, name="Dora", phone="0414-555.12.34"),
        "seller": Contact(seller_id=seller.id, name="Vendedor", phone="n/a"),  # type: ignore[union-attr]
    }
    session.add_all(contacts.values())
    f3 = session.scalar(select(Document).where(Document.number == "F-3"))
    session.add_all(
        [
            _doc(c4, "F-OLD", "1985-01-01", "1985-01-31"),
            _doc(c4, "F-FAR", "2024-03-01", "2060-01-01"),
            Payment(
                reference="P-EARLY",
                customer_id=c1.id,
                date=dt.date(2024, 3, 1),
                amount=Decimal("5.00"),
                unapplied=Decimal("5.00"),
                invoice_id=f3.id,  # type: ignore[union-attr]
            ),
        ]
    )
    session.flush()
    rebuild_ledger(session, [c1.id, c4.id])
    session.commit()
    scopes = {
        name: Scope(user_id=data[name].id, role=data[name].role)
        for name in ("admin", "cobra1", "cobra2", "viewer")
    }
    scopes["manager"] = Scope(user_id=data["admin"].id, role="manager")
    return data | {"contacts": contacts, "scopes": scopes, "c": (c1, c2, c3, c4, c5, c6)}


def test_contacts_to_check_are_customers_contacts_in_scope(session, book):
    everything = q.contacts_to_check(session, scope=book["scopes"]["admin"])
    assert list(everything.columns) == q.CONTACT_COLUMNS
    assert list(everything["name"]) == ["Ana", "Beto", "Carl", "Dora"]  # no seller's contact
    assert list(everything["customer_code"]) == ["C1", "C1", "C2", "C3"]
    assert everything.loc[2, "phone"] is None and everything.loc[2, "email"] is None
    mine = q.contacts_to_check(session, scope=book["scopes"]["cobra2"])
    assert list(mine["name"]) == ["Carl"]


def test_customers_to_check_count_contacts(session, book):
    frame = q.customers_to_check(session, scope=book["scopes"]["admin"])
    assert list(frame["code"]) == ["C1", "C2", "C3", "C4", "C5", "C6"]
    assert [int(n) for n in frame["contacts"]] == [2, 1, 1, 0, 0, 0]
    assert frame.loc[0, "tax_id"] == "J-12.345.678-9" and frame.loc[3, "tax_id"] is None
    assert list(q.customers_to_check(session, scope=book["scopes"]["cobra1"])["code"]) == [
        "C1",
        "C3",
    ]


def test_documents_with_impossible_dates(session, book):
    frame, total = q.documents_with_impossible_dates(
        session,
        scope=book["scopes"]["admin"],
        earliest=dt.date(1990, 1, 1),
        latest_issue=AS_OF,
        latest_due=dt.date(2034, 3, 31),
    )
    assert total == 3
    assert list(frame.columns) == q.DOCUMENT_COLUMNS
    assert list(frame["number"]) == ["F-6", "F-FAR", "F-OLD"]  # newest issue first
    assert list(frame["customer_code"]) == ["C3", "C4", "C4"]
    assert frame.loc[0, "issue_date"] == dt.date(2024, 4, 10)
    assert frame.loc[0, "amount"] == Decimal("100.00")
    collector, _ = q.documents_with_impossible_dates(
        session,
        scope=book["scopes"]["cobra1"],
        earliest=dt.date(1990, 1, 1),
        latest_issue=AS_OF,
        latest_due=dt.date(2034, 3, 31),
    )
    assert list(collector["number"]) == ["F-6"]


def test_documents_list_is_capped_but_counted(session, book, monkeypatch):
    monkeypatch.setattr(q, "MAX_ROWS", 2)
    frame, total = q.documents_with_impossible_dates(
        session,
        scope=book["scopes"]["admin"],
        earliest=dt.date(1990, 1, 1),
        latest_issue=AS_OF,
        latest_due=dt.date(2034, 3, 31),
    )
    assert (len(frame), total) == (2, 3)


def test_payments_with_impossible_dates(session, book):
    frame, total = q.payments_with_impossible_dates(
        session, scope=book["scopes"]["admin"], earliest=dt.date(1990, 1, 1), latest=AS_OF
    )
    assert total == 2
    assert list(frame.columns) == q.PAYMENT_COLUMNS
    assert list(frame["reference"]) == ["P-4", "P-EARLY"]
    early = frame.iloc[1]
    assert (early["invoice_number"], early["invoice_issue_date"]) == ("F-3", dt.date(2024, 3, 15))
    assert frame.iloc[0]["invoice_number"] is None
    mine, _ = q.payments_with_impossible_dates(
        session, scope=book["scopes"]["cobra2"], earliest=dt.date(1990, 1, 1), latest=AS_OF
    )
    assert list(mine["reference"]) == ["P-4"]


def test_unapplied_payments(session, book):
    frame, total = q.unapplied_payments(session, scope=book["scopes"]["admin"])
    assert total == 1
    row = frame.iloc[0]
    assert (row["reference"], row["customer_code"], row["date"]) == (
        "P-4",
        "C2",
        dt.date(2024, 4, 5),
    )
    assert (row["amount"], row["unapplied"]) == (Decimal("999.00"), Decimal("988.99"))
    assert q.unapplied_totals(session, scope=book["scopes"]["admin"]) == (1, Decimal("988.99"))
    assert q.unapplied_totals(session, scope=book["scopes"]["cobra1"]) == (0, Decimal("0.00"))
    assert q.unapplied_payments(session, scope=book["scopes"]["cobra1"])[1] == 0


def test_dismiss_pair_is_audited_once(session, book):
    c1, c5 = book["c"][0], book["c"][4]
    scope = book["scopes"]["manager"]
    codes = q.dismiss_pair(session, scope=scope, user_id=scope.user_id, customer_ids=[c5.id, c1.id])
    q.dismiss_pair(session, scope=scope, user_id=scope.user_id, customer_ids=[c1.id, c5.id])
    session.commit()
    assert codes == ("C1", "C5")
    assert q.dismissed_pairs(session) == {(c1.id, c5.id)}
    entries = audit.entries(session, entity=q.PAIR_ENTITY)
    assert len(entries) == 1 and entries[0].action == q.DISMISS_ACTION
    assert audit.details_of(entries[0]) == {"codes": ["C1", "C5"], "customer_ids": [c1.id, c5.id]}


@pytest.mark.parametrize("who", ["cobra1", "viewer"])
def test_only_admins_and_managers_dismiss_pairs(session, book, who):
    c1, c3 = book["c"][0], book["c"][2]  # both visible to cobra1
    with pytest.raises(AccessDenied):
        q.dismiss_pair(
            session, scope=book["scopes"][who], user_id=book[who].id, customer_ids=[c1.id, c3.id]
        )
    assert q.dismissed_pairs(session) == set()


@pytest.mark.parametrize("ids", [[1], [1, 1], ["1", "2"], "12", [1, 10**6]])
def test_dismiss_pair_refuses_bad_ids(session, book, ids):
    scope = book["scopes"]["admin"]
    with pytest.raises(AccessDenied):
        q.dismiss_pair(session, scope=scope, user_id=scope.user_id, customer_ids=ids)


def test_fix_contact_changes_only_the_given_field(session, book):
    ana = book["contacts"]["ana"]
    scope = book["scopes"]["admin"]
    q.fix_contact(
        session,
        scope=scope,
        user_id=scope.user_id,
        contact_id=ana.id,
        changes={"phone": "+584145551234"},
    )
    session.commit()
    session.refresh(ana)
    assert (ana.phone, ana.email, ana.name) == ("+584145551234", "juan@", "Ana")
    entry = session.scalar(select(AuditEntry).where(AuditEntry.action == "contact.update"))
    assert entry is not None and entry.entity_id == str(ana.id)
    details = audit.details_of(entry)
    assert details["changes"] == {"phone": ["n/a", "+584145551234"]}
    assert details["via"] == "quality"


def test_fix_contact_clears_a_value_and_writes_nothing_when_nothing_changes(session, book):
    ana = book["contacts"]["ana"]
    scope = book["scopes"]["manager"]
    q.fix_contact(
        session, scope=scope, user_id=scope.user_id, contact_id=ana.id, changes={"email": ""}
    )
    q.fix_contact(
        session, scope=scope, user_id=scope.user_id, contact_id=ana.id, changes={"phone": "n/a"}
    )
    session.commit()
    session.refresh(ana)
    assert ana.email is None
    assert len(audit.entries(session, entity="contact")) == 1


@pytest.mark.parametrize(
    ("changes", "errors"),
    [
        ({"phone": "0414.555.12.34"}, {"phone": "invalid"}),  # the wall's rules hold here too
        ({"email": "pepe@"}, {"email": "invalid"}),
        ({"phone": "1" * 41}, {"phone": "too_long"}),
        ({"name": "Otro"}, {"name": "invalid"}),
    ],
)
def test_fix_contact_refuses_bad_values(session, book, changes, errors):
    ana = book["contacts"]["ana"]
    scope = book["scopes"]["admin"]
    with pytest.raises(ValidationError) as raised:
        q.fix_contact(
            session, scope=scope, user_id=scope.user_id, contact_id=ana.id, changes=changes
        )
    assert raised.value.errors == errors
    session.rollback()
    assert session.get(Contact, ana.id).phone == "n/a"  # type: ignore[union-attr]


def test_fix_contact_refuses_collectors_viewers_and_sellers_contacts(session, book):
    ana, seller_contact = book["contacts"]["ana"], book["contacts"]["seller"]
    for who in ("cobra1", "viewer"):  # cobra1 collects C1, Ana's customer
        with pytest.raises(AccessDenied):
            q.fix_contact(
                session,
                scope=book["scopes"][who],
                user_id=book[who].id,
                contact_id=ana.id,
                changes={"phone": "+584145551234"},
            )
    admin = book["scopes"]["admin"]
    for contact_id in (seller_contact.id, 10**6, "1"):
        with pytest.raises(AccessDenied):
            q.fix_contact(
                session,
                scope=admin,
                user_id=admin.user_id,
                contact_id=contact_id,
                changes={"phone": "+584145551234"},
            )
    assert session.get(Contact, ana.id).phone == "n/a"  # type: ignore[union-attr]
