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

    def item_title(self, endring):
        return beskriv(endring)

    def item_description(self, endring):
        return endring.notat

    def item_link(self, endring):
        return endring.tekst.lenke()

    def item_guid(self, endring):
        return endring.guid

    item_guid_is_permalink = False

    def item_updateddate(self, endring):
        return endring.tid

    def item_pubdate(self, endring):
        return endring.tid
