"""The `site` query: the service's name and the locales content exists in."""

import json

import pytest

pytestmark = pytest.mark.django_db

SITE_QUERY = "{ site { name defaultLocale locales { code name localName } } }"


def post(client, query: str) -> dict:
    response = client.post(
        "/graphql/", json.dumps({"query": query}), content_type="application/json"
    )
    assert response.status_code == 200
    return response.json()


def test_site_lists_source_first_then_targets(client):
    body = post(client, SITE_QUERY)

    assert "errors" not in body
    site = body["data"]["site"]
    assert site["defaultLocale"] == "en"
    assert [locale["code"] for locale in site["locales"]] == [
        "en",
        "zh-hans",
        "ja",
        "ko",
        "fr",
        "de",
        "es",
    ]
    assert site["locales"][1] == {
        "code": "zh-hans",
        "name": "Simplified Chinese",
        "localName": "简体中文",
    }


def test_site_leaves_out_configured_languages_without_a_locale(client, settings):
    settings.WAGTAIL_CONTENT_LANGUAGES = [*settings.WAGTAIL_CONTENT_LANGUAGES, ("it", "Italian")]

    codes = [locale["code"] for locale in post(client, SITE_QUERY)["data"]["site"]["locales"]]

    assert "it" not in codes
    assert "ja" in codes
