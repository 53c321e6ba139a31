"""Persisted queries: Automatic Persisted Queries over GET and POST as Apollo Client and urql send
them, trusted documents and their manifests (`register_persisted_documents`), trusted-documents-
only mode, bad input, and the per-process document cache."""

import hashlib
import json
import logging
import uuid
from io import StringIO
from unittest import mock

import pytest
from django.core.management import CommandError, call_command
from graphql import get_introspection_query

from communities.models import NoticeSubscription
from schema.core.limits import QueryCost
from schema.models import PersistedDocument
from schema.persisted import documents, protocol
from tests.helpers import user_create

pytestmark = pytest.mark.django_db

NOT_FOUND = {
    "errors": [
        {"message": "PersistedQueryNotFound", "extensions": {"code": "PERSISTED_QUERY_NOT_FOUND"}}
    ]
}


def site_query() -> str:
    """A document no other test sent: the APQ cache outlives a test."""
    return f"query Site{uuid.uuid4().hex} {{ site {{ name }} }}"


def sha256(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()


def extensions(text_or_hash: str) -> dict:
    digest = text_or_hash if len(text_or_hash) == 64 else sha256(text_or_hash)
    return {"persistedQuery": {"version": 1, "sha256Hash": digest}}


def apq_get(client, digest: str, variables: dict | None = None, **params):
    """A hash-only GET, as Apollo's persisted query link sends it with useGETForHashedQueries."""
    query = {
        "extensions": json.dumps(extensions(digest)),
        "variables": json.dumps(variables or {}),
        **params,
    }
    return client.get("/graphql/", query, HTTP_ACCEPT="application/json")


def apq_post(client, digest: str, query: str | None = None, variables: dict | None = None):
    body = {"variables": variables or {}, "extensions": extensions(digest)}
    if query is not None:
        body["query"] = query
    return client.post("/graphql/", json.dumps(body), content_type="application/json")


def post(client, body: dict):
    return client.post("/graphql/", json.dumps(body), content_type="application/json")


def assert_coded(response, status: int, code: str) -> str:
    assert response.status_code == status, response.content
    assert "no-store" in response["Cache-Control"]
    [error] = response.json()["errors"]
    assert error["extensions"] == {"code": code}
    assert error["message"]
    return error["message"]


@pytest.fixture(autouse=True)
def document_cache():
    documents.documents.clear()
    yield documents.documents
    documents.documents.clear()


@pytest.fixture
def errors_logged(caplog):
    caplog.set_level(logging.INFO)
    return lambda: [record for record in caplog.records if record.levelno >= logging.ERROR]


def registered(text: str, alias: str | None = None) -> PersistedDocument:
    return PersistedDocument.objects.create(sha256=sha256(text), alias=alias, document=text)


# Automatic Persisted Queries ------------------------------------------------------------------


def test_apollo_round_trip_over_get(client, errors_logged):
    """Hash alone over GET; on PersistedQueryNotFound the query with its hash over POST; from
    then on the hash alone over GET."""
    query = site_query()
    digest = sha256(query)

    first = apq_get(client, digest)
    assert first.status_code == 200
    assert first.json() == NOT_FOUND
    assert "no-store" in first["Cache-Control"]

    second = apq_post(client, digest, query)
    assert second.status_code == 200
    assert second.json()["data"]["site"]["name"]

    third = apq_get(client, digest)
    assert third.status_code == 200
    assert third.json() == second.json()
    assert "no-store" not in third.get("Cache-Control", "")
    assert errors_logged() == []


def test_apollo_round_trip_over_post(client):
    query = "query Articles($first: Int) { articles(first: $first) { totalCount } }"
    query += f" # {uuid.uuid4().hex}"
    digest = sha256(query)

    assert apq_post(client, digest, variables={"first": 2}).json() == NOT_FOUND
    stored = apq_post(client, digest, query, variables={"first": 2})
    assert stored.json() == {"data": {"articles": {"totalCount": 0}}}
    assert apq_post(client, digest, variables={"first": 3}).json() == stored.json()


def test_a_query_sent_with_its_hash_is_kept_for_the_ttl(client, settings):
    settings.TAPESTRY_GRAPHQL_APQ_TTL = 1234
    query = site_query()

    with mock.patch.object(protocol.cache, "set", wraps=protocol.cache.set) as cache_set:
        assert apq_post(client, sha256(query), query).status_code == 200

    cache_set.assert_called_once_with(protocol.APQ_KEY.format(sha256(query)), query, 1234)


def test_a_process_that_ran_a_persisted_query_does_not_ask_the_cache_for_its_text(client):
    query = site_query()
    digest = sha256(query)
    stored = apq_post(client, digest, query).json()
    assert stored["data"]["site"]["name"]

    with mock.patch.object(protocol.cache, "get", wraps=protocol.cache.get) as cache_get:
        assert apq_get(client, digest).json() == stored

    keys = [call.args[0] for call in cache_get.call_args_list]
    assert protocol.APQ_KEY.format(digest) not in keys


def test_a_persisted_query_found_in_the_cache_is_asked_for_once_per_process(client):
    query = site_query()
    digest = sha256(query)
    protocol.cache.set(protocol.APQ_KEY.format(digest), query)  # stored by another process

    with mock.patch.object(protocol.cache, "get", wraps=protocol.cache.get) as cache_get:
        answers = [apq_get(client, digest).json() for _ in range(3)]

    assert answers[0]["data"]["site"]["name"] and answers == [answers[0]] * 3
    keys = [call.args[0] for call in cache_get.call_args_list]
    assert keys.count(protocol.APQ_KEY.format(digest)) == 1


def test_a_query_this_process_ran_from_its_text_alone_is_not_found_by_hash(client):
    query = site_query()
    assert post(client, {"query": query}).json()["data"]["site"]["name"]

    assert apq_get(client, sha256(query)).json() == NOT_FOUND


def test_a_hash_that_is_not_the_querys_is_refused_and_nothing_is_stored(client):
    query, other = site_query(), site_query()

    message = assert_coded(
        apq_post(client, sha256(other), query), 400, "PERSISTED_QUERY_HASH_MISMATCH"
    )

    assert "sha256Hash" in message
    assert apq_get(client, sha256(other)).json() == NOT_FOUND
    assert apq_get(client, sha256(query)).json() == NOT_FOUND


@pytest.mark.parametrize(
    "query",
    [
        "{ site { name } ",  # does not parse
        "{ site { nope } }",  # does not validate
        "{ " + "site { name } " * 30 + "}",  # over the field repeat limit
    ],
)
def test_a_document_that_fails_its_checks_is_not_stored(client, query):
    query += f" # {uuid.uuid4().hex}"
    digest = sha256(query)

    response = apq_post(client, digest, query)

    assert response.status_code == 400
    assert response.json()["errors"][0]["extensions"]["code"] != "INTERNAL_SERVER_ERROR"
    assert apq_get(client, digest).json() == NOT_FOUND


def test_a_document_over_the_size_cap_is_not_stored(client, settings):
    settings.TAPESTRY_GRAPHQL_MAX_QUERY_LENGTH = 60
    query = site_query() + " " * 60
    digest = sha256(query)

    assert apq_post(client, digest, query).json()["errors"][0]["extensions"]["code"] == (
        "GRAPHQL_PARSE_FAILED"
    )
    assert apq_get(client, digest).json() == NOT_FOUND


def test_a_persisted_mutation_is_not_run_over_get(client):
    mutation = (
        'mutation { subscribe(input: {email: "apq@example.org", website: ""}) '
        "{ subscription { status } } }"
    )
    protocol.cache.set(protocol.APQ_KEY.format(sha256(mutation)), mutation)

    response = apq_get(client, sha256(mutation))

    assert_coded(response, 405, "METHOD_NOT_ALLOWED")
    assert response["Allow"] == "POST"
    assert not NoticeSubscription.objects.exists()


def test_a_persisted_preview_query_is_not_run_over_get(client):
    query = f'query Draft{uuid.uuid4().hex} {{ preview(token: "x") {{ title }} }}'
    assert apq_post(client, sha256(query), query).status_code == 200

    assert_coded(apq_get(client, sha256(query)), 405, "METHOD_NOT_ALLOWED")


def test_without_the_cache_persisted_queries_miss_and_queries_still_run(client, caplog):
    """Redis down: a hash alone is not found, and the query sent with it runs (uncached)."""
    query = site_query()
    down = ConnectionError("Redis is down")

    with (
        mock.patch.object(protocol.cache, "get", side_effect=down),
        mock.patch.object(protocol.cache, "set", side_effect=down),
    ):
        assert apq_get(client, sha256(query)).json() == NOT_FOUND
        assert apq_post(client, sha256(query), query).json()["data"]["site"]["name"]

    assert "cache is unavailable" in caplog.text


# Bad input -------------------------------------------------------------------------------------

DIGEST = "a" * 64


@pytest.mark.parametrize(
    ("params", "status", "code", "message"),
    [
        ({"extensions": "{nope"}, 400, "BAD_REQUEST", "not valid JSON"),
        ({"extensions": "[" * 10_000 + "]" * 10_000}, 400, "BAD_REQUEST", "nested too deeply"),
        ({"extensions": "[1]"}, 400, "BAD_REQUEST", "JSON object"),
        ({"extensions": '"persistedQuery"'}, 400, "BAD_REQUEST", "JSON object"),
        ({"extensions": '{"persistedQuery": 1}'}, 400, "BAD_REQUEST", "persistedQuery"),
        ({"extensions": '{"persistedQuery": "x"}'}, 400, "BAD_REQUEST", "persistedQuery"),
        (
            {"extensions": json.dumps({"persistedQuery": {"version": 2, "sha256Hash": DIGEST}})},
            400,
            "PERSISTED_QUERY_VERSION_NOT_SUPPORTED",
            "version 1",
        ),
        (
            {"extensions": json.dumps({"persistedQuery": {"sha256Hash": DIGEST}})},
            400,
            "PERSISTED_QUERY_VERSION_NOT_SUPPORTED",
            "version 1",
        ),
        (
            {"extensions": json.dumps({"persistedQuery": {"version": True, "sha256Hash": DIGEST}})},
            400,
            "PERSISTED_QUERY_VERSION_NOT_SUPPORTED",
            "version 1",
        ),
        (
            {"extensions": json.dumps({"persistedQuery": {"version": 1}})},
            400,
            "PERSISTED_QUERY_INVALID_HASH",
            "64 hexadecimal",
        ),
        (
            {"extensions": json.dumps({"persistedQuery": {"version": 1, "sha256Hash": "abc"}})},
            400,
            "PERSISTED_QUERY_INVALID_HASH",
            "64 hexadecimal",
        ),
        (
            {"extensions": json.dumps({"persistedQuery": {"version": 1, "sha256Hash": "g" * 64}})},
            400,
            "PERSISTED_QUERY_INVALID_HASH",
            "64 hexadecimal",
        ),
        (
            {"extensions": json.dumps({"persistedQuery": {"version": 1, "sha256Hash": [DIGEST]}})},
            400,
            "PERSISTED_QUERY_INVALID_HASH",
            "64 hexadecimal",
        ),
        ({"documentId": "sha256:" + "b" * 64}, 400, "PERSISTED_DOCUMENT_NOT_FOUND", "registered"),
        ({"documentId": "no such id"}, 400, "BAD_REQUEST", "documentId"),
        ({"documentId": "sha256:nothex"}, 400, "BAD_REQUEST", "documentId"),
        ({"documentId": "x" * 200}, 400, "BAD_REQUEST", "documentId"),
        (
            {"documentId": DIGEST, "query": "{ site { name } }"},
            400,
            "BAD_REQUEST",
            "documentId",
        ),
        (
            {"documentId": DIGEST, "extensions": json.dumps(extensions(DIGEST))},
            400,
            "BAD_REQUEST",
            "documentId",
        ),
    ],
)
def test_bad_persisted_query_parameters_over_get_are_coded(
    client, errors_logged, params, status, code, message
):
    response = client.get("/graphql/", params, HTTP_ACCEPT="application/json")

    assert message in assert_coded(response, status, code)
    assert errors_logged() == []


@pytest.mark.parametrize(
    ("body", "code"),
    [
        ({"extensions": "{}"}, "BAD_REQUEST"),
        ({"extensions": []}, "BAD_REQUEST"),
        ({"extensions": {"persistedQuery": []}}, "BAD_REQUEST"),
        (
            {"extensions": {"persistedQuery": {"version": "1", "sha256Hash": DIGEST}}},
            "PERSISTED_QUERY_VERSION_NOT_SUPPORTED",
        ),
        (
            {"extensions": {"persistedQuery": {"version": 1, "sha256Hash": None}}},
            "PERSISTED_QUERY_INVALID_HASH",
        ),
        ({"documentId": 5}, "BAD_REQUEST"),
        ({"documentId": {"sha256": DIGEST}}, "BAD_REQUEST"),
        ({"documentId": None, "extensions": None}, "BAD_REQUEST"),
    ],
)
def test_bad_persisted_query_parameters_over_post_are_coded(client, errors_logged, body, code):
    assert_coded(post(client, body), 400, code)
    assert errors_logged() == []


def test_an_upper_case_hash_names_the_same_document(client):
    query = site_query()
    assert apq_post(client, sha256(query), query).status_code == 200

    assert apq_get(client, sha256(query).upper()).json()["data"]["site"]["name"]


def test_huge_variables_in_a_get_query_string_are_refused(client, settings, errors_logged):
    limit = settings.TAPESTRY_GRAPHQL_MAX_BODY_BYTES
    query = site_query()
    assert apq_post(client, sha256(query), query).status_code == 200

    response = apq_get(client, sha256(query), variables={"padding": "x" * limit})

    assert str(limit) in assert_coded(response, 413, "PAYLOAD_TOO_LARGE")
    assert errors_logged() == []


# Trusted documents -----------------------------------------------------------------------------


def test_a_registered_document_is_served_by_its_hash_without_the_apq_cache(client):
    query = site_query()
    registered(query)

    response = apq_get(client, sha256(query))

    assert response.json()["data"]["site"]["name"]


@pytest.mark.parametrize("prefix", ["sha256:", ""])
def test_a_registered_document_is_served_by_document_id(client, prefix):
    query = site_query()
    registered(query)
    document_id = prefix + sha256(query)

    by_get = client.get("/graphql/", {"documentId": document_id}, HTTP_ACCEPT="application/json")
    by_post = post(client, {"documentId": document_id})

    assert by_get.status_code == by_post.status_code == 200
    assert by_get.json()["data"]["site"]["name"]
    assert by_post.json() == by_get.json()


def test_a_registered_document_is_served_by_its_alias(client):
    query = site_query()
    registered(query, alias="3f2a9c0d1e8b7a6f5e4d3c2b1a0f9e8d")

    response = post(client, {"documentId": "3f2a9c0d1e8b7a6f5e4d3c2b1a0f9e8d", "variables": {}})

    assert response.json()["data"]["site"]["name"]


def test_registered_lookups_are_cached(client, django_assert_num_queries):
    query = f"query Typename{uuid.uuid4().hex} {{ __typename }}"  # reads no table
    registered(query)
    with django_assert_num_queries(1):
        assert apq_get(client, sha256(query)).json() == {"data": {"__typename": "Query"}}

    with django_assert_num_queries(0):
        assert apq_get(client, sha256(query)).json() == {"data": {"__typename": "Query"}}


@pytest.fixture
def trusted_only(settings):
    settings.TAPESTRY_GRAPHQL_TRUSTED_DOCUMENTS_ONLY = True


@pytest.mark.usefixtures("trusted_only")
def test_trusted_only_runs_registered_documents(client):
    query = site_query()
    registered(query)

    assert apq_get(client, sha256(query)).json()["data"]["site"]["name"]
    assert apq_post(client, sha256(query), query).json()["data"]["site"]["name"]
    assert post(client, {"documentId": f"sha256:{sha256(query)}"}).status_code == 200


@pytest.mark.usefixtures("trusted_only")
def test_trusted_only_refuses_a_raw_query(client, errors_logged):
    message = assert_coded(
        post(client, {"query": site_query()}), 400, "PERSISTED_QUERY_NOT_ALLOWED"
    )

    assert "registered" in message
    assert errors_logged() == []


@pytest.mark.usefixtures("trusted_only")
def test_trusted_only_refuses_an_unregistered_hash_even_when_sent_with_its_query(client):
    query = site_query()

    assert_coded(apq_get(client, sha256(query)), 400, "PERSISTED_QUERY_NOT_ALLOWED")
    assert_coded(apq_post(client, sha256(query), query), 400, "PERSISTED_QUERY_NOT_ALLOWED")
    assert protocol.cache.get(protocol.APQ_KEY.format(sha256(query))) is None


@pytest.mark.usefixtures("trusted_only")
def test_trusted_only_refuses_a_document_only_in_the_apq_cache(client, settings):
    query = site_query()
    settings.TAPESTRY_GRAPHQL_TRUSTED_DOCUMENTS_ONLY = False
    assert apq_post(client, sha256(query), query).status_code == 200
    settings.TAPESTRY_GRAPHQL_TRUSTED_DOCUMENTS_ONLY = True

    assert_coded(apq_get(client, sha256(query)), 400, "PERSISTED_QUERY_NOT_ALLOWED")


def test_trusted_only_off_runs_any_query(client, settings):
    assert settings.TAPESTRY_GRAPHQL_TRUSTED_DOCUMENTS_ONLY is False

    assert post(client, {"query": site_query()}).json()["data"]["site"]["name"]


@pytest.mark.usefixtures("trusted_only")
def test_trusted_only_lets_admin_users_send_any_query(client):
    client.force_login(user_create(superuser=True))

    assert post(client, {"query": site_query()}).json()["data"]["site"]["name"]
    assert post(client, {"query": get_introspection_query()}).status_code == 200


@pytest.mark.usefixtures("trusted_only")
def test_trusted_only_holds_signed_in_users_without_admin_access(client):
    client.force_login(user_create())

    assert_coded(post(client, {"query": site_query()}), 400, "PERSISTED_QUERY_NOT_ALLOWED")


# register_persisted_documents ------------------------------------------------------------------

ARTICLES = "query Articles($first: Int) { articles(first: $first) { totalCount } }"
SITE = "query Site { site { name locales { code } } }"


def manifest_write(tmp_path, content) -> str:
    path = tmp_path / "manifest.json"
    path.write_text(json.dumps(content) if not isinstance(content, str) else content)
    return str(path)


def register(path: str, *args) -> str:
    out = StringIO()
    call_command("register_persisted_documents", path, *args, stdout=out)
    return out.getvalue()


def test_a_graphql_codegen_manifest_is_registered(client, tmp_path):
    path = manifest_write(tmp_path, {sha256(ARTICLES): ARTICLES, sha256(SITE): SITE})

    out = register(path, "--client", "residents-web")

    rows = {row.sha256: row for row in PersistedDocument.objects.all()}
    assert set(rows) == {sha256(ARTICLES), sha256(SITE)}
    assert rows[sha256(ARTICLES)].operation_names == ["Articles"]
    assert rows[sha256(ARTICLES)].client_name == "residents-web"
    assert rows[sha256(ARTICLES)].alias is None
    assert f"registered {sha256(ARTICLES)} Articles" in out
    assert "2 document(s) registered for residents-web, 0 already registered." in out
    assert apq_get(client, sha256(SITE)).json()["data"]["site"]["locales"]

    again = register(path)

    assert "0 document(s) registered, 2 already registered." in again
    assert PersistedDocument.objects.count() == 2


def test_a_graphql_codegen_manifest_with_sha256_prefixed_ids_is_registered(client, tmp_path):
    """The client preset with `hashAlgorithm: "sha256"` writes ids as `sha256:<hex>`."""
    path = manifest_write(tmp_path, {f"sha256:{sha256(SITE)}": SITE})

    register(path, "--client", "residents-web")

    row = PersistedDocument.objects.get()
    assert (row.sha256, row.alias) == (sha256(SITE), None)
    assert apq_get(client, sha256(SITE)).json()["data"]["site"]["locales"]
    assert post(client, {"documentId": f"sha256:{sha256(SITE)}"}).status_code == 200


def test_a_sha256_prefixed_id_must_be_the_hash_of_its_document(tmp_path):
    path = manifest_write(tmp_path, {f"sha256:{'c' * 64}": SITE})

    with pytest.raises(CommandError, match="not the SHA-256 hash"):
        register(path)
    assert not PersistedDocument.objects.exists()


def test_a_relay_manifest_is_registered_with_its_ids_as_aliases(client, tmp_path):
    md5 = hashlib.md5(ARTICLES.encode(), usedforsecurity=False).hexdigest()
    path = manifest_write(tmp_path, {md5: ARTICLES})

    out = register(path, "--client", "app")

    row = PersistedDocument.objects.get()
    assert (row.sha256, row.alias, row.document) == (sha256(ARTICLES), md5, ARTICLES)
    assert f"(id {md5})" in out
    response = post(client, {"documentId": md5, "variables": {"first": 1}})
    assert response.json() == {"data": {"articles": {"totalCount": 0}}}
    assert apq_get(client, sha256(ARTICLES)).status_code == 200


def test_an_apollo_manifest_is_registered(tmp_path):
    path = manifest_write(
        tmp_path,
        {
            "format": "apollo-persisted-query-manifest",
            "version": 1,
            "operations": [
                {"id": sha256(SITE), "name": "Site", "type": "query", "body": SITE},
            ],
        },
    )

    register(path)

    assert PersistedDocument.objects.get().sha256 == sha256(SITE)


@pytest.mark.parametrize(
    ("bad_key", "bad_document", "message"),
    [
        ("ok", "{ site { nope } }", "Cannot query field 'nope'"),
        ("ok", "{ site { name }", "Syntax Error"),
        ("ok", "type Site { name: String }", "defines no operation"),
        ("c" * 64, "{ site { name } }", "not the SHA-256 hash"),
        ("not an id!", "{ site { name } }", "an id is"),
        ("ok", {"query": "{ site { name } }"}, "must be strings"),
        (
            "ok",
            "{ articles(first: 100) { edges { node { community { "
            "articles(first: 100) { totalCount } } } } } }",
            "too expensive",
        ),
    ],
)
def test_one_bad_document_registers_nothing(tmp_path, bad_key, bad_document, message):
    key = sha256(bad_document) if bad_key == "ok" and isinstance(bad_document, str) else bad_key
    path = manifest_write(tmp_path, {sha256(SITE): SITE, key: bad_document})

    with pytest.raises(CommandError) as raised:
        register(path)

    assert "Nothing registered" in str(raised.value)
    assert message in str(raised.value)
    assert raised.value.returncode == 1
    assert not PersistedDocument.objects.exists()


def test_an_alias_taken_by_another_document_registers_nothing(tmp_path):
    registered(SITE, alias="abc123")
    path = manifest_write(tmp_path, {"abc123": ARTICLES, sha256(SITE): SITE})

    with pytest.raises(CommandError, match="already the id of the document"):
        register(path)

    assert list(PersistedDocument.objects.values_list("sha256", flat=True)) == [sha256(SITE)]


@pytest.mark.parametrize(
    "content",
    [
        "{nope",
        "[1, 2]",
        '{"format": "apollo-persisted-query-manifest", "version": 2, "operations": []}',
        '{"format": "apollo-persisted-query-manifest", "version": 1, "operations": [1]}',
    ],
)
def test_a_manifest_that_is_not_one_is_an_error(tmp_path, content):
    with pytest.raises(CommandError):
        register(manifest_write(tmp_path, content))


def test_a_missing_manifest_is_an_error(tmp_path):
    with pytest.raises(CommandError, match="Cannot read"):
        register(str(tmp_path / "missing.json"))


# The document cache ----------------------------------------------------------------------------


@pytest.fixture
def counted(monkeypatch) -> dict:
    """How often graphql-core's parse and validate, and the cost estimate, ran."""
    counts = {"parse": 0, "validate": 0, "cost": 0}

    def counting(name, real):
        def wrapper(*args, **kwargs):
            counts[name] += 1
            return real(*args, **kwargs)

        return wrapper

    monkeypatch.setattr(documents, "parse", counting("parse", documents.parse))
    monkeypatch.setattr(documents, "validate", counting("validate", documents.validate))
    monkeypatch.setattr(QueryCost, "of_operation", counting("cost", QueryCost.of_operation))
    return counts


def test_a_repeated_document_is_parsed_and_validated_once(gql, counted):
    query = site_query()

    first, second = gql(query), gql(query)

    assert first == second
    assert counted == {"parse": 1, "validate": 1, "cost": 1}


def test_a_repeated_persisted_query_is_parsed_and_validated_once(client, counted):
    query = site_query()
    assert apq_post(client, sha256(query), query).status_code == 200

    assert apq_get(client, sha256(query)).status_code == 200
    assert apq_get(client, sha256(query)).status_code == 200

    assert counted == {"parse": 1, "validate": 1, "cost": 1}


@pytest.mark.parametrize(
    "query",
    [
        "{ site { name } ",  # does not parse
        "{ site { nope } }",  # does not validate
        "{ " + "site { name } " * 30 + "}",  # over the field repeat limit
    ],
)
def test_a_bad_document_is_refused_from_the_cache_when_sent_again(gql, counted, query):
    first = gql(query, status=400)
    counts = dict(counted)

    for _ in range(3):
        assert gql(query, status=400) == first

    assert counted == counts
    assert counts["parse"] == 1
    assert counts["validate"] <= 1


def test_a_cost_that_reads_the_variables_is_estimated_every_time(gql, counted):
    query = """query($outer: Int, $inner: Int) {
      articles(first: $outer) { edges { node {
        community { articles(first: $inner) { edges { node { title } } } }
      } } }
    }"""

    assert "errors" not in gql(query, {"outer": 2, "inner": 2})
    expensive = gql(query, {"outer": 100, "inner": 100}, status=400)

    assert expensive["errors"][0]["extensions"]["code"] == "QUERY_TOO_EXPENSIVE"
    assert counted == {"parse": 1, "validate": 1, "cost": 2}


def test_the_cache_keeps_the_most_recently_used(gql, settings, counted, document_cache):
    settings.TAPESTRY_GRAPHQL_DOCUMENT_CACHE_SIZE = 2
    a, b, c = site_query(), site_query(), site_query()

    for query in (a, b, a, c):
        gql.data(query)
    assert len(document_cache) == 2
    assert counted["parse"] == 3

    gql.data(a)  # kept: used more recently than b
    assert counted["parse"] == 3
    gql.data(b)  # gone
    assert counted["parse"] == 4
    assert len(document_cache) == 2


def test_the_cache_keeps_no_more_source_text_than_its_budget(
    gql, settings, counted, document_cache
):
    a, b = site_query(), site_query()
    settings.TAPESTRY_GRAPHQL_DOCUMENT_CACHE_SOURCE_BYTES = len(a) + len(b)
    big = "{ " + " ".join(f"f{n}: site {{ name }}" for n in range(12)) + " }"
    assert len(big) > len(a) + len(b)

    gql.data(a)
    gql.data(b)
    assert len(document_cache) == 2
    gql.data(big)  # larger than the whole budget: checked, not kept, and evicts nothing
    assert len(document_cache) == 2
    gql.data(site_query())  # a third of a's size pushes the least recently used (a) out
    assert len(document_cache) == 2
    parses = counted["parse"]
    gql.data(b)
    assert counted["parse"] == parses
    gql.data(a)
    assert counted["parse"] == parses + 1


def test_a_cache_of_size_zero_keeps_nothing(gql, settings, counted, document_cache):
    settings.TAPESTRY_GRAPHQL_DOCUMENT_CACHE_SIZE = 0
    query = site_query()

    gql.data(query)
    gql.data(query)

    assert counted["parse"] == 2
    assert len(document_cache) == 0


def test_changing_a_limit_empties_the_cache(gql, settings, document_cache):
    query = '{ community(slug: "huacao-town") { centre { name } } }'
    assert "errors" not in gql(query)
    assert len(document_cache) == 1

    settings.TAPESTRY_GRAPHQL_MAX_DEPTH = 1

    assert len(document_cache) == 0
    assert gql(query, status=400)["errors"][0]["extensions"]["code"] == (
        "GRAPHQL_VALIDATION_FAILED"
    )
