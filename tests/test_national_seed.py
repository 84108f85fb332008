"""manage.py generate_national is deterministic for a seed. Apart from tests/test_national.py,
whose dataset lives for its whole module: this test needs the demo content without it."""

import io
import json

import pytest
from django.core.management import call_command
from django.db import transaction

from forlop.models import Tekst
from utveksling.bundle import eksporter

pytestmark = pytest.mark.django_db

# Set from the clock, not the seed: when the texts were written and when they are due for review.
KLOKKEFELT = {"laget", "publisert_tid", "sist_revidert", "neste_revisjon"}


def _uten_klokke(data):
    if isinstance(data, dict):
        return {k: _uten_klokke(v) for k, v in data.items() if k not in KLOKKEFELT}
    if isinstance(data, list):
        return [_uten_klokke(v) for v in data]
    return data


class _Rull(Exception):
    pass


def _fersk_kjoring(seed):
    """What one run with this seed generates on the demo content, as an export; rolled back."""
    try:
        with transaction.atomic():
            call_command("generate_national", scale="small", seed=seed, stdout=io.StringIO())
            bundle = eksporter()
            raise _Rull
    except _Rull:
        pass
    return json.dumps(_uten_klokke(bundle), sort_keys=True, ensure_ascii=False)


def test_deterministic_for_a_seed():
    forst = _fersk_kjoring(2026)
    assert Tekst.objects.filter(versjoner__endringsnotat__startswith="Generert").count() == 0
    assert _fersk_kjoring(2026) == forst
    assert _fersk_kjoring(7) != forst
