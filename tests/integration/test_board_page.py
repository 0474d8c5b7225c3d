"""The board and its links through the Flask client: a board session sees the board only."""

from __future__ import annotations

import datetime as dt
import json
import re

import pytest
from sqlalchemy import select

from dashboard.board import new_token, token_hash
from dashboard.board_views import CALLBACKS_KEY
from dashboard.context import EXTENSION
from data_access.audit import entries
from data_access.board_links import create_link, revoke_link
from data_access.db import session_scope
from data_access.models import BoardLink
from data_access.versions import current_version
from tests.integration.conftest import callback_text, login, render_request

SECRET = "x" * 32  # the app fixture's SECRET_KEY
ALL_PANELS = ["kpis", "customers", "sellers", "collections", "promises", "notes"]


@pytest.fixture(autouse=True)
def _english(client):  # type: ignore[no-untyped-def]
    client.environ_base["HTTP_ACCEPT_LANGUAGE"] = "en"


def _sessions(app):  # type: ignore[no-untyped-def]
    return app.server.extensions[EXTENSION].sessions


def _make_link(app, *, panels=None, expires_at=None, secret=SECRET):  # type: ignore[no-untyped-def]
    token = new_token(secret)
    with session_scope(_sessions(app)) as sess:
        link = create_link(
            sess,
            name="Sala de juntas",
            token_hash=token_hash(token),
            panels=panels or ALL_PANELS,
            rotation_seconds=20,
            refresh_seconds=60,
            created_by_id=None,
            expires_at=expires_at,
        )
        link_id = link.id
    return token, link_id


def _revoke(app, link_id: int) -> None:  # type: ignore[no-untyped-def]
    with session_scope(_sessions(app)) as sess:
        assert revoke_link(sess, link_id, user_id=None, at=dt.datetime(2024, 1, 1))


def _outputs(key: str) -> list[dict[str, str]]:
    parts = key.strip(".").split("...")
    return [{"id": part.split(".")[0], "property": part.split(".")[1]} for part in parts]


def refresh_request(app, panels=None, height: int = 1080) -> dict[str, object]:  # type: ignore[no-untyped-def]
    """The JSON the renderer posts for the board's refresh callback."""
    (key,) = app.server.extensions[CALLBACKS_KEY]
    return {
        "output": key,
        "outputs": _outputs(key),
        "inputs": [
            {"id": "board-interval", "property": "n_intervals", "value": 3},
            {"id": "board-viewport", "property": "data", "value": {"height": height}},
        ],
        "state": [
            {"id": "board-config", "property": "data", "value": {"panels": panels or ALL_PANELS}}
        ],
        "changedPropIds": ["board-interval.n_intervals"],
    }


def _admin_callback(app, output_id: str) -> dict[str, object]:  # type: ignore[no-untyped-def]
    key = next(k for k in app.callback_map if output_id in k and "allow_duplicate" not in k)
    return {
        "output": key,
        "outputs": _outputs(key),
        "inputs": [{"id": "board-link-create", "property": "n_clicks", "value": 1}],
        "state": [
            {"id": "board-link-name", "property": "value", "value": "Pasillo"},
            {"id": "board-link-panels", "property": "value", "value": ["kpis", "notes"]},
            {"id": "board-link-rotation", "property": "value", "value": 15},
            {"id": "board-link-refresh", "property": "value", "value": 30},
            {"id": "board-link-expires", "property": "value", "value": 7},
        ],
        "changedPropIds": ["board-link-create.n_clicks"],
    }


def test_a_valid_link_opens_the_board_and_its_refresh(app, client):
    token, _ = _make_link(app)
    assert client.get(f"/board?token={token}").status_code == 200
    layout = client.get("/_dash-layout")
    assert layout.status_code == 200
    text = layout.get_data(as_text=True)
    assert "board-screen" in text and "shell-navbar" not in text  # full screen, no navbar
    assert client.get("/_dash-dependencies").status_code == 200
    response = client.post("/_dash-update-component", json=refresh_request(app))
    assert response.status_code == 200, response.get_data(as_text=True)
    body = callback_text(response)
    # The hand-worked portfolio as of today: 1,250.00 + 25.00 - 988.99 = 286.01 receivable.
    assert "$286.01" in body
    assert "Ferretería El Tornillo" in body  # the customer heat map
    assert "updated " in body
    ping = client.get("/board/ping")
    assert ping.status_code == 200 and ping.get_json()["ok"] is True


