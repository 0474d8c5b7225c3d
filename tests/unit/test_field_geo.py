"""Field mode, the pure parts: distances, check-in verification, sorting, the day's list."""

from __future__ import annotations

import datetime as dt
import math
from decimal import Decimal

import pandas as pd
import pytest

from dashboard.field import day_stops, keep_visible
from dashboard.field_presenters import error_text, tel_href, verdict_text, visit_meta
from dashboard.geo import (
    EARTH_RADIUS_M,
    RadiusError,
    format_distance,
    haversine_m,
    point_of,
    sort_by_distance,
    valid_point,
    verify_visit,
    visit_radius,
)
from dashboard.i18n import translator
from dashboard.worklist import Measures, Parts, Ranked

PARIS = (48.8566, 2.3522)
LONDON = (51.5074, -0.1278)
CARACAS = (10.4806, -66.9036)
BOGOTA = (4.7110, -74.0721)
JFK = (40.6413, -73.7781)
LAX = (33.9416, -118.4085)


def north_of(point: tuple[float, float], metres: float) -> tuple[float, float]:
    """A point ``metres`` due north along the meridian (distance = R × Δlatitude exactly)."""
    return (point[0] + math.degrees(metres / EARTH_RADIUS_M), point[1])


# --- distances ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("a", "b", "km"),
    [
        (PARIS, LONDON, 344),  # published great-circle distances, within 0.5 %
        (CARACAS, BOGOTA, 1020),
        (JFK, LAX, 3983),  # on the ellipsoid; the sphere is 0.2 % short
    ],
)
def test_known_city_pairs(a, b, km):
    assert haversine_m(a, b) / 1000 == pytest.approx(km, rel=0.005)
    assert haversine_m(b, a) == pytest.approx(haversine_m(a, b))


def test_hand_worked_distances():
    # One degree along a meridian is 2πR / 360; half the equator is πR; a point to itself 0.
    assert haversine_m((0, 0), (1, 0)) == pytest.approx(2 * math.pi * EARTH_RADIUS_M / 360)
    assert haversine_m((0, 0), (0, 180)) == pytest.approx(math.pi * EARTH_RADIUS_M)
    assert haversine_m(CARACAS, CARACAS) == 0.0
    # Decimal coordinates (as customers store them) give the same answer as floats.
    assert haversine_m((Decimal("10.4806"), Decimal("-66.9036")), BOGOTA) == pytest.approx(
        haversine_m(CARACAS, BOGOTA)
    )
    assert haversine_m(CARACAS, north_of(CARACAS, 42)) == pytest.approx(42, abs=1e-6)


@pytest.mark.parametrize(
    ("lat", "lon", "ok"),
    [
        (0, 0, True),
        (90, 180, True),
        (-90, -180, True),
        (90.0001, 0, False),
        (0, -180.5, False),
        (float("nan"), 0, False),
        (0, float("inf"), False),
        (True, 0, False),
        ("10", 0, False),
        (None, 0, False),
        (Decimal("10.5"), Decimal("-66.9"), True),
    ],
)
def test_valid_point(lat, lon, ok):
    assert valid_point(lat, lon) is ok
    assert (point_of(lat, lon) is not None) is ok


# --- verification ---------------------------------------------------------------------


def test_verified_near_the_address():
    verdict = verify_visit(CARACAS, north_of(CARACAS, 42), accuracy_m=15, radius_m=300)
    assert verdict.status == "verified" and verdict.verified
    assert verdict.distance_m == pytest.approx(42, abs=1e-6)


def test_radius_boundary():
    inside = verify_visit(CARACAS, north_of(CARACAS, 299.99), accuracy_m=10, radius_m=300)
    outside = verify_visit(CARACAS, north_of(CARACAS, 300.01), accuracy_m=10, radius_m=300)
    assert inside.verified and inside.status == "verified"
    assert not outside.verified and outside.status == "too_far"
    # Exactly on the radius counts (the comparison is <=).
    on_it = verify_visit((0.0, 0.0), (1.0, 0.0), accuracy_m=0, radius_m=10**6)
    exact = verify_visit((0.0, 0.0), (1.0, 0.0), accuracy_m=0, radius_m=111_194)
    assert on_it.verified and not exact.verified  # 111,195 m: one metre over


def test_far_away_and_vague_fixes():
    far = verify_visit(CARACAS, north_of(CARACAS, 2300), accuracy_m=5000, radius_m=300)
    assert far.status == "too_far"  # far is far, however vague
    assert far.distance_m == pytest.approx(2300, abs=1e-6)
    vague = verify_visit(CARACAS, north_of(CARACAS, 100), accuracy_m=301, radius_m=300)
    assert vague.status == "imprecise" and not vague.verified
    precise_enough = verify_visit(CARACAS, north_of(CARACAS, 100), accuracy_m=300, radius_m=300)
    assert precise_enough.verified


def test_customer_without_coordinates():
    verdict = verify_visit(None, CARACAS, accuracy_m=5, radius_m=300)
    assert verdict.status == "no_coordinates"
    assert verdict.distance_m is None and not verdict.verified
    assert point_of(None, Decimal("1")) is None


@pytest.mark.parametrize(
    ("env", "radius"),
    [({}, 300), ({"CARTERA_VISIT_RADIUS_M": "150"}, 150), ({"CARTERA_VISIT_RADIUS_M": " "}, 300)],
)
def test_visit_radius(env, radius):
    assert visit_radius(env) == radius


@pytest.mark.parametrize("text", ["0", "9", "50001", "-5", "1.5", "far"])
def test_visit_radius_refuses(text):
    with pytest.raises(RadiusError, match="CARTERA_VISIT_RADIUS_M"):
        visit_radius({"CARTERA_VISIT_RADIUS_M": text})


