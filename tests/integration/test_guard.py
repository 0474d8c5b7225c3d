"""Every route and the callback endpoint refuse anonymous users; roles and scopes hold."""

from __future__ import annotations

import re

import pytest

from tests.integration.conftest import callback_text, login, render_request

PAGES = ["/", "/customers", "/customers/C1", "/admin/users", "/no-such-page"]
DASH_ENDPOINTS = ["/_dash-layout", "/_dash-dependencies", "/_reload-hash"]


def every_rule(app) -> list[str]:  # type: ignore[no-untyped-def]
    """Concrete paths for every URL rule the server knows."""
    paths = []
    for rule in app.server.url_map.iter_rules():
        path = re.sub(r"<(?:[^:>]+:)?([^>]+)>", "x", rule.rule)
        paths.append(path)
    return sorted(set(paths))


@pytest.mark.parametrize("path", PAGES)
def test_anonymous_pages_redirect_to_login(client, path):
    response = client.get(path)
    assert response.status_code == 302
    assert response.headers["Location"].startswith("/login?next=")


def test_every_registered_route_is_guarded(app, client):
    public = {"/login", "/favicon.ico", "/language/x", "/vendor/x", "/assets/x"}
    for path in every_rule(app):
        if path in public:
            continue
        response = client.get(path)
        assert response.status_code in (302, 401), f"{path} answered {response.status_code}"


def test_anonymous_callback_is_refused(client):
    response = client.post("/_dash-update-component", json=render_request("/customers"))
    assert response.status_code == 401
    assert b"Ferreter" not in response.data


@pytest.mark.parametrize("path", DASH_ENDPOINTS)
def test_anonymous_dash_endpoints_are_refused(client, path):
    assert client.get(path).status_code == 401


def test_login_rejects_bad_password_and_missing_csrf(client):
    page = client.get("/login").get_data(as_text=True)
    token = re.search(r'name="csrf" value="([^"]+)"', page).group(1)
    bad = client.post("/login", data={"csrf": token, "username": "admin", "password": "nope"})
    assert bad.status_code == 401
    no_token = client.post("/login", data={"username": "admin", "password": "s3cret-pass"})
    assert no_token.status_code == 400
    assert client.get("/customers").status_code == 302


def test_login_never_redirects_off_site(client):
    page = client.get("/login").get_data(as_text=True)
    token = re.search(r'name="csrf" value="([^"]+)"', page).group(1)
    response = client.post(
        "/login",
        data={
            "csrf": token,
            "username": "admin",
            "password": "s3cret-pass",
            "next": "//evil.example/x",
        },
    )
    assert response.headers["Location"] == "/"


def test_signed_in_user_gets_pages_and_callbacks(client):
    login(client, "admin")
    assert client.get("/customers").status_code == 200
    response = client.post("/_dash-update-component", json=render_request("/customers"))
    assert response.status_code == 200
    assert "Ferretería El Tornillo" in callback_text(response)


@pytest.mark.parametrize("username", ["cobra1", "mira"])
def test_wrong_role_is_refused_admin_page(client, username):
    login(client, username)
    assert client.get("/admin/users").status_code == 403
    body = client.post("/_dash-update-component", json=render_request("/admin/users"))
    text = callback_text(body)
    assert "cobra2" not in text and ("access" in text or "acceso" in text)


def test_admin_sees_users_page(client):
    login(client, "admin")
    assert client.get("/admin/users").status_code == 200
    text = callback_text(
        client.post("/_dash-update-component", json=render_request("/admin/users"))
    )
    assert "cobra2" in text


def test_collector_sees_only_assigned_customers(client):
    login(client, "cobra1")
    text = callback_text(client.post("/_dash-update-component", json=render_request("/customers")))
    assert "Ferretería El Tornillo" in text and "Northwind" not in text
    assert client.get("/customers/C2").status_code == 404
    other = client.post("/_dash-update-component", json=render_request("/customers/C2"))
    assert "Northwind" not in callback_text(other)
    assert client.get("/customers/C1").status_code == 200


def test_logout_ends_the_session(client):
    login(client, "admin")
    client.get("/logout")
    assert client.post("/_dash-update-component", json=render_request("/")).status_code == 401
