"""Distances on the Earth, check-in verification and ordering by distance (pure).

Distances are great-circle distances on a sphere of the Earth's mean radius
(haversine): within about 0.5 % of the ellipsoid, metres apart at the scale of a
visit, which is far below a phone's GPS error.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Literal, TypeVar

from dashboard import formatting as fmt

EARTH_RADIUS_M = 6_371_008.8  # mean radius (IUGG)
DEFAULT_RADIUS_M = 300
MAX_RADIUS_M = 50_000
RADIUS_VARIABLE = "CARTERA_VISIT_RADIUS_M"

Coordinate = float | Decimal
Point = tuple[Coordinate, Coordinate]
VisitStatus = Literal["verified", "too_far", "imprecise", "no_coordinates"]
T = TypeVar("T")


class RadiusError(ValueError):
    """``CARTERA_VISIT_RADIUS_M`` is not a usable distance."""


def valid_point(latitude: object, longitude: object) -> bool:
    """Whether the pair is a finite latitude in [-90, 90] and longitude in [-180, 180]."""
    for value, limit in ((latitude, 90), (longitude, 180)):
        if isinstance(value, bool) or not isinstance(value, int | float | Decimal):
            return False
        number = float(value)
        if not math.isfinite(number) or abs(number) > limit:
            return False
    return True


def haversine_m(a: Point, b: Point) -> float:
    """Great-circle distance in metres between two (latitude, longitude) points in degrees."""
    lat1, lon1, lat2, lon2 = (math.radians(float(v)) for v in (*a, *b))
    h = (
        math.sin((lat2 - lat1) / 2) ** 2
        + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    )
    return 2 * EARTH_RADIUS_M * math.asin(min(1.0, math.sqrt(h)))


def point_of(latitude: Coordinate | None, longitude: Coordinate | None) -> Point | None:
    """The pair as a point, or None when either is missing or out of range."""
    if latitude is None or longitude is None or not valid_point(latitude, longitude):
        return None
    return (latitude, longitude)


@dataclass(frozen=True)
class Verdict:
    """How a check-in compares with the customer's address coordinates."""

    status: VisitStatus
    distance_m: float | None  # None: the customer has no coordinates

    @property
    def verified(self) -> bool:
        """Whether the visit counts as made at the customer's address."""
        return self.status == "verified"


def verify_visit(
    customer: Point | None, position: Point, *, accuracy_m: float, radius_m: int
) -> Verdict:
    """Whether a phone at ``position`` (± ``accuracy_m``) was at the customer.

    Verified when the distance is at most ``radius_m`` (the boundary counts) and the
    fix is at least that precise; a farther position is ``too_far`` whatever its
    precision; a near one with a vaguer fix is ``imprecise``.

    Args:
        customer: the customer's (latitude, longitude), None when it has none.
        position: the phone's (latitude, longitude).
        accuracy_m: the fix's accuracy radius in metres, as the phone reports it.
        radius_m: the configured distance (``CARTERA_VISIT_RADIUS_M``).
    """
    if customer is None:
        return Verdict("no_coordinates", None)
    distance = haversine_m(customer, position)
    if distance > radius_m:
        return Verdict("too_far", distance)
    if accuracy_m > radius_m:
        return Verdict("imprecise", distance)
    return Verdict("verified", distance)


def sort_by_distance(
    items: Iterable[T], origin: Point | None, point: Callable[[T], Point | None]
) -> list[tuple[T, float | None]]:
    """Items nearest first, each with its distance in metres from ``origin``.

    Items without a point keep their order after the located ones, with distance
    None; without an ``origin`` nothing moves and every distance is None.
    """
    listed = list(items)
    if origin is None:
        return [(item, None) for item in listed]
    measured = [(item, _distance(origin, point(item))) for item in listed]
    located = sorted(
        (pair for pair in measured if pair[1] is not None),
        key=lambda pair: pair[1] or 0.0,
    )
    return located + [pair for pair in measured if pair[1] is None]


def _distance(origin: Point, target: Point | None) -> float | None:
    return None if target is None else haversine_m(origin, target)


def format_distance(metres: float, language: str) -> str:
    """``"42 m"`` under a kilometre (whole metres), else ``"2.3 km"`` (``"2,3 km"`` in es)."""
    if round(metres) < 1000:
        return f"{fmt.number(round(metres), language)} m"
    digits = 1 if metres < 100_000 else 0
    return f"{fmt.number(metres / 1000, language, digits=digits)} km"


def visit_radius(env: Mapping[str, str]) -> int:
    """``CARTERA_VISIT_RADIUS_M``: whole metres from 10 to 50,000 (default 300).

    Raises:
        RadiusError: anything else.
    """
    text = env.get(RADIUS_VARIABLE, "").strip()
    if not text:
        return DEFAULT_RADIUS_M
    if not text.isdigit() or not 10 <= int(text) <= MAX_RADIUS_M:
        raise RadiusError(f"{RADIUS_VARIABLE}: whole metres from 10 to 50000, got {text!r}")
    return int(text)
