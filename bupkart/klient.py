"""The address a request came from, behind the trusted proxies of BUPKART_PROXYAR: what the
login lockout and the feedback rate limit count by."""

from django.conf import settings


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
