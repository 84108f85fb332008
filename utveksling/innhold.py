"""Reading and checking the demo content in fixtures/ (YAML written by people, so every
mistake is reported with the file and the place, before anything touches the database)."""

import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml
from django.conf import settings
from django.template.loader import get_template

from bupkart.fnr import inneholder_fodselsnummer
from bupkart.lix import lix
from bupkart.malform import MALFORMER
from forlop.familie import ETTER_NEI
from forlop.models import FAMILIEDELER, SEKSJONER
from tjenester import akutt

FIXTURES = Path(settings.BASE_DIR) / "fixtures"
LIX_GRENSE = 40
PAKREVDE_TJENESTER = {"fastlege", "helsestasjon", "ppt", "barnevern", "psykisk-helse-kommune", "bup"}
FAMILIENOKLER = {d.value: d.value.removeprefix("familie-") for d in FAMILIEDELER}
# Text kept as templates, one per målform (no forløp of its own to hang a text on): all are read
# for the facts sjekk_fakta knows, and the family ones are held to LIX 40.
FAMILIEMALER = [
    mal
    for mf in MALFORMER
    for mal in (ETTER_NEI.format(malform=mf), akutt.MAL.format(side="familie", malform=mf))
]
MALER = [*FAMILIEMALER, *(akutt.MAL.format(side="fagfolk", malform=mf) for mf in MALFORMER)]
TEMPLATEKODE = re.compile(r"\{#.*?#\}|\{%.*?%\}|\{\{.*?\}\}", re.DOTALL)
INLINE = re.compile(r"</?(?:a|strong|em|span)\b[^>]*>")
TAGG = re.compile(r"<[^>]+>")

# Facts a reader acts on, checked wherever they are written. Danger from a person is a matter for
# the police (112); 113 is the medical emergency number.
SETNING = re.compile(r"(?<=[.!?])\s+|\n+")
FARE_FRA_PERSON = re.compile(
    r"\b(noen|nokon)\b[^.!?]*\bskad|\bv[oa]ld|overgrep|mishandl|\bslår\b|\btru(er|gar)\b",
    re.IGNORECASE,
)
# Barnelova § 31 and pasient- og brukerrettighetsloven § 4-4: every child able to form a view is
# heard; 7 is the age from which the child always shall be, not the age hearing starts.
FRA_SJU_AR = re.compile(r"[^.!?\n]*\b(fra|frå) (7|sju) år\b[^.!?\n]*", re.IGNORECASE)
HORES = re.compile(r"hør|høyr|mening|meining", re.IGNORECASE)
YNGRE = re.compile(r"yngre|yngste", re.IGNORECASE)
# Numbers a family page must give, because the service they reach is open at any hour.
FAMILIESIDE_NUMMER = {"vold-overgrep-omsorgssvikt": ("112", "116 111")}
# Common words that exist in only one of the two written standards: one of them in the other's
# text is a slip between målformer, not a choice within one. Names of programmes and documents
# keep their own spelling (Tankevirus Skole, Jeg vet, an italic title), so capitalised words and
# *italics* are not read; a slip at the start of a sentence is left to the editor.
BARE_NB = frozenset(
    "ikke jeg hva hvem hvor hvordan noe noen skole skolen mye hjemme fra hun selv alene mer ble tjeneste "
    "tjenesten helsesykepleier helsesykepleieren henvisning utredning".split()
)
BARE_NN = frozenset(
    "ikkje eg kva korleis noko nokon skule skulen mykje heime frå ho sjølv åleine veke veker meir dei ein "
    "eit teneste tenesta helsesjukepleiar helsesjukepleiaren tilvising utgreiing".split()
)
KURSIV = re.compile(r"\*[^*\n]+\*")
SMAORD = re.compile(r"\b[a-zæøå]+\b")


@dataclass
class Rapport:
    feil: list = field(default_factory=list)
    merknader: list = field(default_factory=list)

    def __bool__(self):
        return not self.feil


def les_yaml(navn):
    with open(FIXTURES / navn, encoding="utf-8") as fil:
        return yaml.safe_load(fil)


def katalog():
    tjenester = {t["slug"] for t in les_yaml("tjenester.yaml")}
    nivaer = {n["slug"] for n in les_yaml("nivaer.yaml")}
    return tjenester, nivaer


def _to_malformer(verdi, sted, rapport, familie=False, like_lov=False):
    if not isinstance(verdi, dict) or set(verdi) != set(MALFORMER):
        rapport.feil.append(f"{sted}: trenger nøyaktig nb og nn")
        return
    for mf in MALFORMER:
        if not isinstance(verdi[mf], str) or not verdi[mf].strip():
            rapport.feil.append(f"{sted}.{mf}: tom tekst")
    if not like_lov and verdi["nb"].strip() == verdi["nn"].strip():
        rapport.feil.append(f"{sted}: nb og nn er like")
    if familie:
        for mf in MALFORMER:
            if (score := lix(verdi[mf])) > LIX_GRENSE:
                rapport.feil.append(f"{sted}.{mf}: LIX {score} er over {LIX_GRENSE}")


