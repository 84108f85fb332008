"""Loads (or refreshes) the national register: every kommune and the 19 helsefellesskap
(fixtures/register/). Reference data for every installation, demo or not; load_demo runs it too."""

from django.core.management.base import BaseCommand, CommandError

from utveksling.register import last_register


class Command(BaseCommand):
    help = "Laster registeret over kommuner og helsefellesskap (referansedata); kan kjøres igjen."

    def handle(self, *args, **options):
        try:
            nye = last_register()
        except ValueError as feil:
            raise CommandError(f"Registeret har feil:\n{feil}") from feil
        self.stdout.write(f"Registeret er lastet: {nye} nye rader.")
