"""The demo content of samhandling (fixtures/samhandling.yaml): a network in Møre og Romsdal
with one entry for editors only, an open høyring with two comments and a closed one answered
and published, and progress for two helsefellesskap — all of it obviously invented, and a
second load_demo writes none of it again."""

import io

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command

from bupkart.models import Omfangsversjon
from forlop.models import Tekstversjon
from innforing.models import Framdrift, Status
from redaksjon.models import Hoyring, HoyringKommentar
from tjenester.models import Kontaktperson

pytestmark = pytest.mark.django_db
User = get_user_model()


def test_the_demo_network_is_invented_and_has_an_entry_for_editors():
    personar = list(Kontaktperson.objects.filter(helsefellesskap__slug="helse-more-og-romsdal"))
    assert len(personar) >= 5
    assert {p.kommune.nummer for p in personar if p.kommune_id} >= {"1506", "1508"}
    assert any(p.eining == "BUP Molde" for p in personar)
    assert [p.navn for p in personar if not p.offentleg] == ["Siri Påfunnen"]
    for p in personar:
        assert p.telefon.startswith("00 00 ") and p.epost.endswith(".example"), p
        assert "(døme)" in p.arbeidsstad
        p.full_clean()  # the fødselsnummer guard and every other rule of the model


def test_the_demo_network_shows_on_moldes_map(client):
    html = client.get("/kommune/1506/?kommune=1506").content.decode()
    assert "Hanne Oppdikta" in html and "Tone Fiktiv" in html  # the kommune's and its BUP's
    assert "Siri Påfunnen" not in html
    client.force_login(User.objects.get(username="redaktor-mr"))
    html = client.get("/kommune/1506/?kommune=1506").content.decode()
    assert "Siri Påfunnen" in html and "Berre synleg for redaktørar" in html


def test_the_open_demo_hoyring_has_a_named_and_an_anonymous_comment(client):
    h = Hoyring.objects.get(tittel="Dialogbasert inntak ved uro og merksemd")
    assert h.er_open and h.tekster.get().publisering is None
    kommentarar = list(h.kommentarar.all())
    assert len(kommentarar) == 2
    assert [(bool(k.navn), k.vis_navn) for k in kommentarar] == [(True, True), (False, False)]
    html = client.get(h.get_absolute_url()).content.decode()
    assert "send ei kort skriftleg oppsummering" in html.lower()  # the draft's new paragraph, as a diff
    assert h.get_absolute_url() in client.get("/endringer/").content.decode()


def test_the_closed_demo_hoyring_is_answered_summarised_and_cited(client):
    h = Hoyring.objects.get(tittel="Tidlegare drøfting ved tristheit og depresjon")
    assert not h.er_open
    assert not h.kommentarar.filter(svar="").exists()
    del_ = h.tekster.get()
    assert del_.publisering == del_.versjon == del_.versjon.tekst.publisert
    assert del_.publisering.endringsnotat == h.sitat("nn")
    oppsummering = client.get(h.get_absolute_url()).content.decode()
    assert "Jon Jamvel" in oppsummering and "Per Privat" not in oppsummering
    assert "Teksten seier det alt" in oppsummering
    endringer = client.get("/endringer/").content.decode()
    assert h.sitat("nn") in endringer and f'<a href="{h.get_absolute_url()}">' in endringer


def test_two_helsefellesskap_have_demo_progress(client):
    for slug in ("helse-more-og-romsdal", "helse-fonna"):
        rader = Framdrift.objects.filter(helsefellesskap__slug=slug)
        assert {r.status for r in rader} == {Status.I_GANG, Status.FERDIG}
        assert all(r.dato for r in rader)
    html = client.get("/ta-i-bruk/?helsefellesskap=helse-more-og-romsdal").content.decode()
    assert "Kontaktpersonar i alle kommunane" in html


def test_a_second_load_demo_writes_nothing_of_it():
    def tilstand():
        return (
            list(Kontaktperson.objects.order_by("pk").values()),
            Hoyring.objects.count(),
            HoyringKommentar.objects.count(),
            sorted(Framdrift.objects.values_list("pk", "endret")),
            Tekstversjon.objects.count(),
            dict(Omfangsversjon.objects.values_list("nokkel", "token")),
        )

    for_ = tilstand()
    call_command("load_demo", stdout=io.StringIO())
    assert tilstand() == for_
