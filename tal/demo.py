"""Synthetic figures (*Døme-tal*) for the demo and the national dataset: 2016–2025 for each
kommune, fixed by its number (and the seed), shaped like the seeds' curve — the refusals fall
and the waiting shortens once the helsefellesskap takes the model into use."""

import random

from .innlesing import Rad, last_inn
from .models import Kommunetall

FRA_AR, TIL_AR = 2016, 2025
KILDE = "Døme-tal: syntetiske tal, ikkje frå NPR"


def _rader(kommune, seed):
    rng = random.Random(f"{seed}-{kommune.nummer}")
    tatt_i_bruk = kommune.helsefellesskap.tatt_i_bruk
    # Without a date the curve still needs a turn: the demo's shape, not a recorded fact.
    start = tatt_i_bruk.year if tatt_i_bruk else 2021
    folketall = int(rng.lognormvariate(7.8, 1.1)) + 40
    rate = rng.uniform(24, 40)
    avslag_for = rng.uniform(0.26, 0.36)
    for ar in range(FRA_AR, TIL_AR + 1):
        etter = max(0, ar - start)
        henvisninger = max(0, round(folketall * rate / 1000 * rng.uniform(0.85, 1.15)))
        andel = max(0.08, avslag_for - 0.025 * etter + rng.uniform(-0.03, 0.03))
        avslag = min(henvisninger, round(henvisninger * andel))
        pasienter = round((henvisninger - avslag) * rng.uniform(0.85, 1.0))
        ventetid = round(max(20, 72 - 5 * etter + rng.uniform(-8, 8)))
        yield Rad(
            0,
            kommune.nummer,
            ar,
            Kommunetall.HELE_AARET,
            henvisninger,
            avslag,
            pasienter,
            ventetid,
            folketall,
        )


def lag_demotall(kommuner, seed=0):
    """Figures for every kommune given that has none yet (so a second run adds nothing)."""
    har = set(
        Kommunetall.objects.filter(kommune__in=kommuner).values_list("kommune_id", flat=True).distinct()
    )
    nye = [k for k in kommuner if k.pk not in har]
    if not nye:
        return None
    rader = [r for k in sorted(nye, key=lambda k: k.nummer) for r in _rader(k, seed)]
    return last_inn(rader, {k.nummer: k for k in nye}, kilde=KILDE, demo=True)


def ved_demo(kommuner):
    lag_demotall(kommuner)


def ved_nasjonalt(kommuner, seed):
    lag_demotall(kommuner, seed)
