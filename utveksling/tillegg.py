"""What apps above utveksling add to the demo content and the national dataset (tal adds
synthetic figures). utveksling cannot import them, so they register here from their
AppConfig.ready(), and load_demo and generate_national call every registered function inside
their own transaction."""

from collections.abc import Callable

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
