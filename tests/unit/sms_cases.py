"""Segment-count examples, worked by hand, shared by the Python, Node and browser tests.

Each case: (name, text, encoding, characters, units, segments, remaining).
GSM-7: one SMS up to 160 septets, then parts of 153; ``€ { } [ ] ~ ^ | \\`` take two
septets and never straddle two parts. UCS-2: 70 UTF-16 units, then parts of 67; an
emoji is a surrogate pair (two units) and is never split.
"""

from __future__ import annotations

CASES: list[tuple[str, str, str, int, int, int, int]] = [
    ("empty", "", "gsm7", 0, 0, 0, 160),
    ("one letter", "a", "gsm7", 1, 1, 1, 159),
    ("160 GSM-7", "a" * 160, "gsm7", 160, 160, 1, 0),
    ("161 GSM-7: two parts of 153", "a" * 161, "gsm7", 161, 161, 2, 145),
    ("306 GSM-7: two full parts", "a" * 306, "gsm7", 306, 306, 2, 0),
    ("307 GSM-7: three parts", "a" * 307, "gsm7", 307, 307, 3, 152),
    ("ñ and Ñ are GSM-7", "ñ" * 80 + "Ñ" * 80, "gsm7", 160, 160, 1, 0),
    ("¿¡éü are GSM-7", "¿Qué tal? ¡Bien! über", "gsm7", 21, 21, 1, 139),
    ("80 euro signs fill one SMS", "€" * 80, "gsm7", 80, 160, 1, 0),
    ("81 euro signs need two", "€" * 81, "gsm7", 81, 162, 2, 143),
    ("braces count double", "{}" * 40, "gsm7", 80, 160, 1, 0),
    ("159 letters and a brace", "a" * 159 + "{", "gsm7", 160, 161, 2, 145),
    ("an escape never straddles parts", "a" * 152 + "€" + "a" * 10, "gsm7", 163, 164, 2, 141),
    ("line breaks are GSM-7", "Hola\nAna", "gsm7", 8, 8, 1, 152),
    ("á forces UCS-2", "Hola, está listo", "ucs2", 16, 16, 1, 54),
    ("70 UCS-2", "á" * 70, "ucs2", 70, 70, 1, 0),
    ("71 UCS-2: two parts of 67", "á" * 71, "ucs2", 71, 71, 2, 63),
    ("35 emoji fill one SMS", "😀" * 35, "ucs2", 35, 70, 1, 0),
    ("36 emoji need two", "😀" * 36, "ucs2", 36, 72, 2, 61),
    ("an emoji is never split", "é" * 66 + "😀" + "x" * 4, "ucs2", 71, 72, 2, 61),
    ("a euro sign in UCS-2 is one unit", "€á", "ucs2", 2, 2, 1, 68),
    ("non-breaking space is not GSM-7", "1.250,00\xa0US$", "ucs2", 12, 12, 1, 58),
]

# Characters that force UCS-2, in order of appearance, once each.
NON_GSM: list[tuple[str, list[str]]] = [
    ("Hola, está listo", ["á"]),
    ("Confírmenos, ¿sí? Gracias 😀 más", ["í", "😀", "á"]),
    ("Pagar {ya} ñ €", []),
]
