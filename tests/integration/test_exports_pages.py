"""Downloads of the collections, activity, tasks, worklist, performance and quality pages.

On the hand-worked portfolio of tests/factories.py (payments P-1 400.00 on 2024-02-10,
P-2 100.00 on 2024-03-20 and P-5 75.00 on 2024-03-25 for seller S1 / collector cobra1;
P-3 300.00 on 2023-11-15 for S2 / cobra2), plus notes, tasks and contacts added here
relative to the real today (the pages' "today").
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from decimal import Decimal

import pytest
from click.testing import CliRunner
from openpyxl import load_workbook

from dashboard.cli import main
from data_access.activity import add_note, add_task
from data_access.db import make_engine, session_factory, session_scope
from data_access.models import Contact, Customer, User
from data_access.scope import Scope
from tests.integration.conftest import login

RANGE = "from=2023-10-01&to=2024-03-31"
TODAY = dt.date.today()


def _csv(response) -> list[dict[str, str]]:  # type: ignore[no-untyped-def]
    assert response.status_code == 200, response.data
    assert response.mimetype == "text/csv"
    return list(csv.DictReader(io.StringIO(response.data.decode())))


def _as(client, username: str):  # type: ignore[no-untyped-def]
    client.get("/logout")
    login(client, username)
    return client


@pytest.fixture
def extra(app):  # type: ignore[no-untyped-def]
    """Notes (C1 ten days ago, C2 two days ago), tasks and contacts, as of the real today.

    Today C2 owes nothing (P-4 paid F-4 and F-5 on 2024-04-05); C1 owes 1,250.00 and
    C3 25.00 (F-6 less P-5), all overdue.
    """
    engine = make_engine(app.server.extensions["cartera"].settings.database_url)
    with session_scope(session_factory(engine)) as sess:
        users = {u.username: u.id for u in sess.query(User)}
        customers = {c.code: c.id for c in sess.query(Customer)}
        scope = Scope.everything()
        now = dt.datetime.combine(TODAY, dt.time(10))
        for code, author, days, reason, body in (
            ("C1", "cobra1", 10, "cannot_pay", "Dice que paga el viernes #promesa"),
            ("C2", "cobra2", 2, "dispute", "Reclama la F-5"),
        ):
            add_note(
                sess,
                scope=scope,
                user_id=users[author],
                customer_id=customers[code],
                channel="call",
                contact_name="Ana",
                reason=reason,
                body=body,
                now=now - dt.timedelta(days=days),
            )
        for code, assignee, due, amount in (
            ("C1", "cobra1", TODAY, Decimal("200.00")),
            ("C2", "cobra2", TODAY, None),
            ("C1", "cobra1", TODAY - dt.timedelta(days=5), None),
        ):
            add_task(
                sess,
                scope=scope,
                user_id=users["admin"],
                customer_id=customers[code],
                description=f"Llamar a {code}",
                assignee_id=users[assignee],
                supervisor_id=users["admin"],
                due_date=due,
                today=due,
                promise_amount=amount,
                promise_date=due if amount else None,
            )
        sess.add_all(
            [
                Contact(customer_id=customers["C1"], name="Ana", phone="n/a", email="ana@"),
                Contact(
                    customer_id=customers["C2"],
                    name="Bob",
                    phone="+1 305 555 0100",
                    email="bob@northwind.com",
                ),
            ]
        )
    engine.dispose()


# --- collections ------------------------------------------------------------------


def test_collections_csv_is_the_chart_per_month_with_exact_money(client):
    login(client, "admin")
    rows = _csv(client.get(f"/export/collections.csv?{RANGE}"))
    assert list(rows[0]) == [
        "period_start",
        "period_end",
        "amount",
        "payments",
        "year_earlier_start",
        "year_earlier_amount",
        "year_earlier_payments",
    ]
    got = {row["period_start"]: (row["amount"], row["payments"]) for row in rows}
    assert got == {
        "2023-10-01": ("0.00", "0"),
        "2023-11-01": ("300.00", "1"),
        "2023-12-01": ("0.00", "0"),
        "2024-01-01": ("0.00", "0"),
        "2024-02-01": ("400.00", "1"),
        "2024-03-01": ("175.00", "2"),
    }
    assert rows[-1]["year_earlier_start"] == "2023-03-01"


def test_collections_csv_keeps_the_seller_filter_and_the_collector_scope(client):
    login(client, "admin")
    rows = _csv(client.get(f"/export/collections.csv?{RANGE}&seller=S1"))
    assert sum(Decimal(row["amount"]) for row in rows) == Decimal("575.00")
    rows = _csv(_as(client, "cobra2").get(f"/export/collections.csv?{RANGE}"))
    assert sum(Decimal(row["amount"]) for row in rows) == Decimal("300.00")


def test_collections_csv_matches_the_cli_report(app, client):
    login(client, "admin")
    rows = _csv(client.get(f"/export/collections.csv?{RANGE}&by=week"))
    settings = app.server.extensions["cartera"].settings
    env = {
        "DATABASE_URL": settings.database_url,
        "CARTERA_INSTANCE": str(settings.instance_path),
        "SECRET_KEY": "x" * 32,
    }
    args = ["report", "collections", "--from", "2023-10-01", "--to", "2024-03-31", "--by", "week"]
    cli = CliRunner().invoke(main, args, env=env)
    assert cli.exit_code == 0, cli.output
    expected = list(csv.DictReader(io.StringIO(cli.output)))
    core = [{k: row[k] for k in ("period_start", "amount", "payments")} for row in rows]
    assert core == [{k: row[k] for k in ("period_start", "amount", "payments")} for row in expected]


def test_payments_csv_lists_the_latest_payments_with_invoices(client):
    login(client, "admin")
    rows = _csv(client.get(f"/export/payments.csv?{RANGE}"))
    assert [row["customer_code"] for row in rows] == ["C3", "C1", "C1", "C2"]
    p1 = next(row for row in rows if row["reference"] == "P-1")
    assert (p1["date"], p1["amount"], p1["invoices"]) == ("2024-02-10", "400.00", "F-1")
    assert p1["days_late"] == "10.0"  # paid 2024-02-10, F-1 due 2024-01-31
    assert _csv(client.get(f"/export/payments.csv?{RANGE}&collector=cobra2"))[0]["reference"] == (
        "P-3"
    )
    rows = _csv(_as(client, "cobra1").get(f"/export/payments.csv?{RANGE}"))
    assert {row["customer_code"] for row in rows} == {"C1", "C3"}


def test_forecast_csv_has_thirteen_weeks_and_the_backtest_eight(client):
    login(client, "admin")
    rows = _csv(client.get("/export/forecast.csv"))
    assert len(rows) == 13 and list(rows[0]) == [
        "week_start",
        "week_end",
        "invoices",
        "promises",
        "total",
    ]
    assert rows[0]["week_start"] == TODAY.isoformat()
    for row in rows:
        assert Decimal(row["invoices"]) + Decimal(row["promises"]) == Decimal(row["total"])
        assert "." in row["total"] and len(row["total"].split(".")[1]) == 2
    backtest = _csv(client.get("/export/forecast_backtest.csv"))
    assert len(backtest) == 8 and list(backtest[0])[-1] == "error"
    # Everything open is overdue, so C1's 1,250.00 is expected within the 13 weeks or later:
    scoped = _csv(_as(client, "cobra2").get("/export/forecast.csv"))
    assert sum(Decimal(row["total"]) for row in scoped) <= Decimal("10.01")


# --- activity ---------------------------------------------------------------------


def test_notes_csv_has_every_matching_note_with_the_filters(client, extra):
    login(client, "admin")
    rows = _csv(client.get("/export/notes.csv"))
    assert [row["customer_code"] for row in rows] == ["C2", "C1"]  # newest first
    assert rows[1]["hashtags"] == "promesa" and rows[1]["reason"] == "cannot_pay"
    assert rows[1]["created_at"].startswith((TODAY - dt.timedelta(days=10)).isoformat())
    only = _csv(client.get("/export/notes.csv?reason=dispute"))
    assert [row["customer_code"] for row in only] == ["C2"]
    assert _csv(client.get("/export/notes.csv?hashtag=promesa"))[0]["customer_code"] == "C1"
    mine = _csv(_as(client, "cobra2").get("/export/notes.csv"))
    assert [row["customer_code"] for row in mine] == ["C2"]


def test_notes_csv_pages_through_more_than_one_feed_page(client, app, monkeypatch):
    from dashboard import exports_pages

    engine = make_engine(app.server.extensions["cartera"].settings.database_url)
    with session_scope(session_factory(engine)) as sess:
        c1 = sess.query(Customer).filter_by(code="C1").one().id
        admin = sess.query(User).filter_by(username="admin").one().id
        for i in range(7):
            add_note(
                sess,
                scope=Scope.everything(),
                user_id=admin,
                customer_id=c1,
                channel="call",
                contact_name="Ana",
                reason="other",
                body=f"nota {i}",
                now=dt.datetime.combine(TODAY, dt.time(8, i)),
            )
    engine.dispose()
    monkeypatch.setattr(exports_pages, "MAX_PAGE", 3)
    login(client, "admin")
    rows = _csv(client.get("/export/notes.csv"))
    assert [row["body"] for row in rows] == [f"nota {i}" for i in reversed(range(7))]
    monkeypatch.setattr(exports_pages, "MAX_NOTES", 5)
    assert len(_csv(client.get("/export/notes.csv"))) == 5


def test_activity_chart_csvs_count_notes_with_zeros(client, extra):
    login(client, "admin")
    span = f"from={TODAY - dt.timedelta(days=13)}&to={TODAY}&by=week"
    excuses = _csv(client.get(f"/export/excuses.csv?{span}"))
    assert list(excuses[0]) == ["period_start", "reason", "notes"]
    counts = {}
    for row in excuses:
        counts[row["reason"]] = counts.get(row["reason"], 0) + int(row["notes"])
    # The fixture's two notes: C1 cannot_pay ten days ago, C2 dispute two days ago.
    assert counts["cannot_pay"] == 1 and counts["dispute"] == 1 and sum(counts.values()) == 2
    assert any(row["notes"] == "0" for row in excuses)  # empty periods are rows too
    tags = _csv(client.get(f"/export/hashtags.csv?{span}"))
    assert [(row["hashtag"], row["notes"]) for row in tags] == [("promesa", "1")]
    per_day = _csv(client.get(f"/export/contacts_per_day.csv?{span}"))
    assert len(per_day) % 14 == 0  # every day of the two weeks for every author
    assert sum(int(row["notes"]) for row in per_day) == 2
    _as(client, "cobra2")
    mine = _csv(client.get(f"/export/contacts_per_day.csv?{span}"))
    assert sum(int(row["notes"]) for row in mine) == 1


def test_coverage_csv_has_both_follow_up_lists(client, extra):
    login(client, "admin")
    rows = _csv(client.get("/export/coverage.csv"))
    by_code = {row["customer_code"]: row for row in rows}
    assert list(rows[0])[:4] == ["as_of", "list", "customer_code", "customer_name"]
    assert [row["customer_code"] for row in rows] == ["C3", "C1"]  # uncovered first
    assert by_code["C1"]["list"] == "due_soon" and by_code["C1"]["days_since_contact"] == "10"
    assert by_code["C3"]["list"] == "uncovered" and by_code["C3"]["days_since_contact"] == ""
    assert (by_code["C1"]["overdue"], by_code["C3"]["overdue"]) == ("1250.00", "25.00")
    assert _csv(client.get("/export/coverage.csv?collector=cobra2")) == []  # C2 owes nothing
    assert len(_csv(client.get("/export/coverage.csv?collector=cobra1"))) == 2
    assert _csv(_as(client, "cobra2").get("/export/coverage.csv")) == []
    assert len(_csv(_as(client, "cobra1").get("/export/coverage.csv"))) == 2


# --- tasks and worklist -------------------------------------------------------------


def test_tasks_csv_is_the_current_tab_with_its_filters(client, extra):
    login(client, "admin")
    rows = _csv(client.get("/export/tasks.csv"))
    assert [row["customer_code"] for row in rows] == ["C1", "C2"]
    assert rows[0]["view"] == "today" and rows[0]["promise_amount"] == "200.00"
    assert rows[0]["assignee_name"] == "Carla Cobra" and rows[0]["due_date"] == TODAY.isoformat()
    overdue = _csv(client.get("/export/tasks.csv?view=overdue"))
    assert [row["customer_code"] for row in overdue] == ["C1"]
    assert len(_csv(client.get("/export/tasks.csv?assignee=cobra2"))) == 1
    mine = _csv(_as(client, "cobra2").get("/export/tasks.csv"))
    assert [row["customer_code"] for row in mine] == ["C2"]


def test_worklist_csv_is_the_cli_report_and_viewers_are_refused(app, client):
    login(client, "admin")
    page = client.get("/export/worklist.csv?collector=cobra1")
    rows = _csv(page)
    assert {row["customer_code"] for row in rows} == {"C1", "C3"}
    settings = app.server.extensions["cartera"].settings
    env = {
        "DATABASE_URL": settings.database_url,
        "CARTERA_INSTANCE": str(settings.instance_path),
        "SECRET_KEY": "x" * 32,
    }
    cli = CliRunner().invoke(main, ["report", "worklist", "--collector", "cobra1"], env=env)
    assert cli.exit_code == 0 and page.data.decode() == cli.output
    # A collector gets their own list whatever the URL names:
    assert _csv(client.get("/export/worklist.csv?collector=cobra2")) == []  # C2 owes nothing
    mine = _csv(_as(client, "cobra1").get("/export/worklist.csv?collector=cobra2"))
    assert {row["customer_code"]: row["overdue"] for row in mine} == {
        "C1": "1250.00",
        "C3": "25.00",
    }
    assert _as(client, "mira").get("/export/worklist.csv").status_code == 403


# --- performance --------------------------------------------------------------------


def test_performance_csv_per_collector_and_seller_for_a_month(client):
    login(client, "admin")
    rows = {
        r["collector_username"]: r
        for r in _csv(client.get("/export/performance_collectors.csv?month=2024-03"))
    }
    assert rows["cobra1"]["collected"] == "175.00"  # P-2 100.00 + P-5 75.00
    assert rows["cobra2"]["collected"] == "0.00"
    assert rows["cobra1"]["period_first"] == "2024-03-01"
    assert rows["cobra1"]["period_last"] == "2024-03-31"
    trend = [column for column in rows["cobra1"] if column.startswith("dso_")]
    assert trend == [
        "dso_2023-10-31",
        "dso_2023-11-30",
        "dso_2023-12-31",
        "dso_2024-01-31",
        "dso_2024-02-29",
        "dso_2024-03-31",
    ]
    assert rows["cobra1"]["dso_2024-03-31"] == rows["cobra1"]["dso"]
    sellers = {
        r["seller_code"]: r
        for r in _csv(client.get("/export/performance_sellers.csv?month=2024-02"))
    }
    assert sellers["S1"]["collected"] == "400.00" and sellers["S2"]["collected"] == "0.00"
    mine = _csv(_as(client, "cobra2").get("/export/performance_collectors.csv?month=2024-03"))
    assert [row["collector_username"] for row in mine] == ["cobra2"]
    assert client.get("/export/performance_sellers.csv").status_code == 403


# --- data quality -------------------------------------------------------------------


def test_quality_csvs_are_for_admins_and_managers(client, extra):
    login(client, "admin")
    rows = _csv(client.get("/export/quality_contacts.csv"))
    assert [(row["customer_code"], row["contact_name"]) for row in rows] == [("C1", "Ana")]
    assert rows[0]["phone_problem"] and rows[0]["email_problem"]
    unapplied = _csv(client.get("/export/quality_unapplied.csv"))
    # P-4 999.00 less C2's open 10.01; P-5 has been applied to F-6 since 2024-04-10.
    assert [(r["reference"], r["amount"], r["unapplied"]) for r in unapplied] == [
        ("P-4", "999.00", "988.99")
    ]
    assert unapplied[0]["age_days"] == str((TODAY - dt.date(2024, 4, 5)).days)
    for user in ("cobra1", "mira"):
        _as(client, user)
        assert client.get("/export/quality_contacts.csv").status_code == 403
        assert client.get("/export/quality_unapplied.xlsx").status_code == 403


def test_breakdowns_csv_sums_the_range_by_seller_collector_method_and_tag(client):
    login(client, "admin")
    rows = _csv(client.get(f"/export/breakdowns.csv?{RANGE}"))
    assert list(rows[0]) == ["by", "name", "amount", "payments"]
    # In the range: P-3 300.00 (C2, S2), P-1 400.00 + P-2 100.00 (C1, S1), P-5 75.00 (C3, S1).
    totals = {}
    for row in rows:
        totals[row["by"]] = totals.get(row["by"], Decimal(0)) + Decimal(row["amount"])
    assert totals["seller"] == totals["collector"] == totals["method"] == Decimal("875.00")
    sellers = {row["name"]: row["amount"] for row in rows if row["by"] == "seller"}
    assert sellers == {"Pedro Vende": "575.00", "Sally Sells": "300.00"}
    _as(client, "cobra2")
    rows = _csv(client.get(f"/export/breakdowns.csv?{RANGE}"))
    assert {row["amount"] for row in rows if row["by"] == "seller"} == {"300.00"}


def test_quality_duplicates_and_unreachable_csvs(app, client, extra):
    engine = make_engine(app.server.extensions["cartera"].settings.database_url)
    with session_scope(session_factory(engine)) as sess:
        sess.add(Customer(code="C9", name="Ferreteria El Tornillo, C.A."))
    engine.dispose()
    login(client, "admin")
    pairs = _csv(client.get("/export/quality_duplicates.csv"))
    assert [(p["first_code"], p["second_code"], p["reason"]) for p in pairs] == [
        ("C1", "C9", "name")
    ]
    unreachable = _csv(client.get("/export/quality_unreachable.csv"))
    # C1's only contact has a bad phone and e-mail; C2's Bob is fine; the rest have none.
    assert [row["customer_code"] for row in unreachable] == ["C1", "C3", "C4", "C9"]
    _as(client, "cobra1")
    assert client.get("/export/quality_duplicates.csv").status_code == 403


# --- XLSX ---------------------------------------------------------------------------


def test_xlsx_keeps_money_and_counts_as_numbers(client):
    login(client, "admin")
    response = client.get(f"/export/collections.xlsx?{RANGE}")
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.data)).active
    header = [cell.value for cell in sheet[1]]
    rows = list(sheet.iter_rows(2, values_only=True))
    march = next(row for row in rows if str(row[0]).startswith("2024-03-01"))
    amount, payments = march[header.index("amount")], march[header.index("payments")]
    assert isinstance(amount, int | float) and round(amount, 2) == 175.0
    assert payments == 2
    assert isinstance(march[0], dt.datetime | dt.date)
