"""Field mode's writes: check-ins and phone notes stored exactly once, bounded, in scope.

Runs on SQLite and PostgreSQL with tests.factories.build_portfolio: C1 and C3 are
cobra1's customers, C2 is cobra2's; here C1 gets coordinates in Caracas.
"""

from __future__ import annotations

import datetime as dt
import uuid
from decimal import Decimal
from typing import Any

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from data_access import visits as visits_module
from data_access.activity import AccessDenied, ValidationError
from data_access.models import AuditEntry, Note, Visit, note_hashtags
from data_access.scope import Scope
from data_access.timeline import timeline
from data_access.visits import (
    Position,
    VisitCheck,
    add_field_note,
    add_visit,
    field_customers,
    last_visits,
)
from tests.factories import build_portfolio

NOW = dt.datetime(2024, 3, 31, 15, 30)
HERE = Position(10.4806, -66.9036, 12.0)
CHECK = VisitCheck(distance_m=42.0, verified=True, radius_m=300)


@pytest.fixture
def book(session: Session) -> dict[str, Any]:
    data: dict[str, Any] = build_portfolio(session)
    c1 = data["customers"][0]
    c1.latitude, c1.longitude = Decimal("10.480200"), Decimal("-66.903600")
    session.commit()
    scopes = {
        name: Scope(user_id=data[name].id, role=data[name].role)
        for name in ("admin", "cobra1", "cobra2", "viewer")
    }
    return data | {"c1": c1, "c2": data["customers"][1], "scopes": scopes}


def visit(
    session: Session, book: dict[str, Any], client_id: str, **changes: Any
) -> tuple[Visit, bool]:
    values: dict[str, Any] = {
        "scope": book["scopes"]["cobra1"],
        "user_id": book["cobra1"].id,
        "customer_id": book["c1"].id,
        "client_id": client_id,
        "recorded_at": NOW - dt.timedelta(minutes=20),
        "position": HERE,
        "check": CHECK,
        "now": NOW,
    }
    return add_visit(session, **(values | changes))


def note(
    session: Session, book: dict[str, Any], client_id: str, **changes: Any
) -> tuple[Note, bool]:
    values: dict[str, Any] = {
        "scope": book["scopes"]["cobra1"],
        "user_id": book["cobra1"].id,
        "customer_id": book["c1"].id,
        "client_id": client_id,
        "recorded_at": NOW - dt.timedelta(hours=26),
        "channel": "visit",
        "reason": "cannot_pay",
        "body": "Pays on Friday #cheque",
        "contact_name": "Marisol",
        "now": NOW,
    }
    return add_field_note(session, **(values | changes))


def count(session: Session, model: Any) -> int:
    return int(session.scalar(select(func.count()).select_from(model)) or 0)


def test_a_check_in_is_stored_once(session, book):
    cid = str(uuid.uuid4())
    first, created = visit(session, book, cid)
    session.commit()
    assert created
    assert first.recorded_at == NOW - dt.timedelta(minutes=20)  # the phone's time
    assert first.received_at == NOW
    assert (first.distance_m, first.verified, first.radius_m) == (42.0, True, 300)
    # The same check-in again (a retry after a lost answer): the stored row, untouched.
    again, created = visit(session, book, cid.upper(), position=Position(0, 0, 5), now=NOW)
    session.commit()
    assert not created
    assert again.id == first.id and again.latitude == pytest.approx(10.4806)
    assert count(session, Visit) == 1
    audits = session.scalars(select(AuditEntry).where(AuditEntry.action == "visit.add")).all()
    assert len(audits) == 1 and audits[0].entity_id == str(first.id)


def test_two_arrivals_at_the_same_moment_store_one(session, book, monkeypatch):
    cid = str(uuid.uuid4())
    visit(session, book, cid)
    note(session, book, cid)  # ids are unique per table: a note may reuse it
    session.commit()
    real = visits_module._existing
    calls: list[str] = []

    def racing(sess: Session, model: Any, client_id: str) -> Any:
        calls.append(model.__name__)  # the first look sees nothing: the other is in flight
        return None if calls.count(model.__name__) == 1 else real(sess, model, client_id)

    monkeypatch.setattr(visits_module, "_existing", racing)
    stored, created = visit(session, book, cid)
    stored_note, note_created = note(session, book, cid)
    session.commit()
    assert not created and not note_created
    assert count(session, Visit) == 1 and count(session, Note) == 1
    assert count(session, note_hashtags) == 1  # the losing insert left nothing behind
    assert stored.client_id == cid and stored_note.client_id == cid


