"""The network of contact persons: who sees which entry where, who keeps and exports them, the
fødselsnummer guard, and that removing a person leaves none of their details behind."""

import csv
import io
from datetime import timedelta

import pytest
from django.contrib.admin.models import LogEntry
from django.contrib.auth import get_user_model
from django.core.cache import caches
from django.urls import reverse
from django.utils import timezone

from forlop.models import Forlop, KontaktpersonForlop
from tests.test_tilbakemelding import gyldig_fnr
from tjenester.models import Helsefellesskap, Kommune, Kontaktperson

pytestmark = pytest.mark.django_db
User = get_user_model()
MI_ROLLE = "/tjenester/helsestasjon/forlop/angst/"


@pytest.fixture
def personar():
    fonna = Helsefellesskap.objects.get(slug="helse-fonna")
    haugesund = Kommune.objects.get(nummer="1106")
    felt = {"helsefellesskap": fonna, "arbeidsstad": "Helsestasjonen sentrum"}
    ope = Kontaktperson.objects.create(
        kommune=haugesund,
        navn="Open Ossen",
        rolle="Helsesjukepleiar",
        telefon="52 00 00 01",
        epost="open@example.no",
        offentleg=True,
        **felt,
    )
    lukka = Kontaktperson.objects.create(
        kommune=haugesund, navn="Lukka Lie", rolle="PPT-rådgjevar", telefon="52 00 00 02", **felt
    )
    bup = Kontaktperson.objects.create(
        eining="BUP Haugesund", navn="Bup Berg", rolle="Psykolog", offentleg=True, alle_forlop=False, **felt
    )
    KontaktpersonForlop.objects.create(kontaktperson=bup, forlop=Forlop.objects.get(slug="autisme"))
    return {"ope": ope, "lukka": lukka, "bup": bup}


def logg_inn(client, navn):
    client.force_login(User.objects.get(username=navn))
    return client


def test_the_kommune_map_shows_the_public_entries_of_the_kommune_and_its_bup(client, personar):
    html = client.get("/kommune/1106/?kommune=1106").content.decode()
    assert "Open Ossen" in html and "52 00 00 01" in html
    assert "Kontaktpersonar for forløpa" in html  # Helse Fonna speaks nynorsk
    assert "Bup Berg" in html  # its BUP unit serves every kommune of Helse Fonna
    assert "Lukka Lie" not in html and "52 00 00 02" not in html
    assert "Open Ossen" not in client.get("/kommune/1506/?kommune=1506").content.decode()


def test_a_new_public_entry_shows_on_the_cached_map_at_once(client, personar):
    client.get("/kommune/1106/?kommune=1106")
    personar["lukka"].offentleg = True
    personar["lukka"].save()
    assert "Lukka Lie" in client.get("/kommune/1106/?kommune=1106").content.decode()


def test_mi_rolle_shows_the_contacts_for_the_readers_kommune_and_forlop(client, personar):
    html = client.get(MI_ROLLE, {"kommune": "1106"}).content.decode()
    assert "Open Ossen" in html
    assert "Bup Berg" not in html  # contact for autisme only
    assert "Lukka Lie" not in html
    assert "Bup Berg" in client.get("/tjenester/helsestasjon/forlop/autisme/").content.decode()
    assert "Open Ossen" not in client.get(MI_ROLLE, {"kommune": "1506"}).content.decode()


KART = "/kommune/1106/?kommune=1106"


@pytest.mark.parametrize("side", [KART, f"{MI_ROLLE}?kommune=1106"])
def test_an_editor_of_the_network_sees_the_entries_for_editors_marked_as_such(client, personar, side):
    logg_inn(client, "kontakt-haugesund")
    html = client.get(side).content.decode()
    assert "Lukka Lie" in html and "52 00 00 02" in html
    assert html.count("Berre synleg for redaktørar") == 1  # Helse Fonna's nynorsk, on that entry only
    logg_inn(client, "redaktor-mr")  # an editor, but not of Helse Fonna's network
    assert "Lukka Lie" not in client.get(side).content.decode()


