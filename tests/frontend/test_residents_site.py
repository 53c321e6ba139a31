"""The residents' site (frontend/) in Chromium, against Tapestry through Varnish.

Residents read a community's news in Chinese and meet a fallback notice, switch language,
register for a full event, send feedback and read its status, subscribe with double opt-in; an
editor previews a draft and publishes, and the site changes within 2 s; axe-core finds no
serious or critical violation on any page type; no page needs more than one GraphQL request.
"""

import hashlib
import hmac
import json
import re
import time
import uuid
from dataclasses import dataclass
from pathlib import Path

import pytest
import requests
from django.contrib.auth import get_user_model
from django.core import mail
from django.core.management import call_command
from django.test import override_settings
from playwright.sync_api import expect

from cms.celery import app as celery_app
from home.translation import translation_create
from tasks.models import WebhookEvent
from tasks.services.webhooks import webhook_endpoint_ensure
from tests import helpers
from tests.browser.conftest import docs_screenshot
from tests.browser.journeys import PASSWORD, log_in, user

pytestmark = [
    pytest.mark.frontend,
    # Committed: the server's threads, Varnish and the site's server read what a test writes.
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("database_restored"),
]

ROOT = Path(__file__).resolve().parents[2]
MANIFEST = ROOT / "frontend" / "persisted-documents.json"
AXE = ROOT / "frontend" / "node_modules" / "axe-core" / "axe.min.js"
# The site must show a published change this long after the publish request answered.
FRESH_SECONDS = 2.0

NEWS_EN = "Huacao library opens on Sundays"
NEWS_ZH = "华漕图书馆周日开放"
SUMMARY_EN = "From March the library on Huacao Road opens every Sunday, 9 am to 5 pm."
SUMMARY_ZH = "从三月起，华漕路图书馆每周日上午9点至下午5点开放。"
UNTRANSLATED = "Recycling collection moves to Thursdays"


@dataclass(frozen=True)
class Content:
    site: str  # the site's URL, no trailing /
    cms: str
    translated: object  # the English article with a live Chinese translation
    untranslated: object  # an English article with none (a fallback in Chinese)
    full_event: object  # capacity 1, one seat left for the first resident
    draft: object  # an article submitted for review, never published


@pytest.fixture
def content(tree_present, cms_server, cms_varnish, residents_site):
    """Tapestry configured for the site (preview URL, mail links, its webhook, purges of the
    Varnish in front of it, side effects run at once), and a community's content in two
    languages, published after the webhook endpoint exists, so the site hears of every page."""
    configured = override_settings(
        TAPESTRY_PREVIEW_URL=f"{residents_site.url}/api/preview",
        TAPESTRY_FRONTEND_URL=residents_site.url,
        TAPESTRY_WEBHOOK_ALLOW_HTTP=True,
        TAPESTRY_WEBHOOK_ALLOWED_NETWORKS=["127.0.0.0/8"],
        VARNISH_PURGE_URLS=[cms_varnish.url],
        TAPESTRY_CACHE_PURGERS=[
            "schema.core.response_cache.purge",
            "tasks.services.http_cache.varnish_purge",
        ],
        WAGTAILADMIN_BASE_URL=cms_server,
    )
    eager = celery_app.conf.task_always_eager, celery_app.conf.task_eager_propagates
    with configured:
        celery_app.conf.task_always_eager = celery_app.conf.task_eager_propagates = True
        try:
            call_command(
                "register_persisted_documents", str(MANIFEST), client="residents-web", verbosity=0
            )
            webhook_endpoint_ensure(
                name="Residents' site",
                url=f"{residents_site.url}/api/revalidate",
                secret=residents_site.webhook_secret,
                events=list(WebhookEvent.values),
            )
            yield _content_create(residents_site.url, cms_server)
        finally:
            celery_app.conf.task_always_eager, celery_app.conf.task_eager_propagates = eager


