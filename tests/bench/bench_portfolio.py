"""Benchmark of the portfolio page on a 10,000-customer, million-invoice portfolio (a script).

Run it with ``make bench`` (or ``.venv/bin/python -m tests.bench.bench_portfolio``). It

1. creates ``instance/bench/bench.db`` once with ``cartera demo --customers 10000 --years 2``
   (about 100 s on 2 cores; ``BENCH_DB`` names another SQLite file) and migrates it with
   ``cartera init-db`` when it is already there;
2. starts ``gunicorn --workers 2`` on a free loopback port, signs in through the real
   login form and posts to ``/_dash-update-component`` the JSON the Dash renderer sends
   for the portfolio and sellers callbacks, timing each request from the client;
3. adds a payment through ``data_access`` (then removes it), timing the ledger rebuild
   and checking that the next page read shows the new total to the cent;
4. measures the heat map payload, the workers' peak RSS and, when Chromium and
   ChromeDriver are installed, how long the browser takes to draw the heat map.

It prints a table of medians and p95s against the targets. The targets are measured
here, never asserted in unit tests: the exit status is 0 even when one is missed, and
the row then says MISSED. ``BENCH_RUNS`` (default 30) sets the timed runs per case,
``BENCH_BROWSER=0`` skips the browser.
"""

from __future__ import annotations

import datetime as dt
import json
import math
import os
import secrets
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from decimal import Decimal
from html.parser import HTMLParser
from pathlib import Path
from typing import Any, NoReturn

import psutil
import requests
from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session, sessionmaker

from dashboard import formatting as fmt
from dashboard import ids
from dashboard.kpis import previous_as_of
from data_access.db import make_engine, session_factory, session_scope
from data_access.ledger_store import rebuild_ledger
from data_access.models import (
    AgingSnapshot,
    AgingSnapshotBuild,
    Allocation,
    Customer,
    Document,
    Payment,
    Seller,
    Tag,
    User,
)
from data_access.users import generate_password, get_user_by_username, set_password

ROOT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent
DEFAULT_DB = ROOT / "instance" / "bench" / "bench.db"
CUSTOMERS, YEARS = 10_000, 2
USERNAME = "bench"
TAG = "wholesale"
WARMUP = 2
RUNS = int(os.environ.get("BENCH_RUNS", "30"))
WRITES = 5  # payments added (and removed again) in the write case
BROWSER_RUNS = 10
REQUEST_TIMEOUT = 300.0  # seconds; a cold snapshot build is inside one request
PAYMENT = Decimal("123.45")
CHROMIUM = os.environ.get("DASH_TEST_CHROMEPATH", "/usr/bin/chromium")

# Targets (upper bounds) from the portfolio issue; ``assumed=True`` rows use one it does
# not state. Latency rows are judged on the median unless a p95 bound is given too.
DEFAULT_MEDIAN_MS = 100.0  # today, default filters: median <= 100 ms ...
DEFAULT_P95_MS = 250.0  # ... and p95 <= 250 ms
FILTER_MEDIAN_MS = 300.0  # any single filter changed: median <= 300 ms
SELLERS_MEDIAN_MS = 50.0  # seller treemap and KPI tiles alone: <= 50 ms
PAST_MS = 1_500.0  # a past as-of date: <= 1.5 s (first, cold read)
WARM_MS = 1_000.0
WRITE_MS = 500.0
RESPONSE_KB = 150.0
WIRE_KB = 50.0
WORKER_MB = 400.0
RENDER_MS = 500.0


# -- results -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Result:
    """One row of the table: a median and a p95 (or one value) against an upper bound."""

    case: str
    median: float
    p95: float | None
    limit: float | None
    unit: str = "ms"
    assumed: bool = False
    p95_limit: float | None = None

    @property
    def ok(self) -> bool | None:
        """Whether the median (and the p95, when bounded) is within the target."""
        if self.limit is None:
            return None
        within = self.median <= self.limit
        if self.p95_limit is not None and self.p95 is not None:
            within = within and self.p95 <= self.p95_limit
        return within


