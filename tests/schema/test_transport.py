"""HTTP around `/graphql/`: JSON bodies only, coded 4xx answers for malformed requests (never
logged as Tapestry's failures), secret tokens never over GET, and what caches may store."""

import json
import logging
from urllib.parse import urlencode

import pytest

from communities.models import NoticeSubscription
from home.preview import preview_create
from tests.helpers import user_create

pytestmark = pytest.mark.django_db

SITE = "{ site { name } }"
SUBSCRIBE = (
    'mutation { subscribe(input: {email: "csrf@example.org", website: ""}) '
    "{ subscription { status } errors { code } } }"
)


def post(client, body, content_type="application/json", **extra):
    raw = body if isinstance(body, bytes | str) else json.dumps(body)
    return client.post("/graphql/", raw, content_type=content_type, **extra)


def get(client, params: dict):
    return client.get("/graphql/", params, HTTP_ACCEPT="application/json")


def assert_refused(response, status: int, code: str) -> str:
    """The response is a coded JSON error that caches never store; its message."""
    assert response.status_code == status, response.content
    assert response["Content-Type"] == "application/json"
    assert "no-store" in response["Cache-Control"]
    body = response.json()
    assert list(body) == ["errors"]
    [error] = body["errors"]
    assert error["extensions"] == {"code": code}
    assert error["message"] and error["message"] != "Internal server error."
    return error["message"]


@pytest.fixture
def errors_logged(caplog):
    """Records at ERROR or above: a client's mistake is never one."""
    caplog.set_level(logging.INFO)
    return lambda: [record for record in caplog.records if record.levelno >= logging.ERROR]


def test_a_json_post_with_a_charset_is_answered(client):
    response = post(client, {"query": SITE}, content_type="application/json; charset=utf-8")

    assert response.status_code == 200
    assert response.json()["data"]["site"]["name"]


@pytest.mark.parametrize(
    ("content_type", "body"),
    [
        ("application/x-www-form-urlencoded", urlencode({"query": SUBSCRIBE})),
        ("text/plain", json.dumps({"query": SUBSCRIBE})),
        ("application/graphql", SUBSCRIBE),
        ("", json.dumps({"query": SUBSCRIBE})),
    ],
)
def test_a_post_that_is_not_json_is_refused_and_runs_nothing(client, content_type, body):
    """What a cross-origin form or no-cors fetch can send without a CORS preflight."""
    response = post(client, body, content_type=content_type)

    assert_refused(response, 415, "UNSUPPORTED_MEDIA_TYPE")
    assert not NoticeSubscription.objects.exists()


def test_a_multipart_form_is_refused_and_runs_nothing(client):
    response = client.post("/graphql/", {"query": SUBSCRIBE})  # multipart/form-data

    assert_refused(response, 415, "UNSUPPORTED_MEDIA_TYPE")
    assert not NoticeSubscription.objects.exists()


def test_the_query_string_of_a_post_is_not_read(client):
    response = client.post(
        "/graphql/?" + urlencode({"query": SUBSCRIBE}), b"{}", content_type="application/json"
    )

    assert_refused(response, 400, "BAD_REQUEST")
    assert not NoticeSubscription.objects.exists()


@pytest.mark.parametrize(
    ("body", "message"),
    [
        (b"{nope", "not valid JSON"),
        (b"\xff\xfe{}", "not UTF-8"),
        (b"  ", "not valid JSON"),
        (json.dumps([{"query": SITE}]), "Batched"),
        (json.dumps("{ site { name } }"), "JSON object"),
        (json.dumps({}), "Must provide query string"),
        (json.dumps({"query": 5}), "`query` must be a string"),
        (json.dumps({"query": ["{ site { name } }"]}), "`query` must be a string"),
        (json.dumps({"query": SITE, "variables": [1]}), "`variables` must be a JSON object"),
        (json.dumps({"query": SITE, "variables": '{"a": 1}'}), "`variables` must be"),
        (json.dumps({"query": SITE, "operationName": 5}), "`operationName` must be a string"),
        # Half a surrogate pair, a valid JSON escape but no text: nothing to hash or parse.
        ('{"query": "{ site { name } } # \\ud800"}', "`query` is not valid Unicode"),
        ('{"query": "{ page(path: \\"\\ud800\\") { id } }"}', "`query` is not valid Unicode"),
        (
            '{"query": "{ site { name } }", "operationName": "\\udfff"}',
            "`operationName` is not valid Unicode",
        ),
        (
            '{"query": "query($v: [String]) { site { name } }", "variables": {"v": '
            + "[" * 1000
            + "]" * 1000
            + "}}",
            "nested too deeply",
        ),
        (
            json.dumps({"query": SITE, "variables": {"v": json.loads("[" * 40 + "]" * 40)}}),
            "nested deeper than 32",
        ),
    ],
)
def test_a_malformed_request_is_a_coded_bad_request(client, errors_logged, body, message):
    response = post(client, body)

    assert message in assert_refused(response, 400, "BAD_REQUEST")
    assert errors_logged() == []