def _content_create(site: str, cms: str) -> Content:
    news = helpers.community_news_index(helpers.HUACAO)
    translated = helpers.article_create(
        news,
        title=NEWS_EN,
        summary=SUMMARY_EN,
        slug=helpers.unique("library-sundays"),
        publish=True,
    )
    translation_create(
        instance=translated,
        locale=helpers.locale("zh-hans"),
        strings={NEWS_EN: NEWS_ZH, SUMMARY_EN: SUMMARY_ZH},
    )
    untranslated = helpers.article_create(
        news,
        title=UNTRANSLATED,
        summary="Sorted recycling is collected on Thursday mornings from 1 December.",
        slug=helpers.unique("recycling-thursdays"),
        publish=True,
    )
    full_event = helpers.event_create(
        helpers.community_events_index(helpers.HUACAO),
        title="Dumpling workshop for new neighbours",
        slug=helpers.unique("dumpling-workshop"),
        registration_required=True,
        capacity=1,
        max_party_size=2,
        publish=True,
    )
    draft = helpers.article_create(
        news,
        title="Night market returns to Huacao Square",
        summary="Forty stalls of street food and crafts, Friday and Saturday evenings.",
        slug=helpers.unique("night-market"),
    )
    return Content(site, cms, translated, untranslated, full_event, draft)


def _resident(browser, steps, content: Content, locale: str = "en-GB"):
    context = browser.new_context(base_url=content.site, locale=locale)
    context.set_default_timeout(20_000)
    page = context.new_page()
    steps.pages.append(page)
    return page


def _url_path(page_obj) -> str:
    """A page's path below its locale's home page, as the API's urlPath gives it."""
    parts = page_obj.url_path.strip("/").split("/")
    return "/" + "/".join(parts[1:]) + "/" if len(parts) > 1 else "/"


# Residents ---------------------------------------------------------------------------------------


def test_news_in_chinese_with_a_fallback_notice_then_english(browser, steps, content):
    page = _resident(browser, steps, content, locale="zh-CN")
    page.goto("/zh-hans/communities/huacao-town/")
    expect(page.locator("html")).to_have_attribute("lang", re.compile(r"^zh"))
    items = page.get_by_test_id("list-item")
    expect(items.filter(has_text=NEWS_ZH)).to_have_count(1)
    steps.shot(page, "community-zh")
    page.set_viewport_size({"width": 1280, "height": 900})
    docs_screenshot(page, "site-community-zh")

    items.filter(has_text=UNTRANSLATED).first.get_by_role("link").first.click()
    expect(page.get_by_test_id("fallback-notice")).to_be_visible()
    expect(page.get_by_role("heading", name=UNTRANSLATED)).to_be_visible()
    assert page.url.startswith(f"{content.site}/zh-hans/")
    steps.shot(page, "fallback-zh")
    docs_screenshot(page, "site-article-fallback")

    switcher = page.get_by_test_id("language-switcher")
    switcher.get_by_role("link", name=re.compile("English")).click()
    page.wait_for_url(re.compile(r"/en/"))
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.get_by_test_id("fallback-notice")).to_have_count(0)
    expect(page.get_by_role("heading", name=UNTRANSLATED)).to_be_visible()

    page.goto("/en/communities/huacao-town/")
    expect(page.get_by_test_id("list-item").filter(has_text=NEWS_EN)).to_have_count(1)
    docs_screenshot(page, "site-community-en")


def _register(page, content: Content, name: str, email: str, party: int) -> str:
    page.goto(f"/en{_url_path(content.full_event)}")
    form = page.get_by_test_id("registration-form")
    form.locator("[name=name]").fill(name)
    form.locator("[name=email]").fill(email)
    form.locator("[name=partySize]").fill(str(party))
    form.locator("[type=submit]").click()
    result = page.get_by_test_id("registration-result")
    expect(result).to_be_visible()
    return result.get_attribute("data-status")


def test_register_for_a_full_event_and_land_on_the_waitlist(browser, steps, content):
    first = _resident(browser, steps, content)
    assert _register(first, content, "Ana Lima", "ana.lima@example.com", 1) == "CONFIRMED"
    expect(first.get_by_test_id("calendar-link")).to_be_visible()
    steps.shot(first, "confirmed")

    second = _resident(browser, steps, content)
    assert _register(second, content, "Kenji Sato", "kenji.sato@example.com", 2) == "WAITLISTED"
    steps.shot(second, "waitlisted")
    registrations = content.full_event.registrations.order_by("pk")
    assert [r.status for r in registrations] == ["confirmed", "waitlisted"]


def test_send_feedback_and_read_its_status(browser, steps, content):
    page = _resident(browser, steps, content)
    page.goto("/en/communities/huacao-town/")
    form = page.get_by_test_id("feedback-form")
    form.locator("[name=message]").fill("The bus stop sign on Huacao Road is only in Chinese.")
    consent = form.locator("[name=consent]")
    if consent.count():
        consent.check()
    form.locator("[type=submit]").click()
    result = page.get_by_test_id("feedback-result")
    expect(result).to_be_visible()
    token = page.get_by_test_id("feedback-status-token").inner_text().strip()
    assert token
    steps.shot(page, "feedback-sent")

    page.get_by_test_id("feedback-status-link").click()
    page.wait_for_url(re.compile(r"/en/feedback/status"))
    status = page.get_by_test_id("feedback-status")
    expect(status).to_have_attribute("data-status", "NEW")
    steps.shot(page, "feedback-status")