FORBIDDEN_PATHS = [
    "/",
    "/customers",
    "/customers/C1",
    "/sellers",
    "/collections",
    "/admin/users",
    "/field",
    "/export/portfolio.csv",
    "/export/aging.csv",
    "/export/statement.pdf?customer=C1",
    "/_reload-hash",
    "/no-such-page",
]


@pytest.mark.parametrize("path", FORBIDDEN_PATHS)
def test_a_board_session_is_refused_everywhere_else(app, client, path):
    token, _ = _make_link(app)
    client.get(f"/board?token={token}")
    response = client.get(path)
    assert response.status_code == 403
    assert b"Ferreter" not in response.data and b"286" not in response.data


def test_a_board_session_may_not_call_other_callbacks(app, client):
    token, _ = _make_link(app)
    client.get(f"/board?token={token}")
    # The router (any page), and the board links admin callback.
    for body in (
        render_request("/customers"),
        render_request("/board"),
        _admin_callback(app, "board-link-message"),
    ):
        response = client.post("/_dash-update-component", json=body)
        assert response.status_code == 403, body["output"]
        assert b"Ferreter" not in response.data
    # A body that names the board's callback but asks for other outputs runs the board
    # callback or nothing: never another page's.
    forged = refresh_request(app)
    forged["output"] = "shell-page.children"
    assert client.post("/_dash-update-component", json=forged).status_code == 403
    not_json = client.post("/_dash-update-component", data="x", content_type="text/plain")
    assert not_json.status_code == 403


def test_an_expired_link_does_not_open(app, client):
    token, _ = _make_link(app, expires_at=dt.datetime(2020, 1, 1))
    response = client.get(f"/board?token={token}")
    assert response.status_code == 403
    assert "This board link has expired" in response.get_data(as_text=True)
    assert client.get("/_dash-layout").status_code == 401  # not signed in as anything


def test_a_revoked_or_forged_link_does_not_open(app, client):
    token, link_id = _make_link(app)
    _revoke(app, link_id)
    response = client.get(f"/board?token={token}")
    assert response.status_code == 403
    assert "This board link was revoked" in response.get_data(as_text=True)
    body, signature = token.split(".")
    for bad in (f"{body}.{signature[::-1]}", body, "", new_token("another secret key" * 2)):
        page = client.get(f"/board?token={bad}")
        assert page.status_code == 403
        assert "This board link is not valid" in page.get_data(as_text=True)


def test_revoking_stops_the_screen_at_its_next_refresh(app, client):
    token, link_id = _make_link(app)
    client.get(f"/board?token={token}")
    assert client.post("/_dash-update-component", json=refresh_request(app)).status_code == 200
    _revoke(app, link_id)
    refused = client.post("/_dash-update-component", json=refresh_request(app))
    assert refused.status_code == 403
    assert refused.get_json() == {"error": "This board link was revoked", "state": "revoked"}
    ping = client.get("/board/ping")
    assert ping.status_code == 403 and ping.get_json()["state"] == "revoked"
    page = client.get("/board")
    assert page.status_code == 403 and "This board link was revoked" in page.get_data(as_text=True)


def test_expiry_stops_a_running_screen(app, client):
    token, link_id = _make_link(app)
    client.get(f"/board?token={token}")
    with session_scope(_sessions(app)) as sess:
        sess.get(BoardLink, link_id).expires_at = dt.datetime(2020, 1, 1)
    response = client.post("/_dash-update-component", json=refresh_request(app))
    assert response.status_code == 403 and response.get_json()["state"] == "expired"


