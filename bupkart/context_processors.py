from django.conf import settings
from django.utils.functional import SimpleLazyObject

from forlop.tilgang import Tilgang


def portal(request):
    return {
        "demo": settings.BUPKART_DEMO_BANNER,
        # Only evaluated by templates that show editor tools, so anonymous pages stay query-free.
        "redaksjon": SimpleLazyObject(lambda: Tilgang.for_bruker(getattr(request, "user", None))),
    }
