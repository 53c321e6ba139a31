"""Every response carries the Content-Security-Policy; the admin's inline scripts its nonce."""

import re

import pytest
from bs4 import BeautifulSoup
from csp.middleware import CSPMiddleware
from django.http import HttpResponse
from django.test import RequestFactory

from cms.csp import GRAPHIQL_CDN, graphiql_policy
from tests import helpers

pytestmark = pytest.mark.django_db


def policy(response) -> dict[str, list[str]]:
    header = response["Content-Security-Policy"]
    return {
        name: values
        for name, *values in (directive.split() for directive in header.split(";") if directive)
    }


def nonce_of(response) -> str | None:
    match = re.search(r"'nonce-([^']+)'", response["Content-Security-Policy"])
    return match.group(1) if match else None


def inline_scripts(html: str) -> list:
    """The scripts a browser would run from the page itself (not data, not files)."""
    soup = BeautifulSoup(html, "html.parser")
    return [
        script
        for script in soup.find_all("script")
        if not script.get("src") and script.get("type", "text/javascript") in {"text/javascript"}
    ]


@pytest.mark.parametrize("url", ["/admin/login/", "/django-admin/login/", "/graphql/", "/healthz"])
def test_every_response_has_the_policy(client, url):
    directives = policy(client.get(url))

    assert directives["default-src"] == ["'self'"]
    assert "'unsafe-inline'" not in directives["script-src"]
    assert "'unsafe-eval'" not in directives["script-src"]
    assert directives["object-src"] == ["'none'"]
    assert directives["base-uri"] == ["'self'"]
    assert directives["form-action"] == ["'self'"]
    assert directives["frame-ancestors"] == ["'self'"]  # Wagtail's preview frames the admin
    assert directives["frame-src"] == ["'self'"]


def test_the_page_editors_inline_scripts_carry_the_responses_nonce(client):
    """Choosers, inline panels and date pickers of the page editor run under the policy."""
    client.force_login(helpers.user_create(superuser=True))
    article = helpers.article_create(helpers.city_news_index(), publish=True)

    response = client.get(helpers.admin_edit_url(article))
    scripts = inline_scripts(response.content.decode())
    nonce = nonce_of(response)

    assert response.status_code == 200
    assert nonce
    bodies = " ".join(script.string or "" for script in scripts)
    for expected in ("new ImageChooser", "new SnippetChooser", "new InlinePanel"):
        assert expected in bodies
    assert "initDateTimeChooser" in bodies  # the publishing schedule
    assert [script.get("nonce") for script in scripts] == [nonce] * len(scripts)


def test_the_event_editors_date_pickers_carry_the_nonce(client):
    client.force_login(helpers.user_create(superuser=True))
    event = helpers.event_create(helpers.city_events_index())

    response = client.get(helpers.admin_edit_url(event))
    scripts = inline_scripts(response.content.decode())

    assert sum("initDateTimeChooser" in (script.string or "") for script in scripts) >= 3
    assert {script.get("nonce") for script in scripts} == {nonce_of(response)}


def test_the_translation_editor_and_its_start_carry_the_nonce(client):
    client.force_login(helpers.user_create(superuser=True))
    article = helpers.article_create(helpers.city_news_index(), publish=True)
    translation = helpers.translation_start(article)

    for url in (
        helpers.admin_edit_url(translation),
        f"/admin/localize/submit/page/{article.pk}/",
    ):
        response = client.get(url)
        scripts = inline_scripts(response.content.decode())
        assert response.status_code == 200, url
        assert scripts, url
        assert {script.get("nonce") for script in scripts} == {nonce_of(response)}, url


def test_a_nonce_is_only_in_the_header_when_the_page_uses_it(client):
    response = client.get("/admin/login/")

    assert not inline_scripts(response.content.decode())
    assert nonce_of(response) is None


def test_wagtail_asks_no_other_site(client):
    """No update check (releases.wagtail.org) and no Gravatar: the policy would refuse both."""
    client.force_login(helpers.user_create(superuser=True))

    html = client.get("/admin/").content.decode()

    assert "releases.wagtail.org" not in html
    assert "data-w-upgrade" not in html
    assert "gravatar.com" not in client.get("/admin/account/").content.decode()


@pytest.mark.parametrize("debug", [True, False])
def test_graphiql_may_load_from_its_cdn_only_with_debug(settings, debug):
    settings.DEBUG = debug
    view = graphiql_policy(lambda request: HttpResponse("<html></html>"))

    response = CSPMiddleware(view)(RequestFactory().get("/graphql/"))
    directives = policy(response)

    assert (GRAPHIQL_CDN in directives["script-src"]) is debug
    assert ("'unsafe-inline'" in directives["script-src"]) is debug
