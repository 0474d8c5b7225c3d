"""The collections chart switches between days, weeks and months."""

from __future__ import annotations

from selenium.webdriver.support.ui import WebDriverWait

from tests.browser.conftest import sign_in

PERIODS = "return (document.querySelector('#collections-chart .js-plotly-plot') || {})._fullData"
COUNT = (
    PERIODS
    + " && document.querySelector('#collections-chart .js-plotly-plot')._fullData[0].x.length"
)


def _periods(dash_duo, count: int) -> None:  # type: ignore[no-untyped-def]
    WebDriverWait(dash_duo.driver, 20).until(lambda d: d.execute_script(COUNT) == count)


def _switch(dash_duo, value: str) -> None:  # type: ignore[no-untyped-def]
    radio = dash_duo.find_element(f"#collections-by input[value='{value}']")
    dash_duo.driver.execute_script("arguments[0].scrollIntoView({block: 'center'})", radio)
    dash_duo.driver.execute_script("arguments[0].click()", radio)


def test_chart_switches_day_week_month(dash_duo, cartera_app):
    dash_duo.start_server(cartera_app, navigate=False)
    sign_in(dash_duo)
    dash_duo.driver.get(dash_duo.server.url + "/collections")
    _periods(dash_duo, 12)  # default: the last 12 months
    _switch(dash_duo, "week")
    _periods(dash_duo, 13)  # the last 13 ISO weeks
    assert "by=week" in dash_duo.driver.current_url
    _switch(dash_duo, "day")
    _periods(dash_duo, 31)  # the last 31 days
    assert "by=day" in dash_duo.driver.current_url
    _switch(dash_duo, "month")
    _periods(dash_duo, 12)
    assert "by=" not in dash_duo.driver.current_url
    assert dash_duo.get_logs() == []
