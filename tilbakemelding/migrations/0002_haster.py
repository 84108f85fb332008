# Identifiers in bokmål: the urgency flag's column follows its field, and a resolved message's
# status is stored as «lost» (løst), not «loyst» (løyst). Data kept both ways.

from django.db import migrations, models


def _bytt_status(fra, til):
    def bytt(apps, schema_editor):
        apps.get_model("tilbakemelding", "Tilbakemelding").objects.filter(status=fra).update(status=til)

    return bytt


class Migration(migrations.Migration):
    dependencies = [
        ("tilbakemelding", "0001_tilbakemelding"),
    ]

    operations = [
        migrations.RenameField(model_name="tilbakemelding", old_name="hastar", new_name="haster"),
        migrations.AlterField(
            model_name="tilbakemelding",
            name="status",
            field=models.CharField(
                choices=[("ny", "Ny"), ("under-arbeid", "Under arbeid"), ("lost", "Løst")],
                default="ny",
                max_length=20,
                verbose_name="status",
            ),
        ),
        migrations.RunPython(_bytt_status("loyst", "lost"), _bytt_status("lost", "loyst")),
    ]