def test_a_phone_note_is_stored_once_at_its_time(session, book):
    cid = str(uuid.uuid4())
    first, created = note(session, book, cid)
    session.commit()
    assert created
    assert first.created_at == NOW - dt.timedelta(hours=26)  # written offline yesterday
    assert (first.channel, first.author_id, first.client_id) == ("visit", book["cobra1"].id, cid)
    again, created = note(session, book, cid, body="changed on the way")
    session.commit()
    assert not created and again.id == first.id and again.body == "Pays on Friday #cheque"
    assert count(session, Note) == 1
    assert session.scalars(select(note_hashtags.c.hashtag)).all() == ["cheque"]


@pytest.mark.parametrize(
    ("recorded_at", "key"),
    [
        (NOW + dt.timedelta(minutes=6), "in_the_future"),
        (NOW - dt.timedelta(days=7, seconds=1), "too_old"),
        ("yesterday", "invalid"),
        (None, "required"),
    ],
)
def test_times_out_of_bounds_are_refused(session, book, recorded_at, key):
    for write in (visit, note):
        with pytest.raises(ValidationError) as caught:
            write(session, book, str(uuid.uuid4()), recorded_at=recorded_at)
        assert caught.value.errors == {"recorded_at": key}
    assert count(session, Visit) == 0 and count(session, Note) == 0


def test_time_bounds_are_inclusive_and_aware_times_are_utc(session, book):
    visit(session, book, str(uuid.uuid4()), recorded_at=NOW + dt.timedelta(minutes=5))
    visit(session, book, str(uuid.uuid4()), recorded_at=NOW - dt.timedelta(days=7))
    caracas = dt.timezone(dt.timedelta(hours=-4))
    local = dt.datetime(2024, 3, 31, 11, 0, tzinfo=caracas)
    stored, _ = note(session, book, str(uuid.uuid4()), recorded_at=local)
    assert stored.created_at == dt.datetime(2024, 3, 31, 15, 0)
    assert count(session, Visit) == 2


@pytest.mark.parametrize(
    ("position", "errors"),
    [
        (Position(91, 0, 5), {"latitude": "out_of_range"}),
        (Position(0, -180.01, 5), {"longitude": "out_of_range"}),
        (Position(0, 0, -1), {"accuracy_m": "out_of_range"}),
        (Position(float("nan"), 0, 5), {"latitude": "invalid"}),
        (
            Position("10", None, True),
            {"latitude": "invalid", "longitude": "required", "accuracy_m": "invalid"},
        ),  # type: ignore[arg-type]
    ],
)
def test_positions_are_validated(session, book, position, errors):
    with pytest.raises(ValidationError) as caught:
        visit(session, book, str(uuid.uuid4()), position=position)
    assert caught.value.errors == errors


@pytest.mark.parametrize("client_id", ["", "not-a-uuid", "x" * 50, 12345])
def test_client_ids_must_be_uuids(session, book, client_id):
    with pytest.raises(ValidationError) as caught:
        visit(session, book, client_id)
    assert set(caught.value.errors) == {"client_id"}


def test_scope_and_roles(session, book):
    # cobra2 may not check in at cobra1's customer; viewers write nothing.
    with pytest.raises(AccessDenied, match="customer not found"):
        visit(
            session,
            book,
            str(uuid.uuid4()),
            scope=book["scopes"]["cobra2"],
            user_id=book["cobra2"].id,
        )
    with pytest.raises(AccessDenied, match="customer not found"):
        note(
            session,
            book,
            str(uuid.uuid4()),
            scope=book["scopes"]["cobra2"],
            user_id=book["cobra2"].id,
        )
    with pytest.raises(AccessDenied, match="read-only"):
        visit(
            session,
            book,
            str(uuid.uuid4()),
            scope=book["scopes"]["viewer"],
            user_id=book["viewer"].id,
        )
    with pytest.raises(AccessDenied):
        visit(session, book, str(uuid.uuid4()), customer_id=10**9)


