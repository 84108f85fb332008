"""The one scope rule (tjenester.omfang) on every model that has a scope: one scope per row,
enforced by the database, and `gjelder`, the rows a reader in a kommune may get."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from bupkart.signaler import Endring, samle_endringer
from forlop.models import Forlop, Revisjon, Tekst, Tekstdel
from tilbakemelding.models import Tilbakemelding
from tjenester.models import Helsefellesskap, Kommune, LokaltTilbud
from tjenester.omfang import Omfang

pytestmark = pytest.mark.django_db


@pytest.fixture
def omfang():
    """The scopes a reader in Haugesund (Helse Fonna) may and may not get."""
    haugesund = Kommune.objects.get(nummer="1106")
    molde = Kommune.objects.get(nummer="1506")
    return {
        "felles": {},
        "fonna": {"helsefellesskap": haugesund.helsefellesskap},
        "haugesund": {"kommune": haugesund},
        "mr": {"helsefellesskap": molde.helsefellesskap},
        "molde": {"kommune": molde},
    }


def _forlop():
    # A forløp of its own, so the demo's texts and reviews stay out of the counts.
    return Forlop.objects.create(
        slug="test-omfang", tittel_nb="T", tittel_nn="T", ingress_nb="I", ingress_nn="I"
    )


def _lag(modell, forlop, **eier):
    if modell is Tekst:
        return Tekst(forlop=forlop, tekstdel=Tekstdel.BAKGRUNN, malform="nb", **eier)
    if modell is Revisjon:
        return Revisjon(
            forlop=forlop, sist_revidert=date(2026, 1, 1), neste_revisjon=date(2027, 1, 1), **eier
        )
    return Tilbakemelding(tekst="Melding.", forlop=forlop, **eier)


MODELLER = [Tekst, Revisjon, Tilbakemelding]


@pytest.mark.parametrize("modell", MODELLER, ids=lambda m: m.__name__)
def test_a_row_has_one_scope_never_both(omfang, modell):
    rad = _lag(modell, _forlop(), **omfang["fonna"], **omfang["haugesund"])
    with pytest.raises(ValidationError) as feil:
        rad.full_clean()
    assert f"{modell._meta.model_name}_ett_omfang" in str(feil.value)
    # And in the database, for writers that skip validation (bulk_create in an import).
    with pytest.raises(IntegrityError), transaction.atomic():
        rad.save()


@pytest.mark.parametrize("modell", MODELLER, ids=lambda m: m.__name__)
def test_gjelder_gives_a_reader_felles_and_their_own_helsefellesskap_and_kommune(omfang, modell):
    forlop = _forlop()
    rader = {navn: _lag(modell, forlop, **eier) for navn, eier in omfang.items()}
    for rad in rader.values():
        rad.save()
    haugesund = omfang["haugesund"]["kommune"]

    def gjelder(*args):
        return {
            navn for navn, rad in rader.items() if modell.objects.gjelder(*args).filter(pk=rad.pk).exists()
        }

    assert gjelder(haugesund.helsefellesskap, haugesund) == {"felles", "fonna", "haugesund"}
    assert gjelder(haugesund.helsefellesskap_id, haugesund.pk) == {"felles", "fonna", "haugesund"}
    assert gjelder() == {"felles"}
    assert {navn: rad.omfang for navn, rad in rader.items()} == {
        "felles": Omfang.FELLES,
        "fonna": Omfang.HELSEFELLESSKAP,
        "haugesund": Omfang.KOMMUNE,
        "mr": Omfang.HELSEFELLESSKAP,
        "molde": Omfang.KOMMUNE,
    }
    for verdi in Omfang.values:
        assert {
            rad.pk for rad in modell.objects.av_omfang(verdi).filter(pk__in=[r.pk for r in rader.values()])
        } == {rad.pk for rad in rader.values() if rad.omfang == verdi}


def test_gjelder_for_local_offers_is_the_readers_kommune_only():
    haugesund = Kommune.objects.get(nummer="1106")
    assert LokaltTilbud.objects.filter(kommune=haugesund).exists()
    assert set(LokaltTilbud.objects.gjelder(haugesund)) == set(LokaltTilbud.objects.filter(kommune=haugesund))
    assert set(LokaltTilbud.objects.gjelder(haugesund.pk)) == set(haugesund.tilbud.all())
    # An offer is always a kommune's: a reader who has chosen none gets none.
    assert not LokaltTilbud.objects.gjelder().exists()


def test_reviews_for_a_page_follow_the_rule(omfang):
    forlop = _forlop()
    for eier in omfang.values():
        _lag(Revisjon, forlop, **eier).save()
    haugesund = omfang["haugesund"]["kommune"]
    assert {r.omfang_navn for r in Revisjon.objects.for_kontekst(forlop, haugesund)} == {
        "Felles tekst",
        haugesund.helsefellesskap.navn,
        haugesund.navn,
    }


def test_a_change_reaches_the_readers_of_the_rows_scope_and_feedback_reaches_none(omfang):
    forlop = _forlop()
    hf, kommune = omfang["fonna"]["helsefellesskap"], omfang["haugesund"]["kommune"]
    with samle_endringer() as endringer:
        _lag(Revisjon, forlop, helsefellesskap=hf).save()
        _lag(Tekst, forlop, kommune=kommune).save()
        # Feedback is no content readers see: saving it empties no cached page.
        _lag(Tilbakemelding, forlop, kommune=kommune).save()
    assert endringer == [Endring(helsefellesskap_id=hf.pk), Endring(kommune_id=kommune.pk)]


def test_the_scope_is_named_as_readers_call_it(omfang):
    navn = {hva: _lag(Tilbakemelding, None, **eier).omfang_navn for hva, eier in omfang.items()}
    assert navn["felles"] == "Felles tekst"
    assert navn["fonna"] == Helsefellesskap.objects.get(slug="helse-fonna").navn
    assert navn["molde"] == "Molde"


@pytest.mark.django_db
def test_rows_readers_do_not_see_keep_djangos_fast_delete(django_assert_num_queries):
    # The content signal listens to the Innhold models only: were it connected for every
    # sender, deleting the search index's documents (every publication replaces some, a rebuild
    # all) would fetch each row and send a signal for it instead of one DELETE.
    from sok.models import Dokument

    assert Dokument.objects.count() > 100
    with django_assert_num_queries(1):
        Dokument.objects.all().delete()
