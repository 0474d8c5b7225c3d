"""Shared fixtures: a fresh database per test on SQLite and (marked) PostgreSQL."""

from __future__ import annotations

import atexit
import functools
import os
import shutil
import tempfile
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine, text
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session

from data_access.db import make_engine, session_factory
from data_access.schema import upgrade

PG_ADMIN_URL = os.environ.get(
    "CARTERA_TEST_PG_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test"
)
IN_CI = os.environ.get("CI", "").lower() == "true"


@pytest.fixture(autouse=True, scope="session")
def _hash_each_password_once() -> Iterator[None]:
    """scrypt takes ~70 ms a call by design, and the tests create the same few users
    thousands of times: each password is hashed once per run (the salt repeats across
    those users; checking a password is unchanged)."""
    import data_access.users as users

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(
            users, "generate_password_hash", functools.lru_cache(users.generate_password_hash)
        )
        yield


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


_SQLITE_TEMPLATE: list[Path] = []


def migrated_sqlite_url(path: Path) -> str:
    """A migrated, empty SQLite database at ``path``: a copy of one migrated per test run.

    Copying a file takes milliseconds where running every migration takes tenths of a
    second; tests/data_access/test_migrations.py checks the migrations themselves.
    """
    if not _SQLITE_TEMPLATE:
        folder = Path(tempfile.mkdtemp(prefix="cartera-template-"))
        atexit.register(shutil.rmtree, folder, ignore_errors=True)
        template = folder / "template.db"
        eng = make_engine(f"sqlite:///{template}")
        upgrade(eng)
        with eng.connect() as conn:
            conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
        eng.dispose()
        _SQLITE_TEMPLATE.append(template)
    shutil.copyfile(_SQLITE_TEMPLATE[0], path)
    return f"sqlite:///{path}"


@pytest.fixture(scope="session")
def pg_shared_engine(pg_schema_factory) -> Iterator[Engine]:  # type: ignore[no-untyped-def]
    """One migrated PostgreSQL schema, emptied before each test that uses it."""
    eng = pg_schema_factory()
    upgrade(eng)
    yield eng
    eng.dispose()


def _emptied(eng: Engine) -> bool:
    """Delete every row (ids restart at 1) and put back the rows the migrations seed.

    DELETE, not TRUNCATE: a test leaves a handful of rows, and TRUNCATE rewrites
    every table's files. False when a table stays locked (a connection leaked by an
    earlier test): the caller then takes a fresh schema.
    """
    from data_access.models import Base, DataVersion

    deletes = "; ".join(
        f'DELETE FROM "{table.name}"'  # noqa: S608 - our own table names
        for table in reversed(Base.metadata.sorted_tables)
    )
    eng.dispose()
    try:
        with eng.begin() as conn:
            conn.execute(text("SET LOCAL lock_timeout = '3s'"))
            conn.exec_driver_sql(deletes)
            sequences = conn.execute(
                text("SELECT sequencename FROM pg_sequences WHERE schemaname = current_schema()")
            ).scalars()
            restarts = "; ".join(f'ALTER SEQUENCE "{name}" RESTART' for name in sequences)
            if restarts:
                conn.exec_driver_sql(restarts)
            conn.execute(DataVersion.__table__.insert().values(id=1, version=0))
    except OperationalError:
        return False
    return True


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def engine(request: pytest.FixtureRequest, tmp_path) -> Iterator[Engine]:  # type: ignore[no-untyped-def]
    """A migrated, empty database: SQLite in a temp dir, or PostgreSQL.

    PostgreSQL reuses one migrated schema, emptied first (a fresh schema when that
    fails); SQLite copies a migrated file.
    """
    if request.param == "sqlite":
        eng = make_engine(migrated_sqlite_url(tmp_path / "cartera.db"))
        yield eng
        eng.dispose()
        return
    shared = request.getfixturevalue("pg_shared_engine")
    if _emptied(shared):
        yield shared
        shared.dispose()
        return
    eng = request.getfixturevalue("pg_schema_factory")()
    upgrade(eng)
    yield eng
    eng.dispose()


@pytest.fixture
def sqlite_engine(tmp_path) -> Iterator[Engine]:  # type: ignore[no-untyped-def]
    """A migrated, empty SQLite database only (for tests that need no PostgreSQL twin)."""
    eng = make_engine(migrated_sqlite_url(tmp_path / "cartera.db"))
    yield eng
    eng.dispose()


@pytest.fixture
def session(engine: Engine) -> Iterator[Session]:
    """A session on the parametrised database; the test decides when to commit."""
    factory = session_factory(engine)
    with factory() as sess:
        yield sess