def test_someone_elses_client_id_is_refused(session, book):
    cid = str(uuid.uuid4())
    visit(session, book, cid)
    session.commit()
    admin = {"scope": book["scopes"]["admin"], "user_id": book["admin"].id}
    with pytest.raises(ValidationError) as caught:
        visit(session, book, cid, **admin)
    assert caught.value.errors == {"client_id": "conflict"}
    with pytest.raises(ValidationError):
        visit(session, book, cid, customer_id=book["customers"][2].id)  # same user, other customer


def test_a_bad_note_is_refused_whole(session, book):
    with pytest.raises(ValidationError) as caught:
        note(session, book, str(uuid.uuid4()), body="  ", reason="because")
    assert caught.value.errors == {"body": "required", "reason": "invalid_choice"}
    assert count(session, Note) == 0


def test_check_ins_on_the_timeline_and_the_cards(session, book):
    c1 = book["c1"]
    visit(session, book, str(uuid.uuid4()), recorded_at=NOW - dt.timedelta(hours=2))
    far = VisitCheck(distance_m=2300.5, verified=False, radius_m=300)
    visit(session, book, str(uuid.uuid4()), recorded_at=NOW - dt.timedelta(hours=1), check=far)
    nowhere = VisitCheck(distance_m=None, verified=False, radius_m=300)
    latest, _ = visit(session, book, str(uuid.uuid4()), recorded_at=NOW, check=nowhere)
    session.commit()
    rows = timeline(session, c1.id, kinds=["visit", "note"])
    assert [(r["kind"], r["status"], r["title"]) for r in rows] == [
        ("visit", "no_coordinates", "Carla Cobra"),
        ("visit", "not_verified", "Carla Cobra"),
        ("visit", "verified", "Carla Cobra"),
    ]
    assert rows[0]["at"] == NOW and rows[0]["detail"] is None
    assert float(rows[1]["detail"]) == pytest.approx(2300.5)
    assert float(rows[2]["text"]) == pytest.approx(12.0)
    found = last_visits(
        session, [c1.id, book["c2"].id], since=NOW - dt.timedelta(hours=1, minutes=30)
    )
    assert list(found) == [c1.id] and found[c1.id]["recorded_at"] == latest.recorded_at


def test_field_customers(session, book):
    from data_access.models import Contact
    from data_access.snapshots import ensure_snapshot

    c1, c2 = book["c1"], book["c2"]
    session.add_all(
        [
            Contact(customer_id=c1.id, name="Ana", phone="+58 212 555 0101"),
            Contact(customer_id=c1.id, name="Marisol", phone="0414-555-0102", is_primary=True),
            Contact(customer_id=c2.id, name="Sin Teléfono"),
        ]
    )
    ensure_snapshot(session, as_of=dt.date(2024, 3, 31), boundaries=(30, 60, 90, 120))
    session.commit()
    rows = field_customers(
        session,
        scope=book["scopes"]["cobra1"],
        customer_ids=[c1.id, c2.id, book["customers"][2].id],
        as_of=dt.date(2024, 3, 31),
        bands=5,
    ).to_dict("records")
    assert [row["code"] for row in rows] == ["C1", "C3"]  # C2 is cobra2's
    assert rows[1]["latitude"] is None and rows[1]["longitude"] is None  # not NaN
    row = rows[0]
    assert (row["code"], row["contact_name"], row["phone"]) == ("C1", "Marisol", "0414-555-0102")
    assert row["latitude"] == pytest.approx(10.4802) and row["longitude"] == pytest.approx(-66.9036)
    assert (row["balance"], row["overdue"]) == (Decimal("1250.00"), Decimal("1000.00"))
    everyone = field_customers(
        session, scope=Scope.everything(), customer_ids=[c2.id], as_of=dt.date(2024, 3, 31), bands=5
    ).to_dict("records")
    assert everyone[0]["contact_name"] == "" and everyone[0]["latitude"] is None