def test_a_get_without_a_query_is_a_bad_request(client, errors_logged):
    assert_refused(get(client, {}), 400, "BAD_REQUEST")
    assert errors_logged() == []


def test_a_get_with_variables_that_are_not_json_is_a_bad_request(client):
    response = get(client, {"query": SITE, "variables": "{nope"})

    assert "not valid JSON" in assert_refused(response, 400, "BAD_REQUEST")


@pytest.mark.parametrize("method", ["put", "patch", "delete", "options"])
def test_other_methods_are_not_allowed(client, errors_logged, method):
    response = getattr(client, method)("/graphql/", json.dumps({"query": SITE}))

    assert_refused(response, 405, "METHOD_NOT_ALLOWED")
    assert response["Allow"] == "GET, POST"
    assert errors_logged() == []


def test_a_body_over_the_cap_is_refused(client, settings, errors_logged):
    limit = settings.TAPESTRY_GRAPHQL_MAX_BODY_BYTES
    padding = "x" * limit
    response = post(client, {"query": SITE, "variables": {"padding": padding}})

    assert str(limit) in assert_refused(response, 413, "PAYLOAD_TOO_LARGE")
    assert errors_logged() == []


def test_the_body_cap_is_a_setting_checked_from_content_length(client, settings):
    settings.TAPESTRY_GRAPHQL_MAX_BODY_BYTES = 40
    small = json.dumps({"query": SITE})

    assert post(client, small).status_code == 200
    assert_refused(post(client, small, CONTENT_LENGTH="41"), 413, "PAYLOAD_TOO_LARGE")
    assert_refused(post(client, {"query": SITE + " " * 20}), 413, "PAYLOAD_TOO_LARGE")


def test_a_mutation_over_get_is_refused(client, errors_logged):
    response = get(client, {"query": SUBSCRIBE})

    assert "POST" in assert_refused(response, 405, "METHOD_NOT_ALLOWED")
    assert response["Allow"] == "POST"
    assert not NoticeSubscription.objects.exists()
    assert errors_logged() == []


PREVIEW_VIA_FRAGMENT = """query($token: String!) { ...Draft }
fragment Draft on Query { draft: preview(token: $token) { title } }"""


@pytest.mark.parametrize(
    "query",
    [
        "query($token: String!) { preview(token: $token) { title } }",
        PREVIEW_VIA_FRAGMENT,
        "query($token: String!) { site { name } ... on Query { preview(token: $token) { id } } }",
    ],
)
def test_a_preview_token_over_get_is_refused_and_not_spent(client, gql, content, query):
    token, _preview = preview_create(content.articles["news"])

    response = get(client, {"query": query, "variables": json.dumps({"token": token})})

    assert "preview" in assert_refused(response, 405, "METHOD_NOT_ALLOWED")
    assert response["Allow"] == "POST"
    # The one-use token still works over POST.
    assert gql.data(PREVIEW_VIA_FRAGMENT, {"token": token})["draft"]["title"] == "Roundtable held"


def test_a_feedback_status_token_over_get_is_refused(client):
    response = get(client, {"query": '{ feedbackStatus(token: "secret") { status } }'})

    assert "feedbackStatus" in assert_refused(response, 405, "METHOD_NOT_ALLOWED")


# What caches may store.


def test_a_public_query_may_be_stored(client):
    for response in (get(client, {"query": SITE}), post(client, {"query": SITE})):
        assert response.status_code == 200
        assert "errors" not in response.json()
        assert response["Cache-Control"].startswith("public, max-age=")
        assert "no-store" not in response["Cache-Control"]


@pytest.mark.parametrize(
    "query",
    [
        "{ site { password } }",  # a validation error
        '{ page(path: "a b") { id } }',  # an error next to data
        SUBSCRIBE,
        '{ feedbackStatus(token: "secret") { status } }',
    ],
)
def test_errors_mutations_and_token_queries_are_never_stored(client, query):
    response = post(client, {"query": query})

    assert "no-store" in response["Cache-Control"]


def test_a_signed_in_users_answer_is_never_stored(client):
    client.force_login(user_create())

    response = post(client, {"query": SITE})

    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]


# Suggestions name the schema's fields and values to whoever probes it.

PROBES = [
    ("{ site { nam } }", None),
    ("{ articles(order: NEWST) { totalCount } }", None),
    ("query($o: ArticleOrder) { articles(order: $o) { totalCount } }", {"o": "NEWST"}),
]


@pytest.mark.parametrize(("query", "variables"), PROBES)
def test_no_suggestions_without_debug(gql, query, variables):
    message = gql(query, variables, status=400)["errors"][0]["message"]

    assert "Did you mean" not in message


@pytest.mark.parametrize(("query", "variables"), PROBES)
def test_suggestions_with_debug(gql, settings, query, variables):
    settings.DEBUG = True

    message = gql(query, variables, status=400)["errors"][0]["message"]

    assert "Did you mean" in message
