"""`communities` and `community`: tree order, Chinese names, centre and contacts, nested lists."""

import pytest
from wagtail.models import Page

from communities.models import CommunityContact, CommunityPage
from schema.core.pagination import cursor_encode
from tests.helpers import COMMUNITY_SLUGS, HUACAO, JINQIAO, community_page, locale

pytestmark = pytest.mark.django_db

LIST = """query($locale: String, $first: Int, $after: String) {
  communities(locale: $locale, first: $first, after: $after) {
    totalCount
    pageInfo { hasNextPage endCursor }
    edges { node { slug title localName kind district urlPath locale requestedLocale
                   isFallback } }
  }
}"""
ONE = """query($slug: String!, $locale: String) {
  community(slug: $slug, locale: $locale) {
    __typename id slug title localName kind district urlPath locale isFallback
    descriptionHtml
    centre { name address openingHours phone email location { latitude longitude } }
    contacts { name role phone email }
    breadcrumbs { title urlPath }
    translations { locale status }
  }
}"""
NESTED = """query($slug: String!, $locale: String, $kind: ArticleKind, $upcoming: Boolean,
  $order: ArticleOrder, $first: Int) {
  community(slug: $slug, locale: $locale) {
    articles(kind: $kind, order: $order, first: $first) {
      totalCount edges { node { slug title locale isFallback community { slug } } }
    }
    events(upcoming: $upcoming) { totalCount edges { node { slug title locale } } }
  }
}"""


def nodes(data, name: str = "communities") -> list[dict]:
    return [edge["node"] for edge in data[name]["edges"]]


def test_communities_in_tree_order(gql):
    data = gql.data(LIST)

    assert data["communities"]["totalCount"] == 9
    assert [node["slug"] for node in nodes(data)] == COMMUNITY_SLUGS
    huacao = nodes(data)[COMMUNITY_SLUGS.index(HUACAO)]
    assert huacao == {
        "slug": HUACAO,
        "title": "Huacao Town",
        "localName": "华漕镇",
        "kind": "TOWN",
        "district": "Minhang District",
        "urlPath": f"/communities/{HUACAO}/",
        "locale": "en",
        "requestedLocale": "en",
        "isFallback": False,
    }
    assert nodes(data)[0]["kind"] == "SUBDISTRICT"


def test_communities_in_chinese_have_chinese_titles(gql):
    found = nodes(gql.data(LIST, {"locale": "zh-hans"}))

    assert [node["slug"] for node in found] == COMMUNITY_SLUGS
    assert all(node["locale"] == "zh-hans" and not node["isFallback"] for node in found)
    titles = [node["title"] for node in found]
    assert titles[COMMUNITY_SLUGS.index(HUACAO)] == "华漕镇"
    assert titles[COMMUNITY_SLUGS.index(JINQIAO)] == "金桥镇"
    assert all(node["title"] == node["localName"] for node in found)


def test_a_community_without_a_live_translation_falls_back_in_its_place(gql):
    community_page(HUACAO, "zh-hans").unpublish()

    found = nodes(gql.data(LIST, {"locale": "zh-hans"}))

    assert [node["slug"] for node in found] == COMMUNITY_SLUGS
    huacao = found[COMMUNITY_SLUGS.index(HUACAO)]
    assert (huacao["title"], huacao["locale"], huacao["isFallback"]) == ("Huacao Town", "en", True)
    assert found[COMMUNITY_SLUGS.index(JINQIAO)]["isFallback"] is False


def test_an_unpublished_community_is_not_listed(gql):
    for code in ["en", "zh-hans"]:
        community_page(JINQIAO, code).unpublish()

    found = nodes(gql.data(LIST, {"locale": "zh-hans"}))

    assert JINQIAO not in [node["slug"] for node in found]
    assert len(found) == 8
    assert gql.data(ONE, {"slug": JINQIAO})["community"] is None