@pytest.mark.parametrize("side", [KART, f"{MI_ROLLE}?kommune=1106"])
def test_the_cached_page_for_readers_stays_clean_after_an_editor_has_seen_it(client, personar, side):
    lesar = client.get(side)
    assert lesar["X-Bupkart-Cache"] == "miss"
    logg_inn(client, "redaktor-fonna")
    assert "Lukka Lie" in client.get(side).content.decode()
    client.logout()
    for _gang in range(2):
        svar = client.get(side)
        assert svar["X-Bupkart-Cache"] == "hit"
        html = svar.content.decode()
        assert "Open Ossen" in html
        assert "Lukka Lie" not in html and "Berre synleg for redaktørar" not in html
    # An editor first, then a reader on an empty cache: the reader's copy is made without them.
    caches["default"].clear()
    logg_inn(client, "redaktor-fonna").get(side)
    client.logout()
    svar = client.get(side)
    assert svar["X-Bupkart-Cache"] == "miss" and "Lukka Lie" not in svar.content.decode()
    assert "Lukka Lie" not in client.get(side).content.decode()


def test_the_network_page_shows_readers_the_public_entries_only(client, personar):
    html = client.get("/nettverk/helse-fonna/").content.decode()
    assert "Open Ossen" in html and "Bup Berg" in html
    assert "Lukka Lie" not in html
    assert "kontaktpersoner.csv" not in html
    assert client.get("/nettverk/finst-ikkje/").status_code == 404


@pytest.mark.parametrize(
    ("rolle", "ser_alle"),
    [
        ("redaktor-fonna", True),
        ("kontakt-haugesund", True),
        ("forvalter", True),
        ("redaktor-mr", False),
        ("kontakt-molde", False),
    ],
)
def test_editors_of_the_helsefellesskap_see_every_entry_and_export_them(client, personar, rolle, ser_alle):
    logg_inn(client, rolle)
    assert ("Lukka Lie" in client.get("/nettverk/helse-fonna/").content.decode()) == ser_alle
    for fil in ("kontaktpersoner.csv", "kontaktpersoner.vcf"):
        svar = client.get(f"/nettverk/helse-fonna/{fil}")
        assert svar.status_code == (200 if ser_alle else 403)
        if ser_alle:
            assert "Lukka Lie" in svar.content.decode()
            assert "no-store" in svar["Cache-Control"]  # never kept by a proxy


def test_readers_cannot_export(client, personar):
    assert client.get("/nettverk/helse-fonna/kontaktpersoner.csv").status_code == 403
    assert client.get("/nettverk/helse-fonna/kontaktpersoner.vcf").status_code == 403


def test_the_csv_holds_the_whole_list_and_defuses_formulas(client, personar):
    personar["lukka"].rolle = "=HYPERLINK(1)"
    personar["lukka"].save()
    rader = list(
        csv.reader(
            io.StringIO(
                logg_inn(client, "redaktor-fonna")
                .get("/nettverk/helse-fonna/kontaktpersoner.csv")
                .content.decode()
            )
        )
    )
    assert rader[0][0] == "navn"
    assert {r[0] for r in rader[1:]} == {"Open Ossen", "Lukka Lie", "Bup Berg"}
    assert "'=HYPERLINK(1)" in [r[1] for r in rader]


def test_the_vcard_is_one_card_per_person_with_escaped_values(client, personar):
    personar["ope"].arbeidsstad = "Helsestasjonen; sentrum, Haugesund"
    personar["ope"].save()
    tekst = (
        logg_inn(client, "redaktor-fonna").get("/nettverk/helse-fonna/kontaktpersoner.vcf").content.decode()
    )
    assert tekst.count("BEGIN:VCARD") == 3 == tekst.count("END:VCARD")
    assert "ORG:Helsestasjonen\\; sentrum\\, Haugesund\r\n" in tekst
    assert "EMAIL;TYPE=INTERNET,WORK:open@example.no" in tekst


def _skjema(**endra):
    fonna = Helsefellesskap.objects.get(slug="helse-fonna")
    data = {
        "helsefellesskap": fonna.pk,
        "kommune": Kommune.objects.get(nummer="1106").pk,
        "eining": "",
        "navn": "Ny Nilsen",
        "rolle": "Lærar",
        "arbeidsstad": "Skulen",
        "telefon": "",
        "epost": "",
        "alle_forlop": "on",
        "sist_stadfesta": timezone.localdate().isoformat(),
        "forlop_koplingar-TOTAL_FORMS": "0",
        "forlop_koplingar-INITIAL_FORMS": "0",
    }
    return data | endra


