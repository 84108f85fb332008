"""Målform: bokmål or nynorsk. The active Django language is the målform of the page."""

from django.db import models
from django.utils import translation


class Malform(models.TextChoices):
    BOKMAL = "nb", "bokmål"
    NYNORSK = "nn", "nynorsk"


MALFORMER = tuple(Malform.values)  # ("nb", "nn"): every text and name exists in both


def aktiv_malform():
    return Malform.NYNORSK if translation.get_language() == Malform.NYNORSK else Malform.BOKMAL


def andre(malform):
    return Malform.BOKMAL if malform == Malform.NYNORSK else Malform.NYNORSK


class ToMalformer:
    """For models that keep a field twice, as `<felt>_nb` and `<felt>_nn`: the value in the
    page's målform, else the other one, so a missing translation never shows as a blank."""

    def i_malform(self, felt, malform=None):
        malform = malform or aktiv_malform()
        return getattr(self, f"{felt}_{malform}") or getattr(self, f"{felt}_{andre(malform)}")


class IMalform:
    """A model attribute that reads `<felt>_nb` / `<felt>_nn` in the page's målform:
    `navn = IMalform("navn")` on a ToMalformer model."""

    def __init__(self, felt):
        self.felt = felt

    def __get__(self, obj, owner=None):
        return self if obj is None else obj.i_malform(self.felt)
