from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from articles.models import Bureau, Topic


class TopicViewSet(SnippetViewSet):
    model = Topic
    icon = "tag"
    menu_label = "Topics"
    list_display = ["name", "slug", "locale", "live"]
    list_filter = ["live"]
    search_fields = ["name"]


class BureauViewSet(SnippetViewSet):
    model = Bureau
    icon = "pick"
    menu_label = "Bureaus"
    list_display = ["name", "short_name", "locale", "live"]
    list_filter = ["live"]
    search_fields = ["name", "short_name"]


class TaxonomyViewSetGroup(SnippetViewSetGroup):
    items = (TopicViewSet, BureauViewSet)
    menu_icon = "folder-open-inverse"
    menu_label = "Topics & bureaus"
    menu_name = "taxonomy"


register_snippet(TaxonomyViewSetGroup)
