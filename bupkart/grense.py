"""Rate limits for anonymous posts (reader feedback, høyring comments, starting an økt): counters in the cache,
each with its limit, keyed by hashes so that no address is kept, and expiring after a period."""

import hashlib

from django.core.cache import cache


def nokkel(namnerom: str, *deler: str) -> str:
    return f"{namnerom}:" + hashlib.sha256("\x1f".join(("2", *deler)).encode()).hexdigest()[:32]


def over_grensa(tellere: list[tuple[str, int]]) -> bool:
    """True when a counter is at its limit; only what `tell` counted counts."""
    antall = cache.get_many([k for k, _grense in tellere])
    return any(antall.get(k, 0) >= grense for k, grense in tellere)


def tell(tellere: list[tuple[str, int]], periode: int) -> None:
    for k, _grense in tellere:
        if not cache.add(k, 1, timeout=periode):
            try:
                cache.incr(k)
            except ValueError:  # expired between add and incr
                cache.add(k, 1, timeout=periode)
