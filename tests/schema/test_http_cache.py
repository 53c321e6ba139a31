"""HTTP caching of `/graphql/` and the Redis response cache: cookieless public answers with an
ETag and cache tags, answers served from Redis without running the schema, purged by tag when
content changes, and an API that still answers when Redis does not."""

import hashlib
import json
import logging
import threading
import uuid
from unittest import mock

import pytest
import redis
from django.contrib.sessions.middleware import SessionMiddleware
from django.db import connection
from django.middleware.locale import LocaleMiddleware
from django.test.utils import CaptureQueriesContext
from wagtail.models import Page

import schema.view
from articles.models import ArticlePage
from cms.celery import app as celery_app
from schema.core import response_cache
from schema.persisted import protocol
from tests.helpers import HUACAO, article_create, community_news_index, image_create, user_create

pytestmark = pytest.mark.django_db

SITE = "{ site { name } }"
LIST = """query List($locale: String) {
  articles(community: "huacao-town", locale: $locale) {
    edges { node { title topics { name } heroImage { url focalPoint { x y } } } }
  }
}"""
ARTICLE = "query One($slug: String!) { article(slug: $slug) { title summary } }"
CLOSED_PORT = 1


def get(client, query: str, variables: dict | None = None, **headers):
    params = {"query": query}
    if variables is not None:
        params["variables"] = json.dumps(variables)
    return client.get("/graphql/", params, HTTP_ACCEPT="application/json", **headers)


def post(client, query: str, variables: dict | None = None):
    body = json.dumps({"query": query, "variables": variables or {}})
    return client.post("/graphql/", body, content_type="application/json")


def tags_of(response) -> set[str]:
    return set(response["Surrogate-Key"].split())


@pytest.fixture
def cache_on(settings):
    """The response cache on, under a prefix of this test's own, emptied afterwards."""
    settings.TAPESTRY_GRAPHQL_RESPONSE_CACHE = True
    prefix = settings.TAPESTRY_GRAPHQL_RESPONSE_CACHE_PREFIX = f"tapestry-test-{uuid.uuid4().hex}"
    client = redis.Redis.from_url(settings.TAPESTRY_GRAPHQL_RESPONSE_CACHE_URL)
    yield
    keys = list(client.scan_iter(f"{prefix}:*"))
    if keys:
        client.delete(*keys)


@pytest.fixture
def purges(django_capture_on_commit_callbacks):
    """Run what a change enqueues on commit, the purge task in-process."""
    previous = celery_app.conf.task_always_eager, celery_app.conf.task_eager_propagates
    celery_app.conf.task_always_eager = celery_app.conf.task_eager_propagates = True

    def committed():
        return django_capture_on_commit_callbacks(execute=True)

    yield committed
    celery_app.conf.task_always_eager, celery_app.conf.task_eager_propagates = previous


@pytest.fixture
def executions():
    """Counts the schema's executions."""
    with mock.patch.object(schema.view, "execute", wraps=schema.view.execute) as spy:
        yield spy


# Headers ----------------------------------------------------------------------------------------


def test_an_anonymous_query_is_cookieless_and_public(client, settings):
    settings.TAPESTRY_GRAPHQL_MAX_AGE = 120
    settings.TAPESTRY_GRAPHQL_STALE_WHILE_REVALIDATE = 30

    for response in (get(client, SITE), post(client, SITE)):
        assert response.status_code == 200
        assert response["Cache-Control"] == "public, max-age=120, stale-while-revalidate=30"
        assert not response.cookies
        vary = response.get("Vary", "").lower()
        assert "cookie" not in vary
        assert "accept-language" not in vary
        assert response["ETag"].startswith('"')


def test_a_signed_in_session_is_not_stored_and_a_stale_cookie_is_anonymous(client):
    client.force_login(user_create())
    assert "no-store" in get(client, SITE)["Cache-Control"]

    client.logout()
    client.cookies["sessionid"] = "not-a-session"
    response = get(client, SITE)

    assert response["Cache-Control"].startswith("public")
    assert "cookie" not in response.get("Vary", "").lower()


def test_etag_answers_304_and_garbage_is_a_miss(client):
    first = get(client, SITE)
    etag = first["ETag"]

    again = get(client, SITE, HTTP_IF_NONE_MATCH=etag)
    assert again.status_code == 304
    assert again.content == b""
    assert again["ETag"] == etag
    assert again["Cache-Control"] == first["Cache-Control"]
    assert get(client, SITE, HTTP_IF_NONE_MATCH=f'"other", W/{etag}').status_code == 304

    for garbage in ['"nope"', "garbage", "\x00\x01", "W/", '"' * 5000, "*" * 3]:
        response = get(client, SITE, HTTP_IF_NONE_MATCH=garbage)
        assert response.status_code == 200, garbage
        assert response.json()["data"]["site"]["name"]


