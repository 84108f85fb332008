"""Keeps the search index fresh. Publication (forlop.services.publiser) and withdrawal
(trekk_tilbake) both save the Tekst's `publisert` pointer, so a post_save on Tekst sees every
change of what readers can read. Deleting a source row deletes its documents by cascade."""

from django.db.models.signals import post_save
from django.dispatch import receiver

from forlop.models import Forlop, Tekst
from tjenester.models import Helsefellesskap, Kommune, LokaltTilbud, Tjeneste

from . import indeks


@receiver(post_save, sender=Tekst, dispatch_uid="sok_tekst")
def tekst_lagret(sender, instance, raw=False, created=False, update_fields=None, **kwargs):
    if raw or (created and instance.publisert_id is None):
        return  # a new, empty slot has nothing to show yet
    if update_fields is not None and "publisert" not in update_fields:
        return
    indeks.oppdater_tekst(instance.pk)


@receiver(post_save, sender=Forlop, dispatch_uid="sok_forlop")
def forlop_lagret(sender, instance, raw=False, **kwargs):
    if not raw:
        indeks.oppdater_forlop(instance.pk)


@receiver(post_save, sender=Tjeneste, dispatch_uid="sok_tjeneste")
def tjeneste_lagret(sender, instance, raw=False, **kwargs):
    if not raw:
        indeks.oppdater_tjeneste(instance.pk)


@receiver(post_save, sender=LokaltTilbud, dispatch_uid="sok_tilbud")
def tilbud_lagret(sender, instance, raw=False, **kwargs):
    if not raw:
        indeks.oppdater_tilbud(instance.pk)


@receiver(post_save, sender=Kommune, dispatch_uid="sok_kommune")
def kommune_lagret(sender, instance, raw=False, created=False, **kwargs):
    if not raw and not created:
        indeks.oppdater_kommune(instance.pk)


@receiver(post_save, sender=Helsefellesskap, dispatch_uid="sok_helsefellesskap")
def helsefellesskap_lagret(sender, instance, raw=False, created=False, **kwargs):
    if not raw and not created:
        indeks.oppdater_helsefellesskap(instance.pk)
