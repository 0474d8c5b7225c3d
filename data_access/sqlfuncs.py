"""The few SQL expressions SQLite and PostgreSQL spell differently, in one place.

Each is a SQLAlchemy construct compiled per dialect; queries use them like functions.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import Date, DateTime, Float, Integer, func, literal
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.compiler import SQLCompiler
from sqlalchemy.sql.elements import ColumnElement
from sqlalchemy.sql.expression import FunctionElement


class day_number(FunctionElement[int]):  # noqa: N801 - reads like the SQL function it emits
    """Whole days since a fixed epoch, so date differences work on both databases."""

    type = Integer()
    inherit_cache = True


@compiles(day_number, "sqlite")
def _day_number_sqlite(element: day_number, compiler: Any, **kw: Any) -> str:
    return f"CAST(julianday({compiler.process(element.clauses, **kw)}) AS INTEGER)"


@compiles(day_number, "postgresql")
def _day_number_postgresql(element: day_number, compiler: Any, **kw: Any) -> str:
    return f"(({compiler.process(element.clauses, **kw)})::date - DATE '2000-01-01')"


class money_number(FunctionElement[float]):  # noqa: N801 - reads like the SQL function it emits
    """A money expression as a plain number in currency units (SQLite stores cents)."""

    type = Float()
    inherit_cache = True


@compiles(money_number, "sqlite")
def _money_number_sqlite(element: money_number, compiler: Any, **kw: Any) -> str:
    return f"(CAST({compiler.process(element.clauses, **kw)} AS REAL) / 100.0)"


@compiles(money_number, "postgresql")
def _money_number_postgresql(element: money_number, compiler: Any, **kw: Any) -> str:
    return f"CAST({compiler.process(element.clauses, **kw)} AS DOUBLE PRECISION)"


class as_timestamp(FunctionElement[dt.datetime]):  # noqa: N801 - reads like SQL
    """A date as a timestamp, so dates and datetimes sort together in one column."""

    type = DateTime()
    inherit_cache = True


@compiles(as_timestamp, "sqlite")
def _as_timestamp_sqlite(element: as_timestamp, compiler: Any, **kw: Any) -> str:
    # ISO text sorts correctly as it is; CAST would turn '2024-01-01' into 2024.
    return f"({compiler.process(element.clauses, **kw)} || ' 00:00:00.000000')"


@compiles(as_timestamp, "postgresql")
def _as_timestamp_postgresql(element: as_timestamp, compiler: Any, **kw: Any) -> str:
    return f"CAST({compiler.process(element.clauses, **kw)} AS TIMESTAMP)"


class _PlusDays(FunctionElement[dt.date]):
    """``date_expression`` plus a whole number of days, as a date."""

    type = Date()
    inherit_cache = True
    name = "plus_days"


@compiles(_PlusDays)
def _plus_days_default(element: _PlusDays, compiler: SQLCompiler, **kw: Any) -> str:
    day, days = list(element.clauses)
    return f"({compiler.process(day, **kw)} + {compiler.process(days, **kw)})"


@compiles(_PlusDays, "sqlite")
def _plus_days_sqlite(element: _PlusDays, compiler: SQLCompiler, **kw: Any) -> str:
    day, days = list(element.clauses)
    modifier = func.printf("%+d days", days)
    return compiler.process(func.date(day, modifier), **kw)


def plus_days(day: Any, days: int) -> ColumnElement[Any] | Any:
    """``day + days`` in SQL on SQLite and PostgreSQL; ``days`` is a bound parameter.

    Zero days returns ``day`` itself, so the common case keeps plain comparisons.
    """
    if days == 0:
        return day
    return _PlusDays(day, literal(days, Integer))


class _Unindexed(FunctionElement[Any]):
    """A column SQLite must not look up through an index (``+column``)."""

    inherit_cache = True
    name = "unindexed"

    def __init__(self, column: Any) -> None:
        super().__init__(column)
        self.type = column.type


@compiles(_Unindexed)
def _unindexed_default(element: _Unindexed, compiler: SQLCompiler, **kw: Any) -> str:
    return compiler.process(element.clauses, **kw)


@compiles(_Unindexed, "sqlite")
def _unindexed_sqlite(element: _Unindexed, compiler: SQLCompiler, **kw: Any) -> str:
    return f"+{compiler.process(element.clauses, **kw)}"


def unindexed(column: Any) -> ColumnElement[Any]:
    """``column`` as it is, but SQLite will not range-scan an index on it.

    For a condition that keeps most of a table, reading the table once is faster
    than an index lookup per row (SQLite's unary ``+``); PostgreSQL's planner
    decides that itself, so there the column is unchanged.
    """
    return _Unindexed(column)
