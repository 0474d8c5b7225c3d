"""The demo's phone numbers are valid in their country's numbering plan (so only the
contacts made bad on purpose show up on the data-quality page)."""

from __future__ import annotations

import random

import phonenumbers
import pytest

from data_access.demo.names import CITIES, phone


@pytest.mark.parametrize(("city", "prefix"), [(city[0], city[2]) for city in CITIES])
def test_every_city_gets_valid_numbers(city, prefix):
    rng = random.Random(city)
    for _ in range(50):
        number = phone(rng, prefix)
        assert phonenumbers.is_valid_number(phonenumbers.parse(number)), (city, number)
