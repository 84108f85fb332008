from django.core.management.base import BaseCommand

from sok import indeks


class Command(BaseCommand):
    help = "Bygger søkeindeksen og ordforrådet for retting av skrivefeil på nytt fra publisert innhold."

    def handle(self, *args, **options):
        antall = indeks.bygg()
        self.stdout.write(f"Søkeindeksen har {antall} dokumenter.")
