"""Keeps the search index fresh by listening to innhold_endret (bupkart.signaler). Publication
and withdrawal both save the Tekst's `publisert` pointer, so a change of what readers can read
arrives as a saved Tekst. Deleting a source row deletes its documents by cascade; a bulk write
(sender None) rebuilds the index."""

from django.db.models.signals import post_save
from django.dispatch import receiver

from bupkart.signaler import innhold_endret
from forlop.models import Forlop, Tekst
from tjenester.models import Helsefellesskap, Kommune, LokaltTilbud, Tjeneste

from . import indeks
from .models import Synonym

# The update a saved row calls. A new kommune has a map to index; a new helsefellesskap has
# no kommunar yet.
_OPPDATER = {
    Forlop: indeks.oppdater_forlop,
    Tjeneste: indeks.oppdater_tjeneste,
    LokaltTilbud: indeks.oppdater_tilbud,
    Kommune: indeks.oppdater_kommune,
    Helsefellesskap: indeks.oppdater_helsefellesskap,
}
_TOM_NAR_NY = (Helsefellesskap,)


def _tekst_synlig_endret(tekst, created, update_fields):
    """Whether what readers can read of the text changed: not a new, empty slot, nor a save
    that left `publisert` alone."""
    if created and tekst.publisert_id is None:
        return False
    return update_fields is None or "publisert" in update_fields


@receiver(innhold_endret, dispatch_uid="sok-indeks")
def innhold_endret_mottatt(sender, instans, slettet, created=False, update_fields=None, **kwargs):
    if sender is None:
        indeks.bygg()
    elif slettet:
        return  # the documents went with their row (on_delete=CASCADE)
    elif sender is Tekst:
        if _tekst_synlig_endret(instans, created, update_fields):
            indeks.oppdater_tekst(instans.pk)
    elif sender in _OPPDATER and not (created and sender in _TOM_NAR_NY):
        _OPPDATER[sender](instans.pk)


@receiver(post_save, sender=Synonym, dispatch_uid="sok-synonym-ord")
def synonym_lagret(sender, instance, **kwargs):
    """A synonym's words are words a misspelt query may have meant."""
    indeks.legg_til_ord([" ".join(instance.ordene())])
