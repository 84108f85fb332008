"""Reads a JSON bundle written by export_innhold: validates all of it, then imports it in
one transaction (or, with --dry-run, imports and rolls back)."""

import json
import sys

from django.core.management.base import BaseCommand, CommandError

from utveksling.bundle import UgyldigBundle, importer


class Command(BaseCommand):
    help = "Importerer en JSON-bundle fra export_innhold (alt eller ingenting)."

    def add_arguments(self, parser):
        parser.add_argument("fil", help="bundlen (JSON); - leser fra stdin")
        parser.add_argument("--dry-run", action="store_true", help="valider og prøv, men lagre ingenting")

    def handle(self, *args, **options):
        data = self._les(options["fil"])
        try:
            res = importer(data, dry_run=options["dry_run"])
        except UgyldigBundle as e:
            raise CommandError(str(e)) from e
        hva = "Prøvekjøring (ingenting lagret)" if res["provekjoring"] else "Importert"
        self.stdout.write(
            f"{hva}: {res['helsefellesskap']} helsefellesskap, {res['kommuner']} kommuner, "
            f"{res['lokale_tilbud']} lokale tilbud, {res['tekster']} tekster med {res['versjoner']} versjoner, "
            f"{res['revisjoner']} revisjoner, {res['forslag']} forslag."
        )
        if res["nye_brukere"]:
            self.stdout.write(
                "Ukjente forfattere opprettet som inaktive brukere uten passord: "
                + ", ".join(res["nye_brukere"])
            )

    def _les(self, fil):
        """The bundle as JSON; anything unreadable is a CommandError that says what and where."""
        try:
            if fil == "-":
                raa = sys.stdin.buffer.read()
            else:
                with open(fil, "rb") as f:
                    raa = f.read()
            return json.loads(raa.decode("utf-8"))
        except OSError as e:
            raise CommandError(f"Kan ikke lese {fil}: {e}") from e
        except UnicodeDecodeError as e:
            raise CommandError(f"{fil} er ikke gyldig UTF-8: ugyldig byte ved posisjon {e.start}") from e
        except json.JSONDecodeError as e:
            raise CommandError(
                f"{fil} er ikke gyldig JSON: linje {e.lineno}, kolonne {e.colno}: {e.msg}"
            ) from e
        except RecursionError as e:
            raise CommandError(f"{fil} er nøstet for dypt til å være en bundle") from e
