"""Reads a JSON bundle written by export_innhald: validates all of it, then imports it in
one transaction (or, with --dry-run, imports and rolls back)."""

import json

from django.core.management.base import BaseCommand, CommandError

from utveksling.bundle import UgyldigBundle, importer


class Command(BaseCommand):
    help = "Importerer ein JSON-bundle frå export_innhald (alt eller ingenting)."

    def add_arguments(self, parser):
        parser.add_argument("fil", help="bundlen (JSON); - les frå stdin")
        parser.add_argument("--dry-run", action="store_true", help="valider og prøv, men lagre ingenting")

    def handle(self, *args, **options):
        try:
            if options["fil"] == "-":
                import sys

                data = json.load(sys.stdin)
            else:
                with open(options["fil"], encoding="utf-8") as f:
                    data = json.load(f)
        except OSError as e:
            raise CommandError(f"Kan ikkje lese {options['fil']}: {e}") from e
        except json.JSONDecodeError as e:
            raise CommandError(
                f"{options['fil']} er ikkje gyldig JSON: linje {e.lineno}, kolonne {e.colno}: {e.msg}"
            ) from e
        try:
            res = importer(data, dry_run=options["dry_run"])
        except UgyldigBundle as e:
            raise CommandError(str(e)) from e
        kva = "Prøvekøyring (ingenting lagra)" if res["provekoyring"] else "Importert"
        self.stdout.write(
            f"{kva}: {res['helsefellesskap']} helsefellesskap, {res['kommuner']} kommunar, "
            f"{res['lokale_tilbud']} lokale tilbod, {res['tekster']} tekstar med {res['versjoner']} versjonar, "
            f"{res['revisjoner']} revisjonar, {res['forslag']} forslag."
        )
        if res["nye_brukarar"]:
            self.stdout.write(
                "Ukjende forfattarar oppretta som inaktive brukarar utan passord: "
                + ", ".join(res["nye_brukarar"])
            )
