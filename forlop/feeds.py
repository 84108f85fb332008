from django.contrib.syndication.views import Feed
from django.utils.feedgenerator import Atom1Feed

from .endringer import ENDRINGER_I_FEED, beskriv, endringer_for


class EndringerFeed(Feed):
    feed_type = Atom1Feed
    title = "Barn og unges helseteneste – endringar"
    subtitle = "Publiserte endringar i forløpa, nyaste først."
    link = "/endringer/"

    def get_object(self, request):
        return request.GET.get("helsefellesskap") or None

    def items(self, hf_slug):
        return endringer_for(hf_slug)[:ENDRINGER_I_FEED]

    def item_title(self, versjon):
        return beskriv(versjon)

    def item_description(self, versjon):
        return versjon.endringsnotat

    def item_link(self, versjon):
        return f"{versjon.tekst.forlop.get_absolute_url()}#{versjon.tekst.anker}"

    def item_guid(self, versjon):
        return f"bupkart:tekstversjon:{versjon.pk}"

    item_guid_is_permalink = False

    def item_updateddate(self, versjon):
        return versjon.publisert_tid

    def item_pubdate(self, versjon):
        return versjon.publisert_tid
