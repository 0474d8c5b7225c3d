"""A collector's day in the browser: complete a task in place; call from the worklist."""

from __future__ import annotations

import datetime as dt

from selenium.webdriver.support.ui import WebDriverWait
from sqlalchemy import select

from data_access.db import session_scope
from data_access.models import Customer, Task, User
from tests.browser.conftest import sign_in


def _click(dash_duo, element) -> None:  # type: ignore[no-untyped-def]
    """Click an element below the fold (the DOM click a tap on a phone also sends)."""
    dash_duo.driver.execute_script("arguments[0].scrollIntoView({block: 'center'})", element)
    dash_duo.driver.execute_script("arguments[0].click()", element)


def _add_task(app, description: str, due: dt.date) -> int:  # type: ignore[no-untyped-def]
    with session_scope(app.server.extensions["cartera"].sessions) as sess:
        cobra1 = sess.scalars(select(User).where(User.username == "cobra1")).one()
        c1 = sess.scalars(select(Customer).where(Customer.code == "C1")).one()
        task = Task(customer_id=c1.id, description=description, assignee_id=cobra1.id,
                    created_by_id=cobra1.id, due_date=due)  # fmt: skip
        sess.add(task)
        sess.flush()
        return task.id


def test_a_task_completed_in_place_disappears_from_pending(dash_duo, cartera_app):
    task_id = _add_task(cartera_app, "Llamar a tesorería", dt.date.today() + dt.timedelta(days=3))
    dash_duo.start_server(cartera_app, navigate=False)
    sign_in(dash_duo, "cobra1")
    dash_duo.driver.get(dash_duo.server.url + "/language/en")
    dash_duo.driver.get(dash_duo.server.url + "/tasks?view=pending")
    dash_duo.wait_for_contains_text("#tasks-list", "Llamar a tesorería", timeout=15)
    dash_duo.wait_for_contains_text("#tasks-view", "Coming up (1)")
    button = dash_duo.find_element(f"#tasks-item-{task_id} button")
    _click(dash_duo, button)
    dash_duo.wait_for_contains_text("#tasks-message", "Task marked done.", timeout=15)
    dash_duo.wait_for_contains_text("#tasks-list", "No tasks coming up.", timeout=15)
    assert "Llamar a tesorería" not in dash_duo.find_element("#tasks-list").text
    dash_duo.wait_for_contains_text("#tasks-view", "Coming up (0)")
    dash_duo.wait_for_contains_text("#tasks-view", "(1)")  # the done tab counts it
    assert dash_duo.get_logs() == []


def test_the_worklist_opens_the_wall_with_the_note_modal_ready(dash_duo, cartera_app):
    dash_duo.start_server(cartera_app, navigate=False)
    sign_in(dash_duo, "cobra1")
    dash_duo.driver.get(dash_duo.server.url + "/language/en")
    dash_duo.driver.get(dash_duo.server.url + "/worklist")
    dash_duo.wait_for_contains_text("#worklist-list", "Ferretería El Tornillo", timeout=15)
    # Today all of C1's 1,250.00 is overdue; cobra2's C2 is not on cobra1's list.
    text = dash_duo.find_element("#worklist-list").text
    assert "overdue $1,250.00" in text
    assert "Northwind" not in text
    _click(dash_duo, dash_duo.find_element("#worklist-row-C1 .worklist-open"))
    dash_duo.wait_for_text_to_equal("#customer-name", "Ferretería El Tornillo", timeout=15)
    body = dash_duo.wait_for_element("#note-body", timeout=10)
    WebDriverWait(dash_duo.driver, 10).until(lambda _: body.is_displayed())
    assert dash_duo.driver.current_url.endswith("/customers/C1?note=new")
    assert dash_duo.get_logs() == []
