"""Only live, public, unexpired pages and live snippets are served, by every query and link.

Hidden pages: a draft never published, an unpublished page, a page past its `expire_at` (still
`live` in the database: the expiry job has not run yet), a page with a password restriction and
a page below a login-restricted index. Each has "lychee" in its title; one visible article does
too, so every query below has something to find.
"""

import datetime

import pytest
from django.utils import timezone
from wagtail.models import PageViewRestriction

from articles.models import ArticlePage, Bureau, EventPage, Topic
from tests.helpers import (
    HUACAO,
    JINQIAO,
    article_create,
    community_events_index,
    community_news_index,
    event_create,
    locale,
    topic_link,
    unique,
)

pytestmark = pytest.mark.django_db

ZHANGJIANG = "zhangjiang-town"
HIDDEN_ARTICLES = [
    "hidden-draft",
    "hidden-unpublished",
    "hidden-expired",
    "hidden-private",
    "hidden-behind-login",
]
HIDDEN_EVENTS = [
    "hidden-draft-event",
    "hidden-unpublished-event",
    "hidden-expired-event",
    "hidden-private-event",
]


def _expire(page) -> None:
    past = timezone.now() - datetime.timedelta(hours=1)
    type(page).objects.filter(pk=page.pk).update(expire_at=past)
    page.refresh_from_db()
    assert page.live


def _restrict(page, kind: str = PageViewRestriction.PASSWORD) -> None:
    PageViewRestriction.objects.create(page=page, restriction_type=kind, password="lychee")


def _hide(create, index, slug: str, how: str):
    page = create(
        index, publish=how != "draft", title=f"Lychee {slug.replace('-', ' ')}", slug=slug
    )
    if how == "unpublished":
        page.unpublish()
    elif how == "expired":
        _expire(page)
    elif how == "private":
        _restrict(page)
    return page


@pytest.fixture
def hidden(content) -> dict:
    """The hidden pages by slug, and the visible "lychee-season" article."""
    pages = {}
    news = community_news_index(HUACAO)
    events = community_events_index(HUACAO)
    for how in ["draft", "unpublished", "expired", "private"]:
        pages[f"hidden-{how}"] = _hide(article_create, news, f"hidden-{how}", how)
        slug = f"hidden-{how}-event"
        pages[slug] = _hide(event_create, events, slug, how)
    restricted = community_news_index(ZHANGJIANG)
    pages["hidden-behind-login"] = article_create(
        restricted, publish=True, title="Lychee behind login", slug="hidden-behind-login"
    )
    _restrict(restricted, PageViewRestriction.LOGIN)
    pages["lychee-season"] = article_create(
        news, publish=True, title="Lychee season", slug="lychee-season"
    )
    return pages


ARTICLES = """query($locale: String, $community: String, $search: String) {
  articles(locale: $locale, community: $community, search: $search, first: 100) {
    totalCount edges { node { slug } }
  }
}"""
EVENTS = """query($locale: String, $community: String, $upcoming: Boolean) {
  events(locale: $locale, community: $community, upcoming: $upcoming, first: 100) {
    totalCount edges { node { slug } }
  }
}"""
ARTICLE = """query($slug: String, $id: ID, $locale: String) {
  article(slug: $slug, id: $id, locale: $locale) { slug title }
}"""
EVENT = """query($slug: String, $id: ID, $locale: String) {
  event(slug: $slug, id: $id, locale: $locale) { slug title }
}"""
PAGE = """query($path: String!, $locale: String) {
  page(path: $path, locale: $locale) { __typename slug title }
}"""
SEARCH = """query($query: String!, $locale: String) {
  search(query: $query, locale: $locale, first: 100) { totalCount edges { node { slug } } }
}"""
COMMUNITY = """query($slug: String!, $locale: String) {
  community(slug: $slug, locale: $locale) {
    articles(first: 100) { totalCount edges { node { slug } } }
    events(first: 100) { totalCount edges { node { slug } } }
  }
}"""


def slugs(connection: dict) -> list[str]:
    assert connection["totalCount"] == len(connection["edges"])
    return [edge["node"]["slug"] for edge in connection["edges"]]


