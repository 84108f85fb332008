"""Export and import of content as a versioned JSON bundle (manage.py export_innhold /
import_innhold).

A bundle holds either all content or one helsefellesskap's. Everything is referenced by a
stable key, never by database id: nivå, tjeneste and forløp by slug, helsefellesskap by slug,
kommune by kommunenummer, a text by its key (see `Tekstnokkel`) and a version by its number
within the text. Users are referenced by username only (no password, no e-mail).

Import validates the whole bundle first and refuses it with every problem named by its place
(`tekster[12].versjoner[3].status: ukjent status "x"`); then it writes in one transaction, so
a failure leaves the database as it was. Import only creates: a full bundle needs a database
without content, a helsefellesskap bundle needs the felles tekst it builds on (same versions,
same text) and a helsefellesskap and kommunar that do not exist yet.
"""

import hashlib
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from typing import NamedTuple

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import models, transaction

from bupkart import signaler
from bupkart.fnr import inneholder_fodselsnummer
from bupkart.markdown import render
from forlop.models import (
    Forlop,
    ForlopTjeneste,
    Forslag,
    Revisjon,
    Status,
    Tekst,
    Tekstplass,
    Tekstversjon,
)
from tjenester.models import Helsefellesskap, Kommune, LokaltTilbud, Niva, Tjeneste
from tjenester.omfang import Omfang

from . import tillegg

FORMAT = "bupkart-innhald"
SKJEMAVERSJON = 3  # 2: versions carry their withdrawal (trukket_av, trukket_tid, trukket_notat)
# 3: the «Eksempel» marks of invented demo rows (texts, offers, contacts), a kommune's official
# name and the date a helsefellesskap took the model into use

NIVA_FELT = ["slug", "rekkefolge", "navn_nb", "navn_nn", "beskrivelse_nb", "beskrivelse_nn"]
TJENESTE_FELT = ["slug", "navn_nb", "navn_nn", "sektor", "lovgrunnlag", "beskrivelse_nb", "beskrivelse_nn"]
FORLOP_FELT = ["slug", "tittel_nb", "tittel_nn", "ingress_nb", "ingress_nn", "rekkefolge", "publisert"]
HF_FELT = [
    "slug",
    "navn",
    "malform",
    "helseforetak",
    "bup_akutt_telefon",
    "bup_akutt_merknad",
    "nettside",
    "tatt_i_bruk",
]
KOMMUNE_FELT = [
    "nummer",
    "navn",
    "offisielt_navn",
    "kontakt_rolle",
    "kontakt_telefon",
    "kontakt_epost",
    "kontakt_er_eksempel",
    "legevakt_telefon",
    "nettside",
]
TILBUD_FELT = [
    "navn",
    "tilbyr",
    "telefon",
    "epost",
    "adresse",
    "nettside",
    "apningstider",
    "forste_kontakt",
    "er_eksempel",
]
VERSJON_FELT = [
    "nummer",
    "markdown",
    "status",
    "endringsnotat",
    "laget",
    "publisert_tid",
    "kommentar",
    "trukket_tid",
    "trukket_notat",
]
BRUKARFELT = ["laget_av", "publisert_av", "trukket_av"]  # a version's users, by username
FORSLAG_FELT = ["markdown", "begrunnelse", "laget", "status", "svar", "behandlet"]
REVISJON_FELT = ["sist_revidert", "neste_revisjon"]
TEKST_NOKLER = [  # the keys of a text in a bundle
    "nokkel",
    "forlop",
    "tjeneste",
    "tekstdel",
    "helsefellesskap",
    "kommune",
    "malform",
    "er_eksempel",
    "publisert",
    "versjoner",
]


class UgyldigBundle(Exception):
    """The bundle cannot be imported; `feil` lists every problem found, each with its place."""

    def __init__(self, feil):
        self.feil = list(feil)
        vis = self.feil[:25]
        mer = f"\n… og {len(self.feil) - 25} feil til" if len(self.feil) > 25 else ""
        super().__init__("Ugyldig bundle:\n" + "\n".join(vis) + mer)


class Tekstnokkel(NamedTuple):
    """A text's stable key in a bundle: its slot (forlop.models.Tekstplass, by slugs), its scope
    (a helsefellesskap's slug or a kommunenummer, or neither) and its målform. Written (str())
    as forløp/tjeneste/tekstdel/omfang/målform, where omfang is `felles`, `hf:<slug>` or
    `kommune:<nummer>` and a forløp-level text has `-` for tjeneste; `les` reads one back."""

    plass: Tekstplass
    helsefellesskap: str | None
    kommune: str | None
    malform: str

    def __str__(self):
        forlop, tjeneste, tekstdel = self.plass
        omfang = (
            f"kommune:{self.kommune}"
            if self.kommune
            else f"hf:{self.helsefellesskap}"
            if self.helsefellesskap
            else "felles"
        )
        return f"{forlop}/{tjeneste or '-'}/{tekstdel}/{omfang}/{self.malform}"

    @classmethod
    def les(cls, streng):
        """The key a string names, or None if it names none."""
        try:
            forlop, tjeneste, tekstdel, omfang, malform = streng.split("/")
        except (AttributeError, ValueError):
            return None
        slag, _, eier = omfang.partition(":")
        if not (omfang == "felles" or (slag in ("hf", "kommune") and eier)):
            return None
        return cls(
            Tekstplass(forlop, None if tjeneste == "-" else tjeneste, tekstdel),
            eier if slag == "hf" else None,
            eier if slag == "kommune" else None,
            malform,
        )


def _hash(markdown):
    return hashlib.sha256(markdown.encode("utf-8")).hexdigest()


def _verdi(v):
    if isinstance(v, datetime):
        return v.astimezone(UTC).isoformat()
    if isinstance(v, date):
        return v.isoformat()
    return v


def _rad(obj, felt):
    return {f: _verdi(getattr(obj, f)) for f in felt}


