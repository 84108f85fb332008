"""Deletes the økter older than BUPKART_OVING_OKT_DAGAR days, with their tables and answers.
Each økt queues its own deletion when it starts (oving.oppgaver); this sweeps up after a lost
queue. The pages of an expired økt are gone at once either way (oving.okt)."""

from django.core.management.base import BaseCommand

from oving.oppgaver import slett_gamle_okter


class Command(BaseCommand):
    help = "Sletter øvingsøkter (med bord og svar) som er eldre enn BUPKART_OVING_OKT_DAGAR dager."

    def handle(self, *args, **options):
        antall = slett_gamle_okter.call()
        self.stdout.write(f"Slettet {antall} rader fra gamle økter.")
