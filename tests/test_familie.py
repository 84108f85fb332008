"""Family pages: the four family texts resolved like every other text, who to contact first in
the reader's kommune, the akutt numbers, print, and LIX ≤ 40 for every demo family text."""

import re

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from bupkart.lix import lix
from forlop.familie import loft_overskrifter
from forlop.models import FAMILIEDELER, Forlop, Tekst, Tekstdel
from tjenester.models import Kommune

from . import bygg

pytestmark = pytest.mark.django_db
DEMO_FORLOP = bygg.DEMO_FORLOP


def tekst_av(html):
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


@pytest.mark.parametrize("slug", DEMO_FORLOP)
@pytest.mark.parametrize("kommune", ["", "1506", "1103"])
def test_every_forlop_has_a_family_page_with_all_four_texts(client, slug, kommune):
    response = client.get(f"/familie/{slug}/", {"kommune": kommune})
    assert response.status_code == 200
    html = response.content.decode()
    for d in FAMILIEDELER:
        assert f'id="{d.value}"' in html
    assert "Ingen tekst er publisert" not in html
    assert html.count("<h1") == 1


@pytest.mark.parametrize(("kommune", "malform"), [("1506", "nn"), ("1103", "nb")])
def test_family_texts_come_in_the_readers_malform(client, kommune, malform):
    html = client.get("/familie/angst/", {"kommune": kommune}).content.decode()
    felles = Tekst.objects.get(
        forlop__slug="angst",
        tekstdel=Tekstdel.FAMILIE_OM,
        malform=malform,
        helsefellesskap=None,
        kommune=None,
    )
    forste_avsnitt = re.search(r"<p>(.*?)</p>", felles.publisert.html).group(1)
    assert forste_avsnitt in html
    assert f'<div class="tekst" lang="{malform}">' in html


def test_the_texts_own_questions_become_the_pages_h2_headings(client):
    html = client.get("/familie/angst/?kommune=1103").content.decode()
    assert "<h2>Hva er angst?</h2>" in html
    assert "<h3>Hva er angst?</h3>" not in html
    assert loft_overskrifter("<h3>A</h3><h4>B</h4><h5>C</h5>") == "<h2>A</h2><h3>B</h3><h4>C</h4>"


def test_a_text_without_its_own_heading_gets_the_question_as_heading(client):
    forlop = bygg.forlop()
    bygg.tekst(forlop, None, Tekstdel.FAMILIE_SELV, "Bare et avsnitt uten overskrift.", malform="nb")
    html = client.get(f"/familie/{forlop.slug}/?kommune=1103").content.decode()
    assert f'<h2 class="ds-heading" data-size="md">{Tekstdel.FAMILIE_SELV.label}</h2>' in html
    assert "Bare et avsnitt uten overskrift." in html


def test_a_local_family_variant_wins_and_is_marked_like_any_variant(client):
    """One mechanism: a kommune variant of a family text resolves exactly like a seksjon."""
    forlop = Forlop.objects.get(slug="angst")
    molde = Kommune.objects.get(nummer="1506")
    bygg.tekst(
        forlop,
        None,
        Tekstdel.FAMILIE_VIDERE,
        "### Kven hjelper i Molde?\nRing helsestasjonen i Molde.",
        malform="nn",
        kommune=molde,
    )
    html = client.get("/familie/angst/?kommune=1506&malform=nb").content.decode()
    assert "<h2>Kven hjelper i Molde?</h2>" in html
    assert "Lokal tilpasning for Molde" in html
    assert "Se felles tekst" in html
    # Another kommune in the same helsefellesskap does not see Molde's variant.
    assert "Kven hjelper i Molde?" not in client.get("/familie/angst/?kommune=1508").content.decode()


