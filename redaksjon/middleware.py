"""What an editor's login changes about a request, after tjenester' reader context is set: the
admin speaks the målform of the editor's own scope, and ?forhandsvis=1 lets an editor see the
drafts of their scope on the public pages; an editor sees the contact persons meant for editors."""

from django.urls import reverse
from django.utils import translation
from django.utils.functional import cached_property

from bupkart.malform import Malform

from .tilgang import Tilgang


class RedaksjonMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    @cached_property
    def _admin(self):
        # On first use, not in __init__: the URLconf may not be loaded yet when this is built.
        return reverse("admin:index")

    def __call__(self, request):
        if request.user.is_authenticated:
            tilgang = Tilgang.for_bruker(request.user)
            if request.path.startswith(self._admin):
                request.malform = tilgang.malform() or Malform.BOKMAL
                request.LANGUAGE_CODE = request.malform
                translation.activate(request.malform)
            elif tilgang.er_redaksjon:
                # The page cache never serves or keeps a logged-in user's page, so what an
                # editor alone may see (contact persons not shown publicly) never reaches it.
                request.redaksjon = tilgang
                if request.GET.get("forhandsvis") == "1":
                    request.forhandsvis = tilgang
        return self.get_response(request)
