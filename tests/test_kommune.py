from io import StringIO

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.db import IntegrityError

from bupkart.models import Omfangsversjon
from forlop.models import Tekstversjon
from tjenester.models import Kommune, LokaltTilbud, valider_kommunenummer

from . import bygg


@pytest.mark.parametrize("nummer", ["1106", "1506", "0301", "4613", "5501"])
def test_valid_kommunenummer(nummer):
    valider_kommunenummer(nummer)


@pytest.mark.parametrize("nummer", ["", "110", "11060", "abcd", "11 6", "9999", "0000", "2100", 1106])
def test_invalid_kommunenummer(nummer):
    with pytest.raises(ValidationError):
        valider_kommunenummer(nummer)


@pytest.mark.django_db
def test_model_validates_and_keeps_numbers_unique():
    hf = bygg.helsefellesskap()
    with pytest.raises(ValidationError):
        Kommune(nummer="99x9", navn="Feil", helsefellesskap=hf).full_clean()
    with pytest.raises(IntegrityError):
        Kommune.objects.create(nummer="1106", navn="Kopi av Haugesund", helsefellesskap=hf)


@pytest.mark.django_db
def test_load_demo_is_idempotent():
    for_ = Tekstversjon.objects.count()
    oppdatert = sorted(LokaltTilbud.objects.values_list("pk", "oppdatert"))
    kontakt_oppdatert = Kommune.objects.get(nummer="1506").oppdatert
    versjoner = dict(Omfangsversjon.objects.values_list("nokkel", "token"))
    out = StringIO()
    call_command("load_demo", stdout=out)
    assert Tekstversjon.objects.count() == for_
    assert "0 nye tekster, 0 oppdatert" in out.getvalue()
    # Nothing changed, so nothing was written: «sist revidert» of a kommune map stays true.
    assert sorted(LokaltTilbud.objects.values_list("pk", "oppdatert")) == oppdatert
    assert Kommune.objects.get(nummer="1506").oppdatert == kontakt_oppdatert
    assert dict(Omfangsversjon.objects.values_list("nokkel", "token")) == versjoner
