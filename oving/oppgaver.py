"""The deletion of an økt, queued when it starts (django.tasks; `manage.py db_worker` runs it
when its time has come), so nobody has to remember. `manage.py slett_gamle_okter` sweeps up
whatever a queue lost."""

from datetime import timedelta

from django.conf import settings
from django.tasks import task

from .models import Okt


@task()
def slett_gamle_okter() -> int:
    """Deletes every økt past BUPKART_OVING_OKT_DAGAR, with its tables and answers."""
    antall, _per_modell = Okt.objects.utlopte().delete()
    return antall


def planlegg_sletting(okt):
    # A second after the økt's time is up, so utlopte() counts it.
    nar = okt.opprettet + timedelta(days=settings.BUPKART_OVING_OKT_DAGAR, seconds=1)
    slett_gamle_okter.using(run_after=nar).enqueue()
