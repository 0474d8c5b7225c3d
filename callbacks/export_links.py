"""Keep a page's "Export" menu following its URL: each download carries the page's query."""

from __future__ import annotations

from dash import ALL, Dash, Input, Output

from dashboard import ids

EXPORT_HREFS = """function(search) {
    const items = dash_clientside.callback_context.outputs_list;
    return items.map(item => "/export/" + item.id.dataset + "." + item.id.ext + (search || ""));
}"""


def register_export_links(app: Dash, page: str, url_id: str) -> None:
    """Rewrite the hrefs of ``page``'s export items whenever ``url_id``'s query changes.

    Items the page does not draw (e.g. the sellers table for a collector) are simply
    not among the outputs.
    """
    app.clientside_callback(
        EXPORT_HREFS,
        Output(ids.export_item(page, ALL, ALL), "href"),
        Input(url_id, "search"),
    )
