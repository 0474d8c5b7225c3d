"""Hashtags in collection notes: the rules of data_access.hashtags as a table."""

from __future__ import annotations

import pytest

from data_access.hashtags import MAX_LENGTH, parse_hashtags


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("", []),
        ("Sin etiquetas", []),
        ("#promesa", ["promesa"]),
        ("Habló con Marisol #promesa", ["promesa"]),
        # accents, ñ and case
        ("#Pagó", ["pagó"]),
        ("#AÑO #año #Año", ["año"]),
        ("#señal #ÉXITO", ["señal", "éxito"]),
        # "_" and "-" inside a tag, not at its ends
        ("#cheque_devuelto", ["cheque_devuelto"]),
        ("#fin-de-mes", ["fin-de-mes"]),
        ("#promesa- y #olvido_", ["promesa", "olvido"]),
        ("#_interno", []),
        ("#-menos", []),
        # punctuation around a tag
        (
            "(#reclamo), #olvido. #banco; #legal! ¿#fraude?",
            ["reclamo", "olvido", "banco", "legal", "fraude"],
        ),
        ('"#cita"', ["cita"]),
        # numbers: invoice and deposit numbers are not tags, mixed ones are
        ("Pagó la factura #4521 con el depósito #23763172736", []),
        ("#123", []),
        ("#2024q1 #q4", ["2024q1", "q4"]),
        # not a hashtag: lone "#", "##", "#" inside a word, HTML entities
        ("#", []),
        ("# promesa", []),
        ("##urgente", []),
        ("C# y F#1", []),
        ("correo#tag", []),
        ("it&#39;s &#x27;x&#x27;", []),
        # URLs
        ("http://x.com/#frag", []),
        ("ver https://ejemplo.com/pagos#recibo y #recibo", ["recibo"]),
        ("www.ejemplo.com/#ancla #ok", ["ok"]),
        ("x.com/#frag", []),
        # order of first appearance, de-duplicated
        ("#b #a #B #c #a", ["b", "a", "c"]),
        ("#promesa\n#olvido", ["promesa", "olvido"]),
        ("#a#b", ["a"]),
    ],
)
def test_parse_hashtags(text: str, expected: list[str]) -> None:
    assert parse_hashtags(text) == expected


def test_combining_accent_gives_the_same_tag() -> None:
    decomposed = "#Pago\u0301"  # "o" followed by a combining acute accent
    assert parse_hashtags(decomposed) == ["pagó"]
    assert parse_hashtags(decomposed) == parse_hashtags("#pagó")


@pytest.mark.parametrize(
    ("length", "kept"), [(1, True), (MAX_LENGTH, True), (MAX_LENGTH + 1, False)]
)
def test_long_tags_are_ignored_not_truncated(length: int, kept: bool) -> None:
    tag = "a" * length
    assert parse_hashtags(f"#{tag} #ok") == ([tag, "ok"] if kept else ["ok"])
