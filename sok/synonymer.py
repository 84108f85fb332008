"""Demo synonyms from fixtures/synonymer.yaml (called by load_demo). Matched on the word, so a
synonym an editor changed in the admin is overwritten only when the fixture changed it. A
synonym is felles content: saving one moves the felles version and retires cached pages, so an
unchanged row is not saved again (load_demo run twice changes nothing)."""

from forlop.models import Forlop

from .models import Synonym, Synonymtype


def last_inn(rader):
    forlop = {f.slug: f for f in Forlop.objects.all()}
    for rad in rader or []:
        onska = {
            "type": rad.get("type", Synonymtype.MALFORM),
            "synonymer": rad["synonymer"].strip(),
            "forlop_id": f.pk if (f := forlop.get(rad.get("forlop"))) else None,
        }
        synonym, ny = Synonym.objects.get_or_create(ord=rad["ord"].strip(), defaults=onska)
        if not ny and any(getattr(synonym, felt) != verdi for felt, verdi in onska.items()):
            for felt, verdi in onska.items():
                setattr(synonym, felt, verdi)
            synonym.save()
