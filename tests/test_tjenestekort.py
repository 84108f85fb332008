"""The service cards a fagperson looks for (issue 13, point 9): legevakt in every forløp,
barneavdelinga where the texts send children there, krisesenter and familievernet in vald,
habilitering and familievernet in 0–3, each answering every seksjon in both målformer."""

import pytest

from forlop.models import SEKSJONER, Tekst
from utveksling.innhold import les_yaml

from . import bygg

FORVENTET = {
    "angst": {"legevakt"},
    "autisme": {"legevakt"},
    "bekymring-0-3-ar": {"legevakt", "barneavdeling", "habilitering", "familievern"},
    "spisevansker": {"legevakt", "barneavdeling"},
    "uro-og-merksemd": {"legevakt", "barneavdeling"},
    "tristhet-og-depresjon": {"legevakt"},
    "vold-overgrep-omsorgssvikt": {"legevakt", "barneavdeling", "krisesenter", "familievern"},
}


@pytest.mark.parametrize("slug", bygg.DEMO_FORLOP)
def test_each_forlop_has_the_cards_a_fagperson_looks_for(slug):
    brukte = {p["tjeneste"] for p in les_yaml(f"forlop/{slug}.yaml")["tjenester"]}
    assert FORVENTET[slug] <= brukte


def test_krisesenter_is_in_the_catalogue_as_a_kommune_duty():
    krisesenter = next(t for t in les_yaml("tjenester.yaml") if t["slug"] == "krisesenter")
    assert "krisesenterlova" in krisesenter["lovgrunnlag"].lower()


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("slug", "tjeneste", "kommune"),
    [
        ("vold-overgrep-omsorgssvikt", "krisesenter", "1506"),
        ("vold-overgrep-omsorgssvikt", "familievern", "1103"),
        ("bekymring-0-3-ar", "habilitering", "1106"),
        ("uro-og-merksemd", "barneavdeling", "1103"),
        ("angst", "legevakt", "1506"),
    ],
)
def test_the_new_cards_show_on_the_forlop_page_in_the_readers_malform(client, slug, tjeneste, kommune):
    html = client.get(f"/forlop/{slug}/", {"kommune": kommune}).content.decode()
    assert f'<section class="tjeneste" id="{tjeneste}"' in html
    malform = "nn" if kommune in ("1506", "1106") else "nb"
    for seksjon in SEKSJONER:
        tekst = Tekst.objects.felles().get(
            forlop__slug=slug, tjeneste__slug=tjeneste, tekstdel=seksjon, malform=malform
        )
        assert tekst.publisert.html[:60] in html
