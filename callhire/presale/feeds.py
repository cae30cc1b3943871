from __future__ import annotations

from django.contrib.syndication.views import Feed
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _

from callhire.base import services
from callhire.base.i18n import content_language
from callhire.base.models import Posting
from callhire.presale import views


class OpenPostingsFeed(Feed):
    feed_type = Atom1Feed

    def title(self) -> str:
        return _("callhire: open contact-center jobs")

    def subtitle(self) -> str:
        return _("Every posting currently open for applications.")

    def link(self) -> str:
        from django.urls import reverse

        return reverse("presale:board")

    def items(self):
        return views.open_postings().order_by("-created")[:100]

    def item_title(self, item: Posting) -> str:
        return f"{item.title} — {item.employer.name}"

    def item_description(self, item: Posting) -> str:
        return services.describe_posting(item, content_language(), "html")

    def item_link(self, item: Posting) -> str:
        return views.posting_url(item)

    def item_pubdate(self, item: Posting):
        return item.created

    def item_updateddate(self, item: Posting):
        return item.updated


def feed(request):
    return views.cache.cached_page(request, lambda: OpenPostingsFeed()(request))
