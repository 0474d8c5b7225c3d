"""A person signs in, switches language and opens the customers page."""

from __future__ import annotations

from selenium.webdriver.common.by import By

from tests.browser.conftest import sign_in


def _nav_text(dash_duo) -> str:  # type: ignore[no-untyped-def]
    return dash_duo.find_element("#nav-customers").text


def test_sign_in_switch_language_and_open_customers(dash_duo, cartera_app):
    dash_duo.start_server(cartera_app, navigate=False)
    sign_in(dash_duo)
    # Headless Chromium asks for English: the app starts in English.
    dash_duo.wait_for_text_to_equal("#nav-customers", "Customers")
    dash_duo.wait_for_contains_text("#shell-page", "Total receivable")
    # As of today: 1,250.00 (C1) + 25.00 (C3) - 988.99 unapplied (C2) = 286.01
    dash_duo.wait_for_contains_text("#shell-page", "$286.01")

    dash_duo.find_element("#nav-language").click()
    dash_duo.wait_for_element("#lang-es").click()
    dash_duo.wait_for_text_to_equal("#nav-customers", "Clientes")
    dash_duo.wait_for_contains_text("#shell-page", "Total por cobrar")

    dash_duo.find_element("#nav-customers").click()
    dash_duo.wait_for_contains_text("#shell-page", "4 clientes")
    dash_duo.wait_for_contains_text("#customers-grid", "Ferretería El Tornillo")
    # Money is formatted for the locale, and the grid sorts by balance, largest first.
    first_row = dash_duo.find_elements(".ag-center-cols-container .ag-row")[0]
    assert "1.250,00" in first_row.text and "US$" in first_row.text

    dash_duo.find_element("#customers-search").send_keys("north")
    dash_duo.wait_for_contains_text("#customers-grid", "Northwind Supplies")
    assert "Ferretería" not in dash_duo.find_element("#customers-grid").text

    dash_duo.driver.find_element(By.LINK_TEXT, "Northwind Supplies").click()
    dash_duo.wait_for_text_to_equal("#customer-name", "Northwind Supplies")
    # Today P-4 (999.00) has paid everything and left 988.99 of credit.
    dash_duo.wait_for_contains_text("#shell-page", "Crédito sin aplicar")
    dash_duo.wait_for_contains_text("#shell-page", "-988,99")
    dash_duo.wait_for_contains_text("#shell-page", "Nada pendiente")
    assert dash_duo.get_logs() == []


def test_wrong_password_shows_a_message(dash_duo, cartera_app):
    dash_duo.start_server(cartera_app, navigate=False)
    dash_duo.driver.get(dash_duo.server.url + "/login")
    dash_duo.wait_for_element("#username").send_keys("admin")
    dash_duo.find_element("#password").send_keys("wrong-password")
    dash_duo.find_element("#login-submit").click()
    dash_duo.wait_for_element("#login-error")
    assert dash_duo.driver.current_url.endswith("/login")
