"""The editors' admin: the admin of every model is registered here, where the access rules are,
so the apps below need no admin of their own. The base classes (base.py) are what sok and
tilbakemelding build theirs on."""

from . import katalog, tekster, tredjepart  # noqa: F401 - registers the admin classes
from .base import ForvalterAdmin, OmfangAdmin

__all__ = ["ForvalterAdmin", "OmfangAdmin"]
