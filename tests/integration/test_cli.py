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
