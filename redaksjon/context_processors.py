from django.utils.functional import SimpleLazyObject

from .tilgang import Tilgang


def redaksjon(request):
    user = getattr(request, "user", None)
    innlogget = user is not None and user.is_authenticated
    # None for readers, so a page asks once rather than per seksjon; for editors evaluated only
    # by templates that show editor tools.
    return {"redaksjon": SimpleLazyObject(lambda: Tilgang.for_bruker(user)) if innlogget else None}