@pytest.mark.parametrize("code", ["en", "zh-hans"])
def test_articles_list_only_visible_pages(gql, hidden, code):
    listed = slugs(gql.data(ARTICLES, {"locale": code})["articles"])

    assert "lychee-season" in listed
    assert "new-visa-rules" in listed
    assert not set(listed) & set(HIDDEN_ARTICLES)


def test_articles_of_a_community_list_only_visible_pages(gql, hidden):
    in_huacao = slugs(gql.data(ARTICLES, {"community": HUACAO})["articles"])
    assert "lychee-season" in in_huacao
    assert not set(in_huacao) & set(HIDDEN_ARTICLES)

    assert slugs(gql.data(ARTICLES, {"community": ZHANGJIANG})["articles"]) == []


@pytest.mark.parametrize("code", ["en", "zh-hans"])
def test_events_list_only_visible_pages(gql, hidden, code):
    for upcoming in [None, True, False]:
        listed = slugs(gql.data(EVENTS, {"locale": code, "upcoming": upcoming})["events"])
        assert not set(listed) & set(HIDDEN_EVENTS)
    assert "dumplings" in slugs(gql.data(EVENTS, {"locale": code})["events"])


def test_hidden_articles_are_null_by_slug_and_by_id(gql, hidden):
    for slug in HIDDEN_ARTICLES:
        for code in ["en", "zh-hans"]:
            assert gql.data(ARTICLE, {"slug": slug, "locale": code})["article"] is None, slug
            by_id = gql.data(ARTICLE, {"id": str(hidden[slug].pk), "locale": code})
            assert by_id["article"] is None, slug


def test_the_visible_article_is_found_by_slug_and_id(gql, hidden):
    by_slug = gql.data(ARTICLE, {"slug": "lychee-season"})["article"]
    by_id = gql.data(ARTICLE, {"id": str(hidden["lychee-season"].pk)})["article"]

    assert by_slug == by_id == {"slug": "lychee-season", "title": "Lychee season"}


def test_hidden_events_are_null_by_slug_and_by_id(gql, hidden):
    for slug in HIDDEN_EVENTS:
        assert gql.data(EVENT, {"slug": slug})["event"] is None, slug
        assert gql.data(EVENT, {"id": str(hidden[slug].pk)})["event"] is None, slug
    assert gql.data(EVENT, {"slug": "dumplings"})["event"]["slug"] == "dumplings"


def test_hidden_pages_are_not_found_by_path(gql, hidden):
    for slug in HIDDEN_ARTICLES:
        parent = ZHANGJIANG if slug == "hidden-behind-login" else HUACAO
        path = f"/communities/{parent}/news/{slug}/"
        assert gql.data(PAGE, {"path": path})["page"] is None, path
        assert gql.data(PAGE, {"path": path, "locale": "zh-hans"})["page"] is None, path
    for slug in HIDDEN_EVENTS:
        path = f"/communities/{HUACAO}/events/{slug}/"
        assert gql.data(PAGE, {"path": path})["page"] is None, path


def test_a_restricted_index_is_not_a_page_and_the_visible_article_is(gql, hidden):
    assert gql.data(PAGE, {"path": f"/communities/{ZHANGJIANG}/news/"})["page"] is None
    found = gql.data(PAGE, {"path": f"/communities/{HUACAO}/news/lychee-season/"})["page"]
    assert found == {"__typename": "Article", "slug": "lychee-season", "title": "Lychee season"}


@pytest.mark.parametrize("code", ["en", "zh-hans"])
def test_search_finds_only_visible_pages(gql, hidden, code):
    found = slugs(gql.data(SEARCH, {"query": "lychee", "locale": "en"})["search"])

    assert found == ["lychee-season"]
    within_articles = slugs(gql.data(ARTICLES, {"search": "lychee", "locale": code})["articles"])
    assert within_articles == ["lychee-season"]


def test_community_lists_only_visible_pages(gql, hidden):
    community = gql.data(COMMUNITY, {"slug": HUACAO})["community"]
    articles = slugs(community["articles"])
    events = slugs(community["events"])

    assert "lychee-season" in articles
    assert not set(articles) & set(HIDDEN_ARTICLES)
    assert "dumplings" in events
    assert not set(events) & set(HIDDEN_EVENTS)
    restricted = gql.data(COMMUNITY, {"slug": ZHANGJIANG})["community"]
    assert slugs(restricted["articles"]) == []


