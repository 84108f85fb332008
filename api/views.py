from django.http import HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from bupkart.cache import offentlig_side

from .api import api


def _format(parameter):
    """A parameter's format in a word: its pattern, else its type (of the first non-null choice)."""
    skjema = parameter.get("schema", {})
    valg = [s for s in skjema.get("anyOf", [skjema]) if s.get("type") != "null"] or [skjema]
    return valg[0].get("pattern") or valg[0].get("type", "")


def operasjoner(skjema):
    """The schema's operations in the order it lists them: what the documentation page shows."""
    return [
        {
            "metode": metode.upper(),
            "sti": f"/api/v1{sti}",
            "sammendrag": op.get("summary", ""),
            "beskrivelse": op.get("description", ""),
            "parametre": [{**p, "format": _format(p)} for p in op.get("parameters", [])],
            "svar": sorted(op.get("responses", {})),
        }
        for sti, metoder in skjema["paths"].items()
        for metode, op in metoder.items()
    ]


@require_GET
@offentlig_side
def dokumentasjon(request) -> HttpResponse:
    """The API's documentation, built from its own OpenAPI schema: a plain page under the site's
    CSP and design, where ninja's Swagger page would need scripts and inline styles."""
    skjema = api.get_openapi_schema(path_prefix="/api/v1")
    return render(
        request,
        "api/dokumentasjon.html",
        {"api": skjema["info"], "operasjoner": operasjoner({"paths": skjema["paths"]})},
    )