def test_communities_page_with_cursors(gql):
    first = gql.data(LIST, {"first": 4})["communities"]
    second = gql.data(LIST, {"first": 4, "after": first["pageInfo"]["endCursor"]})["communities"]
    third = gql.data(LIST, {"first": 4, "after": second["pageInfo"]["endCursor"]})["communities"]

    assert first["pageInfo"]["hasNextPage"] and second["pageInfo"]["hasNextPage"]
    assert third["pageInfo"]["hasNextPage"] is False
    slugs = [edge["node"]["slug"] for page in (first, second, third) for edge in page["edges"]]
    assert slugs == COMMUNITY_SLUGS


def test_community_by_slug(gql):
    community = gql.data(ONE, {"slug": HUACAO})["community"]

    assert community["__typename"] == "Community"
    assert community["id"] == str(community_page(HUACAO).pk)
    assert (community["title"], community["localName"]) == ("Huacao Town", "华漕镇")
    assert community["descriptionHtml"].startswith("<p>")
    assert "Huacao" in community["descriptionHtml"]
    assert community["centre"]["name"] == "Huacao International Community Center"
    assert community["contacts"] == []
    assert [crumb["urlPath"] for crumb in community["breadcrumbs"]] == [
        "/",
        "/communities/",
        f"/communities/{HUACAO}/",
    ]
    statuses = {entry["locale"]: entry["status"] for entry in community["translations"]}
    assert set(statuses.values()) == {"live"}


def test_community_in_chinese(gql):
    community = gql.data(ONE, {"slug": HUACAO, "locale": "zh-hans"})["community"]

    assert (community["title"], community["locale"], community["isFallback"]) == (
        "华漕镇",
        "zh-hans",
        False,
    )
    assert "华漕镇" in community["descriptionHtml"]
    assert community["breadcrumbs"][-1]["title"] == "华漕镇"
    assert community["id"] == str(community_page(HUACAO, "zh-hans").pk)


def test_unknown_community_is_null(gql):
    assert gql.data(ONE, {"slug": "atlantis"})["community"] is None
    assert gql.data(ONE, {"slug": "atlantis", "locale": "zh-hans"})["community"] is None


def test_a_root_page_of_another_type_is_not_a_community(gql):
    assert gql.data(ONE, {"slug": "communities"})["community"] is None
    assert gql.data(ONE, {"slug": "news"})["community"] is None


def test_community_centre_and_contacts(gql):
    page = CommunityPage.objects.get(pk=community_page(HUACAO).pk)
    page.centre_address = "Huacao Town, Minhang District"
    page.centre_opening_hours = "Mon–Fri 9:00–17:00"
    page.centre_phone = "+86 21 0000 0000"
    page.centre_email = "hicc@example.org"
    page.centre_latitude = "31.2200"
    page.centre_longitude = "121.3000"
    page.save_revision().publish()
    # Saved out of order: the editor's order (sort_order) is what counts.
    for position, name in [(1, "Li Wei"), (0, "Anna Schmidt")]:
        CommunityContact.objects.create(
            page=page,
            name=name,
            role="International residents desk",
            email=f"{name.split()[0].lower()}@example.org",
            sort_order=position,
            locale=locale("en"),
        )

    community = gql.data(ONE, {"slug": HUACAO})["community"]

    assert community["centre"] == {
        "name": "Huacao International Community Center",
        "address": "Huacao Town, Minhang District",
        "openingHours": "Mon–Fri 9:00–17:00",
        "phone": "+86 21 0000 0000",
        "email": "hicc@example.org",
        "location": {"latitude": 31.22, "longitude": 121.3},
    }
    assert [contact["name"] for contact in community["contacts"]] == ["Anna Schmidt", "Li Wei"]
    assert community["contacts"][0] == {
        "name": "Anna Schmidt",
        "role": "International residents desk",
        "phone": "",
        "email": "anna@example.org",
    }


def test_a_community_without_a_centre_has_none(gql):
    CommunityPage.objects.filter(pk=community_page(JINQIAO).pk).update(centre_name="")

    assert gql.data(ONE, {"slug": JINQIAO})["community"]["centre"] is None


