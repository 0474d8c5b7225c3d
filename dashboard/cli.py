"""The ``cartera`` command line: database, demo data, users, imports, reports, server."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path
from typing import TYPE_CHECKING

import click
from sqlalchemy import Engine, func, select

from dashboard.aging import AgingBuckets
from dashboard.config import ConfigError, Settings, load_settings
from dashboard.reports import aging_report, render_table
from data_access.db import make_engine, session_factory, session_scope
from data_access.models import ROLES, Customer
from data_access.schema import upgrade
from data_access.users import UserError, add_user, generate_password, get_user_by_username

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from data_access.importers.plan import ImportPlan

IMPORT_KINDS = ("sellers", "customers", "contacts", "invoices", "payments")


class Context:
    """Settings and a lazily created engine shared by the commands of one invocation."""

    def __init__(self) -> None:
        self._settings: Settings | None = None
        self._engine: Engine | None = None

    @property
    def settings(self) -> Settings:
        if self._settings is None:
            try:
                self._settings = load_settings()
            except ConfigError as exc:
                raise click.ClickException(str(exc)) from exc
        return self._settings

    @property
    def engine(self) -> Engine:
        if self._engine is None:
            url = self.settings.database_url
            if url.startswith("sqlite:///"):
                Path(url.removeprefix("sqlite:///")).parent.mkdir(parents=True, exist_ok=True)
            self._engine = make_engine(url)
        return self._engine

    def sessions(self):  # type: ignore[no-untyped-def]
        return session_scope(session_factory(self.engine))


pass_context = click.make_pass_decorator(Context, ensure=True)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
def main() -> None:
    """Cartera: accounts-receivable collections dashboard."""


@main.command("init-db")
@pass_context
def init_db(ctx: Context) -> None:
    """Create the database tables, or migrate them to the newest version."""
    upgrade(ctx.engine)
    click.echo(f"Database ready: {ctx.engine.url.render_as_string(hide_password=True)}")


@main.command()
@click.option("--customers", default=300, show_default=True, type=click.IntRange(1, 200_000))
@click.option("--years", default=3, show_default=True, type=click.IntRange(1, 10))
@click.option("--seed", default=42, show_default=True, type=int)
@pass_context
def demo(ctx: Context, customers: int, years: int, seed: int) -> None:
    """Load a deterministic demo portfolio into an empty database."""
    from data_access.demo import generate_demo

    upgrade(ctx.engine)
    try:
        summary = generate_demo(
            ctx.engine,
            customers=customers,
            years=years,
            seed=seed,
            progress=lambda text: click.echo(text, err=True),
        )
    except ValueError as exc:
        raise click.ClickException(str(exc)) from exc
    click.echo(f"Demo portfolio loaded: {summary}")
    _keep_demo_logins(ctx.settings, summary.logins)


def _keep_demo_logins(settings: Settings, logins: tuple[tuple[str, str], ...]) -> None:
    """Print the demo users' passwords and keep them in instance/demo_logins (0600)."""
    path = settings.instance_path / "demo_logins"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("".join(f"{user} {password}\n" for user, password in logins))
    path.chmod(0o600)
    click.echo(f"Demo users (also in {path}):")
    for user, password in logins:
        click.echo(f"  {user} / {password}")


@main.group()
def user() -> None:
    """Manage users."""


@user.command("add")
@click.argument("username")
@click.option("--role", required=True, type=click.Choice(ROLES))
@click.option("--name", "full_name", default="", help="Full name shown in the app.")
@click.option("--email", default=None)
@click.option("--password", default=None, help="Default: a generated one, printed once.")
@pass_context
def user_add(
    ctx: Context, username: str, role: str, full_name: str, email: str | None, password: str | None
) -> None:
    """Create a user; prints the password when it was generated."""
    upgrade(ctx.engine)
    chosen = password or generate_password()
    try:
        with ctx.sessions() as sess:
            add_user(sess, username, role=role, password=chosen, full_name=full_name, email=email)
    except UserError as exc:
        raise click.ClickException(str(exc)) from exc
    click.echo(f"User {username} ({role}) created.")
    if password is None:
        click.echo(f"Password: {chosen}")