# --- export ------------------------------------------------------------------------------------
def eksporter(hf=None):
    """All content, or (with a Helsefellesskap or its slug) one helsefellesskap's, as a dict
    ready for json.dump. Deterministic: the same content always gives the same bundle."""
    if isinstance(hf, str):
        hf = Helsefellesskap.objects.get(slug=hf)
    bundle = {
        "format": FORMAT,
        "skjemaversjon": SKJEMAVERSJON,
        "omfang": {"helsefellesskap": hf.slug if hf else None},
        "malform": hf.malform if hf else None,
    }
    if hf is None:
        bundle["nivaer"] = [_rad(n, NIVA_FELT) for n in Niva.objects.order_by("rekkefolge")]
        bundle["tjenester"] = [_rad(t, TJENESTE_FELT) for t in Tjeneste.objects.order_by("slug")]
        plasser = {}
        for p in ForlopTjeneste.objects.select_related("tjeneste", "niva").order_by("tjeneste__slug"):
            plasser.setdefault(p.forlop_id, []).append(
                {"tjeneste": p.tjeneste.slug, "niva": p.niva.slug, "rekkefolge": p.rekkefolge}
            )
        bundle["forlop"] = [
            {**_rad(f, FORLOP_FELT), "plasseringer": plasser.get(f.pk, [])}
            for f in Forlop.objects.order_by("slug")
        ]
        fellesskap = Helsefellesskap.objects.order_by("slug")
    else:
        fellesskap = [hf]
    bundle["helsefellesskap"] = [_eksporter_hf(h) for h in fellesskap]

    tekster = Tekst.objects.all()
    revisjoner = Revisjon.objects.all()
    if hf is not None:
        tekster = tekster.under(hf)
        revisjoner = revisjoner.under(hf)
    tekstliste, grunnlag = _eksporter_tekster(tekster)
    bundle["tekster"] = tekstliste
    if hf is not None:
        # The felles versions the variants build on: the importing installation must have them.
        bundle["felles_grunnlag"] = [
            {"tekst": k, "nummer": nr, "sha256": _hash(md)} for (k, nr), md in sorted(grunnlag.items())
        ]
    bundle["revisjoner"] = sorted(
        (
            {
                "forlop": r.forlop.slug,
                "helsefellesskap": r.helsefellesskap.slug if r.helsefellesskap_id else None,
                "kommune": r.kommune.nummer if r.kommune_id else None,
                **_rad(r, REVISJON_FELT),
            }
            for r in revisjoner.select_related("forlop", "helsefellesskap", "kommune")
        ),
        key=lambda r: (r["forlop"], r["helsefellesskap"] or "", r["kommune"] or ""),
    )
    if hf is None:
        bundle["forslag"] = _eksporter_forslag()
    for del_ in tillegg.bundledeler():
        bundle[del_.nokkel] = del_.eksporter(hf)
    return bundle


def _eksporter_hf(hf):
    tilbud = {}
    for t in LokaltTilbud.objects.filter(kommune__helsefellesskap=hf).select_related("tjeneste", "niva"):
        tilbud.setdefault(t.kommune_id, []).append(
            {**_rad(t, TILBUD_FELT), "tjeneste": t.tjeneste.slug, "niva": t.niva.slug}
        )
    return {
        **_rad(hf, HF_FELT),
        "kommuner": [
            {**_rad(k, KOMMUNE_FELT), "lokale_tilbud": sorted(tilbud.get(k.pk, []), key=lambda t: t["navn"])}
            for k in hf.kommuner.order_by("nummer")
        ],
    }


def _tekstnokler(qs):
    """{pk: Tekstnokkel} of the texts."""
    rader = qs.values_list(
        "pk",
        "forlop__slug",
        "tjeneste__slug",
        "tekstdel",
        "helsefellesskap__slug",
        "kommune__nummer",
        "malform",
    )
    return {pk: Tekstnokkel(Tekstplass(f, t, d), hf, k, mf) for pk, f, t, d, hf, k, mf in rader}


def _eksporter_tekster(tekster):
    """The texts with all their versions, and {(felles key, nummer): markdown} of every felles
    version a variant in the set refers to."""
    nokler = _tekstnokler(tekster)
    oppslag = dict(nokler)  # also the felles texts outside the set that variants refer to
    versjoner = {}
    ref = {}  # version pk -> (tekst pk, nummer) for forrige / felles_grunnlag
    rader = list(
        Tekstversjon.objects.filter(tekst__in=tekster)
        .values(
            "pk",
            "tekst_id",
            "forrige_id",
            "felles_grunnlag_id",
            *(f"{f}__username" for f in BRUKARFELT),
            *VERSJON_FELT,
        )
        .order_by("tekst_id", "nummer")
    )
    for r in rader:
        ref[r["pk"]] = (r["tekst_id"], r["nummer"])
    mangler = {
        r["felles_grunnlag_id"]
        for r in rader
        if r["felles_grunnlag_id"] and r["felles_grunnlag_id"] not in ref
    }
    felles_md = {}
    if mangler:
        for pk, tekst_id, nummer, md in Tekstversjon.objects.filter(pk__in=mangler).values_list(
            "pk", "tekst_id", "nummer", "markdown"
        ):
            ref[pk] = (tekst_id, nummer)
            felles_md[pk] = md
        oppslag.update(_tekstnokler(Tekst.objects.filter(versjoner__pk__in=mangler).distinct()))
    grunnlag = {}
    for r in rader:
        g = r["felles_grunnlag_id"]
        grunnlag_ref = None
        if g:
            tekst_id, nummer = ref[g]
            grunnlag_ref = {"tekst": str(oppslag[tekst_id]), "nummer": nummer}
            if g in felles_md:
                grunnlag[(grunnlag_ref["tekst"], nummer)] = felles_md[g]
        versjoner.setdefault(r["tekst_id"], []).append(
            {
                **{f: _verdi(r[f]) for f in VERSJON_FELT},
                "forrige": ref[r["forrige_id"]][1] if r["forrige_id"] else None,
                "felles_grunnlag": grunnlag_ref,
                **{f: r[f"{f}__username"] for f in BRUKARFELT},
            }
        )
    publisert = dict(
        Tekstversjon.objects.filter(tekst__in=tekster, pk__in=tekster.values("publisert")).values_list(
            "tekst_id", "nummer"
        )
    )
    eksempel = set(tekster.filter(er_eksempel=True).values_list("pk", flat=True))
    ut = []
    for pk, n in nokler.items():
        ut.append(
            {
                "nokkel": str(n),
                "forlop": n.plass.forlop,
                "tjeneste": n.plass.tjeneste,
                "tekstdel": n.plass.tekstdel,
                "helsefellesskap": n.helsefellesskap,
                "kommune": n.kommune,
                "malform": n.malform,
                "er_eksempel": pk in eksempel,
                "publisert": publisert.get(pk),
                "versjoner": versjoner.get(pk, []),
            }
        )
    ut.sort(key=lambda t: t["nokkel"])
    return ut, grunnlag


def _eksporter_forslag():
    qs = Forslag.objects.select_related(
        "tekst__forlop", "tekst__tjeneste", "grunnlag", "laget_av", "behandlet_av"
    )
    ut = []
    for f in qs:
        t = f.tekst
        ut.append(
            {
                "tekst": str(
                    Tekstnokkel(
                        Tekstplass(t.forlop.slug, t.tjeneste.slug if t.tjeneste_id else None, t.tekstdel),
                        None,
                        None,
                        t.malform,
                    )
                ),
                "grunnlag": f.grunnlag.nummer if f.grunnlag_id else None,
                **_rad(f, FORSLAG_FELT),
                "laget_av": f.laget_av.username,
                "behandlet_av": f.behandlet_av.username if f.behandlet_av_id else None,
            }
        )
    ut.sort(key=lambda f: (f["tekst"], f["laget"], f["begrunnelse"], f["markdown"]))
    return ut