def test_errors_carry_no_etag_nor_tags(client):
    response = get(client, '{ page(path: "a b") { id } }')

    assert "no-store" in response["Cache-Control"]
    assert not response.has_header("ETag")
    assert not response.has_header("Surrogate-Key")


def test_a_list_and_its_items_are_named_in_the_tags(client, content):
    response = get(client, LIST, {"locale": "zh-hans"})

    tags = tags_of(response)
    policy_zh = content.zh["policy"]
    assert "list-articles-huacao-town-zh-hans" in tags
    assert f"page-{policy_zh.pk}" in tags
    assert f"page-{content.articles['notice'].pk}" in tags  # served as the fallback
    assert f"snippet-topic-{content.topics['family'].pk}" in tags  # not translated: the source
    assert f"image-{content.image.pk}" in tags
    assert set(response["Cache-Tag"].split(",")) == tags


def test_a_page_query_names_its_page_and_a_miss_names_the_locales_pages(client, content):
    found = get(client, ARTICLE, {"slug": "roundtable-held"})
    missing = get(client, ARTICLE, {"slug": "not-there-yet"})

    assert f"page-{content.articles['news'].pk}" in tags_of(found)
    assert tags_of(missing) == {"list-pages-all-en"}


def test_too_many_tags_fall_back_to_the_list_tags(client, content, settings):
    settings.TAPESTRY_GRAPHQL_CACHE_TAGS_MAX_BYTES = 60

    response = get(client, LIST, {"locale": "zh-hans"})

    assert tags_of(response) == {"list-articles-huacao-town-zh-hans", "graphql"}


# The response cache -----------------------------------------------------------------------------


def test_a_hit_does_not_run_the_schema_and_keeps_the_headers(client, content, cache_on, executions):
    miss = get(client, LIST, {"locale": "zh-hans"})
    with CaptureQueriesContext(connection) as queries:
        hit = get(client, LIST, {"locale": "zh-hans"})
    posted = post(client, LIST, {"locale": "zh-hans"})

    assert miss["X-Cache"] == "MISS"
    assert hit["X-Cache"] == posted["X-Cache"] == "HIT"
    assert executions.call_count == 1
    assert len(queries) == 0
    assert hit.content == miss.content == posted.content
    for header in ("ETag", "Surrogate-Key", "Cache-Tag", "Cache-Control"):
        assert hit[header] == miss[header], header
    assert (
        get(client, LIST, {"locale": "zh-hans"}, HTTP_IF_NONE_MATCH=miss["ETag"]).status_code == 304
    )


def apq_get(client, query: str, variables: dict, *, with_query: bool):
    """A persisted query over GET as Apollo Client sends it: the hash, and the text only when
    the server asked for it."""
    digest = hashlib.sha256(query.encode()).hexdigest()
    params = {
        "variables": json.dumps(variables),
        "extensions": json.dumps({"persistedQuery": {"version": 1, "sha256Hash": digest}}),
    }
    if with_query:
        params["query"] = query
    return client.get("/graphql/", params, HTTP_ACCEPT="application/json")


def test_a_persisted_query_by_hash_alone_is_served_from_the_response_cache(
    client, content, cache_on, executions
):
    variables = {"locale": "zh-hans"}
    assert apq_get(client, LIST, variables, with_query=False).json()["errors"][0]["extensions"][
        "code"
    ] == ("PERSISTED_QUERY_NOT_FOUND")
    registered = apq_get(client, LIST, variables, with_query=True)
    with CaptureQueriesContext(connection) as queries:
        by_hash = apq_get(client, LIST, variables, with_query=False)

    assert registered["X-Cache"] == "MISS"
    assert by_hash["X-Cache"] == "HIT"
    assert executions.call_count == 1
    assert len(queries) == 0
    assert by_hash.content == registered.content
    assert by_hash["ETag"] == registered["ETag"]
    # The same document sent as text shares the entry: it is keyed by the document's hash.
    assert get(client, LIST, variables)["X-Cache"] == "HIT"


