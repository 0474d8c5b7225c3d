"""The campaigns and reminder sequences pages through the real app (outbox mode: the app
fixture configures no SMTP server): only admins and managers may use them, a campaign
runs in the background to 100 %, levels are saved."""

from __future__ import annotations

import datetime as dt
import time
from typing import Any

from sqlalchemy import func, select

from data_access.db import session_scope
from data_access.models import Campaign, CampaignRecipient, Message, ReminderLevel
from tests.data_access.campaign_fixtures import add_customers
from tests.integration.conftest import callback_text, login, render_request

SEGMENT = ["campaigns-bucket", "campaigns-tag", "campaigns-seller", "campaigns-collector",
           "campaigns-min-balance"]  # fmt: skip


def _sessions(app):  # type: ignore[no-untyped-def]
    return app.server.extensions["cartera"].sessions


def _callback(app, first_output: str) -> tuple[str, list[dict[str, str]]]:  # type: ignore[no-untyped-def]
    key = next(k for k in app.callback_map if k.lstrip(".").startswith(first_output))
    outputs = []
    for part in key.strip(".").split("..."):
        component, _, prop = part.rpartition(".")
        outputs.append({"id": component, "property": prop})
    return key, outputs


def send_request(app, token: str, name: str = "Marzo") -> dict[str, Any]:  # type: ignore[no-untyped-def]
    key = next(k for k in app.callback_map if "campaigns-form-error.children" in k)
    outputs = [{"id": "campaigns-url", "property": "href"},
               {"id": "campaigns-form-error", "property": "children"}]  # fmt: skip
    values = {"campaigns-name": name, "campaigns-channel": "email", "campaigns-tone": "auto",
              "campaigns-documents": "overdue"}  # fmt: skip
    return {
        "output": key,
        "outputs": outputs,
        "inputs": [{"id": "campaigns-send", "property": "n_clicks", "value": 1}],
        "changedPropIds": ["campaigns-send.n_clicks"],
        "state": [
            {"id": "campaigns-token", "property": "data", "value": token},
            *({"id": i, "property": "value", "value": v} for i, v in values.items()),
            *({"id": i, "property": "value", "value": "*"} for i in SEGMENT[:-1]),
            {"id": "campaigns-min-balance", "property": "value", "value": None},
        ],
    }


def progress_request(app, campaign_id: int) -> dict[str, Any]:  # type: ignore[no-untyped-def]
    key, outputs = _callback(app, "campaigns-progress.value")
    return {
        "output": key,
        "outputs": outputs,
        "inputs": [{"id": "campaigns-poll", "property": "n_intervals", "value": 1}],
        "changedPropIds": ["campaigns-poll.n_intervals"],
        "state": [{"id": "campaigns-id", "property": "data", "value": campaign_id}],
    }


def _with_contacts(app) -> None:  # type: ignore[no-untyped-def]
    with session_scope(_sessions(app)) as sess:
        add_customers(sess, as_of=dt.date.today())


def test_only_admins_and_managers_open_the_pages(app, client):
    for user, status in (("cobra1", 403), ("mira", 403), ("admin", 200)):
        login(client, user)
        for path in ("/campaigns", "/admin/reminders"):
            assert client.get(path).status_code == status, (user, path)
        client.get("/logout")


def test_collectors_and_viewers_cannot_start_a_campaign(app, client):
    _with_contacts(app)
    for user in ("cobra1", "mira"):
        login(client, user)
        client.get("/language/en")
        response = client.post("/_dash-update-component", json=send_request(app, f"t-{user}"))
        assert response.status_code == 200
        assert "Only admins and managers can send campaigns." in callback_text(response)
        client.get("/logout")
    with session_scope(_sessions(app)) as sess:
        assert sess.scalar(select(func.count()).select_from(Campaign)) == 0
        assert sess.scalar(select(func.count()).select_from(Message)) == 0


def test_an_admin_sends_a_campaign_to_the_outbox_and_sees_it_reach_100(app, client, tmp_path):
    _with_contacts(app)
    login(client, "admin")
    client.get("/language/en")
    page = client.post("/_dash-update-component", json=render_request("/campaigns"))
    assert "New campaign" in callback_text(page)
    response = client.post("/_dash-update-component", json=send_request(app, "tok-1"))
    text = callback_text(response)
    assert "/campaigns?id=" in text, text
    again = client.post("/_dash-update-component", json=send_request(app, "tok-1"))
    assert callback_text(again) == text  # a double click: the same campaign
    with session_scope(_sessions(app)) as sess:
        campaign_id = sess.scalar(select(Campaign.id))
    assert campaign_id is not None
    for _ in range(300):  # the background thread sends five, 2 s apart (30 a minute)
        body = callback_text(
            client.post("/_dash-update-component", json=progress_request(app, campaign_id))
        )
        if "Finished" in body:
            break
        time.sleep(0.1)
    assert '"value": 100' in body and "Finished" in body and "in the outbox, not sent: 5" in body
    with session_scope(_sessions(app)) as sess:
        statuses = sess.scalars(
            select(CampaignRecipient.status).where(CampaignRecipient.status != "excluded")
        ).all()
        assert statuses == ["outbox"] * 5
        assert sess.scalar(select(func.count()).select_from(Campaign)) == 1
    assert len(list((tmp_path / "outbox").glob("*-campaign.eml"))) == 5


def save_level_request(app, days: Any) -> dict[str, Any]:  # type: ignore[no-untyped-def]
    key, outputs = _callback(app, "reminders-message.children")
    values = {"reminders-name": "Una semana", "reminders-days": days,
              "reminders-channel": "email", "reminders-tone": "auto", "reminders-active": True,
              "reminders-bucket": "*", "reminders-tag": "*", "reminders-seller": "*",
              "reminders-collector": "*", "reminders-min-balance": None}  # fmt: skip
    return {
        "output": key,
        "outputs": outputs,
        "inputs": [
            {"id": "reminders-save", "property": "n_clicks", "value": 1},
            {"id": "reminders-delete", "property": "n_clicks", "value": None},
        ],
        "changedPropIds": ["reminders-save.n_clicks"],
        "state": [
            {"id": "reminders-level", "property": "value", "value": "new"},
            *({"id": i, "property": "value", "value": v} for i, v in values.items()),
            {"id": "reminders-refresh", "property": "data", "value": 0},
        ],
    }


def test_levels_are_saved_by_managers_only(app, client):
    login(client, "cobra1")
    client.get("/language/en")
    refused = client.post("/_dash-update-component", json=save_level_request(app, 7))
    assert "Only admins and managers" in callback_text(refused)
    client.get("/logout")
    login(client, "admin")
    client.get("/language/en")
    bad = client.post("/_dash-update-component", json=save_level_request(app, 7.5))
    assert "Days: a whole number from -60 to 3650." in callback_text(bad)
    good = client.post("/_dash-update-component", json=save_level_request(app, 7))
    assert "Saved." in callback_text(good)
    with session_scope(_sessions(app)) as sess:
        assert sess.scalars(select(ReminderLevel.days)).all() == [7]
