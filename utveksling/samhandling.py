"""The demo content of samhandling (fixtures/samhandling.yaml) whose models sit below
utveksling: contact persons and høyringar. load_demo calls both; a second run writes nothing.
The guide's progress sits above and is loaded by innforing (utveksling.tillegg)."""

from datetime import timedelta

from django.contrib.auth import get_user_model
from django.utils import timezone

from forlop.models import Forlop, KontaktpersonForlop, Tekst
from redaksjon.models import Hoyring, HoyringKommentar, HoyringTekst
from redaksjon.services import lagre_utkast, publiser
from tjenester.models import Helsefellesskap, Kontaktperson

from .innhold import les_yaml
from .register import synk

FIL = "samhandling.yaml"
# How long a demo høyring was open before its deadline.
OPEN_DAGAR = 21


def last_kontaktpersonar(kommuner):
    """The demo network, kept like the demo offers: the fixture wins over edits, but a row is
    saved only when a value differs (sist stadfesta is the editors')."""
    for p in les_yaml(FIL)["kontaktpersonar"]:
        forlop = p.get("forlop") or []
        person = synk(
            Kontaktperson,
            helsefellesskap=Helsefellesskap.objects.get(slug=p["helsefellesskap"]),
            kommune=kommuner[p["kommune"]] if p.get("kommune") else None,
            eining=p.get("eining", ""),
            navn=p["navn"],
            defaults={
                "rolle": p["rolle"],
                "arbeidsstad": p["arbeidsstad"],
                "telefon": p.get("telefon", ""),
                "epost": p.get("epost", ""),
                "offentleg": p["offentleg"],
                "alle_forlop": not forlop,
            },
        )
        for slug in forlop:
            KontaktpersonForlop.objects.get_or_create(
                kontaktperson=person, forlop=Forlop.objects.get(slug=slug)
            )


def last_hoyringar():
    """Each demo høyring once, by its demo redaktør (so only where the demo editors exist); from
    then on it is the editors', as a real one would be."""
    for h in les_yaml(FIL)["hoyringar"]:
        hf = Helsefellesskap.objects.get(slug=h["helsefellesskap"])
        if not Hoyring.objects.filter(helsefellesskap=hf, tittel=h["tittel"]).exists():
            _hoyring(h, hf, get_user_model().objects.get(username=h["redaktor"]))


def _hoyring(h, hf, redaktor):
    plass = h["tekst"]
    tekst = Tekst.objects.get(
        forlop__slug=plass["forlop"],
        tjeneste__slug=plass["tjeneste"],
        tekstdel=plass["tekstdel"],
        helsefellesskap=hf,
        kommune=None,
        malform=hf.malform,
    )
    markdown = f"{tekst.publisert.markdown.rstrip()}\n\n{h['tillegg'].strip()}"
    # By the redaktør, not the loader: load_demo then leaves the text to the editors.
    utkast = lagre_utkast(tekst, markdown, av=redaktor, forrige=tekst.siste_versjon())
    frist = timezone.localdate() + timedelta(days=h["frist_dagar"])
    hoyring = Hoyring.objects.create(
        helsefellesskap=hf,
        tittel=h["tittel"],
        invitasjon=h["invitasjon"].strip(),
        inviterte=h["inviterte"],
        frist=frist,
        laget_av=redaktor,
    )
    opna = timezone.now() + timedelta(days=h["frist_dagar"] - OPEN_DAGAR)
    Hoyring.objects.filter(pk=hoyring.pk).update(laget=opna)
    del_ = HoyringTekst.objects.create(hoyring=hoyring, versjon=utkast)
    for k in h["kommentarar"]:
        svar = k.get("svar", "")
        HoyringKommentar.objects.create(
            hoyring=hoyring,
            del_av=del_ if k["til_teksten"] else None,
            tekst=k["tekst"].strip(),
            navn=k.get("navn", ""),
            arbeidsstad=k.get("arbeidsstad", ""),
            vis_navn=k.get("vis_navn", False),
            svar=svar,
            begrunnelse=k.get("begrunnelse", ""),
            svart_av=redaktor if svar else None,
            svart=timezone.now() if svar else None,
        )
    if h.get("publisert"):
        publiser(utkast, redaktor, hoyring.sitat(tekst.malform))
