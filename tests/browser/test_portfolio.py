"""A person opens the heat map, filters it, and clicks a customer to open its page."""

from __future__ import annotations

from selenium.common.exceptions import StaleElementReferenceException
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import WebDriverWait

from tests.browser.conftest import sign_in

SLICE_TEXTS = (
    "return Array.from(document.querySelectorAll(arguments[0] + ' g.slice'))"
    ".map(e => e.textContent)"
)


def _has_slice(dash_duo, name: str, graph: str = "#portfolio-treemap") -> bool:  # type: ignore[no-untyped-def]
    """Whether a rectangle's text contains ``name`` (read in one go: the figure redraws)."""
    texts = dash_duo.driver.execute_script(SLICE_TEXTS, graph)
    return any(name in text for text in texts)


def _click_slice(dash_duo, name: str, graph: str = "#portfolio-treemap") -> None:  # type: ignore[no-untyped-def]
    """Click the rectangle whose text contains ``name``, retrying while the figure redraws."""

    def clicked(_driver) -> bool:  # type: ignore[no-untyped-def]
        try:
            for element in dash_duo.find_elements(f"{graph} g.slice"):
                if name in element.text:
                    element.find_element(By.CSS_SELECTOR, "path").click()
                    return True
        except StaleElementReferenceException:
            return False
        return False

    WebDriverWait(dash_duo.driver, 15).until(clicked)


def test_heat_map_filter_and_click_through(dash_duo, cartera_app):
    dash_duo.start_server(cartera_app, navigate=False)
    sign_in(dash_duo)
    dash_duo.wait_for_contains_text("#portfolio-tiles", "Total receivable")
    # As of today: C1 owes 1,250.00 and C3 25.00; C2 has a credit balance (not an area).
    WebDriverWait(dash_duo.driver, 15).until(lambda _: _has_slice(dash_duo, "Ferretería"))
    assert _has_slice(dash_duo, "Crédito a Favor")
    assert not _has_slice(dash_duo, "Northwind")
    dash_duo.wait_for_contains_text("#portfolio-note", "2 of 2 customers")

    box = dash_duo.find_element("#portfolio-min-balance")
    box.send_keys("100", Keys.ENTER)
    WebDriverWait(dash_duo.driver, 15).until(lambda d: "min_balance=100" in d.current_url)
    WebDriverWait(dash_duo.driver, 15).until(lambda _: not _has_slice(dash_duo, "Crédito a Favor"))
    dash_duo.wait_for_contains_text("#portfolio-note", "1 of 1 customers")

    dash_duo.driver.refresh()  # the filter survives a reload
    dash_duo.wait_for_contains_text("#portfolio-note", "1 of 1 customers", timeout=15)
    assert dash_duo.find_element("#portfolio-min-balance").get_attribute("value") == "100"

    _click_slice(dash_duo, "Ferretería")
    WebDriverWait(dash_duo.driver, 15).until(lambda d: d.current_url.endswith("/customers/C1"))
    dash_duo.wait_for_text_to_equal("#customer-name", "Ferretería El Tornillo")
    assert dash_duo.get_logs() == []


def test_seller_heat_map_opens_that_sellers_customers(dash_duo, cartera_app):
    dash_duo.start_server(cartera_app, navigate=False)
    sign_in(dash_duo)
    dash_duo.find_element("#nav-sellers").click()
    dash_duo.wait_for_contains_text("#sellers-grid", "Pedro Vende", timeout=15)
    dash_duo.wait_for_contains_text("#collectors-grid", "Carla Cobra")
    WebDriverWait(dash_duo.driver, 15).until(
        lambda _: any("Pedro" in s.text for s in dash_duo.find_elements("#sellers-treemap g.slice"))
    )
    target = next(
        s for s in dash_duo.find_elements("#sellers-treemap g.slice") if "Pedro" in s.text
    )
    target.find_element(By.CSS_SELECTOR, "path").click()
    WebDriverWait(dash_duo.driver, 15).until(lambda d: "seller=S1" in d.current_url)
    WebDriverWait(dash_duo.driver, 15).until(lambda _: _has_slice(dash_duo, "Ferretería"))
    assert dash_duo.get_logs() == []
