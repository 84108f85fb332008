"""The address a request came from, behind the trusted proxies of BUPKART_PROXYAR: what the
login lockout and the feedback rate limit count by."""

from django.conf import settings


def klient_ip(request):
    """The address a login attempt came from. Behind BUPKART_PROXYAR trusted proxies that
    append to X-Forwarded-For, the entry that many from the right; a client can prepend
    whatever it likes, so the left part is never trusted."""
    proxyar = getattr(settings, "BUPKART_PROXYAR", 0)
    if proxyar:
        kjede = [a.strip() for a in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if a.strip()]
        if len(kjede) >= proxyar:
            return kjede[-proxyar]
    return request.META.get("REMOTE_ADDR")