def test_the_form_says_work_details_only_and_refuses_a_fodselsnummer(client):
    logg_inn(client, "kontakt-haugesund")
    url = reverse("admin:tjenester_kontaktperson_add")
    assert "Berre kontaktopplysingar frå jobben" in client.get(url).content.decode()  # Helse Fonna: nynorsk
    svar = client.post(url, _skjema(rolle=f"Lærar {gyldig_fnr()}"))
    assert svar.status_code == 200 and "fødselsnummer" in svar.content.decode()
    assert not Kontaktperson.objects.filter(navn="Ny Nilsen").exists()
    assert client.post(url, _skjema()).status_code == 302
    assert Kontaktperson.objects.filter(navn="Ny Nilsen", offentleg=False).exists()  # not public unless asked


def test_a_kommunekontakt_cannot_file_a_person_in_another_kommune(client):
    logg_inn(client, "kontakt-haugesund")
    url = reverse("admin:tjenester_kontaktperson_add")
    svar = client.post(url, _skjema(kommune=Kommune.objects.get(nummer="1506").pk))
    assert svar.status_code == 200
    assert not Kontaktperson.objects.filter(navn="Ny Nilsen").exists()


def test_a_bup_entry_needs_its_unit_and_a_kommune_must_be_of_the_helsefellesskap(client):
    logg_inn(client, "redaktor-fonna")
    url = reverse("admin:tjenester_kontaktperson_add")
    assert client.post(url, _skjema(kommune="")).status_code == 200
    assert client.post(url, _skjema(kommune="", eining="BUP Stord")).status_code == 302
    assert Kontaktperson.objects.get(navn="Ny Nilsen").eining == "BUP Stord"


def test_deleting_a_person_leaves_no_contact_details(client, personar):
    person = personar["bup"]
    logg_inn(client, "redaktor-fonna")
    svar = client.post(reverse("admin:tjenester_kontaktperson_delete", args=[person.pk]), {"post": "yes"})
    assert svar.status_code == 302
    assert not Kontaktperson.objects.filter(pk=person.pk).exists()
    assert not KontaktpersonForlop.objects.filter(kontaktperson_id=person.pk).exists()
    logg = LogEntry.objects.filter(object_id=str(person.pk), content_type__model="kontaktperson")
    assert logg.exists()  # the editor's log says who removed whom …
    assert not any("Psykolog" in str(vars(rad)) for rad in logg)  # … and nothing more about them


def test_the_start_page_flags_entries_not_confirmed_for_a_year(client, personar):
    personar["lukka"].sist_stadfesta = timezone.localdate() - timedelta(days=400)
    personar["lukka"].save()
    assert "Lukka Lie" in logg_inn(client, "redaktor-fonna").get("/admin/").content.decode()
    assert "Lukka Lie" not in logg_inn(client, "redaktor-mr").get("/admin/").content.decode()
    assert "Open Ossen" not in logg_inn(client, "redaktor-fonna").get("/admin/").content.decode()


def test_confirming_resets_the_date(client, personar):
    personar["lukka"].sist_stadfesta = timezone.localdate() - timedelta(days=400)
    personar["lukka"].save()
    logg_inn(client, "redaktor-fonna").post(
        reverse("admin:tjenester_kontaktperson_changelist"),
        {"action": "stadfest", "_selected_action": [personar["lukka"].pk]},
    )
    personar["lukka"].refresh_from_db()
    assert personar["lukka"].sist_stadfesta == timezone.localdate()


@pytest.mark.parametrize(
    ("rolle", "ventet"),
    [
        ("admin", {"ope", "lukka", "bup"}),
        ("redaktor-fonna", {"ope", "lukka", "bup"}),
        ("kontakt-haugesund", {"ope", "lukka"}),
        ("kontakt-molde", set()),
        ("forvalter", set()),
    ],
)
def test_the_admin_list_holds_what_the_role_keeps(client, personar, rolle, ventet):
    html = logg_inn(client, rolle).get(reverse("admin:tjenester_kontaktperson_changelist")).content.decode()
    namn = {"ope": "Open Ossen", "lukka": "Lukka Lie", "bup": "Bup Berg"}
    assert {k for k, v in namn.items() if v in html} == ventet