def test_a_hit_by_hash_alone_does_not_fetch_the_documents_text(client, content, cache_on):
    variables = {"locale": "en"}
    apq_get(client, LIST, variables, with_query=True)

    with mock.patch.object(protocol, "_cache_get", wraps=protocol._cache_get) as document_text_read:
        hit = apq_get(client, LIST, variables, with_query=False)

    assert hit["X-Cache"] == "HIT"
    assert document_text_read.call_count == 0


def test_a_hit_by_hash_over_get_is_answered_before_the_session_locale_and_view(
    client, content, cache_on, executions
):
    """The answer a cached anonymous GET gets from ResponseCacheHitMiddleware, with none of the
    middleware below it nor the view run, has every header the view's answer had."""
    variables = {"locale": "zh-hans"}
    apq_get(client, LIST, variables, with_query=True)
    miss = apq_get(client, LIST, {"locale": "en"}, with_query=False)
    first = apq_get(client, LIST, {"locale": "en"}, with_query=False)
    with (
        mock.patch.object(LocaleMiddleware, "process_request") as locale_read,
        mock.patch.object(SessionMiddleware, "process_request") as session_read,
        mock.patch.object(schema.view.TapestryGraphQLView, "dispatch") as dispatched,
    ):
        hit = apq_get(client, LIST, {"locale": "en"}, with_query=False)
        not_modified = client.get(
            "/graphql/",
            {
                "variables": json.dumps({"locale": "en"}),
                "extensions": json.dumps(
                    {
                        "persistedQuery": {
                            "version": 1,
                            "sha256Hash": hashlib.sha256(LIST.encode()).hexdigest(),
                        }
                    }
                ),
            },
            HTTP_IF_NONE_MATCH=miss["ETag"],
        )

    assert (locale_read.call_count, session_read.call_count, dispatched.call_count) == (0, 0, 0)
    assert miss["X-Cache"] == "MISS"
    assert first["X-Cache"] == hit["X-Cache"] == "HIT"
    assert hit.content == miss.content
    assert dict(hit.items()) == dict(miss.items()) | {"X-Cache": "HIT"}
    assert not hit.cookies
    assert not_modified.status_code == 304
    assert not_modified["ETag"] == miss["ETag"]
    assert executions.call_count == 2


def test_a_miss_by_hash_over_get_asks_redis_once(client, content, cache_on, executions):
    apq_get(client, LIST, {"locale": "zh-hans"}, with_query=True)
    with mock.patch.object(response_cache, "lookup", wraps=response_cache.lookup) as lookups:
        miss = apq_get(client, LIST, {"locale": "en"}, with_query=False)

    assert miss["X-Cache"] == "MISS"
    assert lookups.call_count == 1
    assert apq_get(client, LIST, {"locale": "en"}, with_query=False)["X-Cache"] == "HIT"


def test_what_goes_down_the_stack_by_get_is_the_views_to_answer(client, content, cache_on):
    """A malformed request, a signed-in user's: the hit middleware leaves them to the view."""
    apq_get(client, LIST, {"locale": "en"}, with_query=True)
    digest = hashlib.sha256(LIST.encode()).hexdigest()
    extensions = json.dumps({"persistedQuery": {"version": 1, "sha256Hash": digest}})

    bad = client.get("/graphql/", {"variables": "[1]", "extensions": extensions})
    client.force_login(user_create())
    signed_in = apq_get(client, LIST, {"locale": "en"}, with_query=False)

    assert bad.status_code == 400
    assert bad.json()["errors"][0]["extensions"]["code"] == "BAD_REQUEST"
    assert "no-store" in signed_in["Cache-Control"]
    assert not signed_in.has_header("X-Cache")


def test_a_cacheable_answer_says_no_content_language(client, content, cache_on):
    """LocaleMiddleware's Content-Language is the first asker's Accept-Language; a cache would
    repeat it to everyone."""
    miss = get(client, LIST, {"locale": "en"}, HTTP_ACCEPT_LANGUAGE="zh-hans")
    hit = get(client, LIST, {"locale": "en"}, HTTP_ACCEPT_LANGUAGE="zh-hans")

    assert (miss["X-Cache"], hit["X-Cache"]) == ("MISS", "HIT")
    assert not miss.has_header("Content-Language")
    assert not hit.has_header("Content-Language")


def test_each_thread_asks_redis_on_a_connection_of_its_own(cache_on):
    """No connection pool to borrow from and return to for each command of a hit."""
    client = response_cache._client()
    assert client.connection is not None
    assert response_cache._client() is client
    other: list = []
    thread = threading.Thread(target=lambda: other.append(response_cache._client()))
    thread.start()
    thread.join()
    assert other[0] is not client


