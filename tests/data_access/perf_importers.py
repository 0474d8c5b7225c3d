"""Performance smoke run of the invoice importer (a script, not a timed test).

Generates a customers CSV and a large invoices CSV in a temporary directory, imports
both into a fresh SQLite database there, then re-imports the invoices (nothing should
change) and prints seconds and peak RSS::

    .venv/bin/python -m tests.data_access.perf_importers --rows 200000
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import random
import resource
import sys
import tempfile
import time
from pathlib import Path

from data_access.db import make_engine, session_factory, session_scope
from data_access.importers import import_file
from data_access.schema import upgrade


def write_files(folder: Path, rows: int, customers: int) -> tuple[Path, Path]:
    """A customers CSV and an invoices CSV with ``rows`` documents."""
    customers_csv, invoices_csv = folder / "customers.csv", folder / "invoices.csv"
    with customers_csv.open("w", newline="", encoding="utf-8") as handle:
        out = csv.writer(handle)
        out.writerow(["code", "name", "payment_terms_days"])
        out.writerows([f"C{n:05d}", f"Customer {n}", "30"] for n in range(customers))
    rng = random.Random(7)
    start = dt.date(2022, 1, 1)
    with invoices_csv.open("w", newline="", encoding="utf-8") as handle:
        out = csv.writer(handle)
        out.writerow(["number", "customer_code", "issue_date", "due_date", "amount", "kind"])
        for n in range(rows):
            issue = start + dt.timedelta(days=rng.randrange(900))
            due = issue + dt.timedelta(days=rng.choice((0, 30, 60)))
            cents = rng.randrange(1_000, 5_000_000)
            kind = "credit_note" if n % 20 == 0 else "invoice"
            customer = f"C{rng.randrange(customers):05d}"
            out.writerow([f"F-{n:07d}", customer, issue, due, f"{cents / 100:.2f}", kind])
    return customers_csv, invoices_csv


def peak_rss_mb() -> float:
    """Peak resident set size of this process in MiB (Linux reports KiB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main(argv: list[str] | None = None) -> None:
    """Run the smoke test and print the timings."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=200_000)
    parser.add_argument("--customers", type=int, default=2_000)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(dir="/tmp") as tmp:
        folder = Path(tmp)
        customers_csv, invoices_csv = write_files(folder, args.rows, args.customers)
        engine = make_engine(f"sqlite:///{folder / 'perf.db'}")
        upgrade(engine)
        factory = session_factory(engine)
        print(f"files written; rss {peak_rss_mb():.0f} MiB", flush=True)
        for label, kind, path in (
            ("customers", "customers", customers_csv),
            ("invoices", "invoices", invoices_csv),
            ("invoices again", "invoices", invoices_csv),
        ):
            began = time.perf_counter()
            with session_scope(factory) as session:
                result = import_file(session, kind, path)
            seconds = time.perf_counter() - began
            print(f"{label}: {seconds:.1f} s, {result}, peak rss {peak_rss_mb():.0f} MiB")
            sys.stdout.flush()
        engine.dispose()


if __name__ == "__main__":
    main()
