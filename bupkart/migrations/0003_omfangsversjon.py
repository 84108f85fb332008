# The page cache is keyed per scope (felles, a helsefellesskap, a kommune) instead of by one
# token for all content; the one-row table goes. Cached pages under the old key shape are
# never read again (bupkart.cache's key carries its shape).

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("bupkart", "0002_innhaldsversjon_rad")]

    operations = [
        migrations.CreateModel(
            name="Omfangsversjon",
            fields=[
                ("nokkel", models.CharField(max_length=24, primary_key=True, serialize=False)),
                ("token", models.CharField(max_length=32)),
            ],
            options={"verbose_name": "omfangsversjon", "verbose_name_plural": "omfangsversjoner"},
        ),
        migrations.DeleteModel(name="Innhaldsversjon"),
    ]