# --- validation --------------------------------------------------------------------------------
# Keys whose value names another row (by slug, key, number or username): a plain value or null
# wherever they stand inside a section, so the checks after can look it up.
REFERANSAR = {
    "forlop",
    "tjeneste",
    "niva",
    "helsefellesskap",
    "kommune",
    "nokkel",
    "tekst",
    "publisert",
    "grunnlag",
    "nummer",
    "forrige",
    "sha256",
    *BRUKARFELT,
    "behandlet_av",
}
MAKS_DJUPN = 12  # a bundle nests six levels; far more is no bundle


def _stader(data):
    """(place, value) for every value in the bundle, depth first, without recursion (a file
    nested 100 000 deep is refused, not a RecursionError)."""
    stabel = [("bundle", data, 0)]
    while stabel:
        sti, verdi, djupn = stabel.pop()
        yield sti, verdi, djupn
        if isinstance(verdi, dict):
            stabel.extend((f"{sti}.{k}" if djupn else str(k), v, djupn + 1) for k, v in verdi.items())
        elif isinstance(verdi, list):
            stabel.extend((f"{sti}[{i}]", v, djupn + 1) for i, v in enumerate(verdi))


def _sjekk_form(data):
    """What every value must be before the sections are read: not nested beyond a bundle's
    shape, a reference as a plain value, every text valid UTF-8 without NUL (PostgreSQL
    refuses it when writing), no longer than the editor allows and without a fødselsnummer."""
    s = _Sjekk()
    maks = settings.BUPKART_TEKST_MAKS_LENGD
    for sti, verdi, djupn in _stader(data):
        if djupn > MAKS_DJUPN:
            s(sti, f"nøstet dypere enn {MAKS_DJUPN} nivåer")
            break
        navn = sti.rpartition(".")[2]
        if djupn > 1 and navn in REFERANSAR and isinstance(verdi, dict | list | float):
            s(sti, f"skal være tekst, et heltall eller null, er {type(verdi).__name__}")
        if not isinstance(verdi, str):
            continue
        if "\x00" in verdi:
            s(sti, "inneholder et NUL-tegn")
        elif not verdi.isascii() and not _er_utf8(verdi):
            s(sti, "er ikke gyldig UTF-8")
        elif len(verdi) > maks:
            s(sti, f"er {len(verdi)} tegn, grensen er {maks}")
        elif inneholder_fodselsnummer(verdi):
            s(sti, "ser ut til å inneholde et fødselsnummer")
    if s.feil:
        raise UgyldigBundle(sorted(s.feil))


def _er_utf8(tekst):
    try:
        tekst.encode("utf-8")
    except UnicodeEncodeError:  # a lone surrogate, which JSON can write
        return False
    return True


class _Sjekk:
    """Collects every problem with its place in the bundle."""

    def __init__(self):
        self.feil = []

    def __call__(self, sti, melding):
        self.feil.append(f"{sti}: {melding}")

    def objekt(self, data, sti, nokler):
        """data must be a dict with these keys; returns False (and reports) if not."""
        if not isinstance(data, dict):
            self(sti, f"skal være et objekt, er {type(data).__name__}")
            return False
        ok = True
        for k in nokler:
            if k not in data:
                self(sti, f'mangler "{k}"')
                ok = False
        return ok

    def liste(self, data, sti):
        if not isinstance(data, list):
            self(sti, f"skal være en liste, er {type(data).__name__}")
            return []
        return data

    def felt(self, model, data, navn, sti):
        """Type and value check of one plain model field; returns the cleaned value."""
        f = model._meta.get_field(navn)
        verdi = data.get(navn)
        sted = f"{sti}.{navn}"
        if verdi is None:
            if not f.null:
                self(sted, "kan ikke være null")
            return None
        if isinstance(f, models.BooleanField):
            typer = (bool,)
        elif isinstance(f, models.IntegerField):
            typer = (int,)
        else:
            typer = (str,)
        if not isinstance(verdi, typer) or (typer == (int,) and isinstance(verdi, bool)):
            self(sted, f"skal være {typer[0].__name__}, er {type(verdi).__name__}")
            return None
        if f.choices and verdi not in {k for k, _ in f.flatchoices}:
            self(sted, f'ukjent {navn} "{verdi}"')
            return None
        try:
            verdi = f.to_python(verdi)
            if verdi not in f.empty_values:
                f.run_validators(verdi)
        except ValidationError as e:
            self(sted, "; ".join(str(m) for m in e.messages) + f' ("{str(data.get(navn))[:60]}")')
            return None
        if isinstance(f, (models.DateTimeField,)) and verdi is not None and verdi.tzinfo is None:
            self(sted, "tidspunkt uten tidssone")
        return verdi

    def rad(self, model, data, sti, felt):
        if not self.objekt(data, sti, felt):
            return {}
        return {navn: self.felt(model, data, navn, sti) for navn in felt}


def oppgrader(data):
    """A bundle of an older schema version brought to the current one, in place (and returned).
    Anything malformed is left for the validation to name."""
    if data.get("skjemaversjon") == 1:
        _fra_skjemaversjon_1(data)
    if data.get("skjemaversjon") in (1, 2):
        _fra_skjemaversjon_2(data)
        data["skjemaversjon"] = SKJEMAVERSJON
    return data


def _fra_skjemaversjon_2(data):
    """Version 1 and 2 bundles were written before the register and the «Eksempel» marks: no
    row of theirs is marked, no kommune has an official name of its own, and no
    helsefellesskap a date of taking the model into use."""
    for t in data["tekster"] if isinstance(data["tekster"], list) else []:
        if isinstance(t, dict):
            t.setdefault("er_eksempel", False)
    for hf in data["helsefellesskap"] if isinstance(data["helsefellesskap"], list) else []:
        if not isinstance(hf, dict):
            continue
        hf.setdefault("tatt_i_bruk", None)
        for k in hf.get("kommuner", []) if isinstance(hf.get("kommuner"), list) else []:
            if isinstance(k, dict):
                k.setdefault("offisielt_navn", "")
                k.setdefault("kontakt_er_eksempel", False)
                for t in k.get("lokale_tilbud", []) if isinstance(k.get("lokale_tilbud"), list) else []:
                    if isinstance(t, dict):
                        t.setdefault("er_eksempel", False)


def _fra_skjemaversjon_1(data):
    """Version 1 bundles were written before withdrawals were recorded: none of their versions
    has one. Anything malformed is left for the validation to name."""
    for t in data["tekster"] if isinstance(data["tekster"], list) else []:
        for v in t.get("versjoner", []) if isinstance(t, dict) else []:
            if isinstance(v, dict):
                v.setdefault("trukket_tid", None)
                v.setdefault("trukket_notat", "")
                v.setdefault("trukket_av", None)