SUPERSEDES = """query($slug: String, $locale: String) {
  article(slug: $slug, locale: $locale) { supersedes { slug title } }
}"""


def test_supersedes_does_not_link_to_a_hidden_article(gql, hidden):
    for slug in HIDDEN_ARTICLES:
        replacement = article_create(
            community_news_index(HUACAO),
            publish=True,
            slug=f"replaces-{slug}",
            supersedes=hidden[slug],
        )
        assert replacement.supersedes_id == hidden[slug].pk

        article = gql.data(SUPERSEDES, {"slug": f"replaces-{slug}"})["article"]
        assert article == {"supersedes": None}, slug


def test_supersedes_links_to_a_visible_article(gql, hidden):
    article_create(
        community_news_index(HUACAO),
        publish=True,
        slug="replacement",
        supersedes=hidden["lychee-season"],
    )

    assert gql.data(SUPERSEDES, {"slug": "replacement"})["article"]["supersedes"] == {
        "slug": "lychee-season",
        "title": "Lychee season",
    }


BREADCRUMBS = """query($slug: String) {
  article(slug: $slug) { slug breadcrumbs { title urlPath } }
}"""


@pytest.mark.parametrize("how", ["unpublished", "expired"])
def test_breadcrumbs_leave_out_a_hidden_ancestor(gql, content, how):
    index = community_news_index(JINQIAO)
    if how == "unpublished":
        index.unpublish()
    else:
        _expire(index)

    article = gql.data(BREADCRUMBS, {"slug": "bank-account"})["article"]

    assert [crumb["urlPath"] for crumb in article["breadcrumbs"]] == [
        "/",
        "/communities/",
        f"/communities/{JINQIAO}/",
        f"/communities/{JINQIAO}/news/bank-account/",
    ]


def test_breadcrumbs_show_published_titles_not_draft_titles(gql, content):
    index = community_news_index(JINQIAO)
    index.title = "Draft index title"
    index.save_revision()

    crumbs = gql.data(BREADCRUMBS, {"slug": "bank-account"})["article"]["breadcrumbs"]

    assert "Draft index title" not in [crumb["title"] for crumb in crumbs]


def _draft_change(page, **fields) -> None:
    """Save a draft revision with new values; the published version stays as it was."""
    page = type(page).objects.get(pk=page.pk)
    for name, value in fields.items():
        setattr(page, name, value)
    page.save_revision()
    page.refresh_from_db()
    assert page.has_unpublished_changes


def test_a_page_with_draft_changes_serves_the_published_version(gql, content):
    article = content.articles["news"]
    path = f"/communities/{HUACAO}/news/roundtable-held/"
    _draft_change(article, title="Zanzibar draft title", summary="Zanzibar draft summary")
    query = """query($path: String!) {
      article(slug: "roundtable-held") { title seoTitle summary }
      page(path: $path) { title }
      articles(community: "huacao-town") { edges { node { title summary } } }
      search(query: "zanzibar") { totalCount }
    }"""

    data = gql.data(query, {"path": path})

    assert data["article"] == {
        "title": "Roundtable held",
        "seoTitle": "Roundtable held",
        "summary": "A short summary for lists.",
    }
    assert data["page"] == {"title": "Roundtable held"}
    titles = [edge["node"]["title"] for edge in data["articles"]["edges"]]
    assert "Roundtable held" in titles
    assert "Zanzibar draft title" not in titles
    assert data["search"]["totalCount"] == 0


def test_an_event_with_draft_changes_serves_the_published_version(gql, content):
    _draft_change(content.events["upcoming"], title="Zanzibar draft event", venue="Draft venue")

    event = gql.data('{ event(slug: "dumplings") { title venue } }')["event"]

    assert event["title"] == "Dumpling workshop"
    assert event["venue"] == "Huacao International Community Center, Hall 2"


TOPICS = """query($locale: String) {
  topics(locale: $locale, first: 100) { edges { node { slug name locale } } }
}"""
ARTICLE_SNIPPETS = """query($locale: String) {
  article(slug: "new-visa-rules", locale: $locale) { topics { slug name } bureau { name } }
}"""