def test_subscribe_and_confirm_from_the_mail(browser, steps, content):
    page = _resident(browser, steps, content)
    page.goto("/en/communities/huacao-town/")
    form = page.get_by_test_id("subscribe-form")
    form.locator("[name=email]").fill("mei.chen@example.com")
    form.locator("[name=kinds]").first.check()
    form.locator("[type=submit]").click()
    expect(page.get_by_test_id("subscribe-result")).to_be_visible()
    steps.shot(page, "subscribed")

    sent = [message for message in mail.outbox if "mei.chen@example.com" in message.to]
    assert len(sent) == 1
    links = re.findall(r"https?://\S+", sent[0].body)
    confirm = next(link for link in links if "confirm" in link)
    assert confirm.startswith(f"{content.site}/en/")
    assert sent[0].to == ["mei.chen@example.com"]
    page.goto(confirm)  # a page with one button: mail scanners that follow links change nothing
    assert content_subscription_status("mei.chen@example.com") == "pending"
    page.get_by_test_id("confirm-subscription-form").locator("[type=submit]").click()
    expect(page.get_by_test_id("confirm-subscription-result")).to_have_attribute(
        "data-status", "ACTIVE"
    )
    assert content_subscription_status("mei.chen@example.com") == "active"
    steps.shot(page, "confirmed")


def content_subscription_status(email: str) -> str:
    from communities.models import NoticeSubscription

    return NoticeSubscription.objects.get(email=email).status


# Editors -----------------------------------------------------------------------------------------


def test_an_editor_previews_a_draft_on_the_site(browser, steps, content):
    editor = user("site-preview-editor", helpers.editors())
    user("site-preview-moderator", helpers.moderators())
    helpers.workflow_submit(content.draft, editor)

    admin = log_in(browser, _Server(content.cms), steps, "site-preview-moderator")
    admin.set_viewport_size({"width": 1280, "height": 800})
    row = admin.locator("#awaiting-my-review-section tr", has_text="Night market returns")
    row.locator("button[aria-label='Actions']").click()
    with admin.context.expect_page() as opened:
        row.get_by_role("link", name="Preview").click()
    preview = opened.value
    steps.pages.append(preview)
    preview.wait_for_load_state()
    preview.set_viewport_size({"width": 1280, "height": 800})
    assert preview.url.startswith(f"{content.site}/")
    expect(preview.get_by_test_id("preview-banner")).to_be_visible()
    expect(preview.get_by_role("heading", name="Night market returns")).to_be_visible()
    expect(preview.get_by_text("Forty stalls of street food")).to_be_visible()
    steps.shot(preview, "preview")
    docs_screenshot(preview, "site-preview")


def test_a_publish_in_the_admin_shows_on_the_site_within_two_seconds(browser, steps, content):
    get_user_model().objects.create_superuser("site-admin", "site-admin@example.org", PASSWORD)
    path = f"/en{_url_path(content.translated)}"
    resident = _resident(browser, steps, content)
    resident.goto(path)
    expect(resident.get_by_role("heading", name=NEWS_EN)).to_be_visible()
    resident.goto(path)  # now cached by the site and by Varnish

    admin = log_in(browser, _Server(content.cms), steps, "site-admin")
    admin.goto(helpers.admin_edit_url(content.translated))
    admin.fill("#id_title", "Huacao library now opens on Sundays and holidays")
    admin.locator("footer [data-w-dropdown-target='toggle']").first.click()
    admin.locator("button[name='action-publish']").click()
    admin.wait_for_url(re.compile(r"/admin/pages/\d+/$"))
    published = time.monotonic()

    while True:
        resident.goto(path)
        heading = resident.get_by_role("heading", level=1).inner_text()
        if "holidays" in heading:
            break
        assert time.monotonic() - published < FRESH_SECONDS, heading
        time.sleep(0.2)
    steps.shot(resident, "fresh")


# Receiver, accessibility, requests ---------------------------------------------------------------


