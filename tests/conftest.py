"""Shared fixtures: a fresh database per test on SQLite and (marked) PostgreSQL."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine, text
from sqlalchemy.orm import Session

from data_access.db import make_engine, session_factory
from data_access.schema import upgrade

PG_ADMIN_URL = os.environ.get(
    "CARTERA_TEST_PG_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test"
)
IN_CI = os.environ.get("CI", "").lower() == "true"


def postgres_available() -> bool:
    """Whether the PostgreSQL test server answers."""
    try:
        engine = make_engine(PG_ADMIN_URL)
        with engine.connect() as conn:
            conn.execute(text("SELECT 1"))
        engine.dispose()
        return True
    except Exception:
        return False


def _skip_or_fail(reason: str) -> None:
    if IN_CI:
        pytest.fail(f"{reason} (CI=true: this tier must run)")
    pytest.skip(reason)


IBM_SAMPLE = Path(
    os.environ.get(
        "CARTERA_IBM_SAMPLE", Path(__file__).resolve().parents[2] / "shared/data/ar_ibm.csv"
    )
)


@pytest.fixture
def ibm_sample() -> Path:
    """IBM's public receivables sample (``../shared/data/ar_ibm.csv`` beside the checkout,
    or ``CARTERA_IBM_SAMPLE``); missing: skipped locally, a failure with CI=true."""
    found = IBM_SAMPLE if IBM_SAMPLE.is_file() else Path("/work/shared/data/ar_ibm.csv")
    if not found.is_file():
        _skip_or_fail(f"IBM sample not found at {IBM_SAMPLE}")
    return found


@pytest.fixture(scope="session")
def pg_schema_factory() -> Iterator[object]:
    """Creates throw-away PostgreSQL schemas and drops them at the end of the session."""
    if not postgres_available():
        _skip_or_fail(f"PostgreSQL not reachable at {PG_ADMIN_URL}")
    admin = make_engine(PG_ADMIN_URL)
    created: list[str] = []

    def make() -> Engine:
        schema = f"t_{uuid.uuid4().hex[:12]}"
        with admin.begin() as conn:
            conn.execute(text(f'CREATE SCHEMA "{schema}"'))
        created.append(schema)
        return make_engine(PG_ADMIN_URL, connect_args={"options": f"-csearch_path={schema}"})

    yield make
    for schema in created:  # one transaction each: PostgreSQL caps locks per transaction
        with admin.begin() as conn:
            conn.execute(text(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE'))
    admin.dispose()


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def engine(request: pytest.FixtureRequest, tmp_path) -> Iterator[Engine]:  # type: ignore[no-untyped-def]
    """A migrated, empty database: SQLite in a temp dir, or a fresh PostgreSQL schema."""
    if request.param == "sqlite":
        eng = make_engine(f"sqlite:///{tmp_path / 'cartera.db'}")
    else:
        eng = request.getfixturevalue("pg_schema_factory")()
    upgrade(eng)
    yield eng
    eng.dispose()


@pytest.fixture
def sqlite_engine(tmp_path) -> Iterator[Engine]:  # type: ignore[no-untyped-def]
    """A migrated, empty SQLite database only (for tests that need no PostgreSQL twin)."""
    eng = make_engine(f"sqlite:///{tmp_path / 'cartera.db'}")
    upgrade(eng)
    yield eng
    eng.dispose()


@pytest.fixture
def session(engine: Engine) -> Iterator[Session]:
    """A session on the parametrised database; the test decides when to commit."""
    factory = session_factory(engine)
    with factory() as sess:
        yield sess