def test_trusted_documents_only_is_applied_before_the_response_cache(
    client, content, cache_on, executions, settings
):
    assert get(client, LIST, {"locale": "en"})["X-Cache"] == "MISS"
    settings.TAPESTRY_GRAPHQL_TRUSTED_DOCUMENTS_ONLY = True

    refused = get(client, LIST, {"locale": "en"})

    assert refused.status_code == 400
    assert refused.json()["errors"][0]["extensions"]["code"] == "PERSISTED_QUERY_NOT_ALLOWED"
    assert executions.call_count == 1


def test_variables_and_operation_name_make_entries_of_their_own(
    client, content, cache_on, executions
):
    get(client, LIST, {"locale": "zh-hans"})
    get(client, LIST, {"locale": "en"})
    get(client, LIST, {"locale": "en"})
    two_operations = LIST + "\nquery Other { site { name } }"
    named = client.get(
        "/graphql/",
        {
            "query": two_operations,
            "variables": json.dumps({"locale": "en"}),
            "operationName": "List",
        },
    )
    other = client.get("/graphql/", {"query": two_operations, "operationName": "Other"})

    assert executions.call_count == 4
    assert named["X-Cache"] == other["X-Cache"] == "MISS"
    assert "site" in other.json()["data"]


def test_variables_in_another_key_order_hit(client, content, cache_on, executions):
    query = (
        "query($a: String, $b: String) "
        "{ x: articles(locale: $a) { totalCount } y: topics(locale: $b) { totalCount } }"
    )
    get(client, query, {"a": "en", "b": "zh-hans"})
    response = client.get("/graphql/", {"query": query, "variables": '{"b": "zh-hans", "a": "en"}'})

    assert response["X-Cache"] == "HIT"
    assert executions.call_count == 1


def test_mutations_token_queries_and_signed_in_users_are_never_cached(client, cache_on, executions):
    client.force_login(user_create())
    get(client, SITE)
    response = get(client, SITE)

    assert "no-store" in response["Cache-Control"]
    assert not response.has_header("X-Cache")
    assert executions.call_count == 2
    client.logout()
    for _ in range(2):
        post(client, '{ feedbackStatus(token: "secret") { status } }')
    assert executions.call_count == 4


def test_purge_deletes_every_entry_with_a_tag(client, content, cache_on, executions):
    get(client, LIST, {"locale": "zh-hans"})
    get(client, SITE)

    response_cache.purge({"list-articles-huacao-town-zh-hans"})

    assert get(client, LIST, {"locale": "zh-hans"})["X-Cache"] == "MISS"
    assert get(client, SITE)["X-Cache"] == "HIT"


def test_an_answer_computed_before_a_purge_is_not_stored_after_it(client, content, cache_on):
    """A publish's purge that lands while a request is running leaves nothing stale behind."""
    store = response_cache.store

    def purged_meanwhile(found, entry):
        response_cache.purge({f"page-{content.articles['news'].pk}"})
        return store(found, entry)

    with mock.patch.object(response_cache, "store", side_effect=purged_meanwhile):
        get(client, LIST, {"locale": "en"})

    assert get(client, LIST, {"locale": "en"})["X-Cache"] == "MISS"


def test_an_answer_computed_before_a_purge_is_kept_by_no_shared_cache(client, content, cache_on):
    """The purge reached Varnish (or a CDN) before this answer did: marked cacheable, it would
    be kept there, stale, until its max-age ran out. It goes to its client uncacheable."""
    store = response_cache.store

    def purged_meanwhile(found, entry):
        response_cache.purge({f"page-{content.articles['news'].pk}"})
        return store(found, entry)

    with mock.patch.object(response_cache, "store", side_effect=purged_meanwhile):
        raced = get(client, LIST, {"locale": "en"})

    assert raced.status_code == 200
    assert "no-store" in raced["Cache-Control"]
    assert "public" not in raced["Cache-Control"]
    assert not raced.has_header("Surrogate-Key")
    fresh = get(client, LIST, {"locale": "en"})
    assert fresh["X-Cache"] == "MISS"
    assert fresh["Cache-Control"].startswith("public")


