"""Tekst and Revisjon take their scope from tjenester.omfang.MedOmfang: the foreign keys lose
their reverse accessors (state only, the columns stay) and Revisjon gets the one-scope check
Tekst already has. A bundle could import a review with both a helsefellesskap and a kommune;
such rows stop the migration with their ids rather than with the database's bare error."""

import django.db.models.deletion
from django.db import migrations, models


def krev_ett_omfang(apps, schema_editor):
    Revisjon = apps.get_model("forlop", "Revisjon")
    begge = list(
        Revisjon.objects.filter(helsefellesskap__isnull=False, kommune__isnull=False).values_list(
            "pk", flat=True
        )
    )
    if begge:
        raise RuntimeError(
            f"Revisjon {begge} har både helsefellesskap og kommune. Fjern det ene før migreringen "
            "(en revisjon gjelder ett omfang)."
        )


class Migration(migrations.Migration):
    dependencies = [
        ("forlop", "0008_laget_standardverdi"),
        ("tjenester", "0003_niva_fra_forlop"),
    ]

    operations = [
        migrations.AlterField(
            model_name="revisjon",
            name="helsefellesskap",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.CASCADE,
                related_name="+",
                to="tjenester.helsefellesskap",
            ),
        ),
        migrations.AlterField(
            model_name="revisjon",
            name="kommune",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.CASCADE,
                related_name="+",
                to="tjenester.kommune",
            ),
        ),
        migrations.AlterField(
            model_name="tekst",
            name="helsefellesskap",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="tjenester.helsefellesskap",
            ),
        ),
        migrations.AlterField(
            model_name="tekst",
            name="kommune",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="tjenester.kommune",
            ),
        ),
        migrations.RunPython(krev_ett_omfang, migrations.RunPython.noop, elidable=True),
        migrations.AddConstraint(
            model_name="revisjon",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    ("helsefellesskap__isnull", True), ("kommune__isnull", True), _connector="OR"
                ),
                name="revisjon_ett_omfang",
            ),
        ),
    ]
