"""Hashtags in collection notes (``#promesa``, ``#cheque_devuelto``). Pure Python.

The rules, decided once and tested as a table in ``tests/unit/test_hashtags.py``:

* A hashtag is ``#`` followed by letters (any script, accents and ``ñ`` included),
  digits, and ``_`` or ``-`` *inside*: ``#fin-de-mes`` and ``#cheque_devuelto`` are
  whole tags; a trailing ``_`` or ``-`` is punctuation (``#promesa-`` is ``promesa``).
* It must contain at least one letter: ``#123`` and ``#4521`` are not hashtags,
  because in collection notes they are invoice, cheque or deposit numbers
  ("pagó la factura #4521"). ``#2024q1`` is one.
* The ``#`` must start a word: not after a letter, digit or ``_`` (``C#``, ``F#1``),
  not after another ``#`` (``##urgente``), ``&`` (``&#39;`` HTML entities) or ``/``.
* Nothing inside a URL counts (``http://x.com/#frag``, ``www.x.com/#a``).
* Tags are lower-cased (``#Pagó`` is ``pagó``), Unicode-normalised (NFC, so an
  accent typed as a combining mark gives the same tag) and returned without ``#``,
  de-duplicated in order of first appearance.
* A tag longer than :data:`MAX_LENGTH` characters is ignored, not truncated (a cut
  tag would be a different, misleading tag).
"""

from __future__ import annotations

import re
import unicodedata

MAX_LENGTH = 60
_URL = re.compile(r"(?:\b[a-z][a-z0-9+.-]*://|\bwww\.)\S+", re.IGNORECASE)
# "#" not preceded by a word character, "#", "&" or "/"; then a run of word
# characters and "-" that starts and ends with a letter or digit.
_HASHTAG = re.compile(r"(?<![\w#&/])#([^\W_](?:[\w-]*[^\W_])?)")


def parse_hashtags(text: str) -> list[str]:
    """The distinct hashtags of ``text``: lower-case, without ``#``, in order of appearance.

    Args:
        text: what a collector typed (a note's body and agreement, for instance).

    Returns:
        Tags such as ``["promesa", "pagó", "fin-de-mes"]``; empty when there are none.
        See the module docstring for exactly what counts as a hashtag.
    """
    if "#" not in text:
        return []
    plain = _URL.sub(" ", unicodedata.normalize("NFC", text))
    tags: dict[str, None] = {}
    for match in _HASHTAG.finditer(plain):
        tag = match.group(1).lower()
        if len(tag) <= MAX_LENGTH and any(char.isalpha() for char in tag):
            tags.setdefault(tag, None)
    return list(tags)