@dataclass
class _Kjent:
    """What the sections checked so far make known to the later ones: the keys a row may refer
    to, the felles versions a helsefellesskap bundle builds on, and the users its history names."""

    hf_slug: str | None  # None: a full bundle
    nivaer: set = field(default_factory=set)
    tjenester: set = field(default_factory=set)
    forlop: set = field(default_factory=set)
    hf_slugger: set = field(default_factory=set)
    kommune_hf: dict = field(default_factory=dict)  # kommunenummer -> helsefellesskap slug
    felles_her: dict = field(default_factory=dict)  # (felles key, nummer) -> pk of that version here
    brukere: set = field(default_factory=set)

    @property
    def full(self):
        return self.hf_slug is None


def _valider(data):
    """Checks the whole bundle against itself and the database. Returns a plan (cleaned rows)
    or raises UgyldigBundle naming every problem. Each section is checked in the bundle's order,
    after the sections its rows refer to."""
    _sjekk_form(data)
    s = _Sjekk()
    kjent = _Kjent(hf_slug=_valider_hode(s, data))
    plan = {"full": kjent.full, "hf_slug": kjent.hf_slug}
    if kjent.full:
        _valider_full(s, data)
        plan["nivaer"], plan["tjenester"] = _valider_katalog(s, data, kjent)
        plan["forlop"] = _valider_forlop(s, data, kjent)
    else:
        _modellen_her(s, kjent)
    plan["helsefellesskap"] = _valider_helsefellesskap(s, data, kjent)
    if not kjent.full:
        kjent.felles_her = _valider_felles_grunnlag(s, data)
    plan["tekster"] = _valider_tekster(s, data, kjent)
    if kjent.full:
        _valider_grunnlag_i_bundlen(s, plan["tekster"])
    plan["revisjoner"] = _valider_revisjoner(s, data, kjent)
    plan["forslag"] = _valider_forslag(s, data, plan["tekster"], kjent) if kjent.full else []
    # Sections of the apps above; a bundle written before one existed has none of its rows.
    plan["tillegg"] = [
        (d, d.valider(s, data.get(d.nokkel, []), d.nokkel, kjent)) for d in tillegg.bundledeler()
    ]
    if s.feil:
        raise UgyldigBundle(s.feil)
    plan["brukere"] = kjent.brukere
    plan["felles_her"] = kjent.felles_her
    return plan


def _valider_hode(s, data):
    """The envelope: format, schema version and scope. Returns the slug of the helsefellesskap
    the bundle is limited to (None: all content); raises at once when the rest cannot be read."""
    if not s.objekt(
        data, "bundle", ["format", "skjemaversjon", "omfang", "helsefellesskap", "tekster", "revisjoner"]
    ):
        raise UgyldigBundle(s.feil)
    if data["format"] != FORMAT:
        s("format", f'ukjent format "{data["format"]}", ventet "{FORMAT}"')
    if data["skjemaversjon"] in (1, 2):
        oppgrader(data)
    elif data["skjemaversjon"] != SKJEMAVERSJON:
        s(
            "skjemaversjon",
            f"skjemaversjon {data['skjemaversjon']!r} støttes ikke (denne versjonen leser {SKJEMAVERSJON})",
        )
    if s.feil:
        raise UgyldigBundle(s.feil)
    omfang = data["omfang"]
    hf_slug = omfang.get("helsefellesskap") if isinstance(omfang, dict) else None
    if not (isinstance(omfang, dict) and "helsefellesskap" in omfang) or not (
        hf_slug is None or isinstance(hf_slug, str)
    ):
        s("omfang", 'skal være {"helsefellesskap": slug eller null}')
        raise UgyldigBundle(s.feil)
    return hf_slug


def _valider_full(s, data):
    """A full bundle carries the whole model (raises at once if not), and only an empty
    database can take it."""
    for k in ("nivaer", "tjenester", "forlop", "forslag"):
        if k not in data:
            s("bundle", f'mangler "{k}" (en full bundle har hele modellen)')
    if s.feil:
        raise UgyldigBundle(s.feil)
    tomme = [
        f"{m._meta.verbose_name_plural} ({m.objects.count()})"
        for m in (Niva, Tjeneste, Forlop, Helsefellesskap, Kommune, Tekst)
        if m.objects.exists()
    ]
    if tomme:
        s(
            "bundle",
            "databasen har allerede innhold: "
            + ", ".join(tomme)
            + "; en full bundle kan bare importeres i en tom database",
        )


def _valider_katalog(s, data, kjent):
    """The nivå and tjenester sections: the catalogue every later section refers to. A nivå's
    position met twice is named after the tjenester, where it always has been."""
    nivaer = _unike(s, data["nivaer"], "nivaer", Niva, NIVA_FELT, "slug")
    tjenester = _unike(s, data["tjenester"], "tjenester", Tjeneste, TJENESTE_FELT, "slug")
    kjent.nivaer = {n["slug"] for n in nivaer}
    kjent.tjenester = {t["slug"] for t in tjenester}
    _unike_verdi(s, nivaer, "nivaer", "rekkefolge")
    return nivaer, tjenester


def _valider_forlop(s, data, kjent):
    """The forløp section, each forløp with the placements of its services."""
    ut = []
    for sti, f, rad in _rader(s, data["forlop"], "forlop", Forlop, FORLOP_FELT, "slug", "forløpet "):
        if "plasseringer" not in f:
            s(sti, 'mangler "plasseringer"')
            continue
        rad["plasseringer"] = _valider_plasseringer(s, f["plasseringer"], f"{sti}.plasseringer", kjent)
        ut.append(rad)
    kjent.forlop = {f["slug"] for f in ut}
    return ut


def _valider_plasseringer(s, data, sti, kjent):
    """A forløp's placements: a known service, once, on a known nivå, at a position ≥ 0."""
    ut = []
    brukt = set()
    for j, p in enumerate(s.liste(data, sti)):
        psti = f"{sti}[{j}]"
        if not s.objekt(p, psti, ["tjeneste", "niva", "rekkefolge"]):
            continue
        if p["tjeneste"] not in kjent.tjenester:
            s(f"{psti}.tjeneste", f'ukjent tjeneste "{p["tjeneste"]}"')
        elif p["tjeneste"] in brukt:
            s(f"{psti}.tjeneste", f'tjenesten "{p["tjeneste"]}" er plassert to ganger')
        brukt.add(p["tjeneste"])
        if p["niva"] not in kjent.nivaer:
            s(f"{psti}.niva", f'ukjent nivå "{p["niva"]}"')
        if not isinstance(p["rekkefolge"], int) or isinstance(p["rekkefolge"], bool) or p["rekkefolge"] < 0:
            s(f"{psti}.rekkefolge", "skal være et heltall ≥ 0")
        ut.append(p)
    return ut


def _modellen_her(s, kjent):
    """A helsefellesskap bundle builds on this installation's model, and brings a
    helsefellesskap it does not have yet."""
    kjent.nivaer = set(Niva.objects.values_list("slug", flat=True))
    kjent.tjenester = set(Tjeneste.objects.values_list("slug", flat=True))
    kjent.forlop = set(Forlop.objects.values_list("slug", flat=True))
    if Helsefellesskap.objects.filter(slug=kjent.hf_slug).exists():
        s(
            "omfang.helsefellesskap",
            f'helsefellesskapet "{kjent.hf_slug}" finnes allerede i denne installasjonen',
        )