def test_redis_down_answers_uncached_and_warns_once(
    client, settings, cache_on, caplog, monkeypatch
):
    settings.TAPESTRY_GRAPHQL_RESPONSE_CACHE_URL = f"redis://127.0.0.1:{CLOSED_PORT}/0"
    monkeypatch.setattr(response_cache, "_last_warning", [0.0])
    monkeypatch.setattr(response_cache, "_rest_until", [0.0])
    caplog.set_level(logging.WARNING, logger="tapestry.graphql.cache")

    answers = [get(client, SITE) for _ in range(3)]

    for response in answers:
        assert response.status_code == 200
        assert response.json()["data"]["site"]["name"]
        assert response["Cache-Control"].startswith("public")
    warnings = [r for r in caplog.records if r.name == "tapestry.graphql.cache"]
    assert len(warnings) == 1
    assert not [r for r in caplog.records if r.levelno >= logging.ERROR]

    health = client.get("/healthz")
    assert health.status_code == 503
    assert health.json()["checks"]["response_cache"]["ok"] is False


def test_healthz_reports_the_response_cache(client, cache_on):
    checks = client.get("/healthz").json()["checks"]

    assert checks["response_cache"]["ok"] is True


# Freshness: after each change, the next request shows it ---------------------------------------


def titles(response) -> list[str]:
    return [edge["node"]["title"] for edge in response.json()["data"]["articles"]["edges"]]


def test_publish_and_unpublish_are_fresh_on_the_next_request(client, content, cache_on, purges):
    before = get(client, LIST, {"locale": "zh-hans"})
    assert get(client, LIST, {"locale": "zh-hans"})["X-Cache"] == "HIT"
    assert "Night market" not in titles(before)

    with purges():
        article = article_create(community_news_index(HUACAO), title="Night market", publish=True)
    published = get(client, LIST, {"locale": "zh-hans"})
    assert "Night market" in titles(published)

    with purges():
        Page.objects.get(pk=article.pk).specific.unpublish()
    assert "Night market" not in titles(get(client, LIST, {"locale": "zh-hans"}))


def test_a_lookup_that_found_nothing_is_fresh_after_a_publish(client, content, cache_on, purges):
    assert get(client, ARTICLE, {"slug": "late-news"}).json()["data"]["article"] is None

    with purges():
        article_create(community_news_index(HUACAO), slug="late-news", publish=True)

    assert get(client, ARTICLE, {"slug": "late-news"}).json()["data"]["article"]["title"]


def test_a_republished_article_is_fresh(client, content, cache_on, purges):
    news = content.articles["news"]
    get(client, ARTICLE, {"slug": "roundtable-held"})

    with purges():
        page = ArticlePage.objects.get(pk=news.pk)
        page.summary = "Minutes are online."
        page.save_revision().publish()

    answer = get(client, ARTICLE, {"slug": "roundtable-held"}).json()["data"]["article"]
    assert answer["summary"] == "Minutes are online."


def test_a_renamed_topic_is_fresh(client, content, cache_on, purges):
    get(client, LIST, {"locale": "en"})
    topic = content.topics["family"]

    with purges():
        topic.name = "Families"
        topic.save_revision().publish()

    names = {
        topic["name"]
        for edge in get(client, LIST, {"locale": "en"}).json()["data"]["articles"]["edges"]
        for topic in edge["node"]["topics"]
    }
    assert "Families" in names
    assert "Family" not in names


def test_a_replaced_image_and_focal_point_are_fresh(client, content, cache_on, purges):
    def hero(response):
        [node] = [
            edge["node"]
            for edge in response.json()["data"]["articles"]["edges"]
            if edge["node"]["heroImage"]
        ]
        return node["heroImage"]

    before = hero(get(client, LIST, {"locale": "en"}))
    image = content.image

    with purges():
        image.focal_point_x, image.focal_point_y = 5, 6
        image.focal_point_width = image.focal_point_height = 4
        image.save()
    assert hero(get(client, LIST, {"locale": "en"}))["focalPoint"] == {"x": 5, "y": 6}

    replacement = image_create(title="Other file")
    with purges():
        image.file = replacement.file
        image.save()
    assert hero(get(client, LIST, {"locale": "en"}))["url"] != before["url"]


def test_an_article_added_to_a_community_is_fresh_in_its_community(
    client, content, cache_on, purges
):
    query = (
        '{ community(slug: "huacao-town") { articles(first: 50) { edges { node { title } } } } }'
    )

    def community_titles():
        data = get(client, query).json()["data"]["community"]["articles"]["edges"]
        return [edge["node"]["title"] for edge in data]

    assert "Bus route 12" not in community_titles()
    with purges():
        article_create(community_news_index(HUACAO), title="Bus route 12", publish=True)
    assert "Bus route 12" in community_titles()
