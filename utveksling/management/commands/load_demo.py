"""Loads (or refreshes) the demo content from fixtures/. Idempotent: rows are matched on their
natural keys, and a text gets a new published version only when the fixture changed and no
editor has touched that text since the last load."""

import yaml
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from bupkart.malform import MALFORMER
from bupkart.signaler import samle_endringer
from forlop.models import Forlop, ForlopTjeneste, Tekst, Tekstdel
from redaksjon.models import Medlemskap, Rolle
from redaksjon.services import lagre_utkast, publiser
from sok.indeks import bygg as bygg_sokeindeks
from sok.synonymer import last_inn as last_synonymer
from tjenester.models import Helsefellesskap, Kommune, LokaltTilbud, Niva, Tjeneste
from utveksling import samhandling, tillegg
from utveksling.innhold import FAMILIENOKLER, forlopsfiler, les_yaml, sjekk_alt
from utveksling.register import last_register, oppdater, synk

NOTAT = "Demoinnhald lasta frå fixtures/."

# Demo editors, one per role, listed in README. Created only on a demo installation (DEBUG or
# BUPKART_DEMO=1), never by production settings; the passwords are public on purpose.
DEMO_BRUKERE = [
    ("forvalter", Rolle.FORVALTER, None, None),
    ("redaktor-fonna", Rolle.REDAKTOR, "helse-fonna", None),
    ("redaktor-mr", Rolle.REDAKTOR, "helse-more-og-romsdal", None),
    ("kontakt-molde", Rolle.KOMMUNEKONTAKT, None, "1506"),
    ("kontakt-haugesund", Rolle.KOMMUNEKONTAKT, None, "1106"),
]
DEMO_PASSORD = "demo-bupkart-2026"


def _to(verdi, felt):
    return {f"{felt}_{mf}": verdi[mf].strip() for mf in MALFORMER}


