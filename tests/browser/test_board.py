"""The meeting-room board in Chromium: it outlives a server restart, and reads at 1080p and 4K."""

from __future__ import annotations

import datetime as dt
import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from selenium.webdriver.support.ui import WebDriverWait

from dashboard.board import new_token, token_hash
from dashboard.context import EXTENSION
from data_access.board_links import create_link, revoke_link
from data_access.db import make_engine, session_factory, session_scope
from data_access.schema import upgrade
from tests.factories import build_portfolio

SECRET = "r" * 32
ALL_PANELS = ["kpis", "customers", "sellers", "collections", "promises", "notes"]
CARTERA = Path(sys.executable).parent / "cartera"
# Set to a folder to keep the screenshots (they go to the test's tmp_path otherwise).
SHOTS = os.environ.get("CARTERA_BOARD_SCREENSHOTS")


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _add_link(factory, *, panels, rotation: int = 5, refresh: int = 5) -> tuple[str, int]:  # type: ignore[no-untyped-def]
    token = new_token(SECRET)
    with session_scope(factory) as sess:
        link = create_link(
            sess,
            name="Sala",
            token_hash=token_hash(token),
            panels=panels,
            rotation_seconds=rotation,
            refresh_seconds=refresh,
            created_by_id=None,
        )
        return token, link.id