def test_an_unpublished_draft_is_not_shown(client):
    forlop = bygg.forlop()
    bygg.tekst(forlop, None, Tekstdel.FAMILIE_OM, "### Publisert spørsmål?\nPublisert svar.", malform="nb")
    bygg.tekst(
        forlop, None, Tekstdel.FAMILIE_OM, "### Utkast?\nHemmelig utkast.", malform="nb", publisert=False
    )
    html = client.get(f"/familie/{forlop.slug}/").content.decode()
    assert "Publisert svar." in html and "Hemmelig utkast." not in html


def test_first_contact_comes_from_the_kommunes_local_offers(client):
    molde = Kommune.objects.get(nummer="1506")
    forste = list(molde.tilbud.filter(forste_kontakt=True))
    andre = list(molde.tilbud.filter(forste_kontakt=False))
    assert forste and andre
    html = client.get("/familie/angst/?kommune=1506&malform=nb").content.decode()
    kontakt = html.split('id="forste-kontakt"', 1)[1].split("</section>", 1)[0]
    assert "Hvem kan dere kontakte først i Molde?" in kontakt
    for t in forste:
        assert t.navn in kontakt
        if t.apningstider:
            assert t.apningstider in kontakt
        if t.telefon:
            assert f'href="tel:{t.telefon.replace(" ", "")}"' in kontakt
    for t in andre:
        assert t.navn not in kontakt


def test_first_contact_shows_phone_as_a_tel_link(client):
    html = client.get("/familie/angst/?kommune=1106").content.decode()
    kontakt = html.split('id="forste-kontakt"', 1)[1].split("</section>", 1)[0]
    assert 'href="tel:52743000"' in kontakt
    assert "Kvardagar 08.00–15.30" in kontakt


def test_without_a_kommune_the_reader_is_invited_to_choose_one(client):
    html = client.get("/familie/angst/?kommune=").content.decode()
    kontakt = html.split('id="forste-kontakt"', 1)[1].split("</section>", 1)[0]
    assert "helsestasjonen" in kontakt and "fastlegen" in kontakt
    assert 'name="q"' in kontakt and 'action="/kommune/sok/"' in kontakt
    assert 'value="/familie/angst/"' in kontakt  # the choice brings the reader back here


def akutt(html):
    return html.split('class="akutt"', 1)[1].split("</aside>", 1)[0]


def test_akutt_numbers_with_the_bup_number_of_the_kommunes_helsefellesskap(client):
    for nummer in ["1506", "1106", "1103"]:
        kommune = Kommune.objects.select_related("helsefellesskap").get(nummer=nummer)
        boks = akutt(client.get("/familie/angst/", {"kommune": nummer, "malform": "nb"}).content.decode())
        assert "Trenger dere hjelp nå?" in boks
        assert 'href="tel:113"' in boks and 'href="tel:116117"' in boks and 'href="tel:116111"' in boks
        hf = kommune.helsefellesskap
        assert f'href="tel:{hf.bup_akutt_telefon.replace(" ", "")}">{hf.bup_akutt_telefon}</a>' in boks
        assert hf.bup_akutt_merknad in boks


def test_akutt_box_comes_before_the_texts(client):
    """On a phone the page is read in source order: the akutt box must come high."""
    html = client.get("/familie/angst/?kommune=1506").content.decode()
    assert html.index('class="akutt"') < html.index('id="forste-kontakt"') < html.index('id="familie-om"')


def test_without_a_kommune_akutt_still_shows_the_national_numbers(client):
    boks = akutt(client.get("/familie/angst/?kommune=").content.decode())
    assert "113" in boks and "116 117" in boks and "116 111" in boks
    assert "Velg kommunen din" in boks


def test_print_view_shows_kommune_revision_and_address(client):
    html = client.get("/familie/angst/?utskrift=1&kommune=1506&malform=nb").content.decode()
    assert '<body hx-boost="false" class="utskrift">' in html
    topp = html.split('class="utskrift-topp', 1)[1].split("</div>", 1)[0]
    assert "gjelder Molde kommune (Helse Møre og Romsdal)" in topp
    assert "Sist revidert" in topp
    assert "http://testserver/familie/angst/?kommune=1506" in topp


