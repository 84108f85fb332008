"""What the request brings that the portal must not trust as it is."""

from urllib.parse import urlsplit

from django.urls import Resolver404, resolve


def lokal_adresse(verdi, *, med_sporring=False):
    """A page of this site named by the request (a `next`, a form's page field): its path (with
    `med_sporring`, and its query) if the value is a local path that names a page here, else
    None. Anything else — another host, a scheme, `//host`, a backslash, `..` — would make an
    open redirect or a link out of a form field."""
    verdi = (verdi or "").strip()
    if not verdi.startswith("/") or verdi.startswith("//") or "\\" in verdi:
        return None
    deler = urlsplit(verdi)
    if deler.scheme or deler.netloc or ".." in deler.path or "//" in deler.path:
        return None
    try:
        resolve(deler.path)
    except Resolver404:
        return None
    return f"{deler.path}?{deler.query}" if med_sporring and deler.query else deler.path