def _signed(secret: str, body: bytes, timestamp: int | None = None) -> dict[str, str]:
    stamp = str(timestamp if timestamp is not None else int(time.time()))
    digest = hmac.new(secret.encode(), stamp.encode() + b"." + body, hashlib.sha256).hexdigest()
    return {
        "Content-Type": "application/json",
        "X-Tapestry-Event": "page.published",
        "X-Tapestry-Timestamp": stamp,
        "X-Tapestry-Signature": f"sha256={digest}",
        "Idempotency-Key": str(uuid.uuid4()),
    }


def test_the_webhook_receiver_refuses_bad_signatures_and_dedupes(content, residents_site):
    body = json.dumps(
        {
            "id": str(uuid.uuid4()),
            "type": "page.published",
            "occurred_at": "2026-11-30T10:00:00+08:00",
            "page": {
                "id": content.translated.pk,
                "type": "ArticlePage",
                "title": NEWS_EN,
                "locale": "en",
                "community": helpers.HUACAO,
                "url_path": _url_path(content.translated),
            },
        }
    ).encode()
    url = f"{content.site}/api/revalidate"

    wrong = _signed("not-the-secret", body)
    assert requests.post(url, data=body, headers=wrong, timeout=10).status_code == 401
    stale = _signed(residents_site.webhook_secret, body, timestamp=int(time.time()) - 600)
    assert requests.post(url, data=body, headers=stale, timeout=10).status_code == 401
    unsigned = {key: value for key, value in wrong.items() if key != "X-Tapestry-Signature"}
    assert requests.post(url, data=body, headers=unsigned, timeout=10).status_code == 401
    tampered = _signed(residents_site.webhook_secret, body)
    assert requests.post(url, data=body + b" ", headers=tampered, timeout=10).status_code == 401

    good = _signed(residents_site.webhook_secret, body)
    first = requests.post(url, data=body, headers=good, timeout=10)
    again = requests.post(url, data=body, headers=good, timeout=10)
    assert first.status_code == again.status_code == 200
    assert first.json() != again.json()  # the second answer says it did nothing
    assert "duplicate" in json.dumps(again.json()).lower()


def _page_types(content: Content) -> dict[str, str]:
    return {
        "home": "/en/",
        "communities": "/en/communities/",
        "community home (Chinese)": "/zh-hans/communities/huacao-town/",
        "news list": "/en/communities/huacao-town/news/",
        "events list": "/en/communities/huacao-town/events/?upcoming=true",
        "article": f"/en{_url_path(content.translated)}",
        "article with a fallback (Chinese)": f"/zh-hans{_url_path(content.untranslated)}",
        "event": f"/en{_url_path(content.full_event)}",
        "search": "/en/search?q=library",
        "topics": "/en/topics",
    }


def test_no_serious_or_critical_accessibility_violations(browser, steps, content):
    if not AXE.exists():
        pytest.fail(f"{AXE.relative_to(ROOT)} is missing: axe-core is a devDependency of frontend/")
    page = _resident(browser, steps, content)
    found = {}
    for name, path in _page_types(content).items():
        response = page.goto(path)
        assert response.status == 200, (name, path, response.status)
        page.add_script_tag(path=str(AXE))
        results = page.evaluate(
            "async () => (await axe.run(document, {resultTypes: ['violations']})).violations"
        )
        serious = [
            f"{violation['id']} ({violation['impact']}): {len(violation['nodes'])} element(s), "
            f"e.g. {violation['nodes'][0]['target']}"
            for violation in results
            if violation["impact"] in {"serious", "critical"}
        ]
        if serious:
            found[f"{name} {path}"] = serious
            steps.shot(page, re.sub(r"\W+", "-", name))
    assert found == {}


def test_no_page_needs_more_than_one_graphql_request(content, graphql_requests):
    """Counted where the site's server meets the API: reads happen server-side. Each page is
    asked for twice, fresh and from the site's cache."""
    counts = {}
    for name, path in _page_types(content).items():
        for attempt in ("first", "again"):
            before = graphql_requests.count()
            response = requests.get(f"{content.site}{path}", timeout=30)
            assert response.status_code == 200, (name, path, response.status_code)
            counts[f"{name} ({attempt})"] = graphql_requests.since(before)
    too_many = {name: seen for name, seen in counts.items() if len(seen) > 1}
    assert too_many == {}
    # The count is real: uncached pages did ask the API.
    assert sum(len(seen) for seen in counts.values()) >= len(counts) // 2


@dataclass(frozen=True)
class _Server:
    """What tests.browser.journeys.log_in needs of a live server."""

    url: str
