"""The national register (fixtures/register/): every kommune and helsefellesskap as reference
data, and the calm page of a kommune whose helsefellesskap has not taken the model into use."""

from datetime import date, timedelta

import pytest
from django.contrib.auth import get_user_model

from tjenester.models import Helsefellesskap, Kommune
from utveksling.register import last_register, les_register, sjekk_register

pytestmark = pytest.mark.django_db
DEMO_HF = {"helse-fonna", "helse-stavanger", "helse-more-og-romsdal"}


def test_every_kommune_and_helsefellesskap_of_2024_is_loaded():
    assert Kommune.objects.count() == 357
    assert Helsefellesskap.objects.count() == 19
    assert not Kommune.objects.filter(helsefellesskap__isnull=True).exists()


@pytest.mark.parametrize(
    ("nummer", "navn", "hf"),
    [
        ("0301", "Oslo", "oslo-universitetssykehus"),
        ("5501", "Tromsø", "unn"),
        ("1506", "Molde", "helse-more-og-romsdal"),
        ("1580", "Haram", "helse-more-og-romsdal"),
        ("1106", "Haugesund", "helse-fonna"),
        ("4619", "Eidfjord", "helse-fonna"),
        ("1103", "Stavanger", "helse-stavanger"),
        ("4601", "Bergen", "helse-bergen"),
        ("3216", "Vestby", "sykehuset-ostfold"),
        ("3401", "Kongsvinger", "akershus-universitetssykehus"),
        ("3234", "Lunner", "sykehuset-innlandet"),
        ("1515", "Herøy (Møre og Romsdal)", "helse-more-og-romsdal"),
        ("1818", "Herøy (Nordland)", "helgelandssykehuset"),
        ("5636", "Nesseby", "finnmarkssykehuset"),
    ],
)
def test_known_numbers_names_and_memberships(nummer, navn, hf):
    kommune = Kommune.objects.select_related("helsefellesskap").get(nummer=nummer)
    assert (kommune.navn, kommune.helsefellesskap.slug) == (navn, hf)


def test_sami_and_kven_names_are_kept_where_they_differ():
    assert Kommune.objects.get(nummer="5612").offisielt_navn == "Guovdageaidnu - Kautokeino"
    assert Kommune.objects.get(nummer="5622").offisielt_navn == "Porsanger - Porsáŋgu - Porsanki"
    assert Kommune.objects.get(nummer="5501").offisielt_navn == ""
    assert Kommune.objects.exclude(offisielt_navn="").count() == 22


def test_demo_helsefellesskap_keep_their_demo_details_and_only_they_are_in_use():
    for hf in Helsefellesskap.objects.all():
        assert hf.i_bruk == (hf.slug in DEMO_HF), hf.slug
        assert bool(hf.bup_akutt_telefon) == (hf.slug in DEMO_HF), hf.slug
    assert Helsefellesskap.objects.get(slug="helse-fonna").malform == "nn"


def test_loading_again_changes_nothing(django_assert_num_queries):
    # One read of each table inside its savepoint, and no write.
    with django_assert_num_queries(4):
        assert last_register() == 0


def test_the_register_wins_over_a_moved_kommune():
    Kommune.objects.filter(nummer="1506").update(
        helsefellesskap=Helsefellesskap.objects.get(slug="helse-fonna"), navn="Feil"
    )
    last_register()
    molde = Kommune.objects.get(nummer="1506")
    assert (molde.navn, molde.helsefellesskap.slug) == ("Molde", "helse-more-og-romsdal")


def test_a_broken_register_is_refused_before_anything_is_written():
    kommunar, fellesskap = les_register()
    assert sjekk_register(kommunar, fellesskap) == []
    feil = sjekk_register([*kommunar, {"nummer": "0301", "navn": "Oslo igjen"}], fellesskap)
    assert any("to ganger" in f for f in feil)
    fellesskap[0]["kommunar"].append("1506")
    assert any("nøyaktig ett" in f for f in sjekk_register(kommunar, fellesskap))


