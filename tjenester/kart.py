"""The parts of a kommune's map that apps above tjenester contribute (the forløp in the kommune's
context today; figures and contact persons later). tjenester cannot import them, so they
register here from their AppConfig.ready(), and the map includes each part's template with the
context its function gives."""

from collections.abc import Callable
from dataclasses import dataclass

from django.http import HttpRequest
from django.urls import Resolver404, resolve

from .models import Kommune


@dataclass(frozen=True)
class Kartdel:
    mal: str
    kontekst: Callable[[HttpRequest, Kommune], dict]
    rekkefolge: int = 100


_deler: list[Kartdel] = []


def registrer(del_: Kartdel):
    if del_ not in _deler:
        _deler.append(del_)
        _deler.sort(key=lambda d: d.rekkefolge)


def deler(request, kommune):
    """The registered parts, in order, each as {"mal": template, **its context}."""
    return [{"mal": d.mal, **d.kontekst(request, kommune)} for d in _deler]


def kommunenummer_i_adresse(sti):
    """The kommunenummer of a kommune map's path (/kommune/1106/), else None: the one place
    that knows what a kommune page's address looks like, for whoever must recognise one."""
    try:
        treff = resolve(sti)
    except Resolver404:
        return None
    return treff.kwargs["nummer"] if treff.view_name == "tjenester:kommune" else None
