"""A collector opens a wall, writes a note with a promise and sees both on the timeline."""

from __future__ import annotations

import datetime as dt

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select, WebDriverWait

from tests.browser.conftest import sign_in


def _pick(dash_duo, select_id: str, text: str) -> None:  # type: ignore[no-untyped-def]
    """Choose an option of a native select by its label."""
    Select(dash_duo.find_element(f"#{select_id}")).select_by_visible_text(text)


def _click(dash_duo, element) -> None:  # type: ignore[no-untyped-def]
    """Click an element below the fold (the DOM click a tap on a phone also sends)."""
    dash_duo.driver.execute_script("arguments[0].scrollIntoView({block: 'center'})", element)
    dash_duo.driver.execute_script("arguments[0].click()", element)


def _open_modal(dash_duo) -> None:  # type: ignore[no-untyped-def]
    _click(dash_duo, dash_duo.find_element("#wall-open-note"))
    dash_duo.wait_for_element("#note-body")


PHONE = {"width": 390, "height": 844, "deviceScaleFactor": 3, "mobile": True}


@pytest.mark.parametrize("screen", ["desktop", "phone"])
def test_note_with_promise_appears_on_the_timeline(dash_duo, cartera_app, screen):
    if screen == "phone":
        dash_duo.driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", PHONE)
    dash_duo.start_server(cartera_app, navigate=False)
    sign_in(dash_duo, "cobra1")
    dash_duo.driver.get(dash_duo.server.url + "/customers/C1")
    dash_duo.wait_for_text_to_equal("#customer-name", "Ferretería El Tornillo")
    dash_duo.wait_for_contains_text("#wall-verdict", "", timeout=10)
    if screen == "phone":  # nothing wider than the phone
        width = dash_duo.driver.execute_script("return document.documentElement.scrollWidth")
        assert width <= PHONE["width"], width
    _open_modal(dash_duo)

    # Saving an empty form shows what is missing and saves nothing: with no excuse it
    # would be a task alone, which needs a description.
    _click(dash_duo, dash_duo.find_element("#note-save"))
    dash_duo.wait_for_contains_text("#note-errors", "fix")
    dash_duo.wait_for_contains_text("#promise-description-error", "Required")
    # Once there is an excuse, its reason is needed too.
    dash_duo.find_element("#note-body").send_keys("Se les pasó la factura <b>F-2</b> #olvido")
    _click(dash_duo, dash_duo.find_element("#note-save"))
    WebDriverWait(dash_duo.driver, 10).until(
        lambda _: dash_duo.find_element("#note-reason-error").text.strip() != ""
    )

    dash_duo.find_element("#note-contact-name").send_keys("Ana Pérez, tesorera")
    _pick(dash_duo, "note-reason", "Forgot / disorder")
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
    _click(dash_duo, dash_duo.find_element("#note-save"))

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
    assert "promise pending" in timeline

    # The promise's task is completed in place.
    WebDriverWait(dash_duo.driver, 10).until(
        lambda d: not d.find_elements(By.CSS_SELECTOR, ".modal-backdrop")
    )
    done = dash_duo.find_element("#wall-timeline button.btn-outline-success")
    _click(dash_duo, done)
    WebDriverWait(dash_duo.driver, 10).until(lambda _: done.get_attribute("disabled"))

    # 12 → 24 months redraws the trend with twice the months.
    _click(
        dash_duo, dash_duo.find_element("label[for='_dbcprivate_radioitems_wall-months_input_24']")
    )
    months = "return document.querySelector('#wall-trends .js-plotly-plot').data[0].x.length"
    WebDriverWait(dash_duo.driver, 10).until(lambda d: d.execute_script(months) == 24)
    assert dash_duo.get_logs() == []


def test_contact_added_and_tags_edited(dash_duo, cartera_app):
    dash_duo.start_server(cartera_app, navigate=False)
    sign_in(dash_duo, "cobra1")
    dash_duo.driver.get(dash_duo.server.url + "/customers/C1")
    dash_duo.wait_for_text_to_equal("#customer-name", "Ferretería El Tornillo")
    dash_duo.find_element("#contact-add").click()
    dash_duo.wait_for_element("#contact-name").send_keys("Luisa Gómez")
    dash_duo.find_element("#contact-phone").send_keys("abc")
    dash_duo.find_element("#contact-save").click()
    dash_duo.wait_for_contains_text("#contact-phone-error", "Not valid")
    dash_duo.find_element("#contact-phone").clear()
    dash_duo.find_element("#contact-phone").send_keys("+58 212 555 0101")
    dash_duo.find_element("#contact-save").click()
    dash_duo.wait_for_contains_text("#wall-contacts", "Luisa Gómez")
    link = dash_duo.driver.find_element(By.CSS_SELECTOR, "#wall-contacts a[href^='tel:']")
    assert link.get_attribute("href") == "tel:+582125550101"

    WebDriverWait(dash_duo.driver, 10).until(  # the closing modal keeps the focus until gone
        lambda d: not d.find_elements(By.CSS_SELECTOR, ".modal-backdrop, .modal.show")
    )
    tags = dash_duo.find_element("#wall-tags")
    tags.clear()
    tags.send_keys("Mayorista, VIP")
    dash_duo.find_element("#wall-tags-save").click()
    dash_duo.wait_for_contains_text("#wall-tags-message", "Tags saved")
    WebDriverWait(dash_duo.driver, 10).until(
        lambda _: dash_duo.find_element("#wall-tags").get_property("value") == "mayorista, vip"
    )
    assert dash_duo.get_logs() == []


def test_collector_cannot_open_another_collectors_customer(dash_duo, cartera_app):
    dash_duo.start_server(cartera_app, navigate=False)
    sign_in(dash_duo, "cobra2")
    dash_duo.driver.get(dash_duo.server.url + "/customers/C1")
    dash_duo.wait_for_text_to_equal("#error-title", "Page not found")
    assert "Ferretería" not in dash_duo.driver.page_source