def _valider_helsefellesskap(s, data, kjent):
    """The helsefellesskap section, each with its kommunar (and their local offers)."""
    ut = []
    # A helsefellesskap bundle brings new kommunar only: one read of those this installation has.
    kommuner_her = set() if kjent.full else set(Kommune.objects.values_list("nummer", flat=True))
    hf_rader = _rader(
        s, data["helsefellesskap"], "helsefellesskap", Helsefellesskap, HF_FELT, "slug", "helsefellesskapet "
    )
    for sti, h, rad in hf_rader:
        kjent.hf_slugger.add(rad["slug"])
        if not kjent.full and rad["slug"] != kjent.hf_slug:
            s(f"{sti}.slug", f'"{rad["slug"]}" er ikke helsefellesskapet bundlen gjelder ("{kjent.hf_slug}")')
        if "kommuner" not in h:
            s(sti, 'mangler "kommuner"')
        rad["kommuner"] = _valider_kommuner(
            s, h.get("kommuner", []), f"{sti}.kommuner", rad["slug"], kommuner_her, kjent
        )
        ut.append(rad)
    if not kjent.full and kjent.hf_slug not in kjent.hf_slugger:
        s("helsefellesskap", f'helsefellesskapet "{kjent.hf_slug}" mangler i bundlen')
    return ut


def _valider_kommuner(s, data, sti, hf_slug, kommuner_her, kjent):
    """A helsefellesskap's kommunar: each new, once in the bundle, with its local offers."""
    ut = []
    for j, k in enumerate(s.liste(data, sti)):
        ksti = f"{sti}[{j}]"
        krad = s.rad(Kommune, k, ksti, KOMMUNE_FELT)
        if not krad:
            continue
        nr = krad["nummer"]
        if nr in kjent.kommune_hf:
            s(f"{ksti}.nummer", f"kommunenummer {nr} finnes to ganger")
        elif nr in kommuner_her:
            s(f"{ksti}.nummer", f"kommune {nr} finnes allerede i denne installasjonen")
        kjent.kommune_hf[nr] = hf_slug
        if "lokale_tilbud" not in k:
            s(ksti, 'mangler "lokale_tilbud"')
        krad["lokale_tilbud"] = _valider_lokale_tilbud(
            s, k.get("lokale_tilbud", []), f"{ksti}.lokale_tilbud", kjent
        )
        ut.append(krad)
    return ut


def _valider_lokale_tilbud(s, data, sti, kjent):
    """A kommune's local offers: a known service and nivå, each name once in the kommune."""
    ut = []
    navn = set()
    for m, t in enumerate(s.liste(data, sti)):
        tsti = f"{sti}[{m}]"
        trad = s.rad(LokaltTilbud, t, tsti, TILBUD_FELT)
        if not trad or not s.objekt(t, tsti, ["tjeneste", "niva"]):
            continue
        if t["tjeneste"] not in kjent.tjenester:
            s(f"{tsti}.tjeneste", f'ukjent tjeneste "{t["tjeneste"]}"')
        if t["niva"] not in kjent.nivaer:
            s(f"{tsti}.niva", f'ukjent nivå "{t["niva"]}"')
        if trad["navn"] in navn:
            s(f"{tsti}.navn", f'tilbudet "{trad["navn"]}" finnes to ganger i kommunen')
        navn.add(trad["navn"])
        ut.append({**trad, "tjeneste": t["tjeneste"], "niva": t["niva"]})
    return ut


def _valider_felles_grunnlag(s, data):
    """The felles versions a helsefellesskap bundle builds on must exist here, with the same
    text. Returns {(felles key, nummer): pk here} of those that do."""
    felles_her = {}
    oppgitt = s.liste(data.get("felles_grunnlag", []), "felles_grunnlag")
    finnes = _felles_versjoner(oppgitt)
    for i, g in enumerate(oppgitt):
        sti = f"felles_grunnlag[{i}]"
        if not s.objekt(g, sti, ["tekst", "nummer", "sha256"]):
            continue
        if i not in finnes:
            s(sti, f"felles tekst {g['tekst']} v{g['nummer']} finnes ikke i denne installasjonen")
        elif _hash(finnes[i][1]) != g["sha256"]:
            s(sti, f"felles tekst {g['tekst']} v{g['nummer']} har annet innhold i denne installasjonen")
        else:
            felles_her[(g["tekst"], g["nummer"])] = finnes[i][0]
    return felles_her


def _valider_tekster(s, data, kjent):
    """The tekster section: each text's slot, once in the bundle, its versions and the one it
    publishes."""
    ut = []
    tekstnokler = {}
    for i, t in enumerate(s.liste(data["tekster"], "tekster")):
        sti = f"tekster[{i}]"
        if not s.objekt(t, sti, TEKST_NOKLER):
            continue
        rad = _valider_tekstplass(s, t, sti, kjent)
        key = rad["nokkel"]
        if key in tekstnokler:
            s(f"{sti}.nokkel", f'teksten "{key}" finnes allerede som tekster[{tekstnokler[key]}]')
        tekstnokler[key] = i
        rad["versjoner"], nummer_status = _valider_versjoner(s, t, sti, kjent)
        rad["publisert"] = _valider_publisert(s, t["publisert"], nummer_status, sti)
        ut.append(rad)
    return ut


def _valider_tekstplass(s, t, sti, kjent):
    """A text's slot (forløp, tjeneste, tekstdel, scope, målform) and the key it makes."""
    rad = {
        "forlop": t["forlop"],
        "tjeneste": t["tjeneste"],
        "helsefellesskap": t["helsefellesskap"],
        "kommune": t["kommune"],
        "tekstdel": s.felt(Tekst, t, "tekstdel", sti),
        "malform": s.felt(Tekst, t, "malform", sti),
        "er_eksempel": s.felt(Tekst, t, "er_eksempel", sti),
    }
    if t["forlop"] not in kjent.forlop:
        s(f"{sti}.forlop", f'ukjent forløp "{t["forlop"]}"')
    if t["tjeneste"] is not None and t["tjeneste"] not in kjent.tjenester:
        s(f"{sti}.tjeneste", f'ukjent tjeneste "{t["tjeneste"]}"')
    _valider_omfang(s, t, sti, kjent, "tekst", "felles tekst")
    plass = Tekstplass(t["forlop"], t["tjeneste"], t["tekstdel"])
    key = str(Tekstnokkel(plass, t["helsefellesskap"], t["kommune"], t["malform"]))
    if t["nokkel"] != key:
        s(f"{sti}.nokkel", f'"{t["nokkel"]}" passer ikke til feltene (ventet "{key}")')
    rad["nokkel"] = key
    return rad


