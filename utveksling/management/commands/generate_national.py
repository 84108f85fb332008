"""A national-scale dataset for benchmarks and scale tests, on the real register.

Every kommune and helsefellesskap is the national register's (fixtures/register/, loaded with
the demo content if the database is empty); the scale says how many of them get generated
content: the seven forløp with about twelve services each, every seksjon in both målformer,
local variants for 30 % of a chosen helsefellesskap's seksjonar and 5 % of a chosen kommune's
(up to the scale's number, from the chosen helsefellesskap), six local offers for each chosen
kommune, and ten versions of history per text. A chosen
helsefellesskap that has not taken the model into use is marked as in use (from a generated
date), so its kommunar read full maps as they would in production. Generated variants and
offers are marked «Eksempel», and offers get no phone number: nobody should take a made-up
number for a real kommune's. The demo content is kept as it is. Deterministic for a given
--seed (the same texts and history; only timestamps follow the clock), and idempotent: a second
run adds nothing.

Fast on purpose: rows are written with bulk_create, and since bulk_create skips
Tekstversjon.save(), the sanitised html is rendered here, once per distinct markdown string;
since it skips the signals too, the search index is rebuilt once at the end.
"""

import hashlib
import io
import random
import time
from datetime import date, timedelta

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.db.models import OuterRef, Subquery
from django.utils import timezone

from bupkart import signaler
from bupkart.malform import MALFORMER
from bupkart.markdown import render
from forlop.models import (
    FAMILIEDELER,
    SEKSJONER,
    Forlop,
    ForlopTjeneste,
    Revisjon,
    Status,
    Tekst,
    Tekstdel,
    Tekstplass,
    Tekstversjon,
)
from sok.models import Dokument
from tjenester.models import Helsefellesskap, Kommune, LokaltTilbud, Niva, Sektor, Tjeneste
from utveksling import tillegg
from utveksling.register import ANTALL_KOMMUNAR

SKALA = {
    # name: (helsefellesskap and kommunar of the register given content, versions per text)
    "full": (19, 357, 10),
    "small": (6, 100, 3),
    "tiny": (3, 12, 2),
}
TJENESTER_PER_FORLOP = 12
DEL_HF = 0.30
DEL_KOMMUNE = 0.05
BATCH = 2000
NOTAT = "Generert nasjonalt testinnhald."

SETNINGER = {
    "nb": [
        "Tjenesten kartlegger barnets situasjon sammen med foreldrene og barnet selv.",
        "Ta kontakt med helsesykepleier eller fastlege når bekymringen varer mer enn noen uker.",
        "Avtal tidlig hvem som koordinerer, og skriv det ned i planen.",
        "Barnet skal bli hørt, og meningene skal vektlegges etter alder og modenhet.",
        "Ved henvisning til BUP legger du ved resultatet av kartleggingen og tiltakene som er prøvd.",
        "Samarbeid med barnehage og skole krever samtykke fra foreldrene.",
        "Evaluer tiltakene etter seks til åtte uker, og juster dem ved behov.",
        "Gi familien skriftlig informasjon om hva som skjer videre.",
        "Bruk tolk når familien trenger det; barn skal ikke tolke for foreldrene.",
        "Ved akutt fare ringer du 113, ellers legevakten på 116 117.",
        "Dokumenter bekymringen og hva du har gjort, i tråd med journalplikten.",
        "Vurder om saken skal drøftes anonymt i et tverrfaglig team først.",
    ],
    "nn": [
        "Tenesta kartlegg situasjonen til barnet saman med foreldra og barnet sjølv.",
        "Ta kontakt med helsesjukepleiar eller fastlege når uroa varer meir enn nokre veker.",
        "Avtal tidleg kven som koordinerer, og skriv det ned i planen.",
        "Barnet skal bli høyrt, og meiningane skal vektleggjast etter alder og modnad.",
        "Ved tilvising til BUP legg du ved resultatet av kartlegginga og tiltaka som er prøvde.",
        "Samarbeid med barnehage og skule krev samtykke frå foreldra.",
        "Evaluer tiltaka etter seks til åtte veker, og juster dei ved behov.",
        "Gi familien skriftleg informasjon om kva som skjer vidare.",
        "Bruk tolk når familien treng det; barn skal ikkje tolke for foreldra.",
        "Ved akutt fare ringjer du 113, elles legevakta på 116 117.",
        "Dokumenter uroa og kva du har gjort, i tråd med journalplikta.",
        "Vurder om saka skal drøftast anonymt i eit tverrfagleg team først.",
    ],
}
LOKAL_INNLEIING = {"nb": "**Lokalt hos oss:** ", "nn": "**Lokalt hos oss:** "}


