"""Ta i bruk: the guide in both målformer with its links, a helsefellesskap's progress kept by
its redaktører only (with the fødselsnummer guard on the note), and the forvalter's overview."""

import re
from urllib.parse import urldefrag, urljoin

import pytest
from django.contrib.auth import get_user_model

from innforing.guide import FASAR, STEG
from innforing.models import Framdrift, Status
from tests.test_tilbakemelding import gyldig_fnr
from tjenester.models import Helsefellesskap

pytestmark = pytest.mark.django_db
User = get_user_model()
REDIGER = "/ta-i-bruk/helse-fonna/rediger/"


@pytest.fixture(autouse=True)
def _utan_demo_framdrift():
    """Each test starts where a new helsefellesskap does: no step started (the demo content's
    progress is tested in test_samhandling_demo)."""
    Framdrift.objects.all().delete()


def _skjema(**endra):
    data = {f"{s}-status": Status.IKKJE_STARTA for s in STEG} | {f"{s}-dato": "" for s in STEG}
    return data | {f"{s}-notat": "" for s in STEG} | endra


def test_the_guide_has_four_phases_in_both_malformer_with_links(client):
    assert len(FASAR) == 4
    nb = client.get("/ta-i-bruk/").content.decode()
    assert (
        "Kartlegg det lokale utfordringsbildet" in nb and 'href="/oving/"' in nb and 'href="/hoyring/"' in nb
    )
    nn = client.get("/ta-i-bruk/?malform=nn").content.decode()
    assert "Kartlegg det lokale utfordringsbiletet" in nn
    assert "/nettverk/" not in nb  # the network needs a helsefellesskap
    assert (
        'href="/nettverk/helse-fonna/"'
        in client.get("/ta-i-bruk/?helsefellesskap=helse-fonna").content.decode()
    )
    assert client.get("/ta-i-bruk/?helsefellesskap=finst-ikkje").status_code == 404


def _folg(client, side, lenke):
    """The page a link of `side` leads to, answered 200, with its #anchor on it."""
    adresse, anker = urldefrag(urljoin(side, lenke))
    svar = client.get(adresse)
    assert svar.status_code == 200, (lenke, svar.status_code)
    if anker:
        assert f'id="{anker}"' in svar.content.decode(), lenke
    return svar


@pytest.mark.parametrize(("rolle", "ekstra"), [(None, 0), ("redaktor-fonna", 1), ("forvalter", 1)])
@pytest.mark.parametrize("malform", ["nb", "nn"])
def test_every_link_of_the_guide_leads_to_a_real_page(client, rolle, ekstra, malform):
    """Each step's link, for a reader and for the editors who get a link of their own (update
    the progress, see every helsefellesskap's)."""
    if rolle:
        client.force_login(User.objects.get(username=rolle))
    side = f"/ta-i-bruk/?helsefellesskap=helse-fonna&malform={malform}"
    html = client.get(side).content.decode()
    steg = re.findall(r'<a href="([^"]+)">Gå til: ', html)
    assert len(steg) == sum(1 for s in STEG.values() if s.lenke)
    redaksjon = re.findall(r'<a href="(/ta-i-bruk/[^"?#]+/)">', html)
    assert len(redaksjon) == ekstra
    for lenke in steg + redaksjon:
        _folg(client, side, lenke)


def test_the_bundle_import_step_explains_the_command_on_the_guide_in_both_malformer(client):
    lenke = STEG["felles-tekst"].lenke
    assert lenke.startswith("#")  # no page of the portal imports a bundle: the guide says how
    nb = _folg(client, "/ta-i-bruk/", lenke).content.decode()
    assert "Slik henter dere inn felles tekst" in nb and "import_innhold innhold.json --dry-run" in nb
    nn = client.get("/ta-i-bruk/?malform=nn").content.decode()
    assert "Slik hentar de inn felles tekst" in nn and "import_innhold innhold.json --dry-run" in nn


@pytest.mark.parametrize(
    ("rolle", "status"),
    [
        ("redaktor-fonna", 200),
        ("admin", 200),
        ("redaktor-mr", 403),
        ("forvalter", 403),
        ("kontakt-haugesund", 403),
    ],
)
def test_only_the_helsefellesskaps_redaktorar_edit_its_progress(client, rolle, status):
    client.force_login(User.objects.get(username=rolle))
    assert client.get(REDIGER).status_code == status
    svar = client.post(REDIGER, _skjema(**{"styringsgruppe-status": Status.I_GANG}))
    assert svar.status_code == (302 if status == 200 else 403)
    assert Framdrift.objects.filter(steg="styringsgruppe", status=Status.I_GANG).exists() == (status == 200)


def test_readers_cannot_edit(client):
    assert client.get(REDIGER).status_code == 403
    assert client.post(REDIGER, _skjema()).status_code == 403


def test_progress_shows_with_date_and_note(client):
    client.force_login(User.objects.get(username="redaktor-fonna"))
    client.post(
        REDIGER,
        _skjema(
            **{
                "mal-status": Status.FERDIG,
                "mal-dato": "2026-03-01",
                "mal-notat": "Vedteke i styringsgruppa.",
            }
        ),
    )
    client.logout()
    html = client.get("/ta-i-bruk/?helsefellesskap=helse-fonna").content.decode()
    assert "Vedteke i styringsgruppa." in html and "1.3.2026" in html
    # Only changed steps are stored: the others are «ikkje starta» without a row.
    assert Framdrift.objects.filter(helsefellesskap__slug="helse-fonna").count() == 1


def test_a_fodselsnummer_in_a_note_is_refused(client):
    client.force_login(User.objects.get(username="redaktor-fonna"))
    svar = client.post(REDIGER, _skjema(**{"mal-status": Status.I_GANG, "mal-notat": f"Sjå {gyldig_fnr()}"}))
    assert svar.status_code == 400 and "fødselsnummer" in svar.content.decode()
    assert not Framdrift.objects.exists()


@pytest.mark.parametrize(("rolle", "status"), [("forvalter", 200), ("admin", 200), ("redaktor-fonna", 403)])
def test_the_forvalter_sees_every_helsefellesskap_side_by_side(client, rolle, status):
    Framdrift.objects.create(
        helsefellesskap=Helsefellesskap.objects.get(slug="helse-more-og-romsdal"),
        steg="nettverk",
        status=Status.FERDIG,
    )
    client.force_login(User.objects.get(username=rolle))
    svar = client.get("/ta-i-bruk/oversikt/")
    assert svar.status_code == status
    if status == 200:
        html = svar.content.decode()
        assert all(hf.navn in html for hf in Helsefellesskap.objects.all())
        assert "Ferdig" in html or "ferdig" in html.lower()
    assert client.get("/ta-i-bruk/oversikt/").status_code == status
