"""Every field of the API loads once per request: a query selecting every field reachable from
`articles`, `events`, `communities` and `page(path)` costs as many SQL queries for 1 item as for
50 (and for 1 community as for 9).

The query is built by walking the schema (not by hand), so a field added later is held to the
same rule. Bodies hold every block type, images, links to pages and documents, embeds and calls
to action; each community has articles, events and contacts. Renditions are made ahead (as the
worker does), embeds on the first request (as on a live site); the counts are taken once they
exist.
"""

import json

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from graphql import (
    GraphQLEnumType,
    GraphQLInterfaceType,
    GraphQLUnionType,
    get_named_type,
    is_leaf_type,
    is_non_null_type,
)
from wagtail.documents import get_document_model
from wagtail.embeds.embeds import get_embed_hash
from wagtail.embeds.models import Embed

from articles.models import ArticlePage
from communities.models import CommunityContact
from home.translation import translation_create
from schema.schema import schema
from tests.helpers import (
    COMMUNITY_SLUGS,
    HUACAO,
    article_create,
    bureau_create,
    community_events_index,
    community_news_index,
    community_page,
    event_create,
    image_create,
    locale,
)
from tests.schema.conftest import topic_create, topic_link

pytestmark = pytest.mark.django_db

NESTED_FIRST = 3  # the size of lists nested in a node (a community's articles and events)
ROOTS = {
    "articles": "articles(first: $first, locale: $locale)",
    "events": "events(first: $first, locale: $locale)",
    "communities": "communities(first: $first, locale: $locale)",
}


def _arguments(field) -> str:
    """Only what must be given: `first` for lists nested in a node (to bound them)."""
    given = []
    for name, argument in field.args.items():
        if name == "first":
            given.append(f"first: {NESTED_FIRST}")
        elif is_non_null_type(argument.type):
            raise AssertionError(f"No value for the required argument {name}.")
    return f"({', '.join(given)})" if given else ""


def _variants(name: str, field, prefix: str) -> list[str]:
    """The field once, or with a required enum argument once per value (aliased); inside a
    fragment every field is aliased by its type (`Article_kind`), as fragments on several types
    may share a name with different types (`kind`, `html`)."""
    required = {
        arg_name: get_named_type(argument.type)
        for arg_name, argument in field.args.items()
        if is_non_null_type(argument.type)
    }
    if not required:
        return [f"{prefix}{name}: {name}{_arguments(field)}"]
    ((arg_name, enum),) = required.items()
    assert isinstance(enum, GraphQLEnumType), (name, enum)
    return [f"{prefix}{name}_{value}: {name}({arg_name}: {value})" for value in enum.values]


def _selection(graphql_type, path: tuple[str, ...], prefix: str = "") -> str:
    """Every field of `graphql_type`; a type already on the path gets its leaf fields only (so
    `supersedes` and a node's `community` are asked for, without endless recursion)."""
    named = get_named_type(graphql_type)
    revisit = named.name in path
    inner_path = (*path, named.name)
    if not isinstance(named, GraphQLUnionType | GraphQLInterfaceType):
        return _fields(named, inner_path, revisit, prefix)
    fragments = " ".join(
        f"... on {kind.name} {{ {_selection(kind, path, f'{kind.name}_')} }}"
        for kind in schema.graphql_schema.get_possible_types(named)
    )
    common = "" if isinstance(named, GraphQLUnionType) else _fields(named, inner_path, revisit)
    return f"__typename {common} {fragments}"


def _fields(named, path: tuple[str, ...], revisit: bool, prefix: str = "") -> str:
    parts = []
    for name, field in named.fields.items():
        target = get_named_type(field.type)
        if is_leaf_type(target):
            parts.extend(_variants(name, field, prefix))
        elif not revisit:
            inner = _selection(target, path)
            parts.extend(f"{variant} {{ {inner} }}" for variant in _variants(name, field, prefix))
    return " ".join(parts)


def _query(root: str) -> str:
    field = schema.graphql_schema.query_type.fields[root]
    return (
        f"query($first: Int!, $locale: String) {{ {ROOTS[root]} {{ totalCount"
        f" {_selection(get_named_type(field.type), ('Query',))} }} }}"
    )


def _page_query() -> str:
    field = schema.graphql_schema.query_type.fields["page"]
    return (
        'query($path: String!) { page(path: $path, locale: "zh-hans") {'
        f" {_selection(field.type, ('Query',))} }} }}"
    )


