"""What apps above utveksling add to the demo content, the national dataset and the bundles
(tal adds synthetic figures, oving its cases and their bundle section). utveksling cannot
import them, so they register here from their AppConfig.ready(), and load_demo,
generate_national and the bundle call every registered function inside their own transaction."""

from collections.abc import Callable
from dataclasses import dataclass

_demo: list[Callable] = []
_nasjonalt: list[Callable] = []


def ved_demo(funksjon: Callable) -> None:
    """funksjon(kommuner) runs at the end of load_demo with the demo content's kommunar."""
    if funksjon not in _demo:
        _demo.append(funksjon)


def ved_nasjonalt(funksjon: Callable) -> None:
    """funksjon(kommuner, seed) runs at the end of generate_national with every kommune."""
    if funksjon not in _nasjonalt:
        _nasjonalt.append(funksjon)


def kjor_demo(kommuner):
    for funksjon in _demo:
        funksjon(kommuner)


def kjor_nasjonalt(kommuner, seed):
    for funksjon in _nasjonalt:
        funksjon(kommuner, seed)


@dataclass(frozen=True)
class Bundledel:
    """A section of the bundle an app above owns.
    nokkel: the section's key in the bundle.
    eksporter(hf): its rows, for all content (hf None) or one Helsefellesskap's.
    valider(sjekk, rader, sti, kjent): the cleaned rows; names every problem with sjekk(sti,
    melding). kjent says what the bundle and the database make known (bundle._Kjent: slugs of
    forløp, tjenester and helsefellesskap, kommunenummer, and the helsefellesskap it is limited to).
    skriv(rader): writes them, after everything they refer to; returns how many."""

    nokkel: str
    eksporter: Callable
    valider: Callable
    skriv: Callable


_bundledeler: list[Bundledel] = []


def registrer(del_: Bundledel):
    if all(d.nokkel != del_.nokkel for d in _bundledeler):
        _bundledeler.append(del_)


def bundledeler():
    return list(_bundledeler)
