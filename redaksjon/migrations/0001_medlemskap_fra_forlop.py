# Medlemskap (with Rolle) moved here from forlop; its table, forlop_medlemskap, stays where it is.

import django.db.models.deletion
import django.db.models.functions.comparison
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ("forlop", "0006_uten_forlop_tjenester"),
        ("tjenester", "0002_oppdatert"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="Medlemskap",
                    fields=[
                        ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                        ("rolle", models.CharField(choices=[("forvalter", "Forvalter (felles tekst)"), ("redaktor", "Redaktør for helsefellesskap"), ("kommunekontakt", "Kommunekontakt")], max_length=20, verbose_name="rolle")),
                        ("bruker", models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name="medlemskap", to=settings.AUTH_USER_MODEL)),
                        ("helsefellesskap", models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.CASCADE, related_name="medlemskap", to="tjenester.helsefellesskap")),
                        ("kommune", models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.CASCADE, related_name="medlemskap", to="tjenester.kommune")),
                    ],
                    options={
                        "verbose_name": "medlemskap",
                        "verbose_name_plural": "medlemskap",
                        "db_table": "forlop_medlemskap",
                        "constraints": [models.CheckConstraint(condition=models.Q(models.Q(("helsefellesskap__isnull", True), ("kommune__isnull", True), ("rolle", "forvalter")), models.Q(("helsefellesskap__isnull", False), ("kommune__isnull", True), ("rolle", "redaktor")), models.Q(("helsefellesskap__isnull", True), ("kommune__isnull", False), ("rolle", "kommunekontakt")), _connector="OR"), name="medlemskap_omfang_passer_rolle"), models.UniqueConstraint(models.F("bruker"), models.F("rolle"), django.db.models.functions.comparison.Coalesce("helsefellesskap", models.Value(0)), django.db.models.functions.comparison.Coalesce("kommune", models.Value(0)), name="medlemskap_unikt")],
                    },
                ),
            ],
            database_operations=[],
        ),
    ]
