"""A collector opens a wall, writes a note with a promise and sees both on the timeline."""

from __future__ import annotations

import datetime as dt

from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select, WebDriverWait

from tests.browser.conftest import sign_in


def _pick(dash_duo, select_id: str, text: str) -> None:  # type: ignore[no-untyped-def]
    """Choose an option of a native select by its label."""
    Select(dash_duo.find_element(f"#{select_id}")).select_by_visible_text(text)


def _open_modal(dash_duo) -> None:  # type: ignore[no-untyped-def]
    dash_duo.find_element("#wall-open-note").click()
    dash_duo.wait_for_element("#note-body")


def test_note_with_promise_appears_on_the_timeline(dash_duo, cartera_app):
    dash_duo.start_server(cartera_app, navigate=False)
    sign_in(dash_duo, "cobra1")
    dash_duo.driver.get(dash_duo.server.url + "/customers/C1")
    dash_duo.wait_for_text_to_equal("#customer-name", "Ferretería El Tornillo")
    dash_duo.wait_for_contains_text("#wall-verdict", "", timeout=10)
    _open_modal(dash_duo)

    # Saving an empty form shows what is missing and saves nothing.
    dash_duo.find_element("#note-save").click()
    dash_duo.wait_for_contains_text("#note-errors", "fix")
    dash_duo.wait_for_contains_text("#note-body-error", "Required")

    dash_duo.find_element("#note-contact-name").send_keys("Ana Pérez, tesorera")
    _pick(dash_duo, "note-reason", "Forgot / disorder")
    dash_duo.find_element("#note-body").send_keys("Se les pasó la factura <b>F-2</b> #olvido")
    dash_duo.find_element("#note-agreement").send_keys("Paga el viernes")
    dash_duo.find_element("#promise-description").send_keys("Llamar el viernes para confirmar")
    friday = (dt.date.today() + dt.timedelta(days=4)).isoformat()
    dash_duo.driver.execute_script(
        "const set = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value').set;"
        "for (const id of ['promise-date']) {"
        " const el = document.getElementById(id); set.call(el, arguments[0]);"
        " el.dispatchEvent(new Event('input', {bubbles: true})); }",
        friday,
    )
    dash_duo.find_element("#promise-amount").send_keys("500")
    dash_duo.find_element("#note-save").click()

    WebDriverWait(dash_duo.driver, 15).until(
        lambda d: (
            "Se les pasó la factura <b>F-2</b> #olvido"
            in d.find_element(By.ID, "wall-timeline").text
        )
    )
    timeline = dash_duo.find_element("#wall-timeline").text
    assert "Llamar el viernes para confirmar" in timeline and "$500.00" in timeline
    # Typed HTML is shown as text, never rendered.
    assert dash_duo.driver.find_elements(By.CSS_SELECTOR, "#wall-timeline b") == []
    assert dash_duo.get_logs() == []


def test_collector_cannot_open_another_collectors_customer(dash_duo, cartera_app):
    dash_duo.start_server(cartera_app, navigate=False)
    sign_in(dash_duo, "cobra2")
    dash_duo.driver.get(dash_duo.server.url + "/customers/C1")
    dash_duo.wait_for_text_to_equal("#error-title", "Page not found")
    assert "Ferretería" not in dash_duo.driver.page_source