def _valider_omfang(s, r, sti, kjent, hva, felles_hva):
    """A text's or a review's scope, by the one rule (tjenester.omfang): one owner at most and a
    known one, and nothing felles in a helsefellesskap bundle. Checked here because the
    database would refuse two owners only while writing, with no place to name."""
    omfang = Omfang.av_eiere(r["helsefellesskap"], r["kommune"])
    if omfang is None:
        s(sti, f"en {hva} har enten helsefellesskap eller kommune, ikke begge")
    if r["helsefellesskap"] is not None and r["helsefellesskap"] not in kjent.hf_slugger:
        s(f"{sti}.helsefellesskap", f'ukjent helsefellesskap "{r["helsefellesskap"]}"')
    if r["kommune"] is not None and r["kommune"] not in kjent.kommune_hf:
        s(f"{sti}.kommune", f'ukjent kommunenummer "{r["kommune"]}"')
    if not kjent.full and omfang == Omfang.FELLES:
        s(sti, f"en helsefellesskap-bundle kan ikke inneholde {felles_hva}")


def _valider_versjoner(s, t, sti, kjent):
    """A text's versions, numbered 1, 2, 3 … Returns the cleaned rows and {nummer: status}."""
    ut = []
    nummer_status = {}
    for j, v in enumerate(s.liste(t["versjoner"], f"{sti}.versjoner")):
        vsti = f"{sti}.versjoner[{j}]"
        vrad = s.rad(Tekstversjon, v, vsti, VERSJON_FELT)
        if not vrad or not s.objekt(v, vsti, ["forrige", "felles_grunnlag", *BRUKARFELT]):
            continue
        if vrad["nummer"] is not None and vrad["nummer"] != j + 1:
            s(
                f"{vsti}.nummer",
                f"versjonsnumrene skal gå 1, 2, 3 … uten hull: ventet {j + 1}, fant {vrad['nummer']}",
            )
        nummer_status[j + 1] = vrad["status"]
        forrige = v["forrige"]
        if forrige is not None and (
            not isinstance(forrige, int) or isinstance(forrige, bool) or not 1 <= forrige <= j
        ):
            s(f"{vsti}.forrige", f"forrige versjon {forrige!r} finnes ikke før versjon {j + 1}")
        g = _valider_versjonsgrunnlag(s, v["felles_grunnlag"], f"{vsti}.felles_grunnlag", t, kjent)
        _valider_versjonsbrukere(s, v, vsti, kjent)
        vrad.update(forrige=forrige, felles_grunnlag=g, **{f: v[f] for f in BRUKARFELT})
        ut.append(vrad)
    return ut, nummer_status


def _valider_versjonsgrunnlag(s, g, sti, t, kjent):
    """The felles version a variant's version builds on (None if it names none, or not as an
    object); a helsefellesskap bundle must list it in its felles_grunnlag."""
    if g is None or not s.objekt(g, sti, ["tekst", "nummer"]):
        return None
    if Omfang.av_eiere(t["helsefellesskap"], t["kommune"]) == Omfang.FELLES:
        s(sti, "felles tekst bygger ikke på en annen felles tekst")
    elif not _er_felles(Tekstnokkel.les(g["tekst"])):
        s(sti, f'"{g["tekst"]}" er ikke en felles tekst')
    elif not kjent.full and (g["tekst"], g["nummer"]) not in kjent.felles_her:
        s(sti, f"{g['tekst']} v{g['nummer']} står ikke i felles_grunnlag")
    return g


def _valider_versjonsbrukere(s, v, vsti, kjent):
    """The users a version names: a username or nothing."""
    for felt in BRUKARFELT:
        if v[felt] is not None:
            _brukernavn(s, v[felt], f"{vsti}.{felt}", kjent, "skal være et brukernavn eller null")


def _brukernavn(s, navn, sted, kjent, ellers="skal være et brukernavn"):
    """A username as the user model takes it (length, characters), known from here on."""
    if not isinstance(navn, str) or not navn:
        s(sted, ellers)
        return
    try:
        get_user_model()._meta.get_field(get_user_model().USERNAME_FIELD).clean(navn, None)
    except ValidationError as e:
        s(sted, "; ".join(e.messages) + f' ("{navn[:60]}")')
        return
    kjent.brukere.add(navn)


def _valider_publisert(s, pub, nummer_status, sti):
    """The version a text publishes has that status, and no other version has it."""
    if pub is not None:
        if nummer_status.get(pub) is None:
            s(f"{sti}.publisert", f"publisert versjon {pub!r} finnes ikke")
        elif nummer_status[pub] != Status.PUBLISERT:
            s(f"{sti}.publisert", f'versjon {pub} er publisert, men har status "{nummer_status[pub]}"')
    andre = [nr for nr, st in nummer_status.items() if st == Status.PUBLISERT and nr != pub]
    if andre:
        s(
            f"{sti}.versjoner[{andre[0] - 1}].status",
            f'status "publisert", men teksten peker på versjon {pub}',
        )
    return pub


def _valider_grunnlag_i_bundlen(s, tekster):
    """felles_grunnlag inside a full bundle: the referenced felles text and version must be in
    it. Named by their place among the texts and versions that passed their checks."""
    versjoner = {t["nokkel"]: len(t["versjoner"]) for t in tekster}
    for i, t in enumerate(tekster):
        for j, v in enumerate(t["versjoner"]):
            g = v["felles_grunnlag"]
            if g is not None and not (
                isinstance(g.get("nummer"), int) and 1 <= g["nummer"] <= versjoner.get(g["tekst"], 0)
            ):
                s(
                    f"tekster[{i}].versjoner[{j}].felles_grunnlag",
                    f"{g['tekst']} v{g.get('nummer')} finnes ikke i bundlen",
                )


def _valider_revisjoner(s, data, kjent):
    """The revisjoner section: review dates of a known forløp in one scope, once each."""
    ut = []
    revisjon_sett = set()
    for i, r in enumerate(s.liste(data["revisjoner"], "revisjoner")):
        sti = f"revisjoner[{i}]"
        rad = s.rad(Revisjon, r, sti, REVISJON_FELT)
        if not rad or not s.objekt(r, sti, ["forlop", "helsefellesskap", "kommune"]):
            continue
        if r["forlop"] not in kjent.forlop:
            s(f"{sti}.forlop", f'ukjent forløp "{r["forlop"]}"')
        _valider_omfang(s, r, sti, kjent, "revisjon", "revisjon av felles tekst")
        eier = (r["forlop"], r["helsefellesskap"], r["kommune"])
        if eier in revisjon_sett:
            s(sti, "revisjonen finnes to ganger")
        revisjon_sett.add(eier)
        ut.append(
            {**rad, "forlop": r["forlop"], "helsefellesskap": r["helsefellesskap"], "kommune": r["kommune"]}
        )
    return ut


