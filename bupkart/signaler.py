"""«Content changed»: the one signal every part that keeps a copy of what readers see listens
to (the page cache here, the search index in sok, and whatever comes later), carrying how far
the change reaches.

A model whose rows readers see inherits `Innhold` and says, in `endring()`, whose readers a
change of that row reaches; a save or delete of such a row sends `innhold_endret` by itself.
Bulk writes (`bulk_create`, `QuerySet.update`) send no model signals: the writer sends
`innhold_endret` once itself, through `send_bulk()`, after its writes and in their transaction.
"""

import threading
from contextlib import contextmanager
from dataclasses import dataclass

from django.apps import apps
from django.db.models.signals import post_delete, post_save
from django.dispatch import Signal

# Sent with sender=the model class (None for a bulk write), endring=Endring, instans=the row
# (None for a bulk write), slettet=bool, and a save's created / update_fields.
innhold_endret = Signal()


@dataclass(frozen=True, slots=True)
class Endring:
    """How far a change reaches: every reader (felles: neither id set), the readers in one
    helsefellesskap's kommunar, or the readers of one kommune."""

    helsefellesskap_id: int | None = None
    kommune_id: int | None = None

    def __post_init__(self):
        if self.helsefellesskap_id is not None and self.kommune_id is not None:
            raise ValueError("An Endring reaches one helsefellesskap or one kommune, not both.")

    @property
    def er_felles(self):
        return self.helsefellesskap_id is None and self.kommune_id is None

    @property
    def nokkel(self):
        """The name of the scope: «felles», «hf:<id>» or «k:<id>»."""
        if self.kommune_id is not None:
            return f"k:{self.kommune_id}"
        if self.helsefellesskap_id is not None:
            return f"hf:{self.helsefellesskap_id}"
        return "felles"


FELLES = Endring()


def nokler_for(kommune):
    """The scopes a reader's page can show, for a reader in this kommune (or none): felles,
    and the kommune's helsefellesskap and the kommune itself."""
    if kommune is None:
        return (FELLES.nokkel,)
    return (
        FELLES.nokkel,
        Endring(helsefellesskap_id=kommune.helsefellesskap_id).nokkel,
        Endring(kommune_id=kommune.pk).nokkel,
    )


class Innhold:
    """For models whose rows readers see. Felles unless the model says otherwise."""

    def endring(self):
        return FELLES


class SporLest:
    """Remembers the fields in SPOR (a row's owner) as read from the database, so endring() can
    tell a row that moved to another scope — whose readers in both scopes must hear of it —
    from one that changed in place."""

    SPOR = ()

    @classmethod
    def from_db(cls, db, field_names, values, **kwargs):
        obj = super().from_db(db, field_names, values, **kwargs)
        obj._lest = {f: getattr(obj, f) for f in cls.SPOR if f in field_names}
        return obj

    def flyttet(self):
        """Whether the row's owner differs from what was read (never for a new row)."""
        lest = getattr(self, "_lest", None)
        return lest is not None and any(getattr(self, f) != v for f, v in lest.items())


_samlere = threading.local()


@contextmanager
def samle_endringer():
    """Collects the Endring of every innhold_endret this thread sends inside the block (a list),
    for a writer that wants to know whether it changed anything."""
    stabel = _samlere.__dict__.setdefault("stabel", [])
    samlet = []
    stabel.append(samlet)
    try:
        yield samlet
    finally:
        stabel.remove(samlet)


def _send(sender, endring, **kwargs):
    for samlet in getattr(_samlere, "stabel", ()):
        samlet.append(endring)
    innhold_endret.send(sender=sender, endring=endring, **kwargs)


def send_bulk(endring=FELLES):
    """For a writer that used bulk_create or update(): one signal for all it wrote."""
    _send(None, endring, instans=None, slettet=False, created=False, update_fields=None)


def _lagret(sender, instance, raw=False, created=False, update_fields=None, **kwargs):
    if not raw:
        _send(
            sender,
            instance.endring(),
            instans=instance,
            slettet=False,
            created=created,
            update_fields=update_fields,
        )


def _slettet(sender, instance, **kwargs):
    _send(sender, instance.endring(), instans=instance, slettet=True, created=False, update_fields=None)


def koble():
    """Connects the saves and deletes of every Innhold model, each by its class: a receiver for
    every sender would also turn Django's fast delete (one DELETE for a whole queryset) into a
    query and a signal per row for models readers never see, such as the search index."""
    for modell in apps.get_models():
        if issubclass(modell, Innhold):
            navn = modell._meta.label_lower
            post_save.connect(_lagret, sender=modell, dispatch_uid=f"bupkart-innhold-lagret-{navn}")
            post_delete.connect(_slettet, sender=modell, dispatch_uid=f"bupkart-innhold-slettet-{navn}")
