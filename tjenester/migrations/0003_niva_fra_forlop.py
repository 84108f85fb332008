# Niva (the levels of tiltakspyramiden) moved here from forlop: the catalogue's, since local
# offers hang on it too. Its table, forlop_niva, stays where it is.

import django.db.models.deletion
from django.db import migrations, models

import bupkart.malform


class Migration(migrations.Migration):
    dependencies = [
        ("tjenester", "0002_oppdatert"),
        ("forlop", "0006_uten_forlop_tjenester"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="Niva",
                    fields=[
                        ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                        ("slug", models.SlugField(unique=True)),
                        ("rekkefolge", models.PositiveSmallIntegerField(help_text="1 er toppen av pyramiden: helsefremmende arbeid for alle.", unique=True, verbose_name="rekkefølge")),
                        ("navn_nb", models.CharField(max_length=120, verbose_name="navn (bokmål)")),
                        ("navn_nn", models.CharField(max_length=120, verbose_name="navn (nynorsk)")),
                        ("beskrivelse_nb", models.TextField(verbose_name="beskrivelse (bokmål)")),
                        ("beskrivelse_nn", models.TextField(verbose_name="beskrivelse (nynorsk)")),
                    ],
                    options={
                        "verbose_name": "nivå",
                        "verbose_name_plural": "nivåer",
                        "ordering": ["rekkefolge"],
                        "db_table": "forlop_niva",
                    },
                    bases=(bupkart.malform.ToMalformer, models.Model),
                ),
                migrations.AlterField(
                    model_name="lokalttilbud",
                    name="niva",
                    field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name="lokale_tilbud", to="tjenester.niva"),
                ),
            ],
            database_operations=[],
        ),
    ]