@main.command()
@click.option(
    "--demo/--no-demo",
    default=True,
    show_default=True,
    help="Load the demo portfolio when the database has no customers.",
)
@pass_context
def setup(ctx: Context, demo: bool) -> None:
    """Migrate, load the demo portfolio if empty, ensure an admin user; print the login."""
    from data_access.demo import generate_demo

    upgrade(ctx.engine)
    with ctx.sessions() as sess:
        empty = sess.scalar(select(func.count()).select_from(Customer)) == 0
    if demo and empty:
        click.echo("Loading the demo portfolio (first run only)...")
        summary = generate_demo(ctx.engine, progress=lambda text: click.echo(f"  {text}"))
        _keep_demo_logins(ctx.settings, summary.logins)
    password_file = ctx.settings.instance_path / "admin_password"
    with ctx.sessions() as sess:
        if get_user_by_username(sess, "admin") is None:
            password = generate_password()
            add_user(sess, "admin", role="admin", password=password, full_name="Administrator")
            password_file.parent.mkdir(parents=True, exist_ok=True)
            password_file.write_text(password + "\n")
            password_file.chmod(0o600)
    known = password_file.read_text().strip() if password_file.exists() else "(set by you)"
    click.echo(f"Sign in as admin / {known}")


@main.command("import")
@click.argument("kind", type=click.Choice((*IMPORT_KINDS, "all")))
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--date-format", default=None, help="strftime format of dates, e.g. %d/%m/%Y.")
@click.option(
    "--mapping",
    default=None,
    help="A saved mapping's name, a shipped one (ibm-receivables) or a JSON mapping file.",
)
@click.option(
    "--decimal",
    type=click.Choice(["dot", "comma"]),
    default=None,
    help="Decimal mark of amounts: 1,234.56 (dot) or 1.234,56 (comma).",
)
@pass_context
def import_command(
    ctx: Context,
    kind: str,
    file: Path,
    date_format: str | None,
    mapping: str | None,
    decimal: str | None,
) -> None:
    """Import a CSV or XLSX file whole, or nothing at all.

    KIND "all" imports every kind the --mapping names from the one file.
    """
    from data_access.importers import ImportErrorReport
    from data_access.importers.plan import PlanError
    from data_access.importers.runner import import_plain, import_planned

    upgrade(ctx.engine)
    currency = ctx.settings.currency
    try:
        with ctx.sessions() as sess:
            if mapping is None and decimal is None and kind != "all":
                outcome = import_plain(
                    sess, kind, file, currency=currency, date_format=date_format,
                    user_id=None, via="cli",
                )  # fmt: skip
            else:
                plan = _import_plan(sess, kind, file, mapping)
                plan = plan.with_formats(decimal or plan.decimal, date_format or plan.date_format)
                outcome = import_planned(
                    sess, file, plan, currency=currency, user_id=None, via="cli"
                )
    except PlanError as exc:
        raise click.ClickException(str(exc)) from exc
    except ImportErrorReport as exc:
        click.echo(f"{file.name}: nothing imported, {len(exc.errors)} problem(s):", err=True)
        for error in exc.errors:
            click.echo(f"  {error}", err=True)
        sys.exit(1)
    for name, result in outcome.results.items():
        label = file.name if len(outcome.results) == 1 else f"{file.name} {name}"
        click.echo(
            f"{label}: {result.created} created, {result.updated} updated, "
            f"{result.unchanged} unchanged."
        )


