"""Issue 12, point 9: every link on /endringer/ and in its feed opens the page as the change
shows it — a kommune's variant in that kommune's context, a family part on the family page,
the checklist on its own page — and the anchor it names exists there."""

import re
import xml.etree.ElementTree as ET
from html import unescape
from urllib.parse import urlsplit

import pytest
from django.test import Client

from forlop.models import Tekstdel
from redaksjon.services import lagre_utkast, publiser
from tjenester.models import Kommune

from . import bygg

pytestmark = pytest.mark.django_db


def _publiser(tekst, notat):
    publiser(lagre_utkast(tekst, f"{notat} Tekst.", None, tekst.siste_versjon()), None, notat)


@pytest.fixture
def endringer():
    molde = Kommune.objects.get(nummer="1506")
    deler = {
        "Seksjon.": bygg.slot(tekstdel=Tekstdel.TILTAK, malform="nb"),
        "Kommunevariant.": bygg.slot(kommune=molde),
        "Familie.": bygg.slot(tjeneste=None, tekstdel=Tekstdel.FAMILIE_VIDERE, malform="nb"),
        "Sjekkliste.": bygg.slot(tjeneste=None, tekstdel=Tekstdel.SJEKKLISTE, malform="nb"),
        "Bakgrunn.": bygg.slot(tjeneste=None, tekstdel=Tekstdel.BAKGRUNN, malform="nb"),
    }
    for notat, tekst in deler.items():
        _publiser(tekst, notat)
    return deler


def _sjekk_lenke(lenke):
    """The link opens (200) on a fresh reader, and the anchor it names is on the page."""
    deler = urlsplit(lenke)
    side = Client().get(f"{deler.path}?{deler.query}" if deler.query else deler.path)
    assert side.status_code == 200, lenke
    if deler.fragment:
        assert f'id="{deler.fragment}"' in side.content.decode(), f"no #{deler.fragment} on {lenke}"
    return side


def test_every_link_on_endringer_opens_the_page_that_shows_the_change(client, endringer):
    html = client.get("/endringer/").content.decode()
    tabell = html.split('class="ds-table endringer korttabell"', 1)[1].split("</table>", 1)[0]
    rader = {
        notat: unescape(re.search(r'<a href="([^"]+)"', rad).group(1))
        for rad in tabell.split("<tr>")
        for notat in endringer
        if notat in rad
    }
    assert rader == {
        "Seksjon.": "/forlop/angst/#bup-tiltak",
        "Kommunevariant.": "/forlop/angst/?kommune=1506#bup-henvisning",
        "Familie.": "/familie/angst/#familie-videre",
        "Sjekkliste.": "/forlop/angst/henvisning/",
        "Bakgrunn.": "/forlop/angst/#bakgrunn",
    }
    for lenke in re.findall(r'<a href="(/[^"]+)"', tabell):
        _sjekk_lenke(unescape(lenke))
    # The variant's page shows the variant, not the felles text a reader without a kommune sees.
    assert "Kommunevariant. Tekst." in _sjekk_lenke(rader["Kommunevariant."]).content.decode()


def test_feed_links_like_the_page(client, endringer):
    rot = ET.fromstring(client.get("/endringer/feed/").content)
    ns = {"a": "http://www.w3.org/2005/Atom"}
    lenker = {
        e.findtext("a:summary", namespaces=ns): e.find("a:link", ns).get("href")
        for e in rot.findall("a:entry", ns)
    }
    assert lenker["Familie."].endswith("/familie/angst/#familie-videre")
    assert lenker["Kommunevariant."].endswith("/forlop/angst/?kommune=1506#bup-henvisning")
    for notat in endringer:
        _sjekk_lenke(lenker[notat])