def test_a_topic_that_is_not_live_is_not_served(gql, content):
    hidden_topic = Topic.objects.create(
        name="Hidden topic", slug=unique("hidden-topic"), locale=locale("en"), live=False
    )
    topic_link(content.articles["policy"], hidden_topic)

    listed = [edge["node"]["slug"] for edge in gql.data(TOPICS)["topics"]["edges"]]
    assert hidden_topic.slug not in listed
    assert content.topics["visa"].slug in listed
    linked = [topic["slug"] for topic in gql.data(ARTICLE_SNIPPETS)["article"]["topics"]]
    assert linked == [content.topics["visa"].slug, content.topics["family"].slug]


def test_an_unpublished_topic_is_not_served(gql, content):
    content.topics["family"].unpublish()

    listed = [edge["node"]["slug"] for edge in gql.data(TOPICS)["topics"]["edges"]]
    assert content.topics["family"].slug not in listed
    linked = [topic["slug"] for topic in gql.data(ARTICLE_SNIPPETS)["article"]["topics"]]
    assert linked == [content.topics["visa"].slug]


BY_TOPIC = """query($topic: String, $locale: String) {
  articles(topic: $topic, locale: $locale) { totalCount edges { node { title } } }
}"""


@pytest.mark.parametrize("locale_code", ["en", "zh-hans"])
def test_an_unpublished_topics_slug_answers_as_an_unknown_slug(gql, content, locale_code):
    family = content.topics["family"]
    hidden = Topic.objects.create(
        name="Never published", slug=unique("never-published"), locale=locale("en"), live=False
    )
    topic_link(content.articles["news"], hidden)
    assert gql.data(BY_TOPIC, {"topic": family.slug})["articles"]["totalCount"] == 1
    family.unpublish()

    def answer(slug):
        return gql(BY_TOPIC, {"topic": slug, "locale": locale_code})

    unknown = answer("no-such-topic")
    assert unknown == {"data": {"articles": {"totalCount": 0, "edges": []}}}
    assert answer(family.slug) == unknown
    assert answer(hidden.slug) == unknown


def test_a_topic_serves_its_published_name_not_its_draft(gql, content):
    topic = Topic.objects.get(pk=content.topics["family"].pk)
    topic.name = "Draft family name"
    topic.save_revision()

    names = [edge["node"]["name"] for edge in gql.data(TOPICS)["topics"]["edges"]]
    assert "Family" in names
    assert "Draft family name" not in names


def test_a_translated_topic_that_is_not_live_falls_back_to_the_source(gql, content):
    Topic.objects.filter(
        translation_key=content.topics["visa"].translation_key, locale=locale("zh-hans")
    ).update(live=False)

    nodes = [edge["node"] for edge in gql.data(TOPICS, {"locale": "zh-hans"})["topics"]["edges"]]
    visa = next(node for node in nodes if node["slug"] == content.topics["visa"].slug)
    assert visa == {"slug": content.topics["visa"].slug, "name": "Visas", "locale": "en"}
    linked = gql.data(ARTICLE_SNIPPETS, {"locale": "zh-hans"})["article"]["topics"]
    assert [topic["name"] for topic in linked] == ["Visas", "Family"]


def test_a_bureau_that_is_not_live_is_not_served(gql, content):
    assert gql.data(ARTICLE_SNIPPETS)["article"]["bureau"] is not None
    Bureau.objects.filter(pk=content.articles["policy"].bureau_id).update(live=False)

    assert gql.data(ARTICLE_SNIPPETS)["article"]["bureau"] is None


def test_hidden_pages_are_not_counted_as_live_translations(gql, content):
    zh_news = ArticlePage.objects.get(pk=content.zh["news"].pk)
    zh_news.unpublish()
    query = """{ article(slug: "roundtable-held", locale: "zh-hans") {
      title locale isFallback translations { locale status urlPath } } }"""

    article = gql.data(query)["article"]

    assert (article["title"], article["locale"], article["isFallback"]) == (
        "Roundtable held",
        "en",
        True,
    )
    zh = next(entry for entry in article["translations"] if entry["locale"] == "zh-hans")
    assert zh["status"] != "live"
    assert zh["urlPath"] is None


def test_an_expired_translation_falls_back_to_the_source(gql, content):
    _expire(EventPage.objects.get(pk=content.zh["upcoming"].pk))

    event = gql.data('{ event(slug: "dumplings", locale: "zh-hans") { title isFallback } }')

    assert event["event"] == {"title": "Dumpling workshop", "isFallback": True}
