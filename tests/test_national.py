"""manage.py generate_national: the national-scale dataset (run here at --scale small)."""

import io
from collections import Counter

import pytest
from django.core.management import call_command
from django.db import transaction
from django.db.models import Count

from bupkart.markdown import render
from forlop.models import SEKSJONER, Forlop, ForlopTjeneste, Status, Tekst, Tekstplass, Tekstversjon
from forlop.resolution import Kontekst
from sok.models import Dokument
from sok.motor import sok
from tjenester.models import Helsefellesskap, Kommune, LokaltTilbud, valider_kommunenummer

pytestmark = pytest.mark.django_db
DEMO_HF = ["helse-fonna", "helse-stavanger", "helse-more-og-romsdal"]


def generert_hf():
    """The register's helsefellesskap the dataset gave content, beside the demo ones."""
    return Helsefellesskap.objects.exclude(slug__in=DEMO_HF).filter(
        pk__in=Tekst.objects.values("helsefellesskap")
    )


@pytest.fixture(scope="module")
def national(django_db_setup, django_db_blocker):
    """The dataset is generated once for the module (it takes seconds) in a transaction rolled
    back when the module ends; each test runs in a savepoint on top of it, so what one test
    writes is gone before the next."""
    ut = io.StringIO()
    with django_db_blocker.unblock(), transaction.atomic():
        call_command("generate_national", scale="small", stdout=ut)
        yield ut.getvalue()
        transaction.set_rollback(True)


def test_it_builds_on_the_real_register(national):
    assert "Tid " in national and "tekstversjoner" in national
    # No made-up helsefellesskap or kommune: the register's 19 and 357, and no more.
    assert Helsefellesskap.objects.count() == 19
    nummer = list(Kommune.objects.values_list("nummer", flat=True))
    assert len(nummer) == len(set(nummer)) == 357
    for n in nummer:
        valider_kommunenummer(n)
    # The scale: six helsefellesskap with content (the demo's three and three more, now in use)
    # and up to a hundred of their kommunar with local offers.
    assert generert_hf().count() == 3
    assert all(h.i_bruk for h in generert_hf())
    assert Helsefellesskap.objects.filter(tatt_i_bruk__isnull=False).count() == 6
    i_bruk = Kommune.objects.filter(helsefellesskap__tatt_i_bruk__isnull=False).count()
    assert f"kommuner med innhold {min(i_bruk, 100)}" in national
    # Each of them has offers: generated ones, or the demo's for the six demo kommunar.
    assert Kommune.objects.filter(tilbud__isnull=False).distinct().count() >= min(i_bruk, 100) - 6
    # The demo kommunar are kept as they were.
    assert Kommune.objects.get(nummer="1106").navn == "Haugesund"


def test_generated_offers_and_variants_are_marked_and_invent_no_phone_number(national):
    generert = LokaltTilbud.objects.filter(kommune__helsefellesskap__in=generert_hf())
    assert generert.exists()
    assert not generert.filter(er_eksempel=False).exists()
    assert not generert.exclude(telefon="").exists()
    varianter = Tekst.objects.filter(helsefellesskap__in=generert_hf())
    assert varianter.exists() and not varianter.filter(er_eksempel=False).exists()


def test_every_forlop_has_about_twelve_services_and_every_seksjon_in_both_malformer(national):
    for forlop in Forlop.objects.all():
        assert ForlopTjeneste.objects.filter(forlop=forlop).count() >= 12
    felles = Counter(
        t.plass for t in Tekst.objects.filter(helsefellesskap=None, kommune=None, tjeneste__isnull=False)
    )
    for plass in ForlopTjeneste.objects.all():
        for s in SEKSJONER:
            assert felles[Tekstplass(plass.forlop_id, plass.tjeneste_id, s.value)] == 2, (plass, s)
    assert not Tekst.objects.filter(
        publisert__isnull=True, versjoner__endringsnotat__startswith="Generert"
    ).exists()


def test_variant_shares_are_about_right(national):
    seksjonsplasser = ForlopTjeneste.objects.count() * len(SEKSJONER)
    syntetiske_hf = generert_hf()
    hf_del = Tekst.objects.filter(helsefellesskap__in=syntetiske_hf).count() / (
        seksjonsplasser * syntetiske_hf.count()
    )
    kommuner = Kommune.objects.filter(helsefellesskap__in=syntetiske_hf)
    kommune_del = Tekst.objects.filter(kommune__in=kommuner).count() / (seksjonsplasser * kommuner.count())
    assert 0.25 < hf_del < 0.35
    assert 0.03 < kommune_del < 0.07


def test_history_is_a_chain_and_html_is_the_rendered_markdown(national):
    generert = Tekst.objects.filter(versjoner__endringsnotat__startswith="Generert").distinct()
    assert generert.exists()
    assert set(generert.annotate(n=Count("versjoner")).values_list("n", flat=True)) == {3}
    tekst = generert.filter(kommune__isnull=False).select_related("publisert").first()
    versjoner = list(tekst.versjoner.order_by("nummer"))
    assert [v.nummer for v in versjoner] == [1, 2, 3]
    assert [v.forrige_id for v in versjoner] == [None, versjoner[0].pk, versjoner[1].pk]
    assert tekst.publisert == versjoner[-1] and versjoner[-1].status == Status.PUBLISERT
    assert {v.status for v in versjoner[:-1]} == {Status.ERSTATTET}
    for v in Tekstversjon.objects.filter(endringsnotat__startswith="Generert")[:50]:
        assert v.html == render(v.markdown)
    # A variant records the felles version it builds on, so it is not flagged as outdated.
    felles = Tekst.objects.get(
        forlop=tekst.forlop,
        tjeneste=tekst.tjeneste,
        tekstdel=tekst.tekstdel,
        malform=tekst.malform,
        helsefellesskap=None,
        kommune=None,
    )
    assert tekst.publisert.felles_grunnlag_id == felles.publisert_id


def test_idempotent(national):
    forst = Tekst.objects.count(), Tekstversjon.objects.count(), Kommune.objects.count()
    ut = io.StringIO()
    call_command("generate_national", scale="small", stdout=ut)
    assert (Tekst.objects.count(), Tekstversjon.objects.count(), Kommune.objects.count()) == forst
    assert "tekster 0" in ut.getvalue()


def test_search_index_covers_the_generated_content(national):
    synlige = set(
        Tekst.objects.filter(publisert__isnull=False, forlop__publisert=True).values_list("pk", flat=True)
    )
    generert = set(
        Tekst.objects.filter(pk__in=synlige, versjoner__endringsnotat__startswith="Generert").values_list(
            "pk", flat=True
        )
    )
    assert len(generert) > 1000
    assert set(Dokument.objects.filter(kilde__isnull=False).values_list("kilde_id", flat=True)) == synlige
    tilbud = (
        LokaltTilbud.objects.filter(kommune__helsefellesskap__in=generert_hf())
        .select_related("kommune__helsefellesskap")
        .order_by("pk")
        .first()
    )
    kommune = tilbud.kommune
    treff = sok(kommune.navn, Kontekst(malform=kommune.helsefellesskap.malform, kommune=kommune)).forste
    assert treff is not None and treff.lenke.startswith(f"/kommune/{kommune.nummer}/"), treff