def _link(page, text: str) -> str:
    return f'<a linktype="page" id="{page.pk}">{text}</a>'


def _body(number: int, target, document, embed_url: str) -> str:
    """Every block type, with an image of its own, links to a page and a document, a rich-text
    image, a media embed and calls to action."""
    image = image_create(title=f"Body {number}", description=f"Body image {number}")
    inline = image_create(title=f"Inline {number}")
    paragraph = (
        f"<p>See {_link(target, 'the rules')} and"
        f' <a linktype="document" id="{document.pk}">the form</a>.</p>'
        f'<embed embedtype="image" id="{inline.pk}" format="fullwidth" alt="Inline"/>'
        f'<embed embedtype="media" url="{embed_url}"/>'
    )
    blocks = [
        {"type": "paragraph", "value": paragraph},
        {"type": "heading", "value": {"text": "Who can apply", "level": "h3"}},
        {
            "type": "image",
            "value": {
                "image": {"image": image.pk, "alt_text": "Lanterns", "decorative": False},
                "caption": "The old street",
                "credit": "Photo: CNS",
            },
        },
        {"type": "quote", "value": {"quote": "Apply early.", "attribution": "The bureau"}},
        {"type": "call_to_action", "value": {"text": "Rules", "page": target.pk, "url": ""}},
        {"type": "call_to_action", "value": {"text": "Site", "page": None, "url": "https://a.cn/"}},
        {
            "type": "faq",
            "value": {
                "title": "Questions",
                "items": [{"question": "Where?", "answer": f"<p>See {_link(target, 'here')}.</p>"}],
            },
        },
        {
            "type": "table",
            "value": {
                "data": [["Office", "Hours"], ["Huacao", "9:00"]],
                "first_row_is_table_header": True,
                "first_col_is_header": False,
                "table_caption": "Hours",
            },
        },
        {"type": "embed", "value": embed_url},
    ]
    return json.dumps(blocks)


def _embed_stored(url: str) -> None:
    """The provider's answer, as Wagtail keeps it after the first fetch."""
    Embed.objects.create(
        hash=get_embed_hash(url),
        url=url,
        type="video",
        html=f'<iframe src="{url}"></iframe>',
        provider_name="Video",
        thumbnail_url="",
        width=640,
        height=360,
    )


@pytest.fixture
def rich(media):
    """50 articles and 50 events with rich bodies across the nine communities (every other one
    translated into zh-hans; each article a policy update superseding the previous one, with a
    bureau and two topics), and two contacts per community (in English and Chinese).

    A loader may skip a query that has nothing to fetch (e.g. no superseded article to serve in
    its translation): the first items of every list are mixed, translated or not and
    superseding translated articles or not, so that 1 item asks for what 50 ask for."""
    zh = locale("zh-hans")
    topics = [topic_create("Visas", zh="签证"), topic_create("Housing")]
    bureau = bureau_create()
    document = get_document_model().objects.create(title="Form", file="documents/form.pdf")
    previous = None
    for number in range(50):
        slug = COMMUNITY_SLUGS[number % len(COMMUNITY_SLUGS)]
        embed_url = f"https://video.example.com/watch/{number}"
        _embed_stored(embed_url)
        target = previous or community_page(HUACAO)
        article = article_create(
            community_news_index(slug),
            title=f"Article {number}",
            kind=ArticlePage.Kind.POLICY,
            bureau=bureau,
            effective_from="2026-12-01",
            supersedes=previous,
            hero_image=image_create(title=f"Hero {number}"),
            hero_image_alt="A picture",
            body=_body(number, target, document, embed_url),
        )
        topic_link(article, *topics)
        article.save_revision().publish()
        article.refresh_from_db()
        event = event_create(
            community_events_index(slug),
            publish=True,
            title=f"Event {number}",
            hero_image=image_create(title=f"Event hero {number}", description="An event"),
            hero_image_alt="An event",
            body=_body(100 + number, article, document, embed_url),
        )
        if number % 2 == 0:
            translation_create(
                instance=article, locale=zh, strings={f"Article {number}": f"文章{number}"}
            )
            translation_create(
                instance=event, locale=zh, strings={f"Event {number}": f"活动{number}"}
            )
        previous = article
    for page in (
        community_page(slug, code) for slug in COMMUNITY_SLUGS for code in ("en", "zh-hans")
    ):
        for position in range(2):
            CommunityContact.objects.create(
                page=page,
                name=f"Desk {position}",
                role="International residents desk",
                phone="021-5000000",
                sort_order=position,
                locale=page.locale,
            )