def percentile(samples: list[float], pct: float) -> float:
    """Nearest-rank percentile (p95 of 30 samples is the 29th smallest)."""
    ordered = sorted(samples)
    return ordered[max(math.ceil(pct / 100 * len(ordered)) - 1, 0)]


def summary(case: str, samples: list[float], limit: float | None, **extra: Any) -> Result:
    """Median and p95 of ``samples`` as a table row; prints it as progress."""
    result = Result(case, statistics.median(samples), percentile(samples, 95), limit, **extra)
    print(f"  {case}: median {result.median:,.1f}, p95 {result.p95:,.1f}", flush=True)
    return result


def single(case: str, value: float, limit: float | None, **extra: Any) -> Result:
    """One measured value as a table row; prints it as progress."""
    print(f"  {case}: {value:,.1f}", flush=True)
    return Result(case, value, None, limit, **extra)


def print_table(results: list[Result]) -> None:
    """The results as a plain (and Markdown) table; targets not met say MISSED."""
    header = ("case", "median ms", "p95 ms", "target", "ok?")
    rows = [header, tuple("---" for _ in header)]
    for r in results:
        target = "" if r.limit is None else f"median ≤ {r.limit:,.0f} {r.unit}"
        if r.p95_limit is not None:
            target += f", p95 ≤ {r.p95_limit:,.0f}"
        target += "*" if r.assumed else ""
        ok = {None: "", True: "ok", False: "MISSED"}[r.ok]
        p95 = "" if r.p95 is None else f"{r.p95:,.1f}"
        rows.append((r.case, f"{r.median:,.1f}", p95, target, ok))
    widths = [max(len(row[i]) for row in rows) for i in range(len(header))]
    for row in rows:
        print("| " + " | ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)) + " |")
    missed = [r.case for r in results if r.ok is False]
    print("* target assumed by the benchmark (the issue states none for this row)")
    print(f"MISSED: {len(missed)} target(s): {'; '.join(missed)}" if missed else "All targets met.")


# -- database ----------------------------------------------------------------------------


@contextmanager
def database(db: Path) -> Iterator[Session]:
    """A session on the benchmark database that commits when the block succeeds."""
    engine = make_engine(f"sqlite:///{db}")
    try:
        with session_scope(session_factory(engine)) as sess:
            yield sess
    finally:
        engine.dispose()


def bench_env(db: Path) -> dict[str, str]:
    """Environment for the CLI and gunicorn: this database, its folder, a fresh secret key."""
    env = dict(os.environ)
    env.update(
        DATABASE_URL=f"sqlite:///{db}",
        CARTERA_INSTANCE=str(db.parent),
        SECRET_KEY=secrets.token_hex(32),
    )
    return env


def cartera(env: dict[str, str], *args: str) -> str:
    """Run the ``cartera`` command line (progress on stderr); return its standard output."""
    done = subprocess.run(
        [str(BIN / "cartera"), *args],
        cwd=ROOT,
        env=env,
        check=True,
        stdout=subprocess.PIPE,
        text=True,
        timeout=3600,
    )
    return done.stdout


def create_database(db: Path, env: dict[str, str]) -> None:
    """Generate the demo portfolio into a temporary file, then move it into place.

    A run interrupted half-way thus never leaves a partial database that later runs reuse.
    """
    db.parent.mkdir(parents=True, exist_ok=True)
    partial = db.with_name(db.name + ".partial")
    for leftover in db.parent.glob(partial.name + "*"):
        leftover.unlink()
    print(f"Creating {db}: cartera demo --customers {CUSTOMERS} --years {YEARS} (~100 s)")
    began = time.perf_counter()
    cartera({**env, "DATABASE_URL": f"sqlite:///{partial}"}, "demo", *demo_args())
    print(f"Demo portfolio generated in {time.perf_counter() - began:.0f} s", flush=True)
    for suffix in ("", "-wal", "-shm"):
        source = partial.with_name(partial.name + suffix)
        if source.exists():
            source.rename(db.with_name(db.name + suffix))


def demo_args() -> list[str]:
    """Arguments of ``cartera demo`` for the benchmark portfolio."""
    return ["--customers", str(CUSTOMERS), "--years", str(YEARS)]


def ensure_database(db: Path, env: dict[str, str]) -> str:
    """Create the benchmark database once, or migrate it; return the bench user's password."""
    if db.exists():
        cartera(env, "init-db")
    else:
        create_database(db, env)
    password_file = db.parent / "bench_password"
    with database(db) as sess:
        user = get_user_by_username(sess, USERNAME)
        if user is not None and password_file.exists():
            return password_file.read_text().strip()
        password = generate_password()
        if user is not None:
            set_password(user, password)
    if user is None:
        cartera(env, "user", "add", USERNAME, "--role", "admin", "--password", password)
    password_file.write_text(password + "\n")
    password_file.chmod(0o600)
    return password


@dataclass(frozen=True)
class Portfolio:
    """Sizes of the benchmark data and the real names the cases filter on."""

    customers: int
    invoices: int
    notes: int  # credit and debit notes
    payments: int
    allocations: int
    seller: str
    collector: str
    customer_id: int  # a customer with open invoices and a median-size ledger
    customer_rows: int  # its documents and payments (what a rebuild replays)


def _count(sess: Session, query: Any) -> int:
    return int(sess.scalar(select(func.count()).select_from(query.subquery())) or 0)


def _busiest(sess: Session, key: Any, join: Any) -> str:
    query = select(key).join(Customer, join).group_by(key).order_by(func.count().desc(), key)
    return str(sess.scalars(query.limit(1)).one())


def typical_customer(sess: Session) -> tuple[int, int]:
    """The customer with open invoices whose ledger (documents + payments) has the median size.

    Returns:
        ``(customer id, its documents and payments)``: what a rebuild replays.
    """
    rows: dict[int, int] = {}
    for table in (Document, Payment):
        query = select(table.customer_id, func.count()).group_by(table.customer_id)
        for customer_id, count in sess.execute(query):
            rows[customer_id] = rows.get(customer_id, 0) + count
    open_invoice = select(Document.customer_id).where(
        Document.kind == "invoice", Document.settled_on.is_(None)
    )
    owing = set(sess.scalars(open_invoice.distinct()))
    ranked = sorted(
        (count, customer_id) for customer_id, count in rows.items() if customer_id in owing
    )
    count, customer_id = ranked[len(ranked) // 2]
    return customer_id, count


def inspect_portfolio(sess: Session) -> Portfolio:
    """Count the data and pick the seller, collector and customer the cases use."""
    if sess.scalar(select(Tag.id).where(Tag.name == TAG)) is None:
        raise LookupError(f"the demo portfolio has no {TAG!r} tag")
    customer_id, customer_rows = typical_customer(sess)
    return Portfolio(
        customers=_count(sess, select(Customer.id)),
        invoices=_count(sess, select(Document.id).where(Document.kind == "invoice")),
        notes=_count(sess, select(Document.id).where(Document.kind != "invoice")),
        payments=_count(sess, select(Payment.id)),
        allocations=_count(sess, select(Allocation.id)),
        seller=_busiest(sess, Seller.code, Customer.seller_id == Seller.id),
        collector=_busiest(sess, User.username, Customer.collector_id == User.id),
        customer_id=customer_id,
        customer_rows=customer_rows,
    )


def drop_snapshots(db: Path, dates: list[dt.date]) -> None:
    """Forget the stored aging snapshots of ``dates`` so the next read builds them."""
    with database(db) as sess:
        sess.execute(delete(AgingSnapshot).where(AgingSnapshot.as_of.in_(dates)))
        sess.execute(delete(AgingSnapshotBuild).where(AgingSnapshotBuild.as_of.in_(dates)))


def stored_snapshot_dates(db: Path) -> int:
    """How many dates have a stored snapshot (a ledger write refreshes each of them)."""
    with database(db) as sess:
        return _count(sess, select(AgingSnapshotBuild.as_of))


# -- server and client -------------------------------------------------------------------


def free_port() -> int:
    """A TCP port nobody listens on right now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def stop(process: subprocess.Popen[bytes]) -> None:
    """Stop gunicorn gracefully (SIGTERM), then kill its process group after 30 s."""
    if process.poll() is not None:
        return
    process.terminate()
    try:
        process.wait(timeout=30)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=10)


def wait_ready(base: str, process: subprocess.Popen[bytes], log: Path, seconds: float) -> None:
    """Wait until ``/login`` answers; fail early if gunicorn exits."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            tail = log.read_text(errors="replace")[-2000:]
            raise RuntimeError(f"gunicorn exited with {process.returncode}:\n{tail}")
        try:
            if requests.get(f"{base}/login", timeout=5).status_code == 200:
                return
        except requests.RequestException:
            pass
        time.sleep(0.25)
    raise TimeoutError(f"gunicorn did not answer on {base}/login within {seconds:.0f} s")


@contextmanager
def gunicorn(env: dict[str, str], log: Path) -> Iterator[tuple[str, subprocess.Popen[bytes]]]:
    """Run ``gunicorn --workers 2 app:server`` on loopback; always stopped on the way out."""
    base = f"http://127.0.0.1:{free_port()}"
    command = [str(BIN / "gunicorn"), "--workers", "2", "--bind", base[7:], "app:server"]
    with log.open("w") as out:
        process = subprocess.Popen(
            command, cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT, start_new_session=True
        )
        try:
            wait_ready(base, process, log, seconds=120)
            yield base, process
        finally:
            stop(process)


class _Inputs(HTMLParser):
    """Collects ``name → value`` of the ``<input>`` elements of a page."""

    def __init__(self) -> None:
        super().__init__()
        self.values: dict[str, str] = {}

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if tag == "input" and found.get("name"):
            self.values[str(found["name"])] = found.get("value") or ""


def sign_in(base: str, password: str) -> requests.Session:
    """Sign in through the real form (GET, hidden csrf input, POST), in English."""
    client = requests.Session()
    client.headers["Accept-Language"] = "en"
    form = client.get(f"{base}/login", timeout=30)
    form.raise_for_status()
    inputs = _Inputs()
    inputs.feed(form.text)
    fields = {"username": USERNAME, "password": password, "csrf": inputs.values["csrf"]}
    answer = client.post(f"{base}/login", data={**fields, "next": "/"}, allow_redirects=False)
    if answer.status_code != 302:
        raise RuntimeError(f"sign-in failed: HTTP {answer.status_code}")
    return client


@dataclass(frozen=True)
class Callback:
    """A server callback as ``/_dash-dependencies`` declares it."""

    output: str  # "..a.b...c.d.." for several outputs
    outputs: list[dict[str, str]]
    input_id: str

    def body(self, search: str) -> dict[str, Any]:
        """The JSON the Dash renderer posts when the URL's search becomes ``search``."""
        changed = [f"{self.input_id}.search"]
        return {
            "output": self.output,
            "outputs": self.outputs if len(self.outputs) > 1 else self.outputs[0],
            "inputs": [{"id": self.input_id, "property": "search", "value": search}],
            "changedPropIds": changed,
            "parsedChangedPropsIds": changed,
        }


def find_callback(dependencies: list[dict[str, Any]], output_id: str) -> Callback:
    """The callback that writes ``output_id`` and is driven by one URL ``search``."""
    for dependency in dependencies:
        output = str(dependency["output"])
        multi = output.startswith("..")
        parts = output.removeprefix("..").removesuffix("..").split("...") if multi else [output]
        outputs = [dict(zip(("id", "property"), p.rsplit(".", 1), strict=True)) for p in parts]
        inputs = dependency["inputs"]
        if any(o["id"] == output_id for o in outputs) and [i["property"] for i in inputs] == [
            "search"
        ]:
            return Callback(output, outputs, inputs[0]["id"])
    raise LookupError(f"no callback driven by a URL search writes {output_id!r}")


def post(client: requests.Session, base: str, body: dict[str, Any]) -> tuple[float, Any]:
    """POST one callback; return the wall time in ms and the decoded JSON answer."""
    began = time.perf_counter()
    answer = client.post(f"{base}/_dash-update-component", json=body, timeout=REQUEST_TIMEOUT)
    elapsed = (time.perf_counter() - began) * 1000
    if answer.status_code != 200:
        raise RuntimeError(f"callback answered HTTP {answer.status_code}: {answer.text[:300]}")
    return elapsed, answer.json()


def timed(client: requests.Session, base: str, body: dict[str, Any]) -> list[float]:
    """Wall times of ``RUNS`` requests after ``WARMUP`` untimed ones."""
    for _ in range(WARMUP):
        post(client, base, body)
    return [post(client, base, body)[0] for _ in range(RUNS)]


# -- cases -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Bench:
    """What every case needs: the signed-in client, the server, the callbacks, the data."""

    client: requests.Session
    base: str
    portfolio: Callback
    sellers: Callback
    rankings: Callback
    db: Path
    sessions: sessionmaker[Session]  # one engine for every write, as in a server process
    env: dict[str, str]
    data: Portfolio


def read_cases(bench: Bench) -> list[Result]:
    """Today's portfolio with default filters, each single filter, and the sellers page."""
    searches = [
        "",
        f"?seller={bench.data.seller}",
        f"?collector={bench.data.collector}",
        f"?tag={TAG}",
        "?min_balance=5000",
        "?bucket=4",
        "?group=seller",
    ]
    results = []
    for search in searches:
        samples = timed(bench.client, bench.base, bench.portfolio.body(search))
        label = f"portfolio, today, {search or 'default filters'}"
        if search:
            results.append(summary(label, samples, FILTER_MEDIAN_MS))
        else:
            results.append(summary(label, samples, DEFAULT_MEDIAN_MS, p95_limit=DEFAULT_P95_MS))
    samples = timed(bench.client, bench.base, bench.sellers.body(""))
    results.append(summary("sellers page: seller treemap, today", samples, SELLERS_MEDIAN_MS))
    samples = timed(bench.client, bench.base, bench.rankings.body(""))
    results.append(summary("sellers page: seller and collector rankings, today", samples, None))
    return results


def past_date_case(bench: Bench) -> list[Result]:
    """A date 90 days back: the first read builds its snapshots (cold), then warm reads."""
    day = dt.date.today() - dt.timedelta(days=90)
    drop_snapshots(bench.db, [day, previous_as_of(day)])
    body = bench.portfolio.body(f"?as_of={day.isoformat()}")
    cold, _ = post(bench.client, bench.base, body)
    label = f"portfolio, ?as_of={day.isoformat()}"
    return [
        single(f"{label}, first read (cold: builds 2 snapshots)", cold, PAST_MS),
        summary(f"{label}, warm", timed(bench.client, bench.base, body), WARM_MS, assumed=True),
    ]


def receivable(env: dict[str, str]) -> Decimal:
    """Total receivable today according to ``cartera report kpis --format json``."""
    return Decimal(
        json.loads(cartera(env, "report", "kpis", "--format", "json"))["total_receivable"]
    )


def rebuild_ms(sess: Session, customer_id: int) -> float:
    """Time ``rebuild_ledger`` for one customer (allocations and its snapshot rows)."""
    began = time.perf_counter()
    rebuild_ledger(sess, [customer_id])
    return (time.perf_counter() - began) * 1000


def add_payment(
    sessions: sessionmaker[Session], customer_id: int, reference: str
) -> tuple[int, float]:
    """Add a payment of ``PAYMENT`` today and rebuild; return its id and the rebuild ms."""
    with session_scope(sessions) as sess:
        payment = Payment(
            reference=reference,
            customer_id=customer_id,
            date=dt.date.today(),
            amount=PAYMENT,
            method="bench",
            unapplied=PAYMENT,
        )
        sess.add(payment)
        sess.flush()
        return payment.id, rebuild_ms(sess, customer_id)


def remove_payment(sessions: sessionmaker[Session], customer_id: int, payment_id: int) -> float:
    """Delete the benchmark payment and rebuild; return the rebuild ms."""
    with session_scope(sessions) as sess:
        sess.execute(delete(Payment).where(Payment.id == payment_id))
        return rebuild_ms(sess, customer_id)


def check_tiles(answer: Any, expected: Decimal) -> None:
    """The receivable tile must show ``expected`` to the cent."""
    text = fmt.money(expected, os.environ.get("CARTERA_CURRENCY", "USD"), "en")
    tiles = json.dumps(answer["response"][ids.PORTFOLIO_TILES], ensure_ascii=False)
    if text not in tiles:
        raise AssertionError(f"the tiles do not show the receivable {text} after the write")


def write_once(bench: Bench, reference: str, before: Decimal, check_cli: bool) -> list[float]:
    """Add a payment, read, remove it, read; the payment is removed even on failure.

    Returns:
        ``[rebuild after adding, read after adding, rebuild after removing, read after]``.
    """
    customer = bench.data.customer_id
    payment_id, added = add_payment(bench.sessions, customer, reference)
    try:
        read_added, answer = post(bench.client, bench.base, bench.portfolio.body(""))
        check_tiles(answer, before - PAYMENT)
        if check_cli and receivable(bench.env) != before - PAYMENT:
            raise AssertionError("cartera report kpis: receivable did not drop by the payment")
    finally:
        removed = remove_payment(bench.sessions, customer, payment_id)
    read_removed, answer = post(bench.client, bench.base, bench.portfolio.body(""))
    check_tiles(answer, before)
    return [added, read_added, removed, read_removed]


def write_case(bench: Bench) -> list[Result]:
    """One untimed write cycle (checked with the CLI too), then ``WRITES`` timed ones."""
    before = receivable(bench.env)
    rows, dates = bench.data.customer_rows, stored_snapshot_dates(bench.db)
    token = secrets.token_hex(4)
    write_once(bench, f"BENCH-{token}-warmup", before, check_cli=True)
    times = [write_once(bench, f"BENCH-{token}-{n}", before, False) for n in range(WRITES)]
    if receivable(bench.env) != before:
        raise AssertionError("the receivable did not come back after removing the payment")
    print(f"  write verified: receivable {before} → {before - PAYMENT} → {before}")
    rebuilds = [t[0] for t in times] + [t[2] for t in times]
    reads = [t[1] for t in times] + [t[3] for t in times]
    return [
        summary(
            f"write: rebuild_ledger, 1 customer ({rows} rows, {dates} snapshot dates)",
            rebuilds,
            WRITE_MS,
            assumed=True,
        ),
        summary("write: rebuild per ledger row (µs)", [ms * 1000 / rows for ms in rebuilds], None),
        summary("portfolio, today, first read after a write", reads, WARM_MS, assumed=True),
    ]


def payload_case(bench: Bench) -> tuple[list[Result], int]:
    """Size of the heat map callback's answer, plain and gzip; also its node count."""
    url, body = f"{bench.base}/_dash-update-component", bench.portfolio.body("")
    plain = bench.client.post(
        url, json=body, headers={"Accept-Encoding": "identity"}, timeout=REQUEST_TIMEOUT
    )
    wire = bench.client.post(
        url, json=body, headers={"Accept-Encoding": "gzip"}, stream=True, timeout=REQUEST_TIMEOUT
    )
    packed = wire.raw.read(decode_content=False)
    encoding = wire.headers.get("Content-Encoding", "none")
    figure = plain.json()["response"][ids.PORTFOLIO_TREEMAP]["figure"]
    figure_kb = len(json.dumps(figure, separators=(",", ":")).encode()) / 1000
    nodes = len(figure["data"][0]["ids"])
    results = [
        single(
            "payload: portfolio callback answer, uncompressed (KB)",
            len(plain.content) / 1000,
            RESPONSE_KB,
            unit="KB",
        ),
        single(
            f"payload: same on the wire, {encoding} (KB)", len(packed) / 1000, WIRE_KB, unit="KB"
        ),
        single(f"payload: of which the treemap figure, {nodes} nodes (KB)", figure_kb, None),
    ]
    return results, nodes


def peak_rss_mb(pid: int) -> float:
    """Peak resident set size (VmHWM) of a process in MB."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) * 1024 / 1_000_000
    raise LookupError(f"no VmHWM for process {pid}")


def memory_case(process: subprocess.Popen[bytes]) -> list[Result]:
    """Peak RSS of each gunicorn worker (the master's children) after the runs."""
    workers = sorted(psutil.Process(process.pid).children(), key=lambda child: child.pid)
    return [
        single(f"memory: peak RSS of worker {n} (MB)", peak_rss_mb(w.pid), WORKER_MB, unit="MB")
        for n, w in enumerate(workers, 1)
    ]


# -- browser -----------------------------------------------------------------------------

# Installed before any page script: when the heat map has its slices, note the time
# (DOM) and the time two animation frames later (painted).
WATCH_SLICES = """
window.__bench = {dom: 0, paint: 0, slices: 0};
const __benchWatch = new MutationObserver(() => {
  const slices = document.querySelectorAll('#portfolio-treemap .slice').length;
  if (slices >= %d && !window.__bench.dom) {
    window.__bench.dom = performance.now();
    window.__bench.slices = slices;
    __benchWatch.disconnect();
    requestAnimationFrame(() => requestAnimationFrame(() => {
      window.__bench.paint = performance.now();
    }));
  }
});
__benchWatch.observe(document, {childList: true, subtree: true});
"""

# The largest callback answer received before the slices appeared: the heat map's.
READ_TIMES = """
const b = window.__bench;
const calls = performance.getEntriesByType('resource').filter(
  e => e.name.includes('/_dash-update-component') && e.responseEnd <= b.dom);
const big = calls.reduce((a, e) => (!a || e.decodedBodySize > a.decodedBodySize) ? e : a, null);
return {paint: b.paint, start: big.startTime, end: big.responseEnd};
"""


def chrome(slices: int) -> Any:
    """Headless Debian Chromium (options of tests/browser) watching for ``slices`` slices."""
    from selenium import webdriver
    from selenium.webdriver.chrome.options import Options

    options = Options()
    options.binary_location = CHROMIUM
    for argument in (
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--window-size=1366,900",
        "--lang=en-US",
    ):
        options.add_argument(argument)
    driver = webdriver.Chrome(options=options)
    source = WATCH_SLICES % slices
    driver.execute_cdp_cmd("Page.addScriptToEvaluateOnNewDocument", {"source": source})
    return driver


def browser_sign_in(driver: Any, base: str, password: str) -> None:
    """Fill and send the login form, then wait for the app shell."""
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support import expected_conditions as EC
    from selenium.webdriver.support.ui import WebDriverWait

    driver.get(f"{base}/login")
    driver.find_element(By.ID, "username").send_keys(USERNAME)
    driver.find_element(By.ID, "password").send_keys(password)
    driver.find_element(By.ID, "login-submit").click()
    WebDriverWait(driver, 60).until(EC.presence_of_element_located((By.ID, ids.PAGE)))


def browser_samples(driver: Any, base: str) -> list[dict[str, float]]:
    """Open ``/`` once to warm up, then ``BROWSER_RUNS`` times, reading the page's timings."""
    from selenium.webdriver.support.ui import WebDriverWait

    samples = []
    for _ in range(BROWSER_RUNS + 1):
        driver.get(f"{base}/")
        WebDriverWait(driver, REQUEST_TIMEOUT).until(
            lambda d: d.execute_script("return window.__bench && window.__bench.paint")
        )
        samples.append(driver.execute_script(READ_TIMES))
    return samples[1:]


def browser_case(base: str, password: str, slices: int) -> list[Result]:
    """Heat map render time in Chromium: painted minus the callback answer's arrival."""
    if os.environ.get("BENCH_BROWSER") == "0":
        print("  browser: skipped (BENCH_BROWSER=0)")
        return []
    if shutil.which("chromedriver") is None or not Path(CHROMIUM).exists():
        print("  browser: skipped (apt-get install chromium chromium-driver)")
        return []
    from selenium.common.exceptions import WebDriverException

    try:
        driver = chrome(slices)
        try:
            browser_sign_in(driver, base, password)
            samples = browser_samples(driver, base)
        finally:
            driver.quit()
    except WebDriverException as exc:  # optional row: report why and carry on
        print(f"  browser: failed, no rows ({exc.msg or type(exc).__name__})")
        return []
    return [
        summary(
            "browser: heat map painted after its callback answer arrived",
            [s["paint"] - s["end"] for s in samples],
            RENDER_MS,
        ),
        summary(
            "browser: heat map callback as the browser saw it",
            [s["end"] - s["start"] for s in samples],
            None,
        ),
        summary("browser: navigation to heat map painted", [s["paint"] for s in samples], None),
    ]


# -- main --------------------------------------------------------------------------------


def run_cases(
    base: str, process: subprocess.Popen[bytes], password: str, env: dict[str, str], db: Path
) -> list[Result]:
    """Sign in, find the callbacks, time every case; the workers' memory last."""
    client = sign_in(base, password)
    dependencies = client.get(f"{base}/_dash-dependencies", timeout=30).json()
    with database(db) as sess:
        data = inspect_portfolio(sess)
    print_sizes(db, data)
    engine = make_engine(f"sqlite:///{db}")
    try:
        bench = Bench(
            client=client,
            base=base,
            portfolio=find_callback(dependencies, ids.PORTFOLIO_TREEMAP),
            sellers=find_callback(dependencies, ids.SELLERS_TREEMAP),
            rankings=find_callback(dependencies, ids.SELLERS_RANKING),
            db=db,
            sessions=session_factory(engine),
            env=env,
            data=data,
        )
        results = read_cases(bench) + past_date_case(bench) + write_case(bench)
    finally:
        engine.dispose()
    payload, slices = payload_case(bench)
    return results + payload + browser_case(base, password, slices) + memory_case(process)


def print_sizes(db: Path, data: Portfolio) -> None:
    """The size of the benchmark portfolio and the values the cases filter on."""
    print(f"Database {db} ({db.stat().st_size / 1e6:,.0f} MB)")
    print(
        f"  {data.customers:,} customers, {data.invoices:,} invoices, "
        f"{data.notes:,} credit/debit notes, {data.payments:,} payments, "
        f"{data.allocations:,} allocations"
    )
    print(
        f"  seller {data.seller}, collector {data.collector}, tag {TAG}; "
        f"writes on customer id {data.customer_id}"
    )
    print(f"  {RUNS} timed runs per case after {WARMUP} warm-up runs; {os.cpu_count()} CPUs")


def _exit_on_sigterm(_signum: int, _frame: Any) -> NoReturn:
    raise SystemExit(143)  # runs the finally blocks: gunicorn is stopped


def main() -> int:
    """Prepare the data, run gunicorn, measure, print the table. Always exits 0."""
    signal.signal(signal.SIGTERM, _exit_on_sigterm)
    db = Path(os.environ.get("BENCH_DB", str(DEFAULT_DB))).resolve()
    env = bench_env(db)
    password = ensure_database(db, env)
    log = db.parent / "gunicorn.log"
    load_before = os.getloadavg()[0]
    with gunicorn(env, log) as (base, process):
        print(f"gunicorn --workers 2 on {base} (log {log})", flush=True)
        results = run_cases(base, process, password, env, db)
    print(f"\nPortfolio benchmark, {dt.date.today().isoformat()}, {os.cpu_count()} CPUs")
    print(f"Load average (1 min) before the runs {load_before:.2f}, after {os.getloadavg()[0]:.2f}")
    if load_before > 0.5:
        print("Other processes were busy when the runs started: expect noisy numbers.")
    print()
    print_table(results)
    return 0


if __name__ == "__main__":
    sys.exit(main())
