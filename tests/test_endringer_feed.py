"""The Atom feed of /endringer/: an editor's note is plain text, never markup a feed reader
renders; each entry says its own målform, and a helsefellesskap's feed speaks its målform."""

import xml.etree.ElementTree as ET

import pytest

from redaksjon import services
from tests.bygg import slot
from tjenester.models import Helsefellesskap

pytestmark = pytest.mark.django_db
ATOM = "{http://www.w3.org/2005/Atom}"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
FIENDTLEG = '<img src=x onerror="alert(1)"> & <b>feit</b>'


def publiser(tekst, notat):
    return services.publiser(
        services.lagre_utkast(tekst, "Ny tekst.", None, tekst.siste_versjon()), None, notat
    )


def oppforinger(client, adresse="/endringer/feed/"):
    svar = client.get(adresse)
    assert svar.status_code == 200
    return svar.content.decode(), ET.fromstring(svar.content)


def test_notes_are_plain_text_in_the_feed(client):
    fonna = slot(helsefellesskap=Helsefellesskap.objects.get(slug="helse-fonna"))
    publiser(fonna, f"Publisert {FIENDTLEG}")
    services.trekk_tilbake(fonna, None, f"Trekt {FIENDTLEG}")
    tekst, rot = oppforinger(client, "/endringer/feed/?helsefellesskap=helse-fonna")
    sammendrag = {e.find(f"{ATOM}summary").text: e.find(f"{ATOM}summary") for e in rot.iter(f"{ATOM}entry")}
    for notat in (f"Publisert {FIENDTLEG}", f"Trekt {FIENDTLEG}"):
        assert sammendrag[notat].get("type") == "text"  # the note exactly as typed, as text
    assert 'type="html"' not in tekst and "<img" not in tekst


def test_each_entry_speaks_its_own_malform(client):
    fonna = Helsefellesskap.objects.get(slug="helse-fonna")
    assert fonna.malform == "nn"
    publiser(slot(helsefellesskap=fonna, malform="nn"), "Nynorsk.")
    publiser(slot(malform="nb"), "Bokmål.")
    _, rot = oppforinger(client)
    etter_notat = {e.find(f"{ATOM}summary").text: e for e in rot.iter(f"{ATOM}entry")}
    nynorsk, bokmal = etter_notat["Nynorsk."], etter_notat["Bokmål."]
    assert nynorsk.get(XML_LANG) == "nn" and "Tilvising" in nynorsk.find(f"{ATOM}title").text
    assert bokmal.get(XML_LANG) == "nb" and "Henvisning" in bokmal.find(f"{ATOM}title").text

    # Helse Fonna's feed, read with no målform chosen, is nynorsk like Helse Fonna.
    _, rot = oppforinger(client, "/endringer/feed/?helsefellesskap=helse-fonna")
    assert rot.get(XML_LANG) == "nn"
    assert rot.find(f"{ATOM}title").text == "Barn og unges helseteneste – endringar"