class Server:
    """``cartera serve`` in a subprocess on a fixed port, to stop and start again."""

    def __init__(self, env: dict[str, str], port: int) -> None:
        self.env = env
        self.port = port
        self.url = f"http://127.0.0.1:{port}"
        self.process: subprocess.Popen[bytes] | None = None

    def start(self) -> None:
        self.process = subprocess.Popen(
            [str(CARTERA), "serve", "--port", str(self.port)],
            env=self.env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                with urllib.request.urlopen(self.url + "/login", timeout=2) as answer:
                    if answer.status == 200:
                        return
            except OSError:
                time.sleep(0.3)
        raise AssertionError("cartera serve did not start")

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.kill()
            self.process.wait(timeout=20)
        self.process = None


@pytest.fixture
def served(tmp_path) -> Iterator[tuple[Server, str]]:  # type: ignore[no-untyped-def]
    """The app with the hand-worked portfolio and a board link refreshing every 5 s."""
    url = f"sqlite:///{tmp_path / 'served.db'}"
    engine = make_engine(url)
    upgrade(engine)
    factory = session_factory(engine)
    with session_scope(factory) as sess:
        build_portfolio(sess)
    token, _ = _add_link(factory, panels=["kpis", "notes"])
    engine.dispose()
    env = {
        **os.environ,
        "DATABASE_URL": url,
        "SECRET_KEY": SECRET,
        "CARTERA_INSTANCE": str(tmp_path),
        "CARTERA_LOCALE": "en",
    }
    server = Server(env, _free_port())
    server.start()
    try:
        yield server, token
    finally:
        server.stop()


def _content(browser, selector: str) -> str:  # type: ignore[no-untyped-def]
    """All the text in an element, shown or not (panels not on screen have opacity 0)."""
    return str(browser.find_element(selector).get_attribute("textContent") or "")


def _wait_for_content(browser, selector: str, text: str) -> None:  # type: ignore[no-untyped-def]
    WebDriverWait(browser.driver, 20, poll_frequency=0.25).until(
        lambda _d: text in _content(browser, selector)
    )


def _updated_at(browser) -> str:  # type: ignore[no-untyped-def]
    return str(browser.find_element("#board-updated").get_attribute("title") or "")


def _banner(browser) -> tuple[str, str]:  # type: ignore[no-untyped-def]
    element = browser.find_element("#board-banner")
    return str(element.get_attribute("class")), element.text


def test_the_board_keeps_refreshing_across_a_server_restart(dash_br, served):
    server, token = served
    browser = dash_br
    browser.driver.get(f"{server.url}/board?token={token}")
    browser.wait_for_contains_text("#board-updated", "updated", timeout=20)
    _wait_for_content(browser, "#board-kpis", "Total receivable")
    wait = WebDriverWait(browser.driver, 30, poll_frequency=0.25)
    first = _updated_at(browser)
    wait.until(lambda _d: _updated_at(browser) > first)  # it refreshes by itself
    assert "is-hidden" in _banner(browser)[0]

    server.stop()
    wait.until(lambda _d: "is-hidden" not in _banner(browser)[0])
    css, text = _banner(browser)
    assert text.startswith("Cannot reach the server since ") and text.endswith("— retrying")
    before_restart = _updated_at(browser)
    # The panels keep the last figures while the server is away.
    assert "Total receivable" in _content(browser, "#board-kpis")

    server.start()
    wait.until(lambda _d: "is-hidden" in _banner(browser)[0])
    wait.until(lambda _d: _updated_at(browser) > before_restart)
    assert browser.find_element("#board-updated").text.startswith("updated ")
    assert "Total receivable" in _content(browser, "#board-kpis")
    assert browser.driver.current_url.endswith(f"/board?token={token}")  # never reloaded
    # Only the outage is in the console: refused connections and the renderer saying so.
    for entry in browser.get_logs():
        message = entry["message"]
        assert "ERR_CONNECTION_REFUSED" in message or "the server did not respond" in message, entry


def _show_panel(browser, index: int, rotation: int) -> None:  # type: ignore[no-untyped-def]
    """Stop the rotation half-way through panel ``index``."""
    moment = index * rotation * 1000 + rotation * 500
    browser.driver.execute_script(
        f"document.getAnimations().forEach(a => {{ a.pause(); a.currentTime = {moment}; }})"
    )
    time.sleep(0.5)


@pytest.mark.parametrize(("width", "height"), [(1920, 1080), (3840, 2160)])
def test_the_board_fills_big_screens(dash_duo, cartera_app, tmp_path, width, height):
    factory = cartera_app.server.extensions[EXTENSION].sessions
    token = new_token("b" * 32)  # the cartera_app fixture's secret key
    with session_scope(factory) as sess:
        link = create_link(
            sess,
            name="Sala",
            token_hash=token_hash(token),
            panels=ALL_PANELS,
            rotation_seconds=20,
            refresh_seconds=5,
            created_by_id=None,
        )
        link_id = link.id
    dash_duo.start_server(cartera_app, navigate=False)
    driver = dash_duo.driver
    driver.execute_cdp_cmd(
        "Emulation.setDeviceMetricsOverride",
        {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": False},
    )
    driver.get(f"{dash_duo.server.url}/board?token={token}")
    _wait_for_content(dash_duo, "#board-kpis", "Total receivable")
    _wait_for_content(dash_duo, "#board-notes", "No notes yet.")
    dash_duo.wait_for_element("#board-customers .main-svg")
    assert driver.execute_script("return window.innerWidth") == width
    overflow = driver.execute_script(
        "return [document.documentElement.scrollWidth, document.documentElement.scrollHeight]"
    )
    assert overflow == [width, height]  # nothing spills out of the screen
    # Type grows with the screen: the base size is 1/54 of the height.
    base = driver.execute_script(
        "return parseFloat(getComputedStyle(document.getElementById('board-screen')).fontSize)"
    )
    assert base == pytest.approx(height / 54, rel=0.01)
    folder = Path(SHOTS) if SHOTS else tmp_path
    folder.mkdir(parents=True, exist_ok=True)
    for index, key in enumerate(ALL_PANELS):
        _show_panel(dash_duo, index, 20)
        panel = driver.find_element("id", f"board-panel-{key}")
        assert float(panel.value_of_css_property("opacity")) == 1.0, key
        driver.save_screenshot(str(folder / f"board-{width}x{height}-{index}-{key}.png"))
    # Revoking the link stops this screen at its next refresh (every 5 s here).
    with session_scope(factory) as sess:
        revoke_link(sess, link_id, user_id=None, at=dt.datetime.now(dt.UTC).replace(tzinfo=None))
    dash_duo.wait_for_text_to_equal(
        "#board-stopped-text", "This board link was revoked", timeout=15
    )
    assert "is-hidden" not in str(dash_duo.find_element("#board-stopped").get_attribute("class"))
    driver.save_screenshot(str(folder / f"board-{width}x{height}-revoked.png"))
    # Only the refusals are in the console: the 403s and the renderer's error object.
    for entry in dash_duo.get_logs():
        message = entry["message"]
        assert "403 (FORBIDDEN)" in message or message.endswith(" Object"), entry