# --- the calm page -----------------------------------------------------------------------------


def side(client, nummer, malform="nb"):
    response = client.get(f"/kommune/{nummer}/", {"kommune": nummer, "malform": malform})
    assert response.status_code == 200
    return response.content.decode()


def test_a_kommune_not_yet_on_the_model_gets_a_calm_page(client):
    html = side(client, "0301")
    assert "Barn og unges helsetjeneste i Oslo" in html
    assert "skrevet feil" not in html and "Vi fant ikke kommunen" not in html
    assert "Oslo hører til helsefellesskapet Oslo universitetssykehus" in html
    for nummer in ("113", "112", "116117", "116111"):
        assert f'href="tel:{nummer}"' in html
    assert "Slik kan kommunen ta i bruk modellen" in html
    assert 'href="/forlop/angst/?kommune=0301"' in html  # the felles tekst, in Oslo's context
    assert 'href="tel:"' not in html


def test_the_calm_page_speaks_nynorsk_too(client):
    html = side(client, "4601", malform="nn")
    assert '<html lang="nn"' in html
    assert "Barn og unges helseteneste i Bergen" in html
    assert "Slik kan kommunen ta i bruk modellen" in html
    assert "Helse Bergen" in html


def test_the_calm_page_names_the_official_sami_name(client):
    html = side(client, "5612")
    assert "Guovdageaidnu - Kautokeino" in html


def test_a_helsefellesskap_taking_the_model_into_use_gets_the_full_map(client):
    hf = Helsefellesskap.objects.get(slug="unn")
    hf.tatt_i_bruk = date.today() + timedelta(days=1)
    hf.save()
    assert "Slik kan kommunen ta i bruk modellen" in side(client, "5501")
    hf.tatt_i_bruk = date.today()
    hf.save()
    html = side(client, "5501")
    assert "Kart over kommunen din: Tromsø" in html
    assert 'href="tel:"' not in html  # no BUP akutt number yet: the line is left out


@pytest.mark.parametrize(
    ("sporsmal", "nummer"), [("Oslo", "0301"), ("oslo", "0301"), ("Guovdageaidnu", "5612")]
)
def test_typing_the_name_in_the_picker_finds_the_kommune(client, sporsmal, nummer):
    response = client.get("/kommune/sok/", {"q": sporsmal, "neste": "/"})
    assert response.status_code == 302
    assert response["Location"] == f"/?kommune={nummer}"


def test_a_forlop_page_in_oslo_shows_the_felles_tekst_and_no_empty_bup_number(client):
    response = client.get("/forlop/angst/", {"kommune": "0301"})
    html = response.content.decode()
    assert response.status_code == 200
    assert 'href="tel:"' not in html
    assert "Lokal tilpasning for" not in html


@pytest.mark.parametrize(("bruker", "kan"), [("redaktor-fonna", False), ("admin", True)])
def test_only_the_register_keepers_switch_the_model_on(client, bruker, kan):
    """tatt_i_bruk decides what every kommune of the partnership reads: a redaktør sees it, the
    register's keepers set it."""
    client.force_login(get_user_model().objects.get(username=bruker))
    hf = Helsefellesskap.objects.get(slug="helse-fonna")
    response = client.get(f"/admin/tjenester/helsefellesskap/{hf.pk}/change/")
    assert response.status_code == 200
    assert ('name="tatt_i_bruk"' in response.content.decode()) == kan


def test_the_calm_page_reads_no_more_than_the_map(client, settings, django_assert_max_num_queries):
    settings.BUPKART_SIDECACHE = False  # measure the view, not the page cache
    side(client, "0301")  # warm: the kommune lookup is read once per content version
    # Versions, the kommune, the forløp list, and tal's «Tall for …» part (the kommune with its
    # helsefellesskap's kommunar, and their figures): measured on SQLite.
    with django_assert_max_num_queries(5):
        side(client, "0301")
