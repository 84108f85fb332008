import yaml
from django.core.management.base import BaseCommand, CommandError

from utveksling.innhold import FIXTURES, katalog, sjekk_alt, sjekk_forlop


class Command(BaseCommand):
    help = "Sjekker demoinnholdet i fixtures/ uten å røre databasen."

    def add_arguments(self, parser):
        parser.add_argument("filer", nargs="*", help="forløpsfiler (standard: alle i fixtures/forlop/)")

    def handle(self, *args, filer, **options):
        if filer:
            tjenester, nivaer = katalog()
            feil = []
            for navn in filer:
                with open(navn, encoding="utf-8") as fil:
                    feil += sjekk_forlop(yaml.safe_load(fil), navn, tjenester, nivaer).feil
        else:
            feil = sjekk_alt().feil
        for linje in feil:
            self.stderr.write(linje)
        if feil:
            raise CommandError(f"{len(feil)} feil i innholdet under {FIXTURES}")
        self.stdout.write("Innholdet er i orden.")
