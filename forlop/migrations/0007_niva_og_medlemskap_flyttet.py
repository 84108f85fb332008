# Niva moved to tjenester and Medlemskap to redaksjon (their migrations take them over in the
# state; the tables stay). The content types follow, so permissions and admin log entries keep
# pointing at the same models.

import django.db.models.deletion
from django.db import migrations, models

FLYTTET = [("niva", "forlop", "tjenester"), ("medlemskap", "forlop", "redaksjon")]


def flytt_innholdstyper(apps, schema_editor, baklengs=False):
    ContentType = apps.get_model("contenttypes", "ContentType")
    db = schema_editor.connection.alias
    for modell, fra, til in FLYTTET:
        if baklengs:
            fra, til = til, fra
        if not ContentType.objects.using(db).filter(app_label=til, model=modell).exists():
            ContentType.objects.using(db).filter(app_label=fra, model=modell).update(app_label=til)


def tilbake(apps, schema_editor):
    flytt_innholdstyper(apps, schema_editor, baklengs=True)


class Migration(migrations.Migration):
    dependencies = [
        ("forlop", "0006_uten_forlop_tjenester"),
        ("tjenester", "0003_niva_fra_forlop"),
        ("redaksjon", "0001_medlemskap_fra_forlop"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name="forloptjeneste",
                    name="niva",
                    field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name="plasseringer", to="tjenester.niva"),
                ),
                migrations.DeleteModel(name="Niva"),
                migrations.DeleteModel(name="Medlemskap"),
            ],
            database_operations=[],
        ),
        migrations.RunPython(flytt_innholdstyper, tilbake),
    ]
