"""The guide's demo progress (fixtures/samhandling.yaml), loaded by load_demo through
utveksling.tillegg. A step's row is written only when missing: progress is the redaktørar's
record, and a second run writes nothing."""

from tjenester.models import Helsefellesskap
from utveksling.innhold import les_yaml

from .models import Framdrift


def last(kommuner=None):
    for slug, steg in les_yaml("samhandling.yaml")["framdrift"].items():
        hf = Helsefellesskap.objects.get(slug=slug)
        for s, f in steg.items():
            Framdrift.objects.get_or_create(
                helsefellesskap=hf,
                steg=s,
                defaults={"status": f["status"], "dato": f.get("dato"), "notat": f.get("notat", "")},
            )
