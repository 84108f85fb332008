"""Høyring: who opens and answers one, what an invited reader sees and may post (the diff, the
guard, the length and rate limits), the public summary after the deadline, and the link from
the publication, /endringer/, its feed and the editors' start page."""

from datetime import timedelta

import pytest
from django.contrib import admin
from django.contrib.auth import get_user_model
from django.contrib.auth.models import AnonymousUser
from django.urls import reverse
from django.utils import timezone

from redaksjon import hoyring as hoyring_visning
from redaksjon import services
from redaksjon.models import Hoyring, HoyringKommentar, HoyringTekst, Svar
from redaksjon.tilgang import Tilgang
from tests.bygg import slot
from tests.test_tilbakemelding import gyldig_fnr
from tjenester.models import Helsefellesskap, Kommune

pytestmark = pytest.mark.django_db
User = get_user_model()


def _publisert(tekst):
    if tekst.publisert is None:
        services.publiser(
            services.lagre_utkast(tekst, "Start.", None, tekst.siste_versjon()), None, "Oppsett."
        )
        tekst.refresh_from_db()
    return tekst


@pytest.fixture
def fonna():
    return Helsefellesskap.objects.get(slug="helse-fonna")


@pytest.fixture
def hoyring(fonna):
    tekst = _publisert(slot(helsefellesskap=fonna))
    ny = tekst.publisert.markdown + "\n\nEin ny setning om samarbeid med PPT."
    utkast = services.lagre_utkast(tekst, ny, None, tekst.siste_versjon())
    h = Hoyring.objects.create(
        helsefellesskap=fonna,
        tittel="Revidert angstforløp",
        invitasjon="Kva meiner de om endringane?",
        inviterte="PPT og BUP i Fonna",
        frist=timezone.localdate() + timedelta(days=14),
        laget_av=User.objects.get(username="redaktor-fonna"),
    )
    del_ = HoyringTekst.objects.create(hoyring=h, versjon=utkast)
    return h, del_


def _post(client, h, **data):
    return client.post(
        reverse("redaksjon:hoyring-kommenter", args=[h.pk]), {"invitasjon": h.nokkel, "tekst": "Bra.", **data}
    )


def test_the_page_shows_each_draft_as_a_word_diff_against_the_published_text(client, hoyring):
    h, del_ = hoyring
    assert del_.grunnlag == del_.versjon.tekst.publisert
    html = client.get(h.get_absolute_url()).content.decode()
    assert "<ins" in html and "Ein ny setning om samarbeid med PPT." in html
    assert 'name="tekst"' not in html  # no form without the invitation's link
    html = client.get(h.delingslenke()).content.decode()
    assert html.count('name="tekst"') == 2  # one for the seksjon, one for the whole


def test_an_invited_reader_comments_without_an_account(client, hoyring):
    h, del_ = hoyring
    svar = _post(client, h, del_av=del_.pk, navn="Kari", arbeidsstad="PPT Stord", vis_navn="on")
    assert svar.status_code == 302 and "takk=1" in svar["Location"]
    k = HoyringKommentar.objects.get(hoyring=h)
    assert (k.del_av, k.tekst, k.navn, k.vis_navn) == (del_, "Bra.", "Kari", True)
    assert _post(client, h).status_code == 302
    assert HoyringKommentar.objects.filter(hoyring=h, del_av__isnull=True).count() == 1


@pytest.mark.parametrize(
    ("data", "status"),
    [
        ({"invitasjon": "feil"}, 403),
        ({"tekst": f"Barnet har fnr {gyldig_fnr()}"}, 400),
        ({"navn": gyldig_fnr()}, 400),
        ({"arbeidsstad": gyldig_fnr()}, 400),
        ({"tekst": "x" * (hoyring_visning.MAKS_LENGD + 1)}, 400),
        ({"tekst": "   "}, 400),
        ({"del_av": "999999"}, 400),
        ({"del_av": "ikkje-tal"}, 400),
    ],
)
def test_refused_comments_are_not_kept(client, hoyring, data, status):
    h, _del = hoyring
    svar = _post(client, h, **data)
    assert svar.status_code == status
    assert not HoyringKommentar.objects.filter(hoyring=h).exists()


def test_a_comment_on_another_hoyrings_seksjon_is_refused(client, hoyring, fonna):
    h, _del = hoyring
    anna = Hoyring.objects.create(
        helsefellesskap=fonna,
        tittel="Anna",
        invitasjon=".",
        inviterte=".",
        frist=h.frist,
        laget_av=h.laget_av,
    )
    assert _post(client, anna, del_av=_del.pk).status_code == 400


def test_comments_are_rate_limited(client, hoyring):
    h, _del = hoyring
    for _ in range(hoyring_visning.GRENSER[0]):
        assert _post(client, h).status_code == 302
    assert _post(client, h).status_code == 429
    assert HoyringKommentar.objects.filter(hoyring=h).count() == hoyring_visning.GRENSER[0]