def _pool(rng, malform, storrelse, lokal=False):
    """Distinct markdown bodies of a realistic length (a paragraph, a list, a paragraph)."""
    setninger = SETNINGER[malform]
    ut = []
    for _ in range(storrelse):
        s = rng.sample(setninger, 7)
        tekst = (
            f"{LOKAL_INNLEIING[malform] if lokal else ''}{s[0]} {s[1]}\n\n"
            f"- {s[2]}\n- {s[3]}\n- {s[4]}\n\n{s[5]} {s[6]}"
        )
        ut.append(tekst)
    return ut


class Command(BaseCommand):
    help = "Lager et deterministisk datasett i nasjonal skala ved siden av demoinnholdet (i bulk, raskt)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--scale",
            default="full",
            help="Hvor mange av registerets helsefellesskap og kommuner som får innhold: "
            "full (19, 357, 10 versjoner), small (6, 100, 3), tiny (3, 12, 2).",
        )
        parser.add_argument("--seed", type=int, default=2026, help="samme frø gir samme datasett")

    def handle(self, *args, scale, seed, **options):
        if scale not in SKALA:
            raise CommandError(f"--scale må være en av {', '.join(SKALA)}")
        self.hf_mal, self.kommune_mal, self.versjoner = SKALA[scale]
        self.seed = seed
        self.rng = random.Random(seed)
        self.html = {}
        start = time.perf_counter()
        if not Forlop.objects.exists():
            call_command("load_demo", stdout=io.StringIO())
        if Kommune.objects.count() < ANTALL_KOMMUNAR:
            raise CommandError("Registeret over kommuner mangler: kjør last_register eller load_demo først.")
        with transaction.atomic():
            self.tall = {}
            self._helsefellesskap()
            self._kommuner()
            self._plasseringer()
            self._tekster()
            self._revisjoner()
            self._lokale_tilbud()
            tillegg.kjor_nasjonalt(self.kommuner, self.seed)
            # bulk_create sends no model signals: neither the page cache nor the search index
            # hear of the new rows unless told here, once, in the same transaction.
            signaler.send_bulk()
            self.tall["søkedokumenter"] = Dokument.objects.count()
        tid = time.perf_counter() - start
        self.stdout.write(
            f"generate_national --scale {scale}: "
            + ", ".join(f"{k} {v}" for k, v in self.tall.items())
            + f"; markdown gjengitt {len(self.html)} ganger"
        )
        self.stdout.write(
            f"Totalt: {Helsefellesskap.objects.count()} helsefellesskap, {Kommune.objects.count()} kommuner, "
            f"{Forlop.objects.count()} forløp, {ForlopTjeneste.objects.count()} plasseringer, "
            f"{Tekst.objects.count()} tekster, {Tekstversjon.objects.count()} tekstversjoner. "
            f"Tid {tid:.1f} s."
        )

    def _terning(self, *deler):
        """A number in [0, 1) fixed by the seed and the names given: whether a slot gets a
        variant does not depend on what the database held before, so a rerun adds nothing."""
        digest = hashlib.sha256(":".join(map(str, (self.seed, *deler))).encode()).digest()
        return int.from_bytes(digest[:8], "big") / 2**64

    # --- structure ----------------------------------------------------------------------------

    def _helsefellesskap(self):
        """The helsefellesskap given content: those in use first (the demo's), then the others in
        a seeded order; those not yet in use are marked as in use from a generated date."""
        alle = list(Helsefellesskap.objects.order_by("slug"))
        rng = random.Random(f"{self.seed}-helsefellesskap")
        rng.shuffle(alle)
        alle.sort(key=lambda h: not h.i_bruk)
        self.hf = sorted(alle[: self.hf_mal], key=lambda h: h.slug)
        nye = [h for h in self.hf if not h.i_bruk]
        for hf in nye:
            dager = int(self._terning("tatt-i-bruk", hf.slug) * 365)
            Helsefellesskap.objects.filter(pk=hf.pk).update(
                tatt_i_bruk=date(2024, 1, 1) + timedelta(days=dager)
            )
        self.tall["helsefellesskap tatt i bruk"] = len(nye)

    def _kommuner(self):
        """The kommunar given content: those of the chosen helsefellesskap, in the
        helsefellesskap's order and by number, as many as the scale says."""
        rekkefolge = {h.pk: i for i, h in enumerate(self.hf)}
        valgte = Kommune.objects.filter(helsefellesskap__in=self.hf).select_related("helsefellesskap")
        self.kommuner = sorted(valgte, key=lambda k: (rekkefolge[k.helsefellesskap_id], k.nummer))[
            : self.kommune_mal
        ]
        self.kommuner.sort(key=lambda k: k.nummer)
        self.tall["kommuner med innhold"] = len(self.kommuner)

    def _plasseringer(self):
        tjenester = list(Tjeneste.objects.order_by("slug"))
        n = len(tjenester)
        while n < TJENESTER_PER_FORLOP:
            n += 1
            tjenester.append(
                Tjeneste.objects.create(
                    slug=f"syn-tjeneste-{n}",
                    navn_nb=f"Syntetisk tjeneste {n}",
                    navn_nn=f"Syntetisk teneste {n}",
                    sektor=Sektor.KOMMUNAL_HELSE,
                    lovgrunnlag="Generert",
                    beskrivelse_nb="Generert testdata.",
                    beskrivelse_nn="Generert testdata.",
                )
            )
        nivaer = {n.slug: n for n in Niva.objects.all()}
        if not nivaer:
            raise CommandError("Ingen nivåer i databasen: kjør load_demo først.")
        spesialist = nivaer.get("spesialist") or list(nivaer.values())[-1]
        kommunal = [n for s, n in sorted(nivaer.items()) if n != spesialist]
        nye = []
        for forlop in Forlop.objects.order_by("slug"):
            har = set(forlop.plasseringer.values_list("tjeneste_id", flat=True))
            ledige = [t for t in tjenester if t.pk not in har]
            self.rng.shuffle(ledige)
            for i, t in enumerate(ledige[: max(0, TJENESTER_PER_FORLOP - len(har))]):
                niva = spesialist if t.sektor == Sektor.SPESIALIST else self.rng.choice(kommunal)
                nye.append(ForlopTjeneste(forlop=forlop, tjeneste=t, niva=niva, rekkefolge=50 + i))
        ForlopTjeneste.objects.bulk_create(nye)
        self.tall["plasseringer"] = len(nye)
        self.plasseringer = list(
            ForlopTjeneste.objects.select_related("forlop", "tjeneste").order_by(
                "forlop__slug", "tjeneste__slug"
            )
        )
        self.forlop = list(Forlop.objects.order_by("slug"))

    # --- texts and their history --------------------------------------------------------------

    def _tekster(self):
        slots = self._nye_tekster()
        Tekst.objects.bulk_create([t for t, _ in slots], batch_size=BATCH)
        self.tall["tekster"] = len(slots)
        self.tall["lokale tilpasninger"] = sum(1 for _, lokal in slots if lokal)
        self._historikk(slots)

    def _nye_tekster(self):
        """The slots of the dataset the database lacks, as (unsaved Tekst, lokal)."""
        finnes = {
            (Tekstplass(f, t, d), h, k, m)
            for f, t, d, h, k, m in Tekst.objects.values_list(
                "forlop_id", "tjeneste_id", "tekstdel", "helsefellesskap_id", "kommune_id", "malform"
            )
        }
        slots = []  # (Tekst, lokal)
        for plass, malform, hf, kommune in self._tekstplasser():
            if (plass, hf, kommune, malform) in finnes:
                continue
            finnes.add((plass, hf, kommune, malform))
            tekst = Tekst(
                **plass.felt(),
                malform=malform,
                helsefellesskap_id=hf,
                kommune_id=kommune,
                er_eksempel=bool(hf or kommune),
            )
            slots.append((tekst, bool(hf or kommune)))
        return slots

    def _tekstplasser(self):
        """Every text of the dataset, in a fixed order, as (Tekstplass, målform, helsefellesskap,
        kommune) by ids: the forløp-level texts and every seksjon in both målformer, then the
        variants the dice give each helsefellesskap and kommune."""
        for forlop in self.forlop:
            for d in (Tekstdel.BAKGRUNN, Tekstdel.SJEKKLISTE, *FAMILIEDELER):
                for mf in MALFORMER:
                    yield Tekstplass(forlop.pk, None, d.value), mf, None, None
        seksjonsplasser = [
            (Tekstplass(p.forlop_id, p.tjeneste_id, s.value), f"{p.forlop.slug}/{p.tjeneste.slug}")
            for p in self.plasseringer
            for s in SEKSJONER
        ]
        for plass, _navn in seksjonsplasser:
            for mf in MALFORMER:
                yield plass, mf, None, None
        yield from self._variantplasser(seksjonsplasser)

    def _variantplasser(self, seksjonsplasser):
        for hf in self.hf:
            for plass, navn in seksjonsplasser:
                if self._terning(hf.slug, navn, plass.tekstdel) < DEL_HF:
                    yield plass, hf.malform, hf.pk, None
        for kommune in self.kommuner:
            for plass, navn in seksjonsplasser:
                if self._terning(kommune.nummer, navn, plass.tekstdel) < DEL_KOMMUNE:
                    yield plass, kommune.helsefellesskap.malform, None, kommune.pk

    def _historikk(self, slots):
        """The versions of the new slots, oldest first; the newest is published."""
        pool = {
            (mf, lokal): _pool(self.rng, mf, 160 if lokal else 240, lokal)
            for mf in MALFORMER
            for lokal in (False, True)
        }
        # A variant records the felles version it builds on: the felles texts already published,
        # and those made here (their newest layer is written before the variants' newest layer).
        felles_publisert = {
            (Tekstplass(f, t, d), m): p
            for f, t, d, m, p in Tekst.objects.filter(
                helsefellesskap__isnull=True, kommune__isnull=True, publisert__isnull=False
            ).values_list("forlop_id", "tjeneste_id", "tekstdel", "malform", "publisert_id")
        }
        start = timezone.now() - timedelta(days=30 * self.versjoner)
        forrige = [None] * len(slots)
        utgangspunkt = [self.rng.randrange(1_000_000) for _ in slots]
        antall = 0
        for nr in range(1, self.versjoner + 1):
            siste = nr == self.versjoner
            lag = [None] * len(slots)
            for lokal_runde in (False, True):
                runde = []
                for i, (tekst, lokal) in enumerate(slots):
                    if lokal != lokal_runde:
                        continue
                    kilde = pool[(tekst.malform, lokal)]
                    md = kilde[(utgangspunkt[i] + nr * 7) % len(kilde)]
                    if md not in self.html:
                        self.html[md] = render(md)
                    grunnlag = felles_publisert.get((tekst.plass, tekst.malform)) if lokal and siste else None
                    lag[i] = Tekstversjon(
                        tekst=tekst,
                        nummer=nr,
                        markdown=md,
                        html=self.html[md],
                        status=Status.PUBLISERT if siste else Status.ERSTATTET,
                        forrige_id=forrige[i],
                        felles_grunnlag_id=grunnlag,
                        endringsnotat=f"{NOTAT} Versjon {nr}.",
                        publisert_tid=start + timedelta(days=30 * nr, minutes=i % 1440),
                    )
                    runde.append(lag[i])
                Tekstversjon.objects.bulk_create(runde, batch_size=BATCH)
                if siste and not lokal_runde:
                    for v in runde:
                        felles_publisert[(v.tekst.plass, v.tekst.malform)] = v.pk
            antall += len(lag)
            forrige = [v.pk for v in lag]
        # Point each new slot at its newest version: one set-based UPDATE, not a row at a time.
        Tekst.objects.filter(publisert__isnull=True).update(
            publisert=Subquery(
                Tekstversjon.objects.filter(tekst=OuterRef("pk"), status=Status.PUBLISERT).values("pk")[:1]
            )
        )
        self.tall["tekstversjoner"] = antall

    def _revisjoner(self):
        idag = date.today()
        nye = []
        for forlop in self.forlop:
            nye.append(Revisjon(forlop=forlop, sist_revidert=idag, neste_revisjon=idag + timedelta(days=365)))
            for hf in self.hf:
                nye.append(
                    Revisjon(
                        forlop=forlop,
                        helsefellesskap=hf,
                        sist_revidert=idag - timedelta(days=self.rng.randrange(300)),
                        neste_revisjon=idag + timedelta(days=self.rng.randrange(30, 365)),
                    )
                )
        Revisjon.objects.bulk_create(nye, batch_size=BATCH, ignore_conflicts=True)

    def _lokale_tilbud(self):
        tjenester = list(Tjeneste.objects.order_by("slug"))
        nivaer = list(Niva.objects.order_by("rekkefolge"))
        har = set(LokaltTilbud.objects.values_list("kommune_id", flat=True).distinct())
        nye = []
        for kommune in self.kommuner:
            if kommune.pk in har:
                continue
            for i, tjeneste in enumerate(self.rng.sample(tjenester, min(6, len(tjenester)))):
                nye.append(
                    LokaltTilbud(
                        kommune=kommune,
                        tjeneste=tjeneste,
                        niva=nivaer[i % len(nivaer)],
                        navn=f"{tjeneste.navn_nb} i {kommune.navn}",
                        tilbyr="Samtalar, kartlegging og rettleiing for barn, unge og foreldre.",
                        apningstider="Måndag–fredag 08–15",
                        forste_kontakt=i == 0,
                        er_eksempel=True,
                    )
                )
        LokaltTilbud.objects.bulk_create(nye, batch_size=BATCH, ignore_conflicts=True)
        self.tall["lokale tilbud"] = len(nye)
