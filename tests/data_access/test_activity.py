"""Notes (excuses) and tasks (promises): writes, validation, scope and audit (data_access.activity).

Runs on SQLite and PostgreSQL. The portfolio is tests.factories.build_portfolio as of
2024-03-31: C1 (collector cobra1) has open invoices F-1 500.00, F-2 500.00 and F-3
250.00 (balance 1250.00); here it also gets a settled invoice F-9 and a contact
Marisol; C2 (collector cobra2) has F-4 (0.01 open) and a contact Pedro.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from data_access import audit
from data_access.activity import (
    AccessDenied,
    ValidationError,
    add_note,
    add_note_with_promise,
    add_task,
    complete_task,
    customer_balance,
    customer_notes,
    customer_tasks,
    notes_with_hashtag,
    promise_warnings,
    reassign_task,
)
from data_access.models import (
    AuditEntry,
    Contact,
    Document,
    Note,
    Task,
    note_hashtags,
    task_documents,
)
from data_access.scope import Scope
from data_access.users import add_user
from tests.factories import PASSWORD, build_portfolio

TODAY = dt.date(2024, 3, 31)
NOW = dt.datetime(2024, 3, 31, 15, 30)
HTML = "<script>alert(\"x\")</script> & <b>negrita</b> &amp; 'comillas' #reclamo"


@pytest.fixture
def book(session: Session) -> dict[str, Any]:
    """The factory portfolio plus contacts, a settled invoice and an inactive user."""
    data: dict[str, Any] = build_portfolio(session)
    c1, c2 = data["customers"][:2]
    marisol = Contact(customer_id=c1.id, name="Marisol Pérez", is_primary=True)
    pedro = Contact(customer_id=c2.id, name="Pedro Páez")
    settled = Document(
        number="F-9", kind="invoice", customer_id=c1.id, issue_date=dt.date(2024, 1, 5),
        due_date=dt.date(2024, 2, 4), amount=Decimal("50.00"), currency="USD",
        open_amount=Decimal("0.00"), settled_on=dt.date(2024, 2, 1),
    )  # fmt: skip
    session.add_all([marisol, pedro, settled])
    gone = add_user(session, "baja", role="collector", password=PASSWORD, full_name="Ex Cobra")
    gone.active = False
    session.commit()
    docs = {doc.number: doc for doc in session.scalars(select(Document))}
    scopes = {
        name: Scope(user_id=data[name].id, role=data[name].role)
        for name in ("admin", "cobra1", "cobra2", "viewer")
    }
    return data | {"c1": c1, "c2": c2, "docs": docs, "scopes": scopes, "gone": gone} | {
        "marisol": marisol, "pedro": pedro,
    }  # fmt: skip


def counts(session: Session) -> dict[str, int]:
    """Row counts of everything a note or task write may touch."""
    tables = {
        "notes": Note.__table__, "tasks": Task.__table__, "note_hashtags": note_hashtags,
        "task_documents": task_documents, "audit": AuditEntry.__table__,
    }  # fmt: skip
    result = {
        name: session.scalar(select(func.count()).select_from(table)) or 0
        for name, table in tables.items()
    }
    disputed = select(func.count()).select_from(Document).where(Document.disputed.is_(True))
    result["disputed"] = session.scalar(disputed) or 0
    return result


def note_args(book: dict[str, Any], **overrides: Any) -> dict[str, Any]:
    """A valid note by cobra1 on C1, with ``overrides``."""
    args: dict[str, Any] = {
        "scope": book["scopes"]["cobra1"],
        "user_id": book["cobra1"].id,
        "customer_id": book["c1"].id,
        "channel": "call",
        "reason": "forgot",
        "body": "Marisol dice que el gerente estaba de vacaciones. #Olvido #vacaciones",
        "agreement": "Paga F-2 el viernes #promesa #olvido",
        "contact_id": book["marisol"].id,
        "now": NOW,
    }
    return args | overrides


def task_args(book: dict[str, Any], **overrides: Any) -> dict[str, Any]:
    """A valid task by cobra1 on C1 for cobra1, with ``overrides``."""
    args: dict[str, Any] = {
        "scope": book["scopes"]["cobra1"],
        "user_id": book["cobra1"].id,
        "customer_id": book["c1"].id,
        "description": "Buscar el cheque el viernes",
        "assignee_id": book["cobra1"].id,
        "due_date": dt.date(2024, 4, 5),
        "today": TODAY,
        "now": NOW,
    }
    return args | overrides


def entries_for(session: Session, entity: str, entity_id: int) -> list[AuditEntry]:
    return audit.entries(session, entity=entity, entity_id=entity_id)


# --- notes --------------------------------------------------------------------------


def test_add_note_stores_fields_hashtags_and_audit(session: Session, book: dict[str, Any]) -> None:
    note = add_note(session, **note_args(book))
    session.commit()
    session.expire_all()
    stored = session.get(Note, note.id)
    assert stored is not None
    assert (stored.customer_id, stored.author_id, stored.contact_id) == (
        book["c1"].id, book["cobra1"].id, book["marisol"].id,
    )  # fmt: skip
    assert stored.contact_name == "Marisol Pérez"  # the contact's name when none typed
    assert (stored.channel, stored.reason, stored.created_at) == ("call", "forgot", NOW)
    tags = session.scalars(
        select(note_hashtags.c.hashtag).where(note_hashtags.c.note_id == note.id)
    )
    assert sorted(tags) == ["olvido", "promesa", "vacaciones"]
    [entry] = entries_for(session, "note", note.id)
    assert (entry.user_id, entry.action, entry.at) == (book["cobra1"].id, "note.add", NOW)
    details = audit.details_of(entry)
    assert details["customer_id"] == book["c1"].id
    assert details["hashtags"] == ["olvido", "vacaciones", "promesa"]  # order of appearance
    assert details["contact_name"] == "Marisol Pérez"


def test_typed_contact_name_without_contact(session: Session, book: dict[str, Any]) -> None:
    args = note_args(book, contact_id=None, contact_name="  Jorge (caja)  ")
    note = add_note(session, **args)
    assert (note.contact_id, note.contact_name) == (None, "Jorge (caja)")


def test_html_is_stored_verbatim(session: Session, book: dict[str, Any]) -> None:
    note = add_note(session, **note_args(book, body=HTML, agreement="<i>mañana</i> & ya"))
    session.commit()
    session.expire_all()
    stored = session.get(Note, note.id)
    assert stored is not None and (stored.body, stored.agreement) == (HTML, "<i>mañana</i> & ya")
    [shown] = customer_notes(
        session, scope=book["scopes"]["cobra1"], customer_id=book["c1"].id, limit=10
    )
    assert shown["body"] == HTML and shown["hashtags"] == ["reclamo"]


@pytest.mark.parametrize(
    ("overrides", "field", "key"),
    [
        ({"channel": "fax"}, "channel", "invalid_choice"),
        ({"channel": ""}, "channel", "required"),
        ({"reason": "lazy"}, "reason", "invalid_choice"),
        ({"body": ""}, "body", "required"),
        ({"body": "   \n "}, "body", "required"),
        ({"body": "x" * 2001}, "body", "too_long"),
        ({"body": "nul \x00 byte"}, "body", "invalid"),
        ({"agreement": "x" * 1001}, "agreement", "too_long"),
        ({"contact_id": None, "contact_name": ""}, "contact_name", "required"),
        ({"contact_id": None, "contact_name": "   "}, "contact_name", "required"),
        ({"contact_name": "x" * 201}, "contact_name", "too_long"),
        ({"contact_id": "pedro"}, "contact_id", "not_found"),  # C2's contact
        ({"contact_id": 987654}, "contact_id", "not_found"),
        ({"disputed_document_ids": ["F-2"]}, "disputed_document_ids", "only_for_dispute"),
        ({"reason": "dispute", "disputed_document_ids": ["F-4"]}, "disputed_document_ids",
         "not_open_charge"),  # C2's invoice
        ({"reason": "dispute", "disputed_document_ids": ["F-9"]}, "disputed_document_ids",
         "not_open_charge"),  # settled
        ({"reason": "dispute", "disputed_document_ids": ["F-2", 987654]},
         "disputed_document_ids", "not_open_charge"),
        ({"reason": "dispute", "disputed_document_ids": ["F-2", "x"]},
         "disputed_document_ids", "not_open_charge"),
    ],
)  # fmt: skip
def test_note_validation_names_the_field_and_writes_nothing(
    session: Session, book: dict[str, Any], overrides: dict[str, Any], field: str, key: str
) -> None:
    resolved = dict(overrides)
    if resolved.get("contact_id") == "pedro":
        resolved["contact_id"] = book["pedro"].id
    if "disputed_document_ids" in resolved:
        resolved["disputed_document_ids"] = [
            book["docs"][ref].id if ref in book["docs"] else ref
            for ref in resolved["disputed_document_ids"]
        ]
    before = counts(session)
    with pytest.raises(ValidationError) as caught:
        add_note(session, **note_args(book, **resolved))
    assert caught.value.errors == {field: key}
    assert field in str(caught.value)
    assert counts(session) == before


def test_every_bad_field_is_reported_at_once(session: Session, book: dict[str, Any]) -> None:
    with pytest.raises(ValidationError) as caught:
        add_note(session, **note_args(book, channel="fax", body="", contact_id=None))
    assert caught.value.errors == {
        "channel": "invalid_choice", "body": "required", "contact_name": "required",
    }  # fmt: skip


def test_dispute_flags_only_the_chosen_invoices(session: Session, book: dict[str, Any]) -> None:
    docs = book["docs"]
    body = "Reclaman precio en F-2 #reclamo"
    args = note_args(book, reason="dispute", disputed_document_ids=[docs["F-2"].id], body=body)
    note = add_note(session, **args)
    session.commit()
    session.expire_all()
    flagged = set(session.scalars(select(Document.number).where(Document.disputed.is_(True))))
    assert flagged == {"F-2"}
    [entry] = entries_for(session, "document", docs["F-2"].id)
    assert entry.action == "document.dispute" and entry.user_id == book["cobra1"].id
    assert audit.details_of(entry) == {
        "customer_id": book["c1"].id, "number": "F-2", "note_id": note.id,
        "was_disputed": False,
    }  # fmt: skip
    assert audit.details_of(entries_for(session, "note", note.id)[0])["disputed_document_ids"] == [
        docs["F-2"].id
    ]


def test_dispute_without_documents_is_fine(session: Session, book: dict[str, Any]) -> None:
    note = add_note(session, **note_args(book, reason="dispute"))
    assert note.reason == "dispute" and counts(session)["disputed"] == 0
    other = add_note(session, **note_args(book, disputed_document_ids=None))
    assert other.id != note.id


# --- access -------------------------------------------------------------------------


def test_collector_cannot_write_or_read_another_collectors_customer(
    session: Session, book: dict[str, Any]
) -> None:
    before = counts(session)
    cobra2 = {"scope": book["scopes"]["cobra2"], "user_id": book["cobra2"].id}
    with pytest.raises(AccessDenied) as foreign:
        add_note(session, **note_args(book, **cobra2, contact_id=None, contact_name="X"))
    with pytest.raises(AccessDenied) as missing:
        add_note(session, **note_args(book, **cobra2, customer_id=987654, contact_id=None,
                                      contact_name="X"))  # fmt: skip
    assert str(foreign.value) == str(missing.value) == "customer not found"
    with pytest.raises(AccessDenied, match="customer not found"):
        add_task(session, **task_args(book, **cobra2, assignee_id=book["cobra2"].id))
    for read in (customer_notes, customer_tasks):
        with pytest.raises(AccessDenied, match="customer not found"):
            read(session, scope=book["scopes"]["cobra2"], customer_id=book["c1"].id, limit=5)
    with pytest.raises(AccessDenied, match="customer not found"):
        promise_warnings(
            session, scope=book["scopes"]["cobra2"], customer_id=book["c1"].id,
            promise_amount=Decimal("1"), today=TODAY,
        )  # fmt: skip
    assert counts(session) == before


@pytest.mark.parametrize("customer_id", [None, "1", True, -1, 2**70])
def test_odd_customer_ids_are_not_found(
    session: Session, book: dict[str, Any], customer_id: object
) -> None:
    with pytest.raises(AccessDenied, match="customer not found"):
        customer_notes(session, scope=book["scopes"]["admin"], customer_id=customer_id, limit=5)  # type: ignore[arg-type]


def test_viewer_reads_but_cannot_write(session: Session, book: dict[str, Any]) -> None:
    viewer = {"scope": book["scopes"]["viewer"], "user_id": book["viewer"].id}
    with pytest.raises(AccessDenied, match="read-only"):
        add_note(session, **note_args(book, **viewer))
    with pytest.raises(AccessDenied, match="read-only"):
        add_task(session, **task_args(book, **viewer))
    assert customer_notes(session, scope=viewer["scope"], customer_id=book["c1"].id, limit=5) == []


def test_a_restricted_scope_cannot_act_as_someone_else(
    session: Session, book: dict[str, Any]
) -> None:
    with pytest.raises(AccessDenied):
        add_note(session, **note_args(book, user_id=book["cobra2"].id))


def test_admin_writes_on_any_customer(session: Session, book: dict[str, Any]) -> None:
    admin = {"scope": book["scopes"]["admin"], "user_id": book["admin"].id}
    note = add_note(
        session, **note_args(book, **admin, customer_id=book["c2"].id, contact_id=book["pedro"].id)
    )
    assert note.customer_id == book["c2"].id and note.author_id == book["admin"].id


# --- tasks --------------------------------------------------------------------------


def test_add_task_with_promise_and_documents(session: Session, book: dict[str, Any]) -> None:
    docs = book["docs"]
    task = add_task(
        session,
        **task_args(
            book, promise_amount=Decimal("500.00"), promise_date=dt.date(2024, 4, 5),
            document_ids=[docs["F-2"].id, docs["F-1"].id, docs["F-2"].id],
        ),
    )  # fmt: skip
    session.commit()
    session.expire_all()
    stored = session.get(Task, task.id)
    assert stored is not None
    assert (stored.status, stored.created_by_id, stored.created_at) == (
        "open",
        book["cobra1"].id,
        NOW,
    )
    assert stored.promise_amount == Decimal("500.00") and isinstance(stored.promise_amount, Decimal)
    assert stored.supervisor_id is None  # their own task: no supervisor needed
    linked = session.scalars(
        select(task_documents.c.document_id).where(task_documents.c.task_id == task.id)
    )
    assert sorted(linked) == sorted([docs["F-1"].id, docs["F-2"].id])
    [entry] = entries_for(session, "task", task.id)
    details = audit.details_of(entry)
    assert (entry.action, entry.user_id) == ("task.add", book["cobra1"].id)
    assert details["promise_amount"] == "500.00" and details["promise_date"] == "2024-04-05"
    assert details["warnings"] == {}


def test_task_for_someone_else_is_supervised_by_its_creator(
    session: Session, book: dict[str, Any]
) -> None:
    task = add_task(session, **task_args(book, assignee_id=book["admin"].id))
    assert (task.assignee_id, task.supervisor_id) == (book["admin"].id, book["cobra1"].id)
    chosen = add_task(
        session, **task_args(book, assignee_id=book["cobra2"].id, supervisor_id=book["admin"].id)
    )
    assert chosen.supervisor_id == book["admin"].id


def test_promise_over_the_balance_is_a_warning(session: Session, book: dict[str, Any]) -> None:
    c3 = book["customers"][2].id
    assert customer_balance(session, book["c1"].id, as_of=TODAY) == Decimal("1250.00")
    assert customer_balance(session, c3, as_of=TODAY) == Decimal("-75.00")  # credit
    assert customer_balance(session, c3, as_of=dt.date(2024, 4, 30)) == Decimal("25.00")
    scope, c1 = book["scopes"]["cobra1"], book["c1"].id
    big, exact = Decimal("1250.01"), Decimal("1250.00")
    warn = {"scope": scope, "customer_id": c1, "today": TODAY}
    assert promise_warnings(session, **warn, promise_amount=big) == {
        "promise_amount": "exceeds_balance"
    }
    assert promise_warnings(session, **warn, promise_amount=exact) == {}
    assert promise_warnings(session, **warn, promise_amount=None) == {}
    task = add_task(session, **task_args(book, promise_amount=big, promise_date=TODAY))
    details = audit.details_of(entries_for(session, "task", task.id)[0])
    assert details["warnings"] == {"promise_amount": "exceeds_balance"}


@pytest.mark.parametrize(
    ("overrides", "field", "key"),
    [
        ({"description": "ab"}, "description", "too_short"),
        ({"description": "   "}, "description", "required"),
        ({"description": "x" * 501}, "description", "too_long"),
        ({"assignee_id": None}, "assignee_id", "required"),
        ({"assignee_id": 987654}, "assignee_id", "not_found"),
        ({"assignee_id": "gone"}, "assignee_id", "inactive"),
        ({"assignee_id": "viewer"}, "assignee_id", "read_only"),
        ({"supervisor_id": 987654}, "supervisor_id", "not_found"),
        ({"supervisor_id": "gone"}, "supervisor_id", "inactive"),
        ({"due_date": dt.date(2024, 3, 30)}, "due_date", "in_the_past"),
        ({"due_date": None}, "due_date", "required"),
        ({"due_date": NOW}, "due_date", "invalid"),
        ({"promise_amount": Decimal("0"), "promise_date": TODAY}, "promise_amount",
         "not_positive"),
        ({"promise_amount": Decimal("-5.00"), "promise_date": TODAY}, "promise_amount",
         "not_positive"),
        ({"promise_amount": Decimal("10.005"), "promise_date": TODAY}, "promise_amount",
         "too_many_decimals"),
        ({"promise_amount": Decimal("NaN"), "promise_date": TODAY}, "promise_amount", "invalid"),
        ({"promise_amount": Decimal("1e20"), "promise_date": TODAY}, "promise_amount",
         "too_large"),
        ({"promise_amount": Decimal("10.00")}, "promise_date", "required"),
        ({"promise_date": TODAY}, "promise_amount", "required"),
        ({"promise_amount": Decimal("10.00"), "promise_date": dt.date(2024, 3, 30)},
         "promise_date", "in_the_past"),
        ({"document_ids": ["F-4"]}, "document_ids", "not_open_charge"),
        ({"document_ids": ["F-9"]}, "document_ids", "not_open_charge"),
        ({"note_id": "c2-note"}, "note_id", "not_found"),
        ({"note_id": 987654}, "note_id", "not_found"),
        ({"document_ids": [2**70]}, "document_ids", "not_open_charge"),
    ],
)  # fmt: skip
def test_task_validation_names_the_field_and_writes_nothing(
    session: Session, book: dict[str, Any], overrides: dict[str, Any], field: str, key: str
) -> None:
    resolved = dict(overrides)
    for name in ("assignee_id", "supervisor_id"):
        if resolved.get(name) in ("gone", "viewer"):
            resolved[name] = book[resolved[name]].id
    if "document_ids" in resolved:
        resolved["document_ids"] = [
            book["docs"][ref].id if ref in book["docs"] else ref for ref in resolved["document_ids"]
        ]
    if resolved.get("note_id") == "c2-note":
        admin = {"scope": book["scopes"]["admin"], "user_id": book["admin"].id}
        other = note_args(book, **admin, customer_id=book["c2"].id, contact_id=book["pedro"].id)
        resolved["note_id"] = add_note(session, **other).id
    before = counts(session)
    with pytest.raises(ValidationError) as caught:
        add_task(session, **task_args(book, **resolved))
    assert caught.value.errors == {field: key}
    assert counts(session) == before


def test_task_on_own_note(session: Session, book: dict[str, Any]) -> None:
    note = add_note(session, **note_args(book))
    task = add_task(session, **task_args(book, note_id=note.id))
    assert task.note_id == note.id


# --- note + promise -----------------------------------------------------------------


def test_note_with_promise_writes_both(session: Session, book: dict[str, Any]) -> None:
    docs = book["docs"]
    note, task = add_note_with_promise(
        session,
        **note_args(book, reason="dispute", disputed_document_ids=[docs["F-3"].id]),
        description="Llamar de nuevo el viernes", assignee_id=book["cobra1"].id,
        due_date=dt.date(2024, 4, 5), today=TODAY, promise_amount=Decimal("250.00"),
        promise_date=dt.date(2024, 4, 5), document_ids=[docs["F-3"].id],
    )  # fmt: skip
    session.commit()
    assert task.note_id == note.id and task.customer_id == note.customer_id
    assert task.created_at == note.created_at == NOW
    actions = [entry.action for entry in audit.entries(session)]
    assert sorted(actions) == ["document.dispute", "note.add", "task.add"]
    [shown] = customer_tasks(
        session, scope=book["scopes"]["cobra1"], customer_id=book["c1"].id, limit=5
    )
    assert shown["note_id"] == note.id and shown["document_numbers"] == ["F-3"]


def test_a_bad_promise_leaves_no_note(session: Session, book: dict[str, Any]) -> None:
    docs = book["docs"]
    before = counts(session)
    with pytest.raises(ValidationError) as caught:
        add_note_with_promise(
            session,
            **note_args(book, reason="dispute", disputed_document_ids=[docs["F-2"].id]),
            description="Buscar el cheque", assignee_id=book["cobra1"].id,
            due_date=dt.date(2024, 4, 5), today=TODAY, promise_amount=Decimal("0.00"),
            promise_date=dt.date(2024, 4, 5),
        )  # fmt: skip
    assert caught.value.errors == {"promise_amount": "not_positive"}
    assert counts(session) == before
    session.commit()
    assert counts(session) == before


def test_note_and_task_errors_come_together(session: Session, book: dict[str, Any]) -> None:
    with pytest.raises(ValidationError) as caught:
        add_note_with_promise(
            session, **note_args(book, body=""), description="x",
            assignee_id=book["cobra1"].id, due_date=TODAY, today=TODAY,
        )  # fmt: skip
    assert caught.value.errors == {"body": "required", "description": "too_short"}


# --- complete and reassign ----------------------------------------------------------


def test_complete_task(session: Session, book: dict[str, Any]) -> None:
    task = add_task(session, **task_args(book))
    later = dt.datetime(2024, 4, 2, 9, 0, tzinfo=dt.timezone(dt.timedelta(hours=-4)))
    done = complete_task(
        session, scope=book["scopes"]["cobra1"], user_id=book["cobra1"].id, task_id=task.id,
        now=later,
    )  # fmt: skip
    session.commit()
    assert (done.status, done.completed_at) == ("done", dt.datetime(2024, 4, 2, 13, 0))
    entry = entries_for(session, "task", task.id)[0]
    assert (entry.action, entry.user_id) == ("task.complete", book["cobra1"].id)
    assert audit.details_of(entry)["completed_at"] == "2024-04-02T13:00:00"
    with pytest.raises(ValidationError) as caught:
        complete_task(
            session, scope=book["scopes"]["cobra1"], user_id=book["cobra1"].id, task_id=task.id
        )
    assert caught.value.errors == {"status": "not_open"}


def test_complete_and_reassign_check_the_scope(session: Session, book: dict[str, Any]) -> None:
    task = add_task(session, **task_args(book))
    before = counts(session)
    cobra2 = {"scope": book["scopes"]["cobra2"], "user_id": book["cobra2"].id}
    messages = set()
    for task_id in (task.id, 987654):
        with pytest.raises(AccessDenied) as caught:
            complete_task(session, **cobra2, task_id=task_id)
        messages.add(str(caught.value))
        with pytest.raises(AccessDenied) as caught:
            reassign_task(session, **cobra2, task_id=task_id, assignee_id=book["cobra2"].id)
        messages.add(str(caught.value))
    assert messages == {"task not found"}
    assert counts(session) == before and session.get(Task, task.id).status == "open"  # type: ignore[union-attr]


def test_reassign_task(session: Session, book: dict[str, Any]) -> None:
    task = add_task(session, **task_args(book))
    actor = {"scope": book["scopes"]["cobra1"], "user_id": book["cobra1"].id}
    moved = reassign_task(session, **actor, task_id=task.id, assignee_id=book["admin"].id)
    assert moved.assignee_id == book["admin"].id
    entry = entries_for(session, "task", task.id)[0]
    assert entry.action == "task.reassign"
    assert audit.details_of(entry) == {
        "customer_id": book["c1"].id, "from": book["cobra1"].id, "to": book["admin"].id,
    }  # fmt: skip
    before = counts(session)
    reassign_task(session, **actor, task_id=task.id, assignee_id=book["admin"].id)
    assert counts(session) == before  # same assignee: nothing to record
    with pytest.raises(ValidationError) as caught:
        reassign_task(session, **actor, task_id=task.id, assignee_id=book["gone"].id)
    assert caught.value.errors == {"assignee_id": "inactive"}
    complete_task(session, **actor, task_id=task.id)
    with pytest.raises(ValidationError) as caught:
        reassign_task(session, **actor, task_id=task.id, assignee_id=book["cobra1"].id)
    assert caught.value.errors == {"status": "not_open"}
    assert moved.assignee_id == book["admin"].id


# --- reads --------------------------------------------------------------------------


def test_wall_pages_newest_first(session: Session, book: dict[str, Any]) -> None:
    made = [
        add_note(session, **note_args(book, body=f"nota {n} #n{n}", agreement="",
                                      now=NOW + dt.timedelta(minutes=n % 3)))
        for n in range(5)
    ]  # fmt: skip
    scope, c1 = book["scopes"]["cobra1"], book["c1"].id
    first = customer_notes(session, scope=scope, customer_id=c1, limit=2)
    rest = customer_notes(session, scope=scope, customer_id=c1, limit=10, before=first[-1]["id"])
    order = [note["body"] for note in first + rest]
    assert order == ["nota 2 #n2", "nota 4 #n4", "nota 1 #n1", "nota 3 #n3", "nota 0 #n0"]
    assert first[0]["author_name"] == "Carla Cobra" and first[0]["hashtags"] == ["n2"]
    assert customer_notes(session, scope=scope, customer_id=c1, limit=5, before=987654) == []
    admin = {"scope": book["scopes"]["admin"], "user_id": book["admin"].id}
    elsewhere = add_note(
        session, **note_args(book, **admin, customer_id=book["c2"].id, contact_id=book["pedro"].id)
    )
    cursor = {"limit": 5, "before": elsewhere.id}  # another customer's note: empty page
    assert customer_notes(session, scope=scope, customer_id=c1, **cursor) == []
    assert len(made) == 5


def test_customer_tasks_filters_by_status(session: Session, book: dict[str, Any]) -> None:
    actor = {"scope": book["scopes"]["cobra1"], "user_id": book["cobra1"].id}
    first = add_task(session, **task_args(book, description="Primera tarea"))
    add_task(session, **task_args(book, description="Segunda tarea", assignee_id=book["admin"].id,
                                  now=NOW + dt.timedelta(hours=1)))  # fmt: skip
    complete_task(session, **actor, task_id=first.id)
    scope, c1 = book["scopes"]["cobra1"], book["c1"].id
    every = customer_tasks(session, scope=scope, customer_id=c1, limit=10)
    assert [task["description"] for task in every] == ["Segunda tarea", "Primera tarea"]
    assert every[0]["assignee_name"] == "Ada Admin" and every[0]["supervisor_name"] == "Carla Cobra"
    done = customer_tasks(session, scope=scope, customer_id=c1, limit=10, status="done")
    assert [task["id"] for task in done] == [first.id]
    older = customer_tasks(session, scope=scope, customer_id=c1, limit=10, before=every[0]["id"])
    assert [task["id"] for task in older] == [first.id]


def test_hashtags_are_queryable_within_the_scope(session: Session, book: dict[str, Any]) -> None:
    mine = add_note(session, **note_args(book, body="Cheque rebotado #Cheque_Devuelto"))
    admin = {"scope": book["scopes"]["admin"], "user_id": book["admin"].id}
    theirs = add_note(
        session,
        **note_args(book, **admin, customer_id=book["c2"].id, contact_id=book["pedro"].id,
                    body="También #cheque_devuelto"),
    )  # fmt: skip
    session.commit()
    tagged = select(note_hashtags.c.note_id).where(note_hashtags.c.hashtag == "cheque_devuelto")
    assert set(session.scalars(tagged)) == {mine.id, theirs.id}
    seen = {
        name: [note["id"] for note in notes_with_hashtag(
            session, scope=book["scopes"][name], hashtag="#Cheque_Devuelto", limit=10)]
        for name in ("cobra1", "cobra2", "admin")
    }  # fmt: skip
    assert seen == {"cobra1": [mine.id], "cobra2": [theirs.id], "admin": [theirs.id, mine.id]}
    assert notes_with_hashtag(session, scope=book["scopes"]["admin"], hashtag="#", limit=5) == []