def test_after_the_deadline_no_comment_and_a_public_summary(client, hoyring):
    h, del_ = hoyring
    HoyringKommentar.objects.create(hoyring=h, del_av=del_, tekst="Open.", navn="Kari Synleg", vis_navn=True)
    HoyringKommentar.objects.create(
        hoyring=h,
        del_av=del_,
        tekst="Anonym.",
        navn="Per Skjult",
        arbeidsstad="BUP Hemmeleg",
        svar=Svar.IKKJE,
        begrunnelse="Fell utanfor forløpet.",
    )
    html = client.get(h.get_absolute_url()).content.decode()
    assert "Open." not in html  # comments are not public while the høyring runs
    h.frist = timezone.localdate() - timedelta(days=1)
    h.save()
    assert _post(client, h).status_code == 410
    html = client.get(h.delingslenke()).content.decode()
    assert "Open." in html and "Kari Synleg" in html
    assert "Anonym." in html and "Per Skjult" not in html and "BUP Hemmeleg" not in html
    assert "Fell utanfor forløpet." in html
    assert 'name="tekst"' not in html


def test_publishing_the_draft_links_the_publication_to_the_hoyring(client, hoyring):
    h, del_ = hoyring
    services.publiser(del_.versjon, User.objects.get(username="redaktor-fonna"), "Etter høyring.")
    del_.refresh_from_db()
    assert del_.publisering == del_.versjon
    html = client.get("/endringer/").content.decode()
    assert h.get_absolute_url() in html


def test_the_approval_page_offers_the_hoyring_and_the_note_cites_it(client, hoyring):
    h, del_ = hoyring
    tekst = del_.versjon.tekst
    services.send_til_godkjenning(del_.versjon, "La til PPT.")
    sitat = f"Etter høyring: Revidert angstforløp, frist {h.frist:%d.%m.%Y}"  # the text's nynorsk
    client.force_login(User.objects.get(username="redaktor-fonna"))
    url = reverse("admin:forlop_tekst_change", args=[tekst.pk])
    html = client.get(url).content.decode()
    assert f'href="{h.get_absolute_url()}"' in html
    assert f">La til PPT.\n{sitat}</textarea>" in html
    svar = client.post(
        url,
        {
            "handling": "godkjenn",
            "versjon": del_.versjon.pk,
            "markdown": del_.versjon.markdown,
            "forrige": del_.versjon.pk,
            "endringsnotat": f"La til PPT.\n{sitat}",
        },
    )
    assert svar.status_code == 302
    del_.refresh_from_db()
    assert del_.publisering == del_.versjon and del_.versjon.endringsnotat.endswith(sitat)
    # Published: no høyring waits for this text any more, so nothing is offered.
    assert f'href="{h.get_absolute_url()}"' not in client.get(url).content.decode()
    client.logout()
    endringer = client.get("/endringer/").content.decode()
    assert sitat in endringer and f'<a href="{h.get_absolute_url()}">' in endringer
    feed = client.get("/endringer/feed/").content.decode()
    lenke = f"http://testserver{h.get_absolute_url()}"
    assert f'<link href="{lenke}" rel="related" title="Etter høyringa «Revidert angstforløp»"/>' in feed
    assert f"{sitat}\nEtter høyringa «Revidert angstforløp»: {lenke}</summary>" in feed


def test_the_editor_finds_the_citation_in_the_note_when_publishing_directly(client, hoyring):
    h, del_ = hoyring
    client.force_login(User.objects.get(username="redaktor-fonna"))
    html = client.get(reverse("admin:forlop_tekst_change", args=[del_.versjon.tekst_id])).content.decode()
    assert f">Etter høyring: Revidert angstforløp, frist {h.frist:%d.%m.%Y}</textarea>" in html


def test_a_text_on_no_hoyring_gets_no_citation(client, hoyring):
    h, del_ = hoyring
    annan = _publisert(slot(tjeneste="ppt", helsefellesskap=h.helsefellesskap))
    client.force_login(User.objects.get(username="redaktor-fonna"))
    html = client.get(reverse("admin:forlop_tekst_change", args=[annan.pk])).content.decode()
    assert "Etter høyring" not in html and h.get_absolute_url() not in html


def test_open_hoyringar_on_endringer_and_its_feed(client, hoyring):
    h, _del = hoyring
    assert h.get_absolute_url() in client.get("/endringer/").content.decode()
    assert h.get_absolute_url() in client.get("/endringer/?helsefellesskap=helse-fonna").content.decode()
    assert (
        h.get_absolute_url()
        not in client.get("/endringer/?helsefellesskap=helse-more-og-romsdal").content.decode()
    )
    feed = client.get("/endringer/feed/").content.decode()
    assert f"bupkart:hoyring:{h.pk}" in feed and "Revidert angstforløp" in feed
    h.frist = timezone.localdate() - timedelta(days=1)
    h.save()
    assert f"bupkart:hoyring:{h.pk}" not in client.get("/endringer/feed/").content.decode()


