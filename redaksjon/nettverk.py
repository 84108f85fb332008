"""/nettverk/<helsefellesskap>/: the network of contact persons of a helsefellesskap. Readers
see the public entries; its editors (Tilgang.kan_se_nettverk) see every entry and export the
whole list as CSV or vCard."""

import csv

from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_GET

from tjenester.http import LeserRequest
from tjenester.models import Helsefellesskap, Kontaktperson

from .tilgang import Tilgang

CSV_FELT = ["navn", "rolle", "arbeidsstad", "stad", "telefon", "epost", "offentleg", "sist_stadfesta"]


def _personar(helsefellesskap, alle):
    personar = Kontaktperson.objects.filter(helsefellesskap=helsefellesskap).select_related("kommune")
    return personar if alle else personar.offentlege()


@require_GET
def nettverk(request: LeserRequest, slug: str) -> HttpResponse:
    hf = get_object_or_404(Helsefellesskap, slug=slug)
    redaktor = Tilgang.for_bruker(request.user).kan_se_nettverk(hf)
    grupper = {}
    for person in _personar(hf, alle=redaktor):
        grupper.setdefault(person.stad, []).append(person)
    return render(
        request,
        "redaksjon/nettverk.html",
        {"hf": hf, "grupper": sorted(grupper.items()), "redaktor": redaktor},
    )


def _eksport(request, slug):
    hf = get_object_or_404(Helsefellesskap, slug=slug)
    if not Tilgang.for_bruker(request.user).kan_se_nettverk(hf):
        raise PermissionDenied
    return hf, _personar(hf, alle=True)


def _vern_csv(verdi):
    # A cell a spreadsheet would take for a formula is written as text.
    verdi = str(verdi)
    return f"'{verdi}" if verdi[:1] in ("=", "+", "-", "@") else verdi


@require_GET
def nettverk_csv(request: LeserRequest, slug: str) -> HttpResponse:
    hf, personar = _eksport(request, slug)
    svar = HttpResponse(content_type="text/csv; charset=utf-8")
    svar["Content-Disposition"] = f'attachment; filename="kontaktpersoner-{hf.slug}.csv"'
    skrivar = csv.writer(svar)
    skrivar.writerow(CSV_FELT)
    for p in personar:
        skrivar.writerow([_vern_csv(getattr(p, felt)) for felt in CSV_FELT])
    return svar


def _vcard_tekst(verdi):
    """vCard 3.0 escaping (RFC 2426): backslash, comma, semicolon and line breaks."""
    for teikn, erstatning in (("\\", "\\\\"), (",", "\\,"), (";", "\\;"), ("\r", ""), ("\n", "\\n")):
        verdi = verdi.replace(teikn, erstatning)
    return verdi


def _vcard(p):
    linjer = [
        "BEGIN:VCARD",
        "VERSION:3.0",
        f"FN:{_vcard_tekst(p.navn)}",
        f"N:{_vcard_tekst(p.navn)};;;;",
        f"ORG:{_vcard_tekst(p.arbeidsstad)}",
        f"TITLE:{_vcard_tekst(p.rolle)}",
    ]
    if p.telefon:
        linjer.append(f"TEL;TYPE=WORK,VOICE:{_vcard_tekst(p.telefon)}")
    if p.epost:
        linjer.append(f"EMAIL;TYPE=INTERNET,WORK:{_vcard_tekst(p.epost)}")
    linjer.append("END:VCARD")
    return "\r\n".join(linjer) + "\r\n"


@require_GET
def nettverk_vcard(request: LeserRequest, slug: str) -> HttpResponse:
    hf, personar = _eksport(request, slug)
    svar = HttpResponse("".join(_vcard(p) for p in personar), content_type="text/vcard; charset=utf-8")
    svar["Content-Disposition"] = f'attachment; filename="kontaktpersoner-{hf.slug}.vcf"'
    return svar