def sjekk_forlop(data, filnavn, tjenester, nivaer):
    rapport = Rapport()
    for nokkel in (
        "slug",
        "rekkefolge",
        "tittel",
        "ingress",
        "bakgrunn",
        "tjenester",
        "sjekkliste",
        "familie",
    ):
        if nokkel not in data:
            rapport.feil.append(f"{filnavn}: mangler {nokkel}")
    if rapport.feil:
        return rapport
    if Path(filnavn).stem != data["slug"]:
        rapport.feil.append(f"{filnavn}: slug {data['slug']} passer ikke med filnavnet")
    # A forløp's name may be the same word in both (the model's «Angst og bekymring»).
    _to_malformer(data["tittel"], f"{filnavn}:tittel", rapport, like_lov=True)
    for nokkel in ("ingress", "bakgrunn", "sjekkliste"):
        _to_malformer(data[nokkel], f"{filnavn}:{nokkel}", rapport)
    familie = data["familie"] or {}
    for kort in FAMILIENOKLER.values():
        _to_malformer(familie.get(kort), f"{filnavn}:familie.{kort}", rapport, familie=True)
    brukte = _sjekk_plasseringer(data["tjenester"] or [], filnavn, tjenester, nivaer, rapport)
    _sjekk_tjenestedekning(brukte, filnavn, rapport)
    for sted, tekst in _tekster(data, filnavn):
        sjekk_fakta(tekst, sted, rapport)
        sjekk_malform(tekst, sted.rsplit(".", 1)[-1], sted, rapport)
    _sjekk_familienummer(data, familie, filnavn, rapport)
    return rapport


def _tekster(data, filnavn):
    """Every text of a forløp file with its place, for the checks that read the words."""
    deler = [(nokkel, data[nokkel]) for nokkel in ("tittel", "ingress", "bakgrunn", "sjekkliste")]
    deler += [(f"familie.{kort}", tekst) for kort, tekst in (data["familie"] or {}).items()]
    for i, plass in enumerate(data["tjenester"] or []):
        for seksjon, tekst in (plass.get("seksjonar") or {}).items():
            deler.append((f"tjenester[{i}] ({plass.get('tjeneste')}).{seksjon}", tekst))
    for del_, verdi in deler:
        for mf, tekst in (verdi if isinstance(verdi, dict) else {}).items():
            if isinstance(tekst, str):
                yield f"{filnavn}:{del_}.{mf}", tekst


def sjekk_fakta(tekst, sted, rapport):
    """The wrong number for danger from a person, and the right to be heard told as starting at 7."""
    for avsnitt in re.split(r"\n\s*\n", tekst):
        setninger = SETNING.split(avsnitt)
        for i, setning in enumerate(setninger):
            vindu = " ".join(setninger[max(i - 1, 0) : i + 1])
            if re.search(r"\b113\b", setning) and FARE_FRA_PERSON.search(vindu) and "112" not in vindu:
                rapport.feil.append(f"{sted}: 113 ved fare fra en person; det er politiet på 112")
        sju = [m.group(0) for m in FRA_SJU_AR.finditer(avsnitt) if HORES.search(m.group(0))]
        if sju and not YNGRE.search(avsnitt):
            rapport.feil.append(f"{sted}: «{sju[0].strip()}» uten de yngre barna som kan si sin mening")


def sjekk_malform(tekst, malform, sted, rapport):
    """Words of the other målform in a text meant to be all bokmål or all nynorsk."""
    fremmede = BARE_NN if malform == "nb" else BARE_NB
    if funne := sorted(set(SMAORD.findall(KURSIV.sub("", tekst))) & fremmede):
        rapport.feil.append(
            f"{sted}: {', '.join(funne)} er ikke {'bokmål' if malform == 'nb' else 'nynorsk'}"
        )


def sjekk_kasus(data, filnavn="oving/kasus.yaml"):
    """The øving cases: every bokmål and nynorsk text in its own målform, with the same facts
    as a forløp text, and no fødselsnummer in a case meant to be made up."""
    rapport = Rapport()
    for tekst, sted in _strengar(data, ""):
        plass = f"{filnavn}: {sted.lstrip('.')}"
        if inneholder_fodselsnummer(tekst):
            rapport.feil.append(f"{plass}: inneholder et fødselsnummer")
        if (malform := sted.rsplit("_", 1)[-1]) in MALFORMER:
            sjekk_malform(tekst, malform, plass, rapport)
            sjekk_fakta(tekst, plass, rapport)
    return rapport


def _sjekk_familienummer(data, familie, filnavn, rapport):
    for nummer in FAMILIESIDE_NUMMER.get(data["slug"], ()):
        for mf in MALFORMER:
            tekst = " ".join(str((familie.get(kort) or {}).get(mf, "")) for kort in FAMILIENOKLER.values())
            if nummer not in tekst:
                rapport.feil.append(f"{filnavn}:familie.{mf}: mangler {nummer} på familiesiden")


