"""Demo synonyms from fixtures/synonymer.yaml (called by load_demo). Matched on the word, so a
synonym an editor changed in the admin is overwritten only when the fixture changed it."""

from forlop.models import Forlop

from .models import Synonym, Synonymtype


def last_inn(rader):
    forlop = {f.slug: f for f in Forlop.objects.all()}
    for rad in rader or []:
        Synonym.objects.update_or_create(
            ord=rad["ord"].strip(),
            defaults={
                "type": rad.get("type", Synonymtype.MALFORM),
                "synonymer": rad["synonymer"].strip(),
                "forlop": forlop.get(rad.get("forlop")),
            },
        )
