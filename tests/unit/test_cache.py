"""The figure cache: reuse at the same data version, recompute at another, evict LRU."""

from __future__ import annotations

from dashboard.cache import VersionedCache


def test_same_version_reuses_and_a_new_version_recomputes():
    cache = VersionedCache()
    calls: list[int] = []

    def compute() -> int:
        calls.append(1)
        return len(calls)

    assert cache.get_or_compute("kpis", 7, compute) == 1
    assert cache.get_or_compute("kpis", 7, compute) == 1
    assert cache.get_or_compute("kpis", 8, compute) == 2
    assert (cache.hits, cache.misses) == (1, 2)


def test_least_recently_used_entry_goes_first():
    cache = VersionedCache(max_entries=2)
    cache.get_or_compute("a", 1, lambda: "A")
    cache.get_or_compute("b", 1, lambda: "B")
    cache.get_or_compute("a", 1, lambda: "stale")  # touch a
    cache.get_or_compute("c", 1, lambda: "C")  # evicts b
    assert cache.get_or_compute("a", 1, lambda: "new a") == "A"
    assert cache.get_or_compute("b", 1, lambda: "new b") == "new b"
