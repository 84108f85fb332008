"""Writes tests/data/forrige_skjema.json for tests/test_migrering.py: every row of a database,
table by table, and the migration each app stood at.

Run it with the code of the schema to keep, against a fully migrated PostgreSQL database
holding the content (PostgreSQL, so booleans, dates and times come out typed), from that
code's folder:

    DATABASE_URL=postgres://… DJANGO_SETTINGS_MODULE=bupkart.settings.test \\
        python /path/to/tests/data/lag_migreringsdata.py > forrige_skjema.json

Times are written in UTC without an offset, the way Django stores them on SQLite and the way
PostgreSQL reads them in a UTC session, so the rows load unchanged on both. Only the columns
of the models are written: a column the database generates itself (the search vector on
PostgreSQL) is computed again when the rows are loaded.
"""

import json
import os
import sys
from datetime import UTC, date, datetime
from functools import partial


def verdi(v):
    if isinstance(v, datetime):
        return v.astimezone(UTC).replace(tzinfo=None).isoformat(" ")
    if isinstance(v, date):
        return v.isoformat()
    return v


def tabeller(apps, connection):
    qn = connection.ops.quote_name
    ut = {}
    with connection.cursor() as cursor:
        for model in sorted(apps.get_models(include_auto_created=True), key=lambda m: m._meta.db_table):
            kolonner = [f.column for f in model._meta.concrete_fields]
            cursor.execute(
                f"SELECT {', '.join(map(qn, kolonner))} FROM {qn(model._meta.db_table)} "
                f"ORDER BY {qn(model._meta.pk.column)}"
            )
            rader = [[verdi(v) for v in rad] for rad in cursor.fetchall()]
            if rader:
                ut[model._meta.db_table] = {"kolonner": kolonner, "rader": rader}
    return ut


def skriv(data, fil):
    """One row a line, so a change to the data shows as a readable diff."""
    dump = partial(json.dumps, ensure_ascii=False)
    fil.write('{\n"migrasjoner": ' + dump(data["migrasjoner"]) + ',\n"tabeller": {')
    for i, (tabell, innhold) in enumerate(data["tabeller"].items()):
        fil.write(("," if i else "") + f"\n{dump(tabell)}: " + '{"kolonner": ' + dump(innhold["kolonner"]))
        fil.write(', "rader": [\n' + ",\n".join(map(dump, innhold["rader"])) + "\n]}")
    fil.write("\n}\n}\n")


def main():
    sys.path.insert(0, os.getcwd())
    import django

    django.setup()
    from django.apps import apps
    from django.db import connection
    from django.db.migrations.loader import MigrationLoader

    loader = MigrationLoader(connection)
    blader = loader.graph.leaf_nodes()
    if not set(blader) <= loader.applied_migrations.keys():
        sys.exit("The database is not migrated to the code's latest migrations.")
    skriv({"migrasjoner": dict(sorted(blader)), "tabeller": tabeller(apps, connection)}, sys.stdout)


if __name__ == "__main__":
    main()
