"""`cartera remind`, end to end on a SQLite file (no SMTP configured: the outbox)."""

from __future__ import annotations

from click.testing import CliRunner
from sqlalchemy import func, select

from dashboard.campaigns import Segment
from dashboard.cli import main
from data_access.db import make_engine, session_factory, session_scope
from data_access.models import Base
from data_access.reminders import save_level
from data_access.schema import upgrade
from data_access.scope import Scope
from tests.data_access.campaign_fixtures import add_customers
from tests.factories import build_portfolio


def _counts(sessions) -> dict[str, int]:  # type: ignore[no-untyped-def]
    with session_scope(sessions) as sess:
        return {
            t.name: sess.scalar(select(func.count()).select_from(t))
            for t in Base.metadata.sorted_tables
        }


def test_remind_dry_run_writes_nothing_then_sends_once(tmp_path, monkeypatch):
    url = f"sqlite:///{tmp_path / 'cli.db'}"
    monkeypatch.setenv("DATABASE_URL", url)
    monkeypatch.setenv("CARTERA_INSTANCE", str(tmp_path))
    monkeypatch.setenv("SECRET_KEY", "x" * 32)
    monkeypatch.delenv("CARTERA_SMTP_HOST", raising=False)
    monkeypatch.setenv("CARTERA_SEND_RATE", "6000")
    engine = make_engine(url)
    upgrade(engine)
    sessions = session_factory(engine)
    with session_scope(sessions) as sess:
        handy = build_portfolio(sess)
        add_customers(sess)
        for days in (-3, 7, 30):
            save_level(
                sess,
                scope=Scope.everything(),
                user_id=handy["admin"].id,  # type: ignore[attr-defined]
                name="",
                days=days,
                segment=Segment().to_json(),
                channel="email",
                tone=None,
            )
    before = _counts(sessions)
    runner = CliRunner()
    dry = runner.invoke(
        main, ["remind", "--dry-run", "--as-of", "2024-03-31"], catch_exceptions=False
    )
    assert dry.exit_code == 0
    lines = dry.output.splitlines()
    assert lines[0] == (
        "customer_code,customer_name,level,channel,invoices,amount,recipient,status,note"
    )
    assert "K2,Cliente K2,30,email,K2-2 K2-1,500.00,k2@example.com,would_send," in lines
    assert "K6,Cliente K6,30,email,K6-1,800.00,k6@example.com,paused,disputed" in lines
    assert _counts(sessions) == before
    assert not (tmp_path / "outbox").exists()

    sent = runner.invoke(main, ["remind", "--as-of", "2024-03-31"], catch_exceptions=False)
    assert sent.exit_code == 0 and sent.output.count(",outbox,") == 5
    assert len(list((tmp_path / "outbox").glob("*-reminder.eml"))) == 5
    again = runner.invoke(main, ["remind", "--as-of", "2024-03-31"], catch_exceptions=False)
    assert ",outbox," not in again.output
    assert len(list((tmp_path / "outbox").glob("*.eml"))) == 5
    engine.dispose()
