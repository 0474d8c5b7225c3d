"""Configuration from the environment; the page table; safe redirects."""

from __future__ import annotations

import pytest

from dashboard.auth import safe_next
from dashboard.config import ConfigError, load_settings, parse_boundaries
from dashboard.pages import allowed, match


def test_defaults_keep_the_database_and_a_generated_key_in_instance(tmp_path):
    settings = load_settings({"CARTERA_INSTANCE": str(tmp_path)})
    assert settings.database_url == f"sqlite:///{tmp_path / 'cartera.db'}"
    assert len(settings.secret_key) == 64
    again = load_settings({"CARTERA_INSTANCE": str(tmp_path)})
    assert again.secret_key == settings.secret_key


def test_known_default_secret_key_is_refused_outside_tests(tmp_path):
    env = {"CARTERA_INSTANCE": str(tmp_path), "SECRET_KEY": "changeme"}
    with pytest.raises(ConfigError, match="SECRET_KEY"):
        load_settings(env)
    assert load_settings(env, testing=True).secret_key == "changeme"


def test_postgres_url_uses_psycopg3(tmp_path):
    env = {"CARTERA_INSTANCE": str(tmp_path), "DATABASE_URL": "postgresql://u@h/db"}
    assert load_settings(env).database_url == "postgresql+psycopg://u@h/db"


@pytest.mark.parametrize("bad", ["", "30,20", "a,b", "0,30", "30,30"])
def test_bad_bucket_boundaries_are_refused(bad):
    with pytest.raises(ConfigError, match="CARTERA_AGING_BUCKETS"):
        parse_boundaries(bad)


def test_bad_locale_and_currency_are_refused(tmp_path):
    with pytest.raises(ConfigError, match="CARTERA_LOCALE"):
        load_settings({"CARTERA_INSTANCE": str(tmp_path), "CARTERA_LOCALE": "fr"})
    with pytest.raises(ConfigError, match="CARTERA_CURRENCY"):
        load_settings({"CARTERA_INSTANCE": str(tmp_path), "CARTERA_CURRENCY": "dollars"})


@pytest.mark.parametrize(
    ("path", "name", "params"),
    [
        ("/", "home", {}),
        ("/customers", "customers", {}),
        ("/customers/", "customers", {}),
        ("/customers/C-001", "customer", {"code": "C-001"}),
        ("/admin/users", "users", {}),
    ],
)
def test_page_table(path, name, params):
    page, found = match(path)
    assert (page.name, found) == (name, params)


def test_unknown_path_and_roles():
    assert match("/customers/a/b") is None
    users_page, _ = match("/admin/users")
    assert allowed(users_page, "admin") and not allowed(users_page, "collector")


@pytest.mark.parametrize(
    ("target", "expected"),
    [
        (None, "/"),
        ("/customers?x=1", "/customers?x=1"),
        ("https://evil.example/", "/"),
        ("//evil.example/", "/"),
        ("javascript:alert(1)", "/"),
    ],
)
def test_safe_next(target, expected):
    assert safe_next(target) == expected


def test_payment_classes_and_grace_days_are_configurable(tmp_path):
    env = {
        "CARTERA_INSTANCE": str(tmp_path),
        "CARTERA_PAYMENT_CLASSES": "10,45",
        "CARTERA_PROMISE_GRACE_DAYS": "3",
    }
    settings = load_settings(env)
    assert (settings.pays_well_days, settings.pays_regular_days) == (10, 45)
    assert settings.promise_grace_days == 3
    for bad in ("45,10", "5", "a,b"):
        with pytest.raises(ConfigError, match="CARTERA_PAYMENT_CLASSES"):
            load_settings({**env, "CARTERA_PAYMENT_CLASSES": bad})
    with pytest.raises(ConfigError, match="CARTERA_PROMISE_GRACE_DAYS"):
        load_settings({**env, "CARTERA_PROMISE_GRACE_DAYS": "-1"})
