# Identifiers in bokmål: the constraint that keeps a local offer's name unique in its kommune
# gets a bokmål name; the rows already satisfy it.

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("tjenester", "0003_niva_fra_forlop"),
    ]

    operations = [
        migrations.RemoveConstraint(model_name="lokalttilbud", name="lokalt_tilbud_unikt_namn"),
        migrations.AddConstraint(
            model_name="lokalttilbud",
            constraint=models.UniqueConstraint(fields=("kommune", "navn"), name="lokalt_tilbud_unikt_navn"),
        ),
    ]