def _import_plan(sess: Session, kind: str, file: Path, mapping: str | None) -> ImportPlan:
    """The plan of ``cartera import``: a mapping by name or file, else the file's own columns."""
    from dataclasses import replace

    from data_access.importers.plan import PlanError, load_plan_file, single_kind_plan
    from data_access.importers.readers import open_table
    from data_access.importers.saved import get_plan

    if mapping is None:
        if kind == "all":
            raise PlanError(["KIND all needs --mapping"])
        with open_table(file) as table:
            return single_kind_plan(kind, table.header)
    plan = get_plan(sess, mapping)
    if plan is None:
        path = Path(mapping)
        if not path.is_file():
            raise PlanError([f"no saved mapping or mapping file called '{mapping}'"])
        plan = load_plan_file(path)
    if kind == "all":
        return plan
    if kind not in plan.kinds:
        raise PlanError([f"mapping '{mapping}' has no {kind}"])
    return replace(plan, kinds={kind: plan.kinds[kind]})


@main.group()
def report() -> None:
    """Print reports as CSV or JSON."""


@report.command("aging")
@click.option(
    "--as-of",
    "as_of",
    type=click.DateTime(formats=["%Y-%m-%d"]),
    default=None,
    help="Date of the report (default: today).",
)
@click.option(
    "--by",
    "level",
    type=click.Choice(["customer", "seller", "invoice"]),
    default="customer",
    show_default=True,
)
@click.option(
    "--format", "fmt", type=click.Choice(["csv", "json"]), default="csv", show_default=True
)
@pass_context
def report_aging(ctx: Context, as_of: dt.datetime | None, level: str, fmt: str) -> None:
    """Aging of receivables by customer, seller or invoice."""
    day = as_of.date() if as_of else dt.date.today()
    with ctx.sessions() as sess:
        frame = aging_report(
            sess,
            as_of=day,
            by=level,  # type: ignore[arg-type]
            buckets=AgingBuckets(ctx.settings.aging_boundaries),
        )
    click.echo(render_table(frame, fmt), nl=False)  # type: ignore[arg-type]


@report.command("kpis")
@click.option(
    "--as-of",
    "as_of",
    type=click.DateTime(formats=["%Y-%m-%d"]),
    default=None,
    help="Date of the figures (default: today).",
)
@click.option("--seller", "seller", default=None, help="Only this seller's customers (code).")
@click.option(
    "--format", "fmt", type=click.Choice(["csv", "json"]), default="csv", show_default=True
)
@pass_context
def report_kpis(ctx: Context, as_of: dt.datetime | None, seller: str | None, fmt: str) -> None:
    """Collection KPIs (receivable, DSO, CEI, collections, promises) as one record."""
    import json

    import pandas as pd

    from dashboard.kpi_service import kpis_as_of
    from dashboard.kpis import kpi_record
    from data_access.portfolio import CustomerFilter
    from data_access.scope import Scope

    day = as_of.date() if as_of else dt.date.today()
    with ctx.sessions() as sess:
        kpis = kpis_as_of(
            sess,
            as_of=day,
            scope=Scope.everything(),
            filters=CustomerFilter(seller_code=seller),
            boundaries=ctx.settings.aging_boundaries,
            grace_days=ctx.settings.promise_grace_days,
        )
    record = kpi_record(kpis)
    if fmt == "json":
        click.echo(json.dumps(record, ensure_ascii=False, indent=2))
    else:
        click.echo(render_table(pd.DataFrame([record]), "csv"), nl=False)


