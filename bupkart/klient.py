"""The address a request came from, behind the trusted proxies of BUPKART_PROXYAR: what the
login lockout and the feedback rate limit count by."""

import hashlib

from django.conf import settings
from django.core.cache import cache


def klient_ip(request):
    """The address a login attempt came from. Behind BUPKART_PROXYAR trusted proxies that
    append to X-Forwarded-For, the entry that many from the right; a client can prepend
    whatever it likes, so the left part is never trusted."""
    proxyer = getattr(settings, "BUPKART_PROXYAR", 0)
    if proxyer:
        kjede = [a.strip() for a in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if a.strip()]
        if len(kjede) >= proxyer:
            return kjede[-proxyer]
    return request.META.get("REMOTE_ADDR")


def over_grensa(request, namn, grense, periode):
    """Counts this request for its address under `namn`; True when the address has made more
    than `grense` of them in the last `periode` seconds. Only a hash of the address is kept, as
    a cache key that expires (use a shared cache with several app servers)."""
    adresse = hashlib.sha256((klient_ip(request) or "").encode()).hexdigest()[:32]
    nokkel = f"{namn}:{adresse}"
    if cache.add(nokkel, 1, timeout=periode):
        return grense < 1
    try:
        antall = cache.incr(nokkel)
    except ValueError:  # expired between add and incr
        cache.add(nokkel, 1, timeout=periode)
        antall = 1
    return antall > grense
