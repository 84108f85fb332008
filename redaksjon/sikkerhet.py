"""The two-factor requirement for publishing roles (BUPKART_REQUIRE_2FA); the lockout
(django-axes) counts failed logins by bupkart.klient.klient_ip."""

from urllib.parse import urlencode

from django.conf import settings
from django.http import HttpResponseRedirect
from django.urls import reverse
from django.utils.functional import cached_property

from .tilgang import Tilgang


def trenger_tofaktor(request):
    user = getattr(request, "user", None)
    return bool(
        settings.BUPKART_REQUIRE_2FA
        and user is not None
        and user.is_authenticated
        and not user.is_verified()
        and Tilgang.for_bruker(user).er_publiserer
    )


class KrevTofaktorMiddleware:
    """With BUPKART_REQUIRE_2FA on, a publishing editor who has not confirmed a TOTP code in
    this session is sent to the two-factor page from every admin page (and from the public
    editor preview). Login, logout and the two-factor page itself stay reachable."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if self._gjelder(request) and trenger_tofaktor(request):
            maal = reverse("tofaktor")
            return HttpResponseRedirect(f"{maal}?{urlencode({'next': request.get_full_path()})}")
        return self.get_response(request)

    @cached_property
    def _stier(self):
        # On first use, not in __init__: the URLconf may not be loaded yet when this is built.
        fri = (reverse("admin:login"), reverse("admin:logout"), reverse("tofaktor"))
        return reverse("admin:index"), fri

    def _gjelder(self, request):
        admin, fri = self._stier
        if request.path.startswith(admin):
            return not request.path.startswith(fri)
        return request.GET.get("forhandsvis") == "1"