def _valider_forslag(s, data, tekster, kjent):
    """The forslag section (full bundles only): proposals to a felles text in the bundle, on
    one of its versions, by a named user."""
    ut = []
    versjoner = {t["nokkel"]: len(t["versjoner"]) for t in tekster}
    for i, f in enumerate(s.liste(data["forslag"], "forslag")):
        sti = f"forslag[{i}]"
        rad = s.rad(Forslag, f, sti, FORSLAG_FELT)
        if not rad or not s.objekt(f, sti, ["tekst", "grunnlag", "laget_av", "behandlet_av"]):
            continue
        if f["tekst"] not in versjoner:
            s(f"{sti}.tekst", f'ukjent tekst "{f["tekst"]}"')
        elif f["grunnlag"] is not None and not (
            isinstance(f["grunnlag"], int) and 1 <= f["grunnlag"] <= versjoner[f["tekst"]]
        ):
            s(f"{sti}.grunnlag", f"versjon {f['grunnlag']!r} finnes ikke")
        _brukernavn(s, f["laget_av"], f"{sti}.laget_av", kjent)
        if f["behandlet_av"] is not None:
            _brukernavn(s, f["behandlet_av"], f"{sti}.behandlet_av", kjent)
        ut.append(
            {
                **rad,
                "tekst": f["tekst"],
                "grunnlag": f["grunnlag"],
                "laget_av": f["laget_av"],
                "behandlet_av": f["behandlet_av"],
            }
        )
    return ut


def _rader(s, data, sti, model, felt, nokkelfelt, hva=""):
    """The rows of a list that pass their field checks, as (place, input, cleaned row), so a
    caller can go on to their nested parts; a `nokkelfelt` value met twice is reported."""
    sett = set()
    for i, d in enumerate(s.liste(data, sti)):
        sted = f"{sti}[{i}]"
        rad = s.rad(model, d, sted, felt)
        if not rad:
            continue
        if rad[nokkelfelt] in sett:
            s(f"{sted}.{nokkelfelt}", f'{hva}"{rad[nokkelfelt]}" finnes to ganger')
        sett.add(rad[nokkelfelt])
        yield sted, d, rad


def _unike(s, data, sti, model, felt, nokkelfelt):
    return [rad for _, _, rad in _rader(s, data, sti, model, felt, nokkelfelt)]


def _unike_verdi(s, rader, sti, felt):
    sett = set()
    for i, r in enumerate(rader):
        if r[felt] in sett:
            s(f"{sti}[{i}].{felt}", f"{r[felt]!r} finnes to ganger")
        sett.add(r[felt])


def _er_felles(nokkel):
    return nokkel is not None and Omfang.av_eiere(nokkel.helsefellesskap, nokkel.kommune) == Omfang.FELLES


def _felles_versjoner(grunnlag):
    """{index: (pk, markdown)} for each entry of a bundle's felles_grunnlag that names a felles
    version this installation has; two queries however many entries."""
    onsket = {}
    for i, g in enumerate(grunnlag):
        if not isinstance(g, dict):
            continue
        nummer = g.get("nummer")
        if (
            _er_felles(Tekstnokkel.les(g.get("tekst")))
            and isinstance(nummer, int)
            and not isinstance(nummer, bool)
        ):
            onsket[i] = (g["tekst"], nummer)
    if not onsket:
        return {}
    tekster = Tekst.objects.felles().filter(
        forlop__slug__in={Tekstnokkel.les(key).plass.forlop for key, _ in onsket.values()},
    )
    tekst_pk = {str(n): pk for pk, n in _tekstnokler(tekster).items()}
    versjoner = {
        (tekst_id, nummer): (pk, markdown)
        for tekst_id, nummer, pk, markdown in Tekstversjon.objects.filter(
            tekst_id__in=tekst_pk.values(), nummer__in={nummer for _, nummer in onsket.values()}
        ).values_list("tekst_id", "nummer", "pk", "markdown")
    }
    return {
        i: versjoner[(tekst_pk[key], nummer)]
        for i, (key, nummer) in onsket.items()
        if (tekst_pk.get(key), nummer) in versjoner
    }


# --- import ------------------------------------------------------------------------------------
class _Provekjoring(Exception):
    pass


def importer(data, dry_run=False):
    """Validates the bundle, then creates its content in one transaction. Returns a summary
    dict (counts). Raises UgyldigBundle, naming every problem, before anything is written; with
    dry_run the import runs and is rolled back, so database constraints are checked too."""
    plan = _valider(data)
    try:
        with transaction.atomic():
            oppsummering = _skriv(plan)
            if dry_run:
                raise _Provekjoring
    except _Provekjoring:
        oppsummering["provekjoring"] = True
    return oppsummering


def _skriv(plan):
    """Writes the plan section by section, each after the rows it refers to; `ider` gathers the
    pk of every row by its key in the bundle as the sections are written."""
    ider = {}
    nye_brukere = _skriv_brukere(plan["brukere"], ider)
    _skriv_katalog(plan, ider)
    tilbud = _skriv_helsefellesskap(plan["helsefellesskap"], ider)
    tekster, versjoner = _skriv_tekster(plan, ider)
    _skriv_revisjoner(plan["revisjoner"], ider)
    _skriv_forslag(plan["forslag"], tekster, plan["tekster"], ider)
    tillegg_skrevet = {d.nokkel: d.skriv(rader) for d, rader in plan["tillegg"]}
    # Bulk writes send no model signals: whatever keeps a copy of the content (the page cache,
    # the search index) hears of them here, once. A bundle may carry felles rows, so felles.
    signaler.send_bulk()
    return {
        "helsefellesskap": len(ider["helsefellesskap"]),
        "kommuner": len(ider["kommune"]),
        "lokale_tilbud": len(tilbud),
        "tekster": len(tekster),
        "versjoner": len(versjoner),
        "revisjoner": len(plan["revisjoner"]),
        "forslag": len(plan["forslag"]),
        **tillegg_skrevet,
        "nye_brukere": nye_brukere,
        "provekjoring": False,
    }


def _skriv_brukere(brukernavn, ider):
    """The users the history names, by username; returns the names new here."""
    User = get_user_model()
    brukere = dict(User.objects.filter(username__in=brukernavn).values_list("username", "pk"))
    nye_brukere = sorted(brukernavn - brukere.keys())
    # Authors unknown here keep their name on the history, as accounts that cannot log in.
    kontoer = [User(username=navn, is_active=False) for navn in nye_brukere]
    for u in kontoer:
        u.set_unusable_password()
    brukere.update((u.username, u.pk) for u in User.objects.bulk_create(kontoer))
    ider["bruker"] = brukere
    return nye_brukere


