"""A case as one row: what a Kasusversjon keeps, what the bundle carries (section «kasus»,
registered with utveksling.tillegg) and what the demo fixture (fixtures/oving/kasus.yaml) is
written in. Services, forløp and scopes by slug and kommunenummer, never by id."""

from django.db import transaction

from forlop.models import SEKSJONER, Forlop, Status
from tjenester.models import Helsefellesskap, Kommune, Tjeneste
from tjenester.omfang import Omfang

from .models import Kasus, KasusStatus, Kasusversjon, Steg

KASUS_FELT = ["slug", "tittel_nb", "tittel_nn", "fornavn", "alder", "situasjon_nb", "situasjon_nn", "status"]
STEG_FELT = ["nummer", "hending_nb", "hending_nn"]
SEKSJONSVERDIER = [s.value for s in SEKSJONER]


def rad(kasus):
    """The case as a plain dict (its steps read through prefetch when given)."""
    return {
        **{f: getattr(kasus, f) for f in KASUS_FELT},
        "forlop": kasus.forlop.slug,
        "helsefellesskap": kasus.helsefellesskap.slug if kasus.helsefellesskap_id else None,
        "kommune": kasus.kommune.nummer if kasus.kommune_id else None,
        "steg": [
            {
                **{f: getattr(s, f) for f in STEG_FELT},
                "tjenester": sorted(t.slug for t in s.tjenester.all()),
                "seksjoner": [d for d in SEKSJONSVERDIER if d in s.seksjoner],
            }
            for s in kasus.steg.all()
        ],
    }


def normalisert(r):
    """A row as rad() writes it: services sorted, seksjonar in page order."""
    steg = [
        {
            **s,
            "tjenester": sorted(s["tjenester"]),
            "seksjoner": [d for d in SEKSJONSVERDIER if d in s["seksjoner"]],
        }
        for s in r["steg"]
    ]
    return {**r, "steg": steg}


def eksporter(hf=None):
    # A working copy is a draft: it stays with the editors, out of every bundle.
    kasus = (
        Kasus.objects.originaler()
        .select_related("forlop", "helsefellesskap", "kommune")
        .prefetch_related("steg__tjenester")
    )
    kasus = kasus.under(hf) if hf is not None else kasus
    return [rad(k) for k in kasus.order_by("slug")]


def _sjekk_omfang(sjekk, r, sti, kjent):
    omfang = Omfang.av_eiere(r.get("helsefellesskap"), r.get("kommune"))
    if omfang is None:
        sjekk(sti, "et kasus har ett omfang: helsefellesskap eller kommune, ikke begge")
    elif omfang == Omfang.HELSEFELLESSKAP and r["helsefellesskap"] not in kjent.hf_slugger:
        sjekk(f"{sti}.helsefellesskap", f'ukjent helsefellesskap "{r["helsefellesskap"]}"')
    elif omfang == Omfang.KOMMUNE and r["kommune"] not in kjent.kommune_hf:
        sjekk(f"{sti}.kommune", f'ukjent kommune "{r["kommune"]}"')
    elif not kjent.full:
        # A helsefellesskap's bundle carries its own cases only.
        eier = r["helsefellesskap"] or kjent.kommune_hf.get(r["kommune"])
        if eier != kjent.hf_slug:
            sjekk(sti, f'kasuset hører ikke til helsefellesskapet "{kjent.hf_slug}"')


def _sjekk_steg(sjekk, steg, sti, kjent):
    nummer = []
    for j, s in enumerate(sjekk.liste(steg, sti)):
        ssti = f"{sti}[{j}]"
        if not sjekk.rad(Steg, s, ssti, STEG_FELT):
            continue
        nummer.append(s["nummer"])
        for t in sjekk.liste(s.get("tjenester"), f"{ssti}.tjenester"):
            if t not in kjent.tjenester:
                sjekk(f"{ssti}.tjenester", f'ukjent tjeneste "{t}"')
        for d in sjekk.liste(s.get("seksjoner"), f"{ssti}.seksjoner"):
            if d not in SEKSJONSVERDIER:
                sjekk(f"{ssti}.seksjoner", f'ukjent seksjon "{d}"')
    if sorted(nummer) != list(range(1, len(nummer) + 1)):
        sjekk(sti, "stegene skal være nummerert 1, 2, 3 … uten hull")


