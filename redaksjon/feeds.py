from urllib.parse import urljoin

from django.contrib.syndication.views import Feed
from django.shortcuts import get_object_or_404
from django.utils import translation
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _

from bupkart.malform import aktiv_malform
from tjenester.models import Helsefellesskap

from .endringer import ENDRINGER_I_FEED, Endringer, HoyringOppforing, beskriv, opne_hoyringar


class EndringerAtom(Atom1Feed):
    """Atom with each entry in its own målform (xml:lang) and the editor's note as plain text:
    a note is typed, never markup, so a feed reader must not render one (`<img onerror=…>`)."""

    def item_attributes(self, item):
        return {**super().item_attributes(item), "xml:lang": item["malform"]}

    def add_item_elements(self, handler, item):
        super().add_item_elements(handler, item)
        # A publication that followed a høyring links to its public summary: as a related link,
        # and written out after the note, since the note is plain text.
        hoyringar = [(tittel, urljoin(item["link"], sti)) for tittel, sti in item["hoyringar"]]
        for tittel, lenke in hoyringar:
            handler.addQuickElement("link", "", {"rel": "related", "href": lenke, "title": tittel})
        notat = "\n".join([item["notat"], *(f"{tittel}: {lenke}" for tittel, lenke in hoyringar)]).strip()
        if notat:
            handler.addQuickElement("summary", notat, {"type": "text"})


class EndringerFeed(Feed):
    feed_type = EndringerAtom
    link = "/endringer/"

    def get_object(self, request):
        slug = request.GET.get("helsefellesskap")
        return get_object_or_404(Helsefellesskap, slug=slug) if slug else None

    def get_feed(self, obj, request):
        # A helsefellesskap's feed speaks its målform; the national one the reader's.
        with translation.override(obj.malform if obj else aktiv_malform()):
            return super().get_feed(obj, request)

    def title(self):
        return f"{_('Barn og unges helsetjeneste')} – {_('Endringer').lower()}"

    def subtitle(self):
        return _(
            "Publiserte endringer i forløpene, nyeste først. Hver endring har et notat om hva som er endret og hvorfor."
        )

    def items(self, helsefellesskap):
        # The open høyringar first: they ask something of the reader before their deadline.
        hoyringar = [
            HoyringOppforing(h) for h in opne_hoyringar(helsefellesskap.slug if helsefellesskap else None)
        ]
        return hoyringar + list(Endringer(helsefellesskap)[:ENDRINGER_I_FEED])

    def item_title(self, endring):
        with translation.override(endring.malform):
            return beskriv(endring)

    def item_description(self, endring):
        return None  # the note goes out as plain text (EndringerAtom), never as html

    def item_extra_kwargs(self, endring):
        with translation.override(endring.malform):
            hoyringar = [
                (_("Etter høringen «%(tittel)s»") % {"tittel": h.tittel}, h.get_absolute_url())
                for h in endring.hoyringar
            ]
        return {"malform": endring.malform, "notat": endring.notat, "hoyringar": hoyringar}

    def item_link(self, endring):
        return endring.lenke

    def item_guid(self, endring):
        return endring.guid

    item_guid_is_permalink = False

    def item_updateddate(self, endring):
        return endring.tid

    def item_pubdate(self, endring):
        return endring.tid