class Command(BaseCommand):
    help = "Laster demoinnholdet (helsefellesskap, kommuner, tjenester, forløp, tekster); kan kjøres igjen."

    def handle(self, *args, **options):
        rapport = sjekk_alt()
        if not rapport:
            raise CommandError("Demoinnholdet har feil:\n" + "\n".join(rapport.feil))
        self.nye = self.oppdaterte = 0
        with transaction.atomic(), samle_endringer() as endringer:
            try:
                last_register()
            except ValueError as feil:
                raise CommandError(f"Registeret har feil:\n{feil}") from feil
            self.nivaer = self._nivaer()
            self.tjenester = self._tjenester()
            self.kommuner, self.helsefellesskap = self._helsefellesskap()
            for fil in forlopsfiler():
                self._forlop(yaml.safe_load(fil.read_text(encoding="utf-8")))
            self._varianter()
            self._lokale_tilbud()
            samhandling.last_kontaktpersonar(self.kommuner)
            last_synonymer(les_yaml("synonymer.yaml"))
            tillegg.kjor_demo(list(self.kommuner.values()))
            if settings.DEBUG or settings.BUPKART_DEMO_BANNER:
                self._brukere()
                samhandling.last_hoyringar()  # opened and answered by the demo redaktørar
            # Every write readers could see sends innhold_endret; a run that wrote nothing leaves
            # the index alone, as synk promises.
            if endringer:
                bygg_sokeindeks()
        self.stdout.write(f"Demoinnhold lastet: {self.nye} nye tekster, {self.oppdaterte} oppdatert.")

    def _nivaer(self):
        return {
            n["slug"]: synk(
                Niva,
                slug=n["slug"],
                defaults={
                    "rekkefolge": n["rekkefolge"],
                    **_to(n["navn"], "navn"),
                    **_to(n["beskrivelse"], "beskrivelse"),
                },
            )
            for n in les_yaml("nivaer.yaml")
        }

    def _tjenester(self):
        return {
            t["slug"]: synk(
                Tjeneste,
                slug=t["slug"],
                defaults={
                    "sektor": t["sektor"],
                    "lovgrunnlag": t["lovgrunnlag"],
                    **_to(t["navn"], "navn"),
                    **_to(t["beskrivelse"], "beskrivelse"),
                },
            )
            for t in les_yaml("tjenester.yaml")
        }

    def _helsefellesskap(self):
        """The demo details of the three demo helsefellesskap; the register has made them and
        decided their kommunar."""
        fellesskap = {}
        for hf in les_yaml("helsefellesskap.yaml"):
            felt = {
                k: hf.get(k, "")
                for k in (
                    "navn",
                    "malform",
                    "helseforetak",
                    "bup_akutt_telefon",
                    "bup_akutt_merknad",
                    "nettside",
                )
            }
            felt["tatt_i_bruk"] = hf.get("tatt_i_bruk")
            fellesskap[hf["slug"]] = synk(Helsefellesskap, slug=hf["slug"], defaults=felt)
        return {k.nummer: k for k in Kommune.objects.all()}, fellesskap

    def _forlop(self, data):
        forlop = synk(
            Forlop,
            slug=data["slug"],
            defaults={
                "rekkefolge": data["rekkefolge"],
                **_to(data["tittel"], "tittel"),
                **_to(data["ingress"], "ingress"),
            },
        )
        for rekkefolge, plass in enumerate(data["tjenester"]):
            tjeneste = self.tjenester[plass["tjeneste"]]
            synk(
                ForlopTjeneste,
                forlop=forlop,
                tjeneste=tjeneste,
                defaults={"niva": self.nivaer[plass["niva"]], "rekkefolge": rekkefolge},
            )
            for seksjon, tekst in plass["seksjonar"].items():
                self._felles(forlop, tjeneste, seksjon, tekst)
        self._felles(forlop, None, Tekstdel.BAKGRUNN, data["bakgrunn"])
        self._felles(forlop, None, Tekstdel.SJEKKLISTE, data["sjekkliste"])
        for tekstdel, kort in FAMILIENOKLER.items():
            self._felles(forlop, None, tekstdel, data["familie"][kort])

    def _felles(self, forlop, tjeneste, tekstdel, tekster):
        for mf in MALFORMER:
            self._tekst(
                forlop=forlop,
                tjeneste=tjeneste,
                tekstdel=tekstdel,
                malform=mf,
                helsefellesskap=None,
                kommune=None,
                markdown=tekster[mf],
            )

    def _tekst(self, markdown, eksempel=False, **plass):
        tekst = oppdater(Tekst.objects.get_or_create(**plass)[0], {"er_eksempel": eksempel})
        markdown = markdown.strip()
        publisert = tekst.publisert
        if publisert and publisert.markdown == markdown:
            return
        if tekst.versjoner.exclude(laget_av=None).exists():
            return  # an editor has worked on this text: their versions win over the fixture
        publiser(
            lagre_utkast(tekst, markdown, av=None, forrige=tekst.siste_versjon()),
            av=None,
            endringsnotat=NOTAT,
        )
        if publisert:
            self.oppdaterte += 1
        else:
            self.nye += 1

    def _varianter(self):
        for v in les_yaml("varianter.yaml"):
            forlop = Forlop.objects.get(slug=v["forlop"])
            self._tekst(
                forlop=forlop,
                tjeneste=self.tjenester[v["tjeneste"]] if v.get("tjeneste") else None,
                tekstdel=v["tekstdel"],
                helsefellesskap=self.helsefellesskap[v["helsefellesskap"]]
                if v.get("helsefellesskap")
                else None,
                kommune=self.kommuner[v["kommune"]] if v.get("kommune") else None,
                malform=v["malform"],
                markdown=v["markdown"],
                eksempel=bool(v.get("eksempel")),
            )

    def _lokale_tilbud(self):
        for nummer, data in les_yaml("lokale_tilbud.yaml").items():
            kontakt = data.get("kontakt") or {}
            kommune = synk(
                Kommune,
                {
                    "kontakt_rolle": kontakt.get("rolle", ""),
                    "kontakt_telefon": kontakt.get("telefon", ""),
                    "kontakt_epost": kontakt.get("epost", ""),
                    "kontakt_er_eksempel": bool(kontakt.get("eksempel")),
                },
                pk=self.kommuner[nummer].pk,
            )
            for t in data["tilbud"]:
                felt = {
                    k: t.get(k, "")
                    for k in ("tilbyr", "telefon", "epost", "adresse", "nettside", "apningstider")
                }
                synk(
                    LokaltTilbud,
                    kommune=kommune,
                    navn=t["navn"],
                    defaults={
                        **felt,
                        "forste_kontakt": bool(t.get("forste_kontakt")),
                        "er_eksempel": bool(t.get("eksempel")),
                        "tjeneste": self.tjenester[t["tjeneste"]],
                        "niva": self.nivaer[t["niva"]],
                    },
                )

    def _brukere(self):
        User = get_user_model()
        for brukernavn, rolle, hf, kommune in DEMO_BRUKERE:
            # .invalid never resolves: notifications in the demo go to the console, never out.
            bruker, ny = User.objects.get_or_create(
                username=brukernavn,
                defaults={"is_staff": True, "email": f"{brukernavn}@bupkart-demo.invalid"},
            )
            if ny:
                bruker.set_password(DEMO_PASSORD)
                bruker.save()
            Medlemskap.objects.get_or_create(
                bruker=bruker,
                rolle=rolle,
                helsefellesskap=self.helsefellesskap[hf] if hf else None,
                kommune=self.kommuner[kommune] if kommune else None,
            )
        if not User.objects.filter(username="admin").exists():
            User.objects.create_superuser("admin", password=DEMO_PASSORD)
