"""Writes all content, or one helsefellesskap's, as a versioned JSON bundle."""

import json

from django.core.management.base import BaseCommand, CommandError

from tjenester.models import Helsefellesskap
from utveksling.bundle import eksporter


class Command(BaseCommand):
    help = "Eksporterer innhold (alt, eller ett helsefellesskap) som en versjonert JSON-bundle."

    def add_arguments(self, parser):
        parser.add_argument("--helsefellesskap", metavar="SLUG", help="bare dette helsefellesskapet")
        parser.add_argument("-o", "--output", metavar="FIL", help="fil å skrive til (standard: stdout)")

    def handle(self, *args, **options):
        hf = None
        if options["helsefellesskap"]:
            try:
                hf = Helsefellesskap.objects.get(slug=options["helsefellesskap"])
            except Helsefellesskap.DoesNotExist as e:
                raise CommandError(f'Ukjent helsefellesskap "{options["helsefellesskap"]}".') from e
        tekst = json.dumps(eksporter(hf), ensure_ascii=False, indent=1, sort_keys=True) + "\n"
        if options["output"]:
            with open(options["output"], "w", encoding="utf-8") as f:
                f.write(tekst)
            self.stderr.write(f"Skrev {options['output']}.")
        else:
            self.stdout.write(tekst, ending="")
