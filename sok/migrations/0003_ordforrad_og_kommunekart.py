"""The vocabulary a misspelt word is held against, with a trigram index on PostgreSQL (pg_trgm,
created in 0002); the search documents of the kommune maps; a full-text index of the felles
documents alone."""

import django.db.models.deletion
from django.db import migrations, models


def _bare_postgres(sql):
    def kjor(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute(sql, params=None)

    return kjor


class Migration(migrations.Migration):

    dependencies = [
        ('sok', '0002_fulltekst'),
        ('tjenester', '0004_lokalt_tilbud_unikt_navn'),
    ]

    operations = [
        migrations.CreateModel(
            name='Ord',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('ord', models.CharField(max_length=80, unique=True)),
            ],
            options={
                'verbose_name': 'søkeord',
                'verbose_name_plural': 'søkeord',
            },
        ),
        migrations.AddField(
            model_name='dokument',
            name='kartkommune',
            field=models.ForeignKey(null=True, on_delete=django.db.models.deletion.CASCADE, related_name='+', to='tjenester.kommune'),
        ),
        migrations.AlterField(
            model_name='dokument',
            name='slag',
            field=models.CharField(choices=[('forlop', 'Forløp'), ('seksjon', 'Tjenester i forløp'), ('familie', 'For foreldre og unge'), ('sjekkliste', 'Sjekklister for henvisning'), ('tjeneste', 'Tjenester'), ('tilbud', 'Lokale tilbud'), ('kommune', 'Kommuner')], max_length=12),
        ),
        migrations.RunPython(
            _bare_postgres("CREATE INDEX sok_ord_trgm ON sok_ord USING gin (ord gin_trgm_ops)"),
            _bare_postgres("DROP INDEX IF EXISTS sok_ord_trgm"),
        ),
        # The felles documents' own full-text index: the felles branch of every search reads
        # it, not the whole index (nine of ten documents on national data are local variants).
        migrations.RunPython(
            _bare_postgres(
                "CREATE INDEX sok_dokument_fts_felles ON sok_dokument USING gin (sokevektor) "
                "WHERE helsefellesskap_id IS NULL AND kommune_id IS NULL"
            ),
            _bare_postgres("DROP INDEX IF EXISTS sok_dokument_fts_felles"),
        ),
    ]
