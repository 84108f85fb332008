"""Keeps the search index fresh by listening to innhold_endret (bupkart.signaler). Publication
and withdrawal both save the Tekst's `publisert` pointer, so a change of what readers can read
arrives as a saved Tekst. Deleting a source row deletes its documents by cascade; a bulk write
(sender None) rebuilds the index."""

from django.dispatch import receiver

from bupkart.signaler import innhold_endret
from forlop.models import Forlop, Tekst
from tjenester.models import Helsefellesskap, Kommune, LokaltTilbud, Tjeneste

from . import indeks


def _tekst(instans, created, update_fields):
    if created and instans.publisert_id is None:
        return  # a new, empty slot has nothing to show yet
    if update_fields is not None and "publisert" not in update_fields:
        return
    indeks.oppdater_tekst(instans.pk)


def _endret_katalog(oppdater):
    """Kommune and helsefellesskap: their new rows have no offers yet to reindex."""

    def handling(instans, created, update_fields):
        if not created:
            oppdater(instans.pk)

    return handling


_HANDLINGER = {
    Tekst: _tekst,
    Forlop: lambda instans, created, update_fields: indeks.oppdater_forlop(instans.pk),
    Tjeneste: lambda instans, created, update_fields: indeks.oppdater_tjeneste(instans.pk),
    LokaltTilbud: lambda instans, created, update_fields: indeks.oppdater_tilbud(instans.pk),
    Kommune: _endret_katalog(indeks.oppdater_kommune),
    Helsefellesskap: _endret_katalog(indeks.oppdater_helsefellesskap),
}


@receiver(innhold_endret, dispatch_uid="sok-indeks")
def innhold_endret_mottatt(sender, instans, slettet, created=False, update_fields=None, **kwargs):
    if sender is None:
        indeks.bygg()
        return
    if slettet:
        return  # the documents went with their row (on_delete=CASCADE)
    if (handling := _HANDLINGER.get(sender)) is not None:
        handling(instans, created, update_fields)