def test_community_lists_only_its_own_articles_and_events(gql, content):
    huacao = gql.data(NESTED, {"slug": HUACAO})["community"]

    assert [node["slug"] for node in nodes(huacao, "articles")] == [
        "new-visa-rules",
        "roundtable-held",
        "water-cut",
    ]
    assert {node["community"]["slug"] for node in nodes(huacao, "articles")} == {HUACAO}
    assert [node["slug"] for node in nodes(huacao, "events")] == ["lantern-walk", "dumplings"]

    jinqiao = gql.data(NESTED, {"slug": JINQIAO})["community"]
    assert [node["slug"] for node in nodes(jinqiao, "articles")] == ["bank-account"]
    assert jinqiao["events"] == {"totalCount": 0, "edges": []}


def test_community_lists_in_chinese_with_fallbacks(gql, content):
    huacao = gql.data(NESTED, {"slug": HUACAO, "locale": "zh-hans"})["community"]

    articles = {node["slug"]: node for node in nodes(huacao, "articles")}
    assert list(articles) == ["new-visa-rules", "roundtable-held", "water-cut"]
    assert articles["new-visa-rules"]["title"] == "签证新规"
    assert articles["new-visa-rules"]["community"]["slug"] == HUACAO
    assert (articles["water-cut"]["locale"], articles["water-cut"]["isFallback"]) == ("en", True)
    events = {node["slug"]: node for node in nodes(huacao, "events")}
    assert events["dumplings"]["title"] == "包饺子工作坊"


def test_community_lists_take_filters_and_order(gql, content):
    variables = {"slug": HUACAO, "kind": "NOTICE", "upcoming": False}
    huacao = gql.data(NESTED, variables)["community"]

    assert [node["slug"] for node in nodes(huacao, "articles")] == ["water-cut"]
    assert [node["slug"] for node in nodes(huacao, "events")] == ["lantern-walk"]
    oldest = gql.data(NESTED, {"slug": HUACAO, "order": "OLDEST", "first": 2})["community"]
    assert [node["slug"] for node in nodes(oldest, "articles")] == ["water-cut", "roundtable-held"]
    assert oldest["articles"]["totalCount"] == 3


def test_each_listed_community_counts_its_own_articles(gql, content, settings):
    # A list per community runs its queries once per community: above the cost limit (see
    # test_limits), which this test is not about.
    settings.TAPESTRY_GRAPHQL_MAX_COST = 40_000
    query = "{ communities { edges { node { slug articles(first: 5) { totalCount } } } } }"

    counts = {node["slug"]: node["articles"]["totalCount"] for node in nodes(gql.data(query))}

    assert counts[HUACAO] == 3
    assert counts[JINQIAO] == 1
    assert sum(counts.values()) == 4


@pytest.mark.parametrize("after", [1, 5])
def test_nested_lists_count_every_community_past_the_end_of_its_items(
    gql, content, settings, after
):
    """Past a community's last item (Jinqiao has 1 article, Huacao 3), its page is empty and
    its total is still its own: counted apart from the page of items, not taken from it."""
    settings.TAPESTRY_GRAPHQL_MAX_COST = 40_000  # a list per community (see test_limits)
    query = (
        "query($after: String) { communities { edges { node { slug"
        " articles(first: 1, after: $after) { totalCount edges { node { slug } }"
        " pageInfo { hasNextPage hasPreviousPage } } } } } }"
    )
    data = gql.data(query, {"after": cursor_encode(after)})
    lists = {node["slug"]: node["articles"] for node in nodes(data)}

    assert lists[HUACAO]["totalCount"] == 3
    assert lists[JINQIAO]["totalCount"] == 1
    assert lists[JINQIAO]["edges"] == []
    expected = ["water-cut"] if after == 1 else []
    assert [edge["node"]["slug"] for edge in lists[HUACAO]["edges"]] == expected
    assert lists[HUACAO]["pageInfo"] == {"hasNextPage": False, "hasPreviousPage": True}


def test_community_found_by_its_source_slug_when_the_translation_was_renamed(gql):
    zh = community_page(HUACAO, "zh-hans")
    Page.objects.filter(pk=zh.pk).update(slug="huacao-zhen")

    community = gql.data(ONE, {"slug": HUACAO, "locale": "zh-hans"})["community"]

    assert (community["title"], community["locale"]) == ("华漕镇", "zh-hans")