def test_share_link_carries_the_kommune(client):
    html = client.get("/familie/angst/?kommune=1506").content.decode()
    assert 'href="http://testserver/familie/angst/?kommune=1506" class="del-lenker__del"' in html


def test_unknown_family_page_is_404(client):
    assert client.get("/familie/finst-ikkje/").status_code == 404


def test_family_page_query_count_is_flat(client, django_assert_max_num_queries, settings):
    settings.BUPKART_SIDECACHE = False  # measure the view, not the page cache
    client.get("/familie/angst/?kommune=1506")
    with django_assert_max_num_queries(6):
        client.get("/familie/angst/")


# --- Readability ---------------------------------------------------------------------------


def test_every_demo_family_text_reads_at_lix_40_or_below():
    tekster = list(
        Tekst.objects.filter(tekstdel__in=[d.value for d in FAMILIEDELER], publisert__isnull=False)
        .exclude(forlop__slug__startswith="test-")
        .select_related("forlop", "publisert")
    )
    felles = [t for t in tekster if t.omfang == "felles"]
    assert len(felles) == len(DEMO_FORLOP) * len(FAMILIEDELER) * 2, "every forløp × 4 parts × 2 målformer"
    for_hoye = [(str(t), lix(t.publisert.markdown)) for t in tekster if lix(t.publisert.markdown) > 40]
    assert not for_hoye, f"family texts above LIX 40: {for_hoye}"


def test_lix_tells_easy_from_hard_text():
    """The guard above can fail: a long sentence of long words scores far above 40."""
    assert lix("Vi ser. Du kan. Ring oss.") < 20
    assert (
        lix(
            "Spesialisthelsetjenestens utredningsforløp forutsetter tverrfaglig koordinering mellom kommunehelsetjenesten og barneverntjenesten."
        )
        > 40
    )


def test_editors_see_lix_while_writing_a_family_text(client):
    bruker = get_user_model().objects.get(username="forvalter")
    client.force_login(bruker)
    familie = Tekst.objects.get(
        forlop__slug="angst", tekstdel=Tekstdel.FAMILIE_OM, malform="nb", helsefellesskap=None, kommune=None
    )
    html = client.get(reverse("admin:forlop_tekst_change", args=[familie.pk])).content.decode()
    verdi = str(lix(familie.publisert.markdown)).replace(".", ",")  # the admin speaks nb: 20,5
    assert f"Lesbarhet (LIX): {verdi} – lettlest nok." in html
    seksjon = Tekst.objects.get(
        forlop__slug="angst",
        tjeneste__slug="bup",
        tekstdel=Tekstdel.HENVISNING,
        malform="nb",
        helsefellesskap=None,
        kommune=None,
    )
    assert (
        "Lesbarhet (LIX)"
        not in client.get(reverse("admin:forlop_tekst_change", args=[seksjon.pk])).content.decode()
    )
    # The live preview while typing (htmx) recomputes it.
    svar = client.post(
        reverse("admin:forlop_tekst_forhandsvis"),
        {
            "markdown": "Spesialisthelsetjenestens utredningsforløp forutsetter tverrfaglig koordinering.",
            "lix": "1",
        },
        HTTP_HX_REQUEST="true",
    ).content.decode()
    assert "Lesbarhet (LIX)" in svar and "over 40" in svar


@pytest.mark.parametrize(("malform", "tekst"), [("nb", "vold eller trusler"), ("nn", "vald eller truslar")])
def test_akutt_box_gives_the_police_for_danger_from_a_person(client, malform, tekst):
    """113 is medical: a parent afraid of someone must see 112 beside it on every page."""
    boks = akutt(
        client.get(
            "/familie/vold-overgrep-omsorgssvikt/", {"kommune": "1506", "malform": malform}
        ).content.decode()
    )
    assert 'href="tel:112">112</a>' in boks
    assert tekst in boks
