from django.conf import settings
from django.utils.functional import SimpleLazyObject

from forlop.tilgang import Tilgang


def _innlogga(user):
    return user is not None and user.is_authenticated


def portal(request):
    user = getattr(request, "user", None)
    return {
        "demo": settings.BUPKART_DEMO_BANNER,
        # None for readers, so a page asks once rather than per seksjon; for editors evaluated
        # only by templates that show editor tools.
        "redaksjon": SimpleLazyObject(lambda: Tilgang.for_bruker(user)) if _innlogga(user) else None,
    }