# --- sorting and formatting -----------------------------------------------------------


def test_sort_by_distance_puts_unknown_last_in_their_order():
    items = [
        ("bogota", BOGOTA),
        ("none1", None),
        ("paris", PARIS),
        ("near", CARACAS),
        ("none2", None),
    ]
    ordered = sort_by_distance(items, north_of(CARACAS, 10), lambda item: item[1])
    assert [item[0] for item, _ in ordered] == ["near", "bogota", "paris", "none1", "none2"]
    assert ordered[0][1] == pytest.approx(10, abs=1e-6)
    assert ordered[-1][1] is None


def test_sort_without_origin_keeps_the_order():
    items = [("a", PARIS), ("b", CARACAS)]
    assert sort_by_distance(items, None, lambda item: item[1]) == [
        (items[0], None),
        (items[1], None),
    ]


@pytest.mark.parametrize(
    ("metres", "language", "text"),
    [
        (42.4, "en", "42 m"),
        (0, "en", "0 m"),
        (999.4, "en", "999 m"),
        (999.6, "en", "1.0 km"),
        (2300, "en", "2.3 km"),
        (2300, "es", "2,3 km"),
        (1_234_567, "en", "1,235 km"),
        (1_234_567, "es", "1.235 km"),
    ],
)
def test_format_distance(metres, language, text):
    assert format_distance(metres, language) == text


@pytest.mark.parametrize(
    ("status", "distance", "accuracy", "english", "spanish"),
    [
        (
            "verified",
            42,
            10,
            "verified, 42 m from the address",
            "verificada, a 42 m de la dirección",
        ),
        ("too_far", 2300, 10, "not verified, 2.3 km away", "no verificada, a 2,3 km"),
        (
            "imprecise",
            120,
            1500,
            "not verified, the position is too vague (± 1.5 km)",
            "no verificada, la posición es muy imprecisa (± 1,5 km)",
        ),
        (
            "no_coordinates",
            None,
            10,
            "not verified, the customer has no coordinates",
            "no verificada, el cliente no tiene coordenadas",
        ),
    ],
)
def test_verdict_texts(status, distance, accuracy, english, spanish):
    for language, expected in (("en", english), ("es", spanish)):
        text = verdict_text(
            status,
            distance_m=distance,
            accuracy_m=accuracy,
            t=translator(language),
            language=language,
        )
        assert text == expected


def test_visit_on_the_wall_timeline():
    event = {"kind": "visit", "status": "not_verified", "detail": "2300.4", "text": "12.0"}
    assert visit_meta(event, translator("en"), "en") == "not verified, 2.3 km away · ± 12 m"
    event = {"kind": "visit", "status": "no_coordinates", "detail": None, "text": "8"}
    assert visit_meta(event, translator("es"), "es") == (
        "no verificada, el cliente no tiene coordenadas · ± 8 m"
    )


def test_error_text_names_each_field():
    errors = {"recorded_at": "too_old", "latitude": "out_of_range", "body": "weird_key"}
    text = error_text(errors, t=translator("en"), max_age_days=7)
    assert text == (
        "what they said: not accepted (weird_key); "  # in the order of the field names
        "latitude: out of range; "
        "time: older than 7 days; it can no longer be sent"
    )
    future = error_text({"recorded_at": "in_the_future"}, t=translator("es"), max_age_days=7)
    assert future == "hora: la hora está en el futuro; revisa el reloj del teléfono"


@pytest.mark.parametrize(
    ("phone", "href"),
    [("+58 (212) 555-0101", "tel:+582125550101"), ("", ""), ("n/a", ""), (None, "")],
)
def test_tel_href(phone, href):
    assert tel_href(phone) == href


# --- the day's list -------------------------------------------------------------------

TODAY = dt.date(2024, 3, 31)


def ranked(rank: int, customer_id: int, *, promised: str | None = None) -> Ranked:
    measures = Measures(
        customer_id,
        f"C{customer_id}",
        f"Customer {customer_id}",
        overdue=Decimal("100.00"),
        promises_today=1 if promised else 0,
        promised_today=Decimal(promised) if promised else Decimal("0"),
    )
    return Ranked(rank, measures, Parts())


def tasks(*rows: tuple[int, int, str, dt.date]) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=["task_id", "customer_id", "description", "due_date"])


def test_day_merges_each_customer_once_with_every_reason():
    worklist = [ranked(1, 10), ranked(2, 20), ranked(3, 30), ranked(4, 40, promised="250.00")]
    day = day_stops(
        ranked=worklist,
        tasks=tasks(
            (7, 20, "Visit and pick up the cheque", TODAY),
            (5, 50, "Bring the statement", TODAY - dt.timedelta(days=3)),
            (9, 60, "Next week", TODAY + dt.timedelta(days=7)),  # not today: left out
        ),
        today=TODAY,
        top=3,
    )
    # 40: promise due today (ranked 4th, beyond the top 3, still in); 20: task today and
    # rank 2; 50: overdue task; 10 and 30: worklist only, by rank.
    assert [stop.customer_id for stop in day] == [40, 20, 50, 10, 30]
    reasons = {stop.customer_id: [r.kind for r in stop.reasons] for stop in day}
    assert reasons == {
        40: ["promise_today"],
        20: ["task_today", "worklist"],
        50: ["task_overdue"],
        10: ["worklist"],
        30: ["worklist"],
    }
    assert day[0].reasons[0].amount == Decimal("250.00")
    assert day[1].reasons[1].rank == 2
    assert [stop.customer_id for stop in keep_visible(day, {20, 10})] == [20, 10]


def test_an_empty_day():
    assert day_stops(ranked=[], tasks=tasks(), today=TODAY) == []
