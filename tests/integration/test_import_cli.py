"""``cartera import`` with a mapping: the page's code path from the command line."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner
from sqlalchemy import select

from dashboard.cli import main
from data_access import audit
from data_access.db import make_engine, session_factory, session_scope
from data_access.models import Document

SPANISH = (
    "Nro. Factura;Cliente;Razón social;Fecha;Vence;Monto\n"
    "B-1;N100;Nuevo Uno;13/01/2024;12/02/2024;1.500,00\n"
    "B-2;N101;Nuevo Dos;20/01/2024;19/02/2024;80,5\n"
)
MAPPING = {
    "kinds": {
        "customers": {"Cliente": "code", "Razón social": "name"},
        "invoices": {
            "Nro. Factura": "number",
            "Cliente": "customer_code",
            "Fecha": "issue_date",
            "Vence": "due_date",
            "Monto": "amount",
        },
    }
}


@pytest.fixture
def run(tmp_path, monkeypatch):  # type: ignore[no-untyped-def]
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'cli.db'}")
    monkeypatch.setenv("CARTERA_INSTANCE", str(tmp_path))
    runner = CliRunner()

    def invoke(*args: str):  # type: ignore[no-untyped-def]
        return runner.invoke(main, list(args), catch_exceptions=False)

    return invoke


def test_mapping_file_with_detected_formats_imports_both_kinds_and_is_audited(run, tmp_path):
    data = tmp_path / "erp.csv"
    data.write_text(SPANISH, encoding="utf-8")
    mapping = tmp_path / "erp.json"
    mapping.write_text(json.dumps(MAPPING), encoding="utf-8")
    result = run("import", "all", str(data), "--mapping", str(mapping))
    assert result.exit_code == 0, result.output
    assert "erp.csv customers: 2 created" in result.output
    assert "erp.csv invoices: 2 created" in result.output
    only = run("import", "invoices", str(data), "--mapping", str(mapping))
    assert only.output.strip() == "erp.csv: 0 created, 0 updated, 2 unchanged."
    engine = make_engine(f"sqlite:///{tmp_path / 'cli.db'}")
    with session_scope(session_factory(engine)) as sess:
        amounts = dict(sess.execute(select(Document.number, Document.amount)).all())
        assert {k: str(v) for k, v in amounts.items()} == {"B-1": "1500.00", "B-2": "80.50"}
        entries = audit.entries(sess, entity="import")
        assert len(entries) == 2 and entries[0].user_id is None
        assert audit.details_of(entries[0])["via"] == "cli"
    engine.dispose()


def test_wrong_decimal_mark_imports_nothing_and_names_row_and_column(run, tmp_path):
    data = tmp_path / "erp.csv"
    data.write_text(SPANISH, encoding="utf-8")
    mapping = tmp_path / "erp.json"
    mapping.write_text(json.dumps(MAPPING), encoding="utf-8")
    result = CliRunner().invoke(
        main, ["import", "all", str(data), "--mapping", str(mapping), "--decimal", "dot"]
    )
    assert result.exit_code == 1
    assert "nothing imported" in result.output
    assert "row 2, Monto: invoices: bad number '1.500,00'" in result.output


def test_all_needs_a_mapping_and_unknown_mappings_are_named(run, tmp_path):
    data = tmp_path / "erp.csv"
    data.write_text(SPANISH, encoding="utf-8")
    assert "KIND all needs --mapping" in run("import", "all", str(data)).output
    missing = run("import", "invoices", str(data), "--mapping", "nope")
    assert missing.exit_code != 0 and "no saved mapping or mapping file called 'nope'" in (
        missing.output
    )


def test_ibm_sample_through_the_shipped_mapping(run, ibm_sample):
    result = run("import", "all", str(ibm_sample), "--mapping", "ibm-receivables")
    assert result.exit_code == 0, result.output
    assert result.output.splitlines() == [
        "ar_ibm.csv customers: 100 created, 0 updated, 0 unchanged.",
        "ar_ibm.csv invoices: 2466 created, 0 updated, 0 unchanged.",
        "ar_ibm.csv payments: 2466 created, 0 updated, 0 unchanged.",
    ]
