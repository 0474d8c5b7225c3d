"""A small per-process cache of derived figures, valid while the data version stands.

Each entry remembers the data version (:func:`data_access.versions.current_version`)
it was computed at; a lookup at another version recomputes. Any committed write
bumps the version, so a cached figure is never older than the data. Entries are
evicted least recently used first.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Any, TypeVar

T = TypeVar("T")


class VersionedCache:
    """Least-recently-used cache of ``key -> (version, value)``.

    Args:
        max_entries: how many results to keep; the least recently used go first.
    """

    def __init__(self, max_entries: int = 256) -> None:
        self.max_entries = max_entries
        self._entries: OrderedDict[Hashable, tuple[int, Any]] = OrderedDict()
        self._lock = threading.Lock()
        self.hits = 0
        self.misses = 0

    def get_or_compute(self, key: Hashable, version: int, compute: Callable[[], T]) -> T:
        """The value stored for ``key`` at ``version``, or ``compute()`` kept for next time."""
        with self._lock:
            entry = self._entries.get(key)
            if entry is not None and entry[0] == version:
                self._entries.move_to_end(key)
                self.hits += 1
                found: T = entry[1]
                return found
            self.misses += 1
        value = compute()
        with self._lock:
            self._entries[key] = (version, value)
            self._entries.move_to_end(key)
            while len(self._entries) > self.max_entries:
                self._entries.popitem(last=False)
        return value

    def clear(self) -> None:
        """Forget every entry."""
        with self._lock:
            self._entries.clear()
