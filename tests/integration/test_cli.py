"""The `cartera` command line, end to end on a SQLite file."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from dashboard.cli import main


@pytest.fixture
def run(tmp_path, monkeypatch):  # type: ignore[no-untyped-def]
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'cli.db'}")
    monkeypatch.setenv("CARTERA_INSTANCE", str(tmp_path))
    monkeypatch.delenv("SECRET_KEY", raising=False)
    runner = CliRunner()

    def invoke(*args: str):  # type: ignore[no-untyped-def]
        return runner.invoke(main, list(args), catch_exceptions=False)

    return invoke


def write(tmp_path, name: str, text: str):  # type: ignore[no-untyped-def]
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return str(path)


def test_user_add_prints_generated_password_and_refuses_duplicates(run):
    assert run("init-db").exit_code == 0
    first = run("user", "add", "ana", "--role", "collector")
    assert first.exit_code == 0 and "Password: " in first.output
    again = run("user", "add", "ana", "--role", "viewer")
    assert again.exit_code != 0 and "already exists" in again.output


def test_setup_creates_admin_once_and_keeps_the_password(run, tmp_path):
    first = run("setup", "--no-demo")
    password = (tmp_path / "admin_password").read_text().strip()
    assert f"admin / {password}" in first.output
    second = run("setup", "--no-demo")
    assert f"admin / {password}" in second.output


def test_import_then_report(run, tmp_path):
    customers = write(tmp_path, "c.csv", "code,name\nC1,Uno\nC2,Dos\n")
    invoices = write(
        tmp_path,
        "i.csv",
        "number,customer_code,issue_date,due_date,amount\n"
        "F-1,C1,2024-01-01,2024-01-31,100.10\n"
        "F-2,C2,2024-03-01,2024-03-31,50.00\n",
    )
    payments = write(
        tmp_path, "p.csv", "reference,customer_code,date,amount\nP-1,C1,2024-02-01,0.10\n"
    )
    assert "2 created" in run("import", "customers", customers).output
    assert "2 created" in run("import", "invoices", invoices).output
    assert "1 created" in run("import", "payments", payments).output
    assert "2 unchanged" in run("import", "invoices", invoices).output
    result = run("report", "aging", "--as-of", "2024-03-31", "--format", "json")
    rows = {row["customer_code"]: row for row in json.loads(result.output)}
    assert rows["C1"]["balance"] == "100.00" and rows["C1"]["d31_60"] == "100.00"
    assert rows["C2"]["current"] == "50.00"


def test_bad_file_imports_nothing_and_names_the_row(run, tmp_path):
    run("import", "customers", write(tmp_path, "c.csv", "code,name\nC1,Uno\n"))
    bad = write(
        tmp_path,
        "bad.csv",
        "number,customer_code,issue_date,due_date,amount\n"
        "F-1,C1,2024-01-01,2024-01-31,10.00\n"
        "F-2,C9,2024-01-01,2024-01-31,10.00\n"
        "F-3,C1,2024-02-30,2024-03-31,-5\n",
    )
    result = CliRunner().invoke(main, ["import", "invoices", bad])
    assert result.exit_code == 1
    assert "nothing imported" in result.output
    assert "row 3, customer_code" in result.output
    assert "row 4, issue_date" in result.output and "row 4, amount" in result.output
    report = run("report", "aging", "--as-of", "2024-03-31")
    assert report.output.count("\n") == 1  # header only: F-1 was not written either


def test_report_by_seller_and_invoice_headers(run):
    run("init-db")
    seller = run("report", "aging", "--by", "seller", "--as-of", "2024-01-01").output
    invoice = run("report", "aging", "--by", "invoice", "--as-of", "2024-01-01").output
    assert seller.startswith("seller_code,seller_name,customers,balance,current,d1_30")
    assert invoice.startswith("number,customer_code,issue_date,due_date,amount,open_amount")


def test_demo_loads_once_and_prints_working_logins(run, tmp_path):
    first = run("demo", "--customers", "12", "--years", "1", "--seed", "7")
    assert first.exit_code == 0 and "Demo portfolio loaded" in first.output
    logins = (tmp_path / "demo_logins").read_text().split("\n")
    user, password = logins[0].split(" ")
    assert f"{user} / {password}" in first.output
    again = CliRunner().invoke(main, ["demo", "--customers", "12"])
    assert again.exit_code != 0 and "needs an empty database" in again.output
    report = run("report", "aging", "--by", "seller")
    assert report.exit_code == 0 and report.output.count("\n") >= 2


def _load_portfolio(tmp_path) -> None:  # type: ignore[no-untyped-def]
    """The hand-worked portfolio (tests/factories.py) in the CLI's database."""
    from data_access.db import make_engine, session_factory, session_scope
    from data_access.schema import upgrade
    from tests.factories import build_portfolio

    engine = make_engine(f"sqlite:///{tmp_path / 'cli.db'}")
    upgrade(engine)
    with session_scope(session_factory(engine)) as sess:
        build_portfolio(sess)
    engine.dispose()


KPI_KEYS = [
    "total_receivable",
    "overdue",
    "overdue_pct",
    "current",
    "dso_standard_90",
    "dso_countback",
    "best_possible_dso",
    "add",
    "cei_month",
    "collected_day",
    "collected_week",
    "collected_month",
    "promises_due",
    "promises_broken",
]


def test_report_kpis_json(run, tmp_path):
    _load_portfolio(tmp_path)
    result = run("report", "kpis", "--as-of", "2024-03-31", "--format", "json")
    assert result.exit_code == 0
    record = json.loads(result.output)
    assert list(record) == KPI_KEYS
    # Worked by hand in tests/data_access/test_kpi_service.py.
    assert record["total_receivable"] == "1185.01" and record["overdue_pct"] == "79.4"
    assert record["dso_standard_90"] == "140.3" and record["dso_countback"] == "73.2"
    assert record["cei_month"] == "15.9" and record["collected_week"] == "75.00"
    assert record["promises_due"] == 0
    # Seller S1 (C1, C3) as of 2023-12-31: nothing issued or owed yet, ratios are null.
    early = run("report", "kpis", "--as-of", "2023-12-31", "--seller", "S1", "--format", "json")
    record = json.loads(early.output)
    assert record["total_receivable"] == "0.00" and record["collected_month"] == "0.00"
    assert record["dso_standard_90"] is None and record["cei_month"] is None


def test_report_kpis_csv_header_and_one_row_none_is_empty(run, tmp_path):
    _load_portfolio(tmp_path)
    result = run("report", "kpis", "--as-of", "2024-03-31", "--seller", "S2")
    header, row, *rest = result.output.split("\n")
    assert rest == [""]
    assert header.split(",") == KPI_KEYS
    assert row.split(",")[:4] == ["10.01", "0.01", "0.1", "10.00"]
    # Seller S1 as of 2023-12-31: no sales, nothing collectible -> empty cells.
    early = run("report", "kpis", "--as-of", "2023-12-31", "--seller", "S1").output
    values = dict(zip(KPI_KEYS, early.split("\n")[1].split(","), strict=True))
    assert values["total_receivable"] == "0.00"
    assert values["dso_standard_90"] == "" and values["cei_month"] == ""