def _skriv_katalog(plan, ider):
    """Nivå, tjenester, forløp and their placements from a full bundle; a helsefellesskap
    bundle refers to those already here."""
    if plan["full"]:
        Niva.objects.bulk_create(Niva(**rad) for rad in plan["nivaer"])
        Tjeneste.objects.bulk_create(Tjeneste(**rad) for rad in plan["tjenester"])
    ider["niva"] = dict(Niva.objects.values_list("slug", "pk"))
    ider["tjeneste"] = dict(Tjeneste.objects.values_list("slug", "pk"))
    if plan["full"]:
        nye_forlop = Forlop.objects.bulk_create(
            Forlop(**{f: rad[f] for f in FORLOP_FELT}) for rad in plan["forlop"]
        )
        ForlopTjeneste.objects.bulk_create(
            ForlopTjeneste(
                forlop=f,
                tjeneste_id=ider["tjeneste"][p["tjeneste"]],
                niva_id=ider["niva"][p["niva"]],
                rekkefolge=p["rekkefolge"],
            )
            for f, rad in zip(nye_forlop, plan["forlop"], strict=True)
            for p in rad["plasseringer"]
        )
    ider["forlop"] = dict(Forlop.objects.values_list("slug", "pk"))


def _skriv_helsefellesskap(rader, ider):
    """Helsefellesskap, their kommunar and the kommunar's local offers; returns the offers."""
    nye_hf = Helsefellesskap.objects.bulk_create(
        Helsefellesskap(**{f: rad[f] for f in HF_FELT}) for rad in rader
    )
    ider["helsefellesskap"] = {hf.slug: hf.pk for hf in nye_hf}
    kommunerader = [(hf, krad) for hf, rad in zip(nye_hf, rader, strict=True) for krad in rad["kommuner"]]
    ider["kommune"] = {
        k.nummer: k.pk
        for k in Kommune.objects.bulk_create(
            Kommune(helsefellesskap=hf, **{f: krad[f] for f in KOMMUNE_FELT}) for hf, krad in kommunerader
        )
    }
    return LokaltTilbud.objects.bulk_create(
        LokaltTilbud(
            kommune_id=ider["kommune"][krad["nummer"]],
            tjeneste_id=ider["tjeneste"][t["tjeneste"]],
            niva_id=ider["niva"][t["niva"]],
            **{f: t[f] for f in TILBUD_FELT},
        )
        for _, krad in kommunerader
        for t in krad["lokale_tilbud"]
    )


def _skriv_tekster(plan, ider):
    """The texts, their versions, the versions' links to each other and to the felles versions
    they build on, and the version each text publishes. Returns the texts and the versions, in
    the plan's order; ider["versjon"] maps (text key, nummer) to a version's pk."""
    forlop, tjenester = ider["forlop"], ider["tjeneste"]
    fellesskap, kommuner = ider["helsefellesskap"], ider["kommune"]
    tekster = Tekst.objects.bulk_create(
        [
            Tekst(
                forlop_id=forlop[t["forlop"]],
                tjeneste_id=tjenester[t["tjeneste"]] if t["tjeneste"] else None,
                tekstdel=t["tekstdel"],
                helsefellesskap_id=fellesskap[t["helsefellesskap"]] if t["helsefellesskap"] else None,
                kommune_id=kommuner[t["kommune"]] if t["kommune"] else None,
                malform=t["malform"],
                er_eksempel=t["er_eksempel"],
            )
            for t in plan["tekster"]
        ],
        batch_size=500,
    )
    versjoner = _skriv_versjoner(tekster, plan["tekster"], ider["bruker"])
    nummererte = [(t["nokkel"], v) for t in plan["tekster"] for v in t["versjoner"]]
    ider["versjon"] = {
        (key, v["nummer"]): obj.pk for (key, v), obj in zip(nummererte, versjoner, strict=True)
    }
    ider["versjon"].update(plan["felles_her"])
    _lenk_versjoner(versjoner, nummererte, ider["versjon"])
    publiserte = []
    for tekst, t in zip(tekster, plan["tekster"], strict=True):
        if t["publisert"] is not None:
            tekst.publisert_id = ider["versjon"][(t["nokkel"], t["publisert"])]
            publiserte.append(tekst)
    Tekst.objects.bulk_update(publiserte, ["publisert"], batch_size=1000)
    return tekster, versjoner


def _skriv_versjoner(tekster, rader, brukere):
    """Every version of the texts, its html rendered once per distinct markdown."""
    html = {}
    nye = []
    for tekst, t in zip(tekster, rader, strict=True):
        for v in t["versjoner"]:
            md = v["markdown"]
            if md not in html:
                html[md] = render(md)
            nye.append(
                Tekstversjon(
                    tekst=tekst,
                    html=html[md],
                    **{f: v[f] for f in VERSJON_FELT},
                    **{f"{f}_id": brukere[v[f]] if v[f] else None for f in BRUKARFELT},
                )
            )
    # `laget` is a default, not auto_now_add, so each version keeps the creation time it carries.
    return Tekstversjon.objects.bulk_create(nye, batch_size=1000)


def _lenk_versjoner(versjoner, nummererte, versjon_pk):
    """Points each version at the one before it and the felles version it builds on, once all
    have a pk."""
    lenker = []
    for obj, (key, v) in zip(versjoner, nummererte, strict=True):
        if v["forrige"] is None and v["felles_grunnlag"] is None:
            continue
        obj.forrige_id = versjon_pk[(key, v["forrige"])] if v["forrige"] else None
        g = v["felles_grunnlag"]
        obj.felles_grunnlag_id = versjon_pk[(g["tekst"], g["nummer"])] if g else None
        lenker.append(obj)
    Tekstversjon.objects.bulk_update(lenker, ["forrige", "felles_grunnlag"], batch_size=1000)


def _skriv_revisjoner(rader, ider):
    forlop, fellesskap, kommuner = ider["forlop"], ider["helsefellesskap"], ider["kommune"]
    Revisjon.objects.bulk_create(
        Revisjon(
            forlop_id=forlop[r["forlop"]],
            helsefellesskap_id=fellesskap[r["helsefellesskap"]] if r["helsefellesskap"] else None,
            kommune_id=kommuner[r["kommune"]] if r["kommune"] else None,
            sist_revidert=r["sist_revidert"],
            neste_revisjon=r["neste_revisjon"],
        )
        for r in rader
    )


def _skriv_forslag(rader, tekster, tekstrader, ider):
    tekst_pk = {t["nokkel"]: obj.pk for obj, t in zip(tekster, tekstrader, strict=True)}
    brukere = ider["bruker"]
    Forslag.objects.bulk_create(
        Forslag(
            tekst_id=tekst_pk[f["tekst"]],
            grunnlag_id=ider["versjon"][(f["tekst"], f["grunnlag"])] if f["grunnlag"] else None,
            markdown=f["markdown"],
            begrunnelse=f["begrunnelse"],
            laget=f["laget"],
            status=f["status"],
            svar=f["svar"],
            behandlet=f["behandlet"],
            laget_av_id=brukere[f["laget_av"]],
            behandlet_av_id=brukere[f["behandlet_av"]] if f["behandlet_av"] else None,
        )
        for f in rader
    )
