"""/forlop/<slug>/henvisning/: the referral checklist. The list is the forløp's `sjekkliste`
text, resolved like every other text (kommune variant → helsefellesskap variant → felles),
shown as checkboxes. A GET form re-renders the page with what is ticked and what is missing;
nothing is sent or stored."""

import hashlib
import re
from html import unescape
from html.parser import HTMLParser

from django.http import HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_GET

from bupkart.markdown import sanitise
from tjenester.http import LeserRequest

from .models import Forlop, Tekstdel, Tekstplass
from .resolution import Kontekst, los


class _Punkter(HTMLParser):
    """Collects the top-level <li> items of the lists in sanitised HTML, each as its inner
    HTML; nested lists stay inside their item. Text outside the lists is kept as notes."""

    def __init__(self):
        super().__init__(convert_charrefs=False)
        self.lister = 0
        self.punkter, self.merknader = [], []
        self._punkt = None
        self._merknad = []

    def _skriv(self, tekst):
        if self._punkt is not None:
            self._punkt.append(tekst)
        elif self.lister == 0:
            self._merknad.append(tekst)

    def handle_starttag(self, tag, attrs):
        if tag in ("ul", "ol"):
            self.lister += 1
            if self.lister == 1:
                self._lukk_merknad()
                return
        if tag == "li" and self.lister == 1 and self._punkt is None:
            self._punkt = []
            return
        self._skriv(self.get_starttag_text())

    def handle_startendtag(self, tag, attrs):
        self._skriv(self.get_starttag_text())

    def handle_endtag(self, tag):
        if tag == "li" and self.lister == 1 and self._punkt is not None:
            self.punkter.append("".join(self._punkt).strip())
            self._punkt = None
            return
        if tag in ("ul", "ol"):
            self.lister = max(0, self.lister - 1)
            if self.lister == 0:
                return
        self._skriv(f"</{tag}>")

    def handle_data(self, data):
        self._skriv(data)

    def handle_entityref(self, name):
        self._skriv(f"&{name};")

    def handle_charref(self, name):
        self._skriv(f"&#{name};")

    def _lukk_merknad(self):
        tekst = "".join(self._merknad).strip()
        if tekst:
            self.merknader.append(tekst)
        self._merknad = []

    def close(self):
        super().close()
        self._lukk_merknad()


def _ren(html):
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", html)).split())


def punkter(html):
    """[(key, item HTML)] and [note HTML] from a checklist's sanitised HTML. The key is a short
    hash of the item's text, so ticks survive a re-render and never point at another item."""
    parser = _Punkter()
    parser.feed(html or "")
    parser.close()
    ut, brukt = [], set()
    for punkt in parser.punkter:
        if not _ren(punkt):
            continue
        nokkel = hashlib.sha256(_ren(punkt).encode()).hexdigest()[:10]
        while nokkel in brukt:
            nokkel = hashlib.sha256(nokkel.encode()).hexdigest()[:10]
        brukt.add(nokkel)
        # The fragment comes from sanitised HTML; sanitising it again makes it whole on its own.
        ut.append({"nokkel": nokkel, "html": mark_safe(sanitise(punkt))})  # noqa: S308
    merknader = [mark_safe(sanitise(m)) for m in parser.merknader]  # noqa: S308
    return ut, merknader


@require_GET
def sjekkliste(request: LeserRequest, slug: str) -> HttpResponse:
    forlop = get_object_or_404(Forlop.objects.published(), slug=slug)
    visning = los(
        Kontekst.fra(request), forlop=forlop, tjeneste__isnull=True, tekstdel=Tekstdel.SJEKKLISTE
    ).get(Tekstplass(forlop.pk, None, Tekstdel.SJEKKLISTE))
    liste, merknader = punkter(visning.html) if visning else ([], [])
    valgt = set(request.GET.getlist("p"))
    for punkt in liste:
        punkt["valgt"] = punkt["nokkel"] in valgt
    return render(
        request,
        "forlop/henvisning.html",
        {
            "forlop": forlop,
            "visning": visning,
            "punkter": liste,
            "merknader": merknader,
            "mangler": [p for p in liste if not p["valgt"]],
            "pa_plass": [p for p in liste if p["valgt"]],
            "sjekket": "p" in request.GET or "vis" in request.GET,
        },
    )
