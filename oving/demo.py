"""The demo cases (fixtures/oving/kasus.yaml), loaded by load_demo through utveksling.tillegg.
Idempotent: a case is written when it is missing, or when the fixture changed and no editor
has saved the case since the loader last did."""

from utveksling.innhold import les_yaml

from . import bundle
from .models import Kasus

FIL = "oving/kasus.yaml"


def last(kommuner=None):
    """Called by load_demo (utveksling.tillegg.ved_demo) with its kommunar; the cases are felles."""
    skrevet = 0
    for r in les_yaml(FIL):
        kasus = (
            Kasus.objects.filter(slug=r["slug"])
            .select_related("forlop", "helsefellesskap", "kommune")
            .first()
        )
        if kasus is None:
            bundle.skriv_en(r)
        elif (
            bundle.rad(kasus) != bundle.normalisert(r)
            and not kasus.versjoner.filter(laget_av__isnull=False).exists()
        ):
            bundle.skriv_en(r, kasus)
        else:
            continue
        skrevet += 1
    return skrevet
