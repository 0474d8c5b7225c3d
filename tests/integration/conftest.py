"""An app on a migrated SQLite database holding the hand-worked portfolio."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator

import pytest
from flask.testing import FlaskClient

from dashboard import create_app
from dashboard.config import load_settings
from data_access.db import make_engine, session_factory, session_scope
from tests.conftest import migrated_sqlite_url
from tests.factories import PASSWORD, build_portfolio


@pytest.fixture
def app(tmp_path):  # type: ignore[no-untyped-def]
    url = migrated_sqlite_url(tmp_path / "app.db")
    engine = make_engine(url)
    with session_scope(session_factory(engine)) as sess:
        build_portfolio(sess)
    engine.dispose()
    env = {"DATABASE_URL": url, "CARTERA_INSTANCE": str(tmp_path), "SECRET_KEY": "x" * 32}
    return create_app(load_settings(env, testing=True))


@pytest.fixture
def client(app) -> Iterator[FlaskClient]:  # type: ignore[no-untyped-def]
    with app.server.test_client() as test_client:
        yield test_client


def login(client: FlaskClient, username: str, password: str = PASSWORD) -> None:
    """Sign in through the real form (with its CSRF token)."""
    page = client.get("/login").get_data(as_text=True)
    token = re.search(r'name="csrf" value="([^"]+)"', page).group(1)  # type: ignore[union-attr]
    response = client.post(
        "/login", data={"csrf": token, "username": username, "password": password, "next": "/"}
    )
    assert response.status_code == 302, response.get_data(as_text=True)


def callback_text(response) -> str:  # type: ignore[no-untyped-def]
    """A callback response's JSON as readable text (non-ASCII unescaped)."""
    return json.dumps(response.get_json(), ensure_ascii=False)


def render_request(pathname: str) -> dict[str, object]:
    """The JSON body Dash's renderer posts to route ``pathname``."""
    return {
        "output": "shell-page.children",
        "outputs": {"id": "shell-page", "property": "children"},
        "inputs": [{"id": "shell-url", "property": "pathname", "value": pathname}],
        "changedPropIds": ["shell-url.pathname"],
        "state": [{"id": "shell-url", "property": "search", "value": ""}],
    }
