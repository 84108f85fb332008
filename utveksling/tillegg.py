"""Sections of the bundle and of the demo content that apps above utveksling own (the cases of
oving today). utveksling cannot import them, so they register here from their
AppConfig.ready(); the bundle exports, checks and writes each section after its own, and
load_demo loads each part's demo content after the texts."""

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class Bundledel:
    """nokkel: the section's key in the bundle.
    eksporter(hf): its rows, for all content (hf None) or one Helsefellesskap's.
    valider(sjekk, rader, sti, kjent): the cleaned rows; names every problem with sjekk(sti,
    melding). kjent says what the bundle and the database make known (bundle._Kjent: slugs of
    forløp, tjenester and helsefellesskap, kommunenummer, and the helsefellesskap it is limited to).
    skriv(rader): writes them, after everything they refer to; returns how many.
    demo(): loads the part's demo content (idempotent); returns how many rows it wrote."""

    nokkel: str
    eksporter: Callable
    valider: Callable
    skriv: Callable
    demo: Callable | None = None


_deler: list[Bundledel] = []


def registrer(del_: Bundledel):
    if all(d.nokkel != del_.nokkel for d in _deler):
        _deler.append(del_)


def deler():
    return list(_deler)
