"""Where a click on the heat map leads."""

from __future__ import annotations

import pytest

from callbacks.portfolio import clicked_target
from dashboard.portfolio_params import PortfolioQuery


@pytest.mark.parametrize(
    ("node", "query", "expected"),
    [
        ("c:C 1/2", PortfolioQuery(), ("/customers/C%201/2", None)),
        ("others", PortfolioQuery(), (None, "?offset=300")),
        ("others", PortfolioQuery(offset=300, tag="retail"), (None, "?tag=retail&offset=600")),
        ("g:S7", PortfolioQuery(group="seller"), (None, "?seller=S7")),
        ("g:food", PortfolioQuery(group="tag", bucket=4), (None, "?tag=food&bucket=4")),
        ("others:S7", PortfolioQuery(group="seller"), (None, "?seller=S7")),
        ("g:S7", PortfolioQuery(), (None, None)),
        ("", PortfolioQuery(), (None, None)),
    ],
)
def test_clicked_target(node, query, expected):
    assert clicked_target({"id": node}, query) == expected


def test_a_promise_without_any_excuse_is_a_task_alone():
    from callbacks.wall_notes import form_arguments, task_only

    form = dict.fromkeys(
        [
            "contact_id",
            "contact_name",
            "channel",
            "reason",
            "body",
            "agreement",
            "disputed_document_ids",
            "description",
            "assignee_id",
            "supervisor_id",
            "due_date",
            "promise_amount",
            "promise_date",
            "document_ids",
        ],
        None,
    )
    form.update(channel="call", with_promise=True, description="Call back Friday")
    note, promise = form_arguments(form)
    assert task_only(note) and promise["description"] == "Call back Friday"
    form["body"] = "Dijo que paga el viernes"
    assert not task_only(form_arguments(form)[0])
