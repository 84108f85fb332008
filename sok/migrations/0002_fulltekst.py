"""The full-text machinery beside the Dokument table, per database vendor.

PostgreSQL: pg_trgm; a generated tsvector (norwegian configuration; title A, context B, body C)
with a GIN index, and a generated lower-case text with a GIN trigram index for compound words,
substrings and typos.

SQLite: an FTS5 table with the trigram tokenizer over the same three columns, kept in sync
with sok_dokument by triggers (external content table)."""

from django.contrib.postgres.operations import TrigramExtension
from django.db import migrations

POSTGRES = [
    """ALTER TABLE sok_dokument ADD COLUMN sokevektor tsvector GENERATED ALWAYS AS (
        setweight(to_tsvector('norwegian'::regconfig, coalesce(tittel, '')), 'A') ||
        setweight(to_tsvector('norwegian'::regconfig, coalesce(kontekst, '')), 'B') ||
        setweight(to_tsvector('norwegian'::regconfig, coalesce(tekst, '')), 'C')
    ) STORED""",
    """ALTER TABLE sok_dokument ADD COLUMN sokeord text GENERATED ALWAYS AS (
        lower(coalesce(tittel, '') || ' ' || coalesce(kontekst, '') || ' ' || coalesce(tekst, ''))
    ) STORED""",
    "CREATE INDEX sok_dokument_fts ON sok_dokument USING gin (sokevektor)",
    "CREATE INDEX sok_dokument_trgm ON sok_dokument USING gin (sokeord gin_trgm_ops)",
]
POSTGRES_TILBAKE = [
    "DROP INDEX IF EXISTS sok_dokument_trgm",
    "DROP INDEX IF EXISTS sok_dokument_fts",
    "ALTER TABLE sok_dokument DROP COLUMN IF EXISTS sokeord",
    "ALTER TABLE sok_dokument DROP COLUMN IF EXISTS sokevektor",
]

SQLITE = [
    """CREATE VIRTUAL TABLE sok_fts USING fts5(
        tittel, kontekst, tekst, content='sok_dokument', content_rowid='id', tokenize='trigram'
    )""",
    """CREATE TRIGGER sok_fts_ny AFTER INSERT ON sok_dokument BEGIN
        INSERT INTO sok_fts(rowid, tittel, kontekst, tekst) VALUES (new.id, new.tittel, new.kontekst, new.tekst);
    END""",
    """CREATE TRIGGER sok_fts_slett AFTER DELETE ON sok_dokument BEGIN
        INSERT INTO sok_fts(sok_fts, rowid, tittel, kontekst, tekst)
        VALUES ('delete', old.id, old.tittel, old.kontekst, old.tekst);
    END""",
    """CREATE TRIGGER sok_fts_endre AFTER UPDATE ON sok_dokument BEGIN
        INSERT INTO sok_fts(sok_fts, rowid, tittel, kontekst, tekst)
        VALUES ('delete', old.id, old.tittel, old.kontekst, old.tekst);
        INSERT INTO sok_fts(rowid, tittel, kontekst, tekst) VALUES (new.id, new.tittel, new.kontekst, new.tekst);
    END""",
    "INSERT INTO sok_fts(sok_fts) VALUES ('rebuild')",
]
SQLITE_TILBAKE = [
    "DROP TRIGGER IF EXISTS sok_fts_endre",
    "DROP TRIGGER IF EXISTS sok_fts_slett",
    "DROP TRIGGER IF EXISTS sok_fts_ny",
    "DROP TABLE IF EXISTS sok_fts",
]


def _kjor(postgres, sqlite):
    def kjor(apps, schema_editor):
        vendor = schema_editor.connection.vendor
        setninger = {"postgresql": postgres, "sqlite": sqlite}.get(vendor, [])
        for sql in setninger:
            schema_editor.execute(sql, params=None)

    return kjor


class Migration(migrations.Migration):
    dependencies = [("sok", "0001_sok_modeller")]

    operations = [
        TrigramExtension(),  # CreateExtension does nothing on other vendors
        migrations.RunPython(_kjor(POSTGRES, SQLITE), _kjor(POSTGRES_TILBAKE, SQLITE_TILBAKE)),
    ]
