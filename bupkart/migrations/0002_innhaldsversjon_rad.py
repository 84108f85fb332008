import uuid

from django.db import migrations


def lag_rad(apps, schema_editor):
    apps.get_model("bupkart", "Innhaldsversjon").objects.get_or_create(
        pk=1, defaults={"token": uuid.uuid4().hex}
    )


class Migration(migrations.Migration):
    dependencies = [("bupkart", "0001_innhaldsversjon")]

    operations = [
        migrations.RemoveField(model_name="innhaldsversjon", name="endra"),
        migrations.RunPython(lag_rad, migrations.RunPython.noop),
    ]
