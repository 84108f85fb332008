"""«Lenke til denne versjonen»: a permanent page per published version, never a draft's."""

import re

import pytest
from django.test import Client

from forlop.models import Tekstdel
from redaksjon.services import lagre_utkast

from . import bygg

pytestmark = pytest.mark.django_db


def lenke_for(side, tekst):
    """The version link of the seksjon with this text's anchor on the forløp page."""
    del_ = side.split(f'id="{tekst.anker}"', 1)[1]
    return re.search(r'href="(/forlop/[^"]+/versjon/\d+/)"', del_).group(1)


def test_lenken_varer_etter_ny_publisering():
    klient = Client()
    slot = bygg.slot(malform="nb")
    bygg.tekst(slot.forlop, slot.tjeneste, slot.tekstdel, "Første ord som kan siteres.", malform="nb")
    slot.refresh_from_db()
    side = klient.get("/forlop/angst/?malform=nb").content.decode()
    lenke = lenke_for(side, slot)
    assert lenke == f"/forlop/angst/versjon/{slot.publisert_id}/"
    forste = klient.get(lenke)
    assert forste.status_code == 200 and "Første ord som kan siteres." in forste.content.decode()
    assert "nyere versjon" not in forste.content.decode()

    bygg.tekst(slot.forlop, slot.tjeneste, slot.tekstdel, "Andre ord.", malform="nb")
    senere = klient.get(lenke).content.decode()
    assert "Første ord som kan siteres." in senere and "Andre ord." not in senere
    assert "nyere versjon er publisert" in senere


def test_utkast_har_ingen_side():
    slot = bygg.slot(tekstdel=Tekstdel.TILTAK, malform="nb")
    utkast = lagre_utkast(slot, "Utkast.", av=None, forrige=slot.siste_versjon())
    assert Client().get(f"/forlop/angst/versjon/{utkast.pk}/").status_code == 404


def test_annet_forlop_i_adressen_gir_404():
    slot = bygg.slot(malform="nb")
    slot = bygg.tekst(slot.forlop, slot.tjeneste, slot.tekstdel, "Publisert.", malform="nb")
    assert Client().get(f"/forlop/angst/versjon/{slot.publisert_id}/").status_code == 200
    assert Client().get(f"/forlop/autisme/versjon/{slot.publisert_id}/").status_code == 404