def valider(sjekk, rader, sti, kjent):
    """Every problem of the section, by place; the rows to write. Import only creates: a case
    whose slug is taken here is refused."""
    rader = sjekk.liste(rader, sti)
    # A bundle without cases costs no query.
    her = set(Kasus.objects.values_list("slug", flat=True)) if rader else set()
    sett, ut = set(), []
    for i, r in enumerate(rader):
        rsti = f"{sti}[{i}]"
        if not sjekk.rad(Kasus, r, rsti, KASUS_FELT) or not sjekk.objekt(r, rsti, ["forlop", "steg"]):
            continue
        if r["slug"] in her or r["slug"] in sett:
            sjekk(f"{rsti}.slug", f'kasuset "{r["slug"]}" finnes allerede')
        sett.add(r["slug"])
        if r["forlop"] not in kjent.forlop:
            sjekk(f"{rsti}.forlop", f'ukjent forløp "{r["forlop"]}"')
        _sjekk_omfang(sjekk, r, rsti, kjent)
        _sjekk_steg(sjekk, r["steg"], f"{rsti}.steg", kjent)
        ut.append(r)
    return ut


def skriv_en(r, kasus=None, av=None):
    """Creates the case a row describes, or (with kasus) makes the case what the row says; a new
    version is recorded either way. One transaction."""
    with transaction.atomic():
        kasus = skriv_innhold(r, kasus or Kasus(slug=r["slug"]))
        ny_versjon(kasus, av)
    return kasus


def skriv_innhold(r, kasus):
    """Makes the case what the row says, without a version. Steps keep their rows by number, so
    the answers of an økt running on the case stay with the steps they were given to."""
    forlop = Forlop.objects.get(slug=r["forlop"])
    hf = Helsefellesskap.objects.get(slug=r["helsefellesskap"]) if r.get("helsefellesskap") else None
    kommune = Kommune.objects.get(nummer=r["kommune"]) if r.get("kommune") else None
    tjenester = dict(Tjeneste.objects.values_list("slug", "pk"))
    with transaction.atomic():
        for f in KASUS_FELT:
            setattr(kasus, f, r[f])
        kasus.forlop, kasus.helsefellesskap, kasus.kommune = forlop, hf, kommune
        kasus.save()
        kasus.steg.exclude(nummer__in=[s["nummer"] for s in r["steg"]]).delete()
        for s in r["steg"]:
            steg, _ny = Steg.objects.update_or_create(
                kasus=kasus,
                nummer=s["nummer"],
                defaults={"seksjoner": s["seksjoner"], **{f: s[f] for f in STEG_FELT}},
            )
            steg.tjenester.set([tjenester[t] for t in s["tjenester"]])
    return kasus


def ny_versjon(kasus, av, status=None):
    """Records the case as it is now as its next version (and, given, its new status). A new
    publication supersedes the ones before it."""
    with transaction.atomic():
        kasus = Kasus.objects.select_for_update().get(pk=kasus.pk)
        kasus.versjon += 1
        if status is not None:
            kasus.status = status
        kasus.save(update_fields=["versjon", "status"])
        if kasus.status == KasusStatus.PUBLISERT:
            kasus.versjoner.filter(status=Status.PUBLISERT).update(status=Status.ERSTATTET)
        Kasusversjon.objects.create(
            kasus=kasus, nummer=kasus.versjon, innhold=rad(kasus), status=kasus.status, laget_av=av
        )
    return kasus


def skriv(rader):
    for r in rader:
        skriv_en(r)
    return len(rader)
