"""One customer's page: re-check access on the server, fetch, format."""

from __future__ import annotations

from dash.development.base_component import Component

from dashboard import formatting as fmt
from dashboard.aging import customer_aging, invoice_aging
from dashboard.context import PageContext, db_session
from dashboard.presenters import customer_tiles, document_rows
from data_access.receivables import (
    customer_directory,
    find_customer,
    open_items,
    unapplied_credit,
)
from layouts import customer
from layouts.components import message_page


def render(params: dict[str, str], ctx: PageContext) -> Component:
    """Header facts, balance tiles and open documents of the customer in the URL."""
    t, language, currency = ctx.t, ctx.language, ctx.currency
    with db_session() as sess:
        found = find_customer(sess, params["code"], scope=ctx.scope)
        if found is None:
            return message_page(
                t("error.not_found"), t("error.customer_not_found", code=params["code"])
            )
        ids = [found.id]
        items = open_items(sess, as_of=ctx.today, scope=ctx.scope, customer_ids=ids)
        credit = unapplied_credit(sess, as_of=ctx.today, scope=ctx.scope, customer_ids=ids)
        directory = customer_directory(sess, scope=ctx.scope)
        seller = found.seller.name if found.seller else ""
        collector = found.collector.full_name if found.collector else ""
        days = found.payment_terms_days
        terms = "" if days is None else t("customer.terms_days", days=days)
    directory = directory[directory["customer_id"] == found.id]
    aging = customer_aging(items, credit, directory, as_of=ctx.today, buckets=ctx.buckets)
    tiles = customer_tiles(aging, t=t, language=language, currency=currency)
    facts = [
        (t("customer.seller"), seller),
        (t("customer.collector"), collector),
        (t("customer.credit_limit"), fmt.money(found.credit_limit, currency, language)),
        (t("customer.terms"), terms),
    ]
    aged = invoice_aging(items, as_of=ctx.today, buckets=ctx.buckets)
    rows = document_rows(aged, ctx.buckets, t=t, language=language, currency=currency)
    return customer.layout(
        t=t, name=found.name, code=found.code, facts=facts, tiles=tiles, documents=rows
    )
