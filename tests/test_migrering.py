"""The app move kept every row: a database holding the demo content at the schema before it
(commit 59372cc) migrates to the latest schema, and its content is what it was.

The data was made with that commit's code on PostgreSQL: `migrate`, `load_demo`, then
`export_innhald -o tests/data/forrige_eksport.json` (the bundle as the old code wrote it) and
tests/data/lag_migreringsdata.py (every row, table by table, and the migration each app stood
at) into tests/data/forrige_skjema.json."""

import json
from pathlib import Path

import pytest
from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.core.management.color import no_style
from django.db import connection, transaction
from django.db.migrations.executor import MigrationExecutor

from tests.data.lag_migreringsdata import verdi
from tilbakemelding.models import Behandling, Tilbakemelding
from utveksling.bundle import eksporter, oppgrader

DATA = Path(__file__).parent / "data"

# Models that changed app in the move: their content types follow them (same id), so
# permissions and admin log entries keep pointing at the same model.
FLYTTET = {("forlop", "niva"): ("tjenester", "niva"), ("forlop", "medlemskap"): ("redaksjon", "medlemskap")}

# Tables a later migration drops on purpose, and why. Any other table or column of the old
# schema must still be there, holding the same rows.
FJERNET = {"bupkart_innhaldsversjon": "bupkart 0003: the page cache keys pages by scope versions"}

# Apps the old schema did not have and whose migrations cannot be reversed stay where they are:
# the task queue (django_tasks_db) holds no content.
UBERORT = {"django_tasks_database"}

pytestmark = pytest.mark.django_db(transaction=True)  # SQLite alters tables outside a transaction


@pytest.fixture(scope="module")
def forrige():
    return json.loads((DATA / "forrige_skjema.json").read_text(encoding="utf-8"))


def _migrer_tilbake(migrasjoner):
    """Migrates back to the nodes the old schema stood at (an app it did not have to zero);
    returns the models of that schema."""
    executor = MigrationExecutor(connection)
    mal = [(app, migrasjoner.get(app)) for app in sorted(executor.loader.migrated_apps - UBERORT)]
    executor.migrate(mal)
    return executor.loader.project_state([node for node in mal if node[1]]).apps


def _last_rader(tabeller, gamle_apps):
    """Replaces every row of the old schema's tables with the saved ones."""
    modeller = gamle_apps.get_models(include_auto_created=True)
    ops = connection.ops
    with transaction.atomic():
        tomme = ops.sql_flush(
            no_style(), [m._meta.db_table for m in modeller], reset_sequences=True, allow_cascade=True
        )
        ops.execute_sql_flush(tomme)
        with connection.cursor() as cursor:
            for tabell, innhold in tabeller.items():
                kolonner = ", ".join(map(ops.quote_name, innhold["kolonner"]))
                plasser = ", ".join(["%s"] * len(innhold["kolonner"]))
                cursor.executemany(
                    f"INSERT INTO {ops.quote_name(tabell)} ({kolonner}) VALUES ({plasser})", innhold["rader"]
                )
            # Explicit ids leave PostgreSQL's sequences behind; SQLite follows by itself.
            for sql in ops.sequence_reset_sql(no_style(), modeller):
                cursor.execute(sql)


def _migrer_fram():
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())


def _sjekk_rader(tabeller):
    """Every table and column of the old schema still holds the same rows, read through
    today's models."""
    modeller = {m._meta.db_table: m for m in apps.get_models(include_auto_created=True)}
    for tabell, innhold in tabeller.items():
        if tabell in FJERNET or tabell == "django_content_type":  # content types: _sjekk_innholdstyper
            continue
        assert tabell in modeller, f"{tabell}: no model reads it any more"
        model = modeller[tabell]
        felt = {f.column: f.attname for f in model._meta.concrete_fields}
        borte = set(innhold["kolonner"]) - felt.keys()
        assert not borte, f"{tabell}: lost the columns {sorted(borte)}"
        rader = model._default_manager.order_by("pk").values_list(*(felt[k] for k in innhold["kolonner"]))
        assert [[verdi(v) for v in rad] for rad in rader] == innhold["rader"], tabell


def _sjekk_innholdstyper(gamle):
    kolonner = gamle["kolonner"]
    ventet = {}
    for rad in gamle["rader"]:
        r = dict(zip(kolonner, rad, strict=True))
        ventet[r["id"]] = FLYTTET.get((r["app_label"], r["model"]), (r["app_label"], r["model"]))
    na = {pk: (app, model) for pk, app, model in ContentType.objects.values_list("pk", "app_label", "model")}
    assert {pk: na.get(pk) for pk in ventet} == ventet


def test_demo_content_migrates_from_the_schema_before_the_app_move(forrige):
    gamle_apps = _migrer_tilbake(forrige["migrasjoner"])
    _last_rader(forrige["tabeller"], gamle_apps)
    _migrer_fram()

    etter = MigrationExecutor(connection)
    assert not etter.migration_plan(etter.loader.graph.leaf_nodes()), "left at the latest migrations"
    _sjekk_rader(forrige["tabeller"])
    _sjekk_innholdstyper(forrige["tabeller"]["django_content_type"])

    # The old export read as an import reads it today: the fields added since have their
    # defaults (bundle schema 3: no «Eksempel» marks, no official names, no tatt_i_bruk).
    gammel = oppgrader(json.loads((DATA / "forrige_eksport.json").read_text(encoding="utf-8")))
    ny = json.loads(json.dumps(eksporter()))
    assert ny.keys() == gammel.keys()
    for del_ in gammel:
        assert ny[del_] == gammel[del_], del_


def test_feedback_keeps_its_urgency_and_resolved_status_under_the_bokmal_names():
    """tilbakemelding 0002: the field hastar becomes haster and the status «loyst» «lost»."""
    executor = MigrationExecutor(connection)
    for_ = [("tilbakemelding", "0001_tilbakemelding")]
    executor.migrate(for_)
    Gammel = executor.loader.project_state(for_).apps.get_model("tilbakemelding", "Tilbakemelding")
    Gammel.objects.create(tekst="Haster.", hastar=True, status="loyst")
    Gammel.objects.create(tekst="Ny.", status="ny")
    _migrer_fram()
    assert sorted(Tilbakemelding.objects.values_list("tekst", "haster", "status")) == [
        ("Haster.", True, Behandling.LOST),
        ("Ny.", False, Behandling.NY),
    ]
