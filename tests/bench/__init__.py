"""Benchmarks run by ``make bench`` (scripts, not collected by pytest)."""
