from django.contrib import admin

from redaksjon.admin import ForvalterAdmin
from redaksjon.tilgang import Tilgang

from .models import Synonym


@admin.register(Synonym)
class SynonymAdmin(ForvalterAdmin):
    """Search synonyms are national, like the felles tekst: kept by the forvalter."""

    list_display = ["ord", "synonymer", "type", "forlop"]
    list_filter = ["type", "forlop"]
    search_fields = ["ord", "synonymer"]

    def has_delete_permission(self, request, obj=None):
        return Tilgang.for_bruker(request.user).kan_endre_felles()