def _sjekk_plasseringer(plasseringer, filnavn, tjenester, nivaer, rapport):
    """Each service placed in the forløp: known, on a known nivå, once, answering every seksjon
    in both målformer. Returns the services' slugs in the file's order."""
    brukte = []
    for i, plass in enumerate(plasseringer):
        sted = f"{filnavn}:tjenester[{i}]"
        slug = plass.get("tjeneste")
        if slug not in tjenester:
            rapport.feil.append(f"{sted}: ukjent tjeneste {slug!r}")
        if plass.get("niva") not in nivaer:
            rapport.feil.append(f"{sted}: ukjent nivå {plass.get('niva')!r}")
        if slug in brukte:
            rapport.feil.append(f"{sted}: {slug} står to ganger")
        brukte.append(slug)
        seksjoner = plass.get("seksjonar") or {}
        if set(seksjoner) != {s.value for s in SEKSJONER}:
            rapport.feil.append(
                f"{sted} ({slug}): seksjonene må være nøyaktig {[s.value for s in SEKSJONER]}"
            )
        for seksjon, tekst in seksjoner.items():
            _to_malformer(tekst, f"{sted} ({slug}).{seksjon}", rapport)
    return brukte


def _sjekk_tjenestedekning(brukte, filnavn, rapport):
    """A forløp needs enough services, the core ones, and barnehage or skule."""
    if len(brukte) < 8:
        rapport.feil.append(f"{filnavn}: bare {len(brukte)} tjenester, trenger minst 8")
    if mangler := PAKREVDE_TJENESTER - set(brukte):
        rapport.feil.append(f"{filnavn}: mangler {sorted(mangler)}")
    if not {"barnehage", "skole"} & set(brukte):
        rapport.feil.append(f"{filnavn}: trenger barnehage og/eller skole")


def maltekst(navn):
    """The words of a template as its reader sees them: no template code and no markup; a block
    element ends a sentence as a paragraph or a list item does in markdown."""
    kilde = Path(get_template(navn).origin.name).read_text(encoding="utf-8")
    return TAGG.sub("\n", INLINE.sub("", TEMPLATEKODE.sub(" ", kilde)))


def sjekk_maler(maler=MALER):
    rapport = Rapport()
    for navn in maler:
        tekst = maltekst(navn)
        sjekk_fakta(tekst, f"templates/{navn}", rapport)
        if navn in FAMILIEMALER and (score := lix(tekst)) > LIX_GRENSE:
            rapport.feil.append(f"templates/{navn}: LIX {score} er over {LIX_GRENSE}")
    return rapport


def forlopsfiler():
    return sorted((FIXTURES / "forlop").glob("*.yaml"))


def _strengar(verdi, sted):
    """Every string of a YAML value, each with its place."""
    if isinstance(verdi, dict):
        for k, v in verdi.items():
            yield from _strengar(v, f"{sted}.{k}")
    elif isinstance(verdi, list):
        for i, v in enumerate(verdi):
            yield from _strengar(v, f"{sted}[{i}]")
    elif isinstance(verdi, str):
        yield verdi, sted


def sjekk_samhandling(data, forlop):
    """samhandling.yaml: invented people only (a phone number no subscriber has, an address on
    .example), forløp that exist, and no fødselsnummer anywhere."""
    rapport = Rapport()
    for tekst, sted in _strengar(data, ""):
        if inneholder_fodselsnummer(tekst):
            rapport.feil.append(f"samhandling.yaml: {sted.lstrip('.')}: inneholder et fødselsnummer")
    for i, p in enumerate(data.get("kontaktpersonar", [])):
        sted = f"samhandling.yaml: kontaktpersonar[{i}]"
        if not str(p.get("telefon", "00")).startswith("00"):
            rapport.feil.append(f"{sted}.telefon: et oppdiktet nummer begynner med 00")
        if p.get("epost") and not p["epost"].endswith(".example"):
            rapport.feil.append(f"{sted}.epost: en oppdiktet adresse slutter på .example")
        rapport.feil += [f"{sted}.forlop: ukjent forløp {f}" for f in p.get("forlop", []) if f not in forlop]
    for i, h in enumerate(data.get("hoyringar", [])):
        if h["tekst"]["forlop"] not in forlop:
            rapport.feil.append(
                f"samhandling.yaml: hoyringar[{i}].tekst: ukjent forløp {h['tekst']['forlop']}"
            )
    return rapport


def sjekk_alt():
    tjenester, nivaer = katalog()
    rapport = Rapport()
    rapport.feil += sjekk_samhandling(les_yaml("samhandling.yaml"), {f.stem for f in forlopsfiler()}).feil
    for i, variant in enumerate(les_yaml("varianter.yaml")):
        sjekk_fakta(variant["markdown"], f"varianter.yaml[{i}]", rapport)
    for fil in forlopsfiler():
        del_rapport = sjekk_forlop(
            yaml.safe_load(fil.read_text(encoding="utf-8")), fil.name, tjenester, nivaer
        )
        rapport.feil += del_rapport.feil
        rapport.merknader += del_rapport.merknader
    rapport.feil += sjekk_maler().feil
    rapport.feil += sjekk_kasus(les_yaml("oving/kasus.yaml")).feil
    return rapport