def test_the_link_signs_a_user_out_and_uses_the_link_panels(app, client):
    login(client, "admin")
    token, _ = _make_link(app, panels=["notes"])
    client.get(f"/board?token={token}")
    assert client.get("/customers").status_code == 403  # the admin is gone
    response = client.post("/_dash-update-component", json=refresh_request(app, panels=ALL_PANELS))
    assert response.status_code == 200
    data = response.get_json()["response"]
    # The link shows notes only, whatever the page sends.
    assert set(data) == {"board-updated", "board-notes"}


def test_the_screen_is_seen_without_touching_the_data_version(app, client):
    token, link_id = _make_link(app)
    with session_scope(_sessions(app)) as sess:
        before = current_version(sess)
    client.get(f"/board?token={token}")
    client.get("/board/ping")
    with session_scope(_sessions(app)) as sess:
        link = sess.get(BoardLink, link_id)
        assert link.last_seen_at is not None
        assert current_version(sess) == before  # figure caches stay valid


def test_signed_in_users_open_the_board_normally(app, client):
    login(client, "mira")  # a viewer
    assert client.get("/board").status_code == 200
    rendered = client.post("/_dash-update-component", json=render_request("/board"))
    assert rendered.status_code == 200 and "board-screen" in callback_text(rendered)
    response = client.post("/_dash-update-component", json=refresh_request(app, panels=["kpis"]))
    assert response.status_code == 200
    assert set(response.get_json()["response"]) == {"board-updated", "board-kpis"}
    assert client.get("/board/ping").status_code == 200
    # Viewers do not manage board links.
    assert (
        client.post(
            "/_dash-update-component", json=_admin_callback(app, "board-link-message")
        ).status_code
        == 204
    )


def test_collectors_do_not_get_the_board(app, client):
    login(client, "cobra1")
    assert client.get("/board").status_code == 403
    response = client.post("/_dash-update-component", json=refresh_request(app))
    assert response.status_code == 204  # PreventUpdate: nothing sent


def test_anonymous_ping_and_board_are_refused(client):
    assert client.get("/board/ping").status_code == 401
    assert client.get("/board").status_code == 302


def test_an_admin_creates_a_link_and_only_its_hash_is_stored(app, client, tmp_path):
    login(client, "admin")
    response = client.post(
        "/_dash-update-component", json=_admin_callback(app, "board-link-message")
    )
    assert response.status_code == 200, response.get_data(as_text=True)
    text = callback_text(response)
    token = re.search(r"/board\?token=([A-Za-z0-9_\-.]+)", text).group(1)  # type: ignore[union-attr]
    with session_scope(_sessions(app)) as sess:
        link = sess.scalars(select(BoardLink)).one()
        assert link.token_hash == token_hash(token)
        assert (link.name, link.panels, link.rotation_seconds, link.refresh_seconds) == (
            "Pasillo",
            "kpis,notes",
            15,
            30,
        )
        assert link.expires_at is not None
        assert [e.action for e in entries(sess, entity="board_link")] == ["board_link.create"]
    # The raw token is nowhere in the database file.
    database = (tmp_path / "app.db").read_bytes()
    assert token.encode() not in database and token.split(".")[0].encode() not in database
    # It opens the board (in another browser).
    with app.server.test_client() as screen:
        assert screen.get(f"/board?token={token}").status_code == 200
        assert screen.get("/customers").status_code == 403


def test_the_links_page_is_for_admins(app, client):
    _make_link(app)
    login(client, "admin")
    body = render_request("/board")
    body["state"] = [{"id": "shell-url", "property": "search", "value": "?manage=links"}]
    page = callback_text(client.post("/_dash-update-component", json=body))
    assert "Board links" in page and "Sala de juntas" in page and "Revoke" in page


def test_the_links_page_refuses_viewers(app, client):
    login(client, "mira")
    body = render_request("/board")
    body["state"] = [{"id": "shell-url", "property": "search", "value": "?manage=links"}]
    page = callback_text(client.post("/_dash-update-component", json=body))
    assert "Only administrators manage board links." in page
    assert (
        json.loads(page)["response"]["shell-page"]["children"]["props"]["className"]
        == "message-page"
    )