def test_the_list_page_shows_open_and_closed(client, hoyring):
    h, _del = hoyring
    html = client.get("/hoyring/").content.decode()
    assert "Revidert angstforløp" in html
    assert client.get("/hoyring/999999/").status_code == 404


@pytest.mark.parametrize(
    ("rolle", "ser"), [("redaktor-fonna", True), ("redaktor-mr", False), ("forvalter", False)]
)
def test_the_editors_start_page_lists_open_hoyringar_in_scope(client, hoyring, rolle, ser):
    h, _del = hoyring
    client.force_login(User.objects.get(username=rolle))
    assert ("Revidert angstforløp" in client.get("/admin/").content.decode()) == ser


# --- the admin: role × scope --------------------------------------------------------------


@pytest.fixture
def spor(rf, hoyring):
    h, _del = hoyring

    def ask(rolle, hva):
        request = rf.get("/admin/")
        request.user = AnonymousUser() if rolle == "anonym" else User.objects.get(username=rolle)
        modell_admin = admin.site._registry[Hoyring]
        if hva in ("module", "add"):
            return getattr(modell_admin, f"has_{hva}_permission")(request)
        return getattr(modell_admin, f"has_{hva}_permission")(request, h)

    return ask


# A Fonna høyring: its redaktør opens and answers; others do not see it.
HOYRING = {
    "module": {"admin", "forvalter", "redaktor-fonna", "redaktor-mr", "kontakt-molde", "kontakt-haugesund"},
    "add": {"admin", "forvalter", "redaktor-fonna", "redaktor-mr"},
    "view": {"admin", "redaktor-fonna"},
    "change": {"admin", "redaktor-fonna"},
    "delete": set(),
}


def test_each_role_may_what_the_hoyring_table_says(spor):
    roller = [
        "admin",
        "forvalter",
        "redaktor-fonna",
        "redaktor-mr",
        "kontakt-molde",
        "kontakt-haugesund",
        "anonym",
    ]
    feil = [(r, hva) for hva, kan in HOYRING.items() for r in roller if spor(r, hva) != (r in kan)]
    assert feil == []


def test_a_redaktor_cannot_put_another_scopes_draft_on_hoyring(client, hoyring, fonna):
    h, _del = hoyring
    mr_tekst = slot(helsefellesskap=Helsefellesskap.objects.get(slug="helse-more-og-romsdal"))
    felles = slot(tjeneste="ppt")
    haugesund = slot(tjeneste="fastlege", kommune=Kommune.objects.get(nummer="1106"))
    tilgang = Tilgang.for_bruker(User.objects.get(username="redaktor-fonna"))
    assert tilgang.kan_legge_pa_hoyring(h, haugesund)
    assert not tilgang.kan_legge_pa_hoyring(h, mr_tekst)
    assert not tilgang.kan_legge_pa_hoyring(h, felles)


def test_editors_answer_each_comment_with_a_reason_in_the_admin(client, hoyring):
    h, del_ = hoyring
    k = HoyringKommentar.objects.create(hoyring=h, del_av=del_, tekst="Meir om PPT.")
    client.force_login(User.objects.get(username="redaktor-fonna"))
    url = reverse("admin:redaksjon_hoyring_change", args=[h.pk])
    side = client.get(url)
    assert side.status_code == 200 and "Meir om PPT." in side.content.decode()
    data = {
        "tittel": h.tittel,
        "invitasjon": h.invitasjon,
        "inviterte": h.inviterte,
        "frist": h.frist.isoformat(),
        "tekster-TOTAL_FORMS": "1",
        "tekster-INITIAL_FORMS": "1",
        "tekster-0-id": del_.pk,
        "tekster-0-hoyring": h.pk,
        "tekster-0-versjon": del_.versjon_id,
        "kommentarar-TOTAL_FORMS": "1",
        "kommentarar-INITIAL_FORMS": "1",
        "kommentarar-0-id": k.pk,
        "kommentarar-0-hoyring": h.pk,
        "kommentarar-0-svar": Svar.DELVIS,
        "kommentarar-0-begrunnelse": "",
    }
    assert client.post(url, data).status_code == 200  # a reason is needed
    data["kommentarar-0-begrunnelse"] = "Vi har lagt til ein setning."
    svar = client.post(url, data)
    assert svar.status_code == 302, svar.content.decode()[:3000]
    k.refresh_from_db()
    assert (k.svar, k.begrunnelse, k.svart_av.username) == (
        Svar.DELVIS,
        "Vi har lagt til ein setning.",
        "redaktor-fonna",
    )
    client.force_login(User.objects.get(username="redaktor-mr"))
    assert client.get(url).status_code in (302, 403)
