"""Portfolio summary page: fetch the aging, summarise, draw."""

from __future__ import annotations

from dash.development.base_component import Component

from dashboard import formatting as fmt
from dashboard.aging import customer_aging
from dashboard.context import PageContext, db_session
from dashboard.figures import aging_bars
from dashboard.presenters import bucket_titles, money_texts, portfolio_summary, portfolio_tiles
from data_access.receivables import customer_directory, open_items, unapplied_credit
from layouts import home


def render(_params: dict[str, str], ctx: PageContext) -> Component:
    """The portfolio page as of today for the user's scope."""
    t, language, currency = ctx.t, ctx.language, ctx.currency
    with db_session() as sess:
        items = open_items(sess, as_of=ctx.today, scope=ctx.scope)
        credit = unapplied_credit(sess, as_of=ctx.today, scope=ctx.scope)
        directory = customer_directory(sess, scope=ctx.scope)
    aging = customer_aging(items, credit, directory, as_of=ctx.today, buckets=ctx.buckets)
    summary = portfolio_summary(aging, ctx.buckets)
    tiles = portfolio_tiles(summary, t=t, language=language, currency=currency)
    chart = None
    if not aging.empty:
        texts = money_texts(summary.by_bucket, language=language, currency=currency)
        chart = aging_bars(bucket_titles(ctx.buckets, t), summary.by_bucket, texts)
    return home.layout(
        title=t("home.title"),
        subtitle=t("home.as_of", date=fmt.date(ctx.today, language)),
        tiles=tiles,
        chart_title=t("home.by_bucket"),
        chart=chart,
        empty_text=t("home.empty"),
    )