@pytest.fixture
def unlimited(settings):
    """This is a test of SQL, not of the limits (test_limits tests those)."""
    settings.TAPESTRY_GRAPHQL_MAX_COST = 10**9
    settings.TAPESTRY_GRAPHQL_MAX_DEPTH = 100
    settings.TAPESTRY_GRAPHQL_MAX_TOKENS = 10**6
    settings.TAPESTRY_GRAPHQL_MAX_QUERY_LENGTH = 10**7
    settings.TAPESTRY_GRAPHQL_MAX_ALIASES = 10**4
    settings.TAPESTRY_GRAPHQL_MAX_FIELDS = 10**5
    settings.TAPESTRY_GRAPHQL_MAX_FIELD_REPEATS = 10**4
    settings.TAPESTRY_GRAPHQL_MAX_FRAGMENT_SPREADS = 10**4


def queries_for(gql, query: str, variables: dict) -> tuple[int, dict]:
    gql.data(query, variables)  # warm: embeds are fetched on first use
    with CaptureQueriesContext(connection) as captured:
        data = gql.data(query, variables)
    return len(captured.captured_queries), data


def test_the_query_selects_every_block_type_and_the_fields_of_every_page_type():
    query = _query("articles") + _page_query()
    for name in (
        "ParagraphBlock",
        "HeadingBlock",
        "ImageBlock",
        "QuoteBlock",
        "EmbedBlock",
        "CallToActionBlock",
        "FaqBlock",
        "TableBlock",
        "Article",
        "Event",
        "Community",
        "HomePage",
    ):
        assert f"... on {name} " in query, name
    for field in ("supersedes", "contacts", "bodyHtml", "srcset", "rendition_LARGE", "topics"):
        assert field in query, field


def test_every_field_loads_once_per_request(gql, rich, unlimited):
    """One test, so the content is built once: the counts are compared all together."""
    counts = {}
    for root in ("articles", "events"):
        query = _query(root)
        counts[f"{root} 1"], _ = queries_for(gql, query, {"first": 1, "locale": "zh-hans"})
        counts[f"{root} 50"], data = queries_for(gql, query, {"first": 50, "locale": "zh-hans"})
        nodes = [edge["node"] for edge in data[root]["edges"]]
        assert len(nodes) == 50
        assert {node["isFallback"] for node in nodes} == {True, False}
        assert all(len(node["body"]) == 9 for node in nodes)
        assert all(len(node["community"]["contacts"]) == 2 for node in nodes)

    query = _query("communities")
    counts["communities 1"], _ = queries_for(gql, query, {"first": 1, "locale": "zh-hans"})
    counts["communities 9"], data = queries_for(gql, query, {"first": 9, "locale": "zh-hans"})
    nodes = [edge["node"] for edge in data["communities"]["edges"]]
    assert len(nodes) == 9
    assert all(len(node["contacts"]) == 2 for node in nodes)
    assert all(len(node["articles"]["edges"]) > 0 for node in nodes)
    assert all(len(node["events"]["edges"]) > 0 for node in nodes)

    query = _page_query()
    usual = ArticlePage.objects.get(locale__language_code="en", title="Article 49")
    long = article_create(
        community_news_index(HUACAO),
        publish=True,
        title="Three bodies long",
        kind=ArticlePage.Kind.POLICY,
        bureau=usual.bureau,
        effective_from="2026-12-01",
        supersedes=usual.supersedes,
        hero_image=usual.hero_image,
        hero_image_alt="A picture",
        body=json.dumps([block for number in (47, 48, 49) for block in _blocks(number)]),
    )
    counts["page 1 body"], _ = queries_for(gql, query, {"path": usual.url_path.split("/", 2)[2]})
    counts["page 3 bodies"], data = queries_for(
        gql, query, {"path": f"/communities/{HUACAO}/news/{long.slug}/"}
    )
    assert len(data["page"]["Article_body"]) == 27
    assert data["page"]["Article_supersedes"]["title"] == "文章48"

    assert counts["articles 50"] == counts["articles 1"], str(counts)
    assert counts["events 50"] == counts["events 1"], str(counts)
    assert counts["communities 9"] == counts["communities 1"], str(counts)
    assert counts["page 3 bodies"] == counts["page 1 body"], str(counts)


def _blocks(number: int) -> list[dict]:
    """The raw blocks of "Article <number>"'s body."""
    article = ArticlePage.objects.get(locale__language_code="en", title=f"Article {number}")
    return list(article.body.raw_data)