@report.command("collections")
@click.option(
    "--from", "first", type=click.DateTime(formats=["%Y-%m-%d"]), required=True, help="First day."
)
@click.option(
    "--to", "last", type=click.DateTime(formats=["%Y-%m-%d"]), required=True, help="Last day."
)
@click.option(
    "--by", "by", type=click.Choice(["day", "week", "month"]), default="month", show_default=True
)
@click.option("--seller", "seller", default=None, help="Only this seller's customers (code).")
@click.option(
    "--format", "fmt", type=click.Choice(["csv", "json"]), default="csv", show_default=True
)
@pass_context
def report_collections(
    ctx: Context, first: dt.datetime, last: dt.datetime, by: str, seller: str | None, fmt: str
) -> None:
    """Payments received per day, ISO week or month: period_start, amount, payments.

    Every period of the range is printed, zeros included; the first and last periods
    count only the days inside the range (the first one's period_start is then --from).
    """
    from dashboard.collections_service import collections_report
    from data_access.portfolio import CustomerFilter
    from data_access.scope import Scope

    if last < first:
        raise click.BadParameter("--to is before --from")
    with ctx.sessions() as sess:
        frame = collections_report(
            sess,
            first=first.date(),
            last=last.date(),
            by=by,  # type: ignore[arg-type]
            scope=Scope.everything(),
            filters=CustomerFilter(seller_code=seller),
        )
    click.echo(render_table(frame, fmt), nl=False)  # type: ignore[arg-type]


@report.command("worklist")
@click.option("--collector", required=True, help="Username of the collector.")
@click.option(
    "--as-of",
    "as_of",
    type=click.DateTime(formats=["%Y-%m-%d"]),
    default=None,
    help="Date of the list (default: today).",
)
@click.option(
    "--format", "fmt", type=click.Choice(["csv", "json"]), default="csv", show_default=True
)
@pass_context
def report_worklist(ctx: Context, collector: str, as_of: dt.datetime | None, fmt: str) -> None:
    """Who to call today: a collector's ranked customers, the score and each of its parts."""
    from dashboard.worklist_presenters import worklist_table
    from dashboard.worklist_service import load_worklist
    from data_access.scope import Scope

    day = as_of.date() if as_of else dt.date.today()
    with ctx.sessions() as sess:
        found = get_user_by_username(sess, collector)
        if found is None:
            raise click.ClickException(f"no user named {collector!r}")
        ranked = load_worklist(
            sess,
            as_of=day,
            scope=Scope.everything(),
            collector_id=found.id,
            buckets=AgingBuckets(ctx.settings.aging_boundaries),
            grace_days=ctx.settings.promise_grace_days,
        )
    click.echo(render_table(worklist_table(ranked), fmt), nl=False)  # type: ignore[arg-type]


@main.command("remind")
@click.option("--dry-run", is_flag=True, help="Only print what would be sent; write nothing.")
@click.option(
    "--as-of",
    "as_of",
    type=click.DateTime(formats=["%Y-%m-%d"]),
    default=None,
    help="Send what is due on this date (default: today).",
)
@pass_context
def remind(ctx: Context, dry_run: bool, as_of: dt.datetime | None) -> None:
    """Send the reminders of the sequences due today (for cron), one line per customer."""
    import pandas as pd

    from dashboard.reminder_service import run_reminders, system_run

    day = as_of.date() if as_of else dt.date.today()
    run = system_run(ctx.settings, day)
    outcomes = run_reminders(session_factory(ctx.engine), run, dry_run=dry_run)
    columns = ["customer_code", "customer_name", "level", "channel", "invoices", "amount"]
    columns += ["recipient", "status", "note"]
    frame = pd.DataFrame(
        [[o.code, o.name, o.level_days, o.channel, " ".join(o.invoices)] for o in outcomes],
        columns=columns[:5],
    )
    frame["amount"] = [f"{o.amount:.2f}" for o in outcomes]
    frame["recipient"] = [o.recipient for o in outcomes]
    frame["status"] = [o.status for o in outcomes]
    frame["note"] = [o.note for o in outcomes]
    click.echo(render_table(frame, "csv"), nl=False)
    if not dry_run and any(o.status == "failed" for o in outcomes):
        sys.exit(1)


@main.command()
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=8050, show_default=True, type=int)
@click.option("--debug/--no-debug", default=False)
@pass_context
def serve(ctx: Context, host: str, port: int, debug: bool) -> None:
    """Migrate the database if needed and serve the web app (production: gunicorn)."""
    from dashboard import create_app

    upgrade(ctx.engine)
    app = create_app(ctx.settings)
    app.run(host=host, port=port, debug=debug)
