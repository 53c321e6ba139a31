import datetime
import hashlib
import hmac
import ipaddress
import itertools
import json
import socket
import time
import unicodedata
from types import SimpleNamespace

import certifi
import pytest
from django.utils import timezone
from wagtail.models import Locale, Page, PageViewRestriction

from articles.models import ArticlePage
from communities.models import CommunityPage
from home.translation import translation_create
from tasks.forms import WebhookEndpointForm
from tasks.models import WebhookDelivery, WebhookEndpoint, WebhookEvent
from tasks.services import webhook_targets, webhook_transport
from tasks.services.webhook_targets import webhook_target
from tasks.services.webhook_transport import RESPONSE_READ_LIMIT, webhook_post
from tasks.services.webhooks import (
    webhook_deliveries_due,
    webhook_delivery_attempt,
    webhook_delivery_redeliver,
    webhook_retry_delay,
)
from tests.cms.test_settings import production
from tests.helpers import (
    JINQIAO,
    article_create,
    city_news_index,
    community_news_index,
    community_page,
    user_create,
)
from tests.tasks.receivers import TEST_CA_FILE, TLS_HOST, StreamingReceiver, WebhookReceiver

ALL_EVENTS = [event.value for event in WebhookEvent]
PUBLIC_V4 = "93.184.216.34"
PUBLIC_V6 = "2606:2800:220:1:248:1893:25c8:1946"


@pytest.fixture(autouse=True)
def dns(monkeypatch):
    """The names these tests use and their addresses, in place of the one resolver webhooks
    use (so no test needs the network); every name asked is recorded in `asked`."""
    fake = SimpleNamespace(
        answers={
            "hooks.example.org": [PUBLIC_V4, PUBLIC_V6],
            "mp.example.org": [PUBLIC_V4],
            "localhost": ["127.0.0.1", "::1"],
            "intranet.example.org": ["10.1.2.3"],
            "mixed.example.org": [PUBLIC_V4, "192.168.0.7"],
            TLS_HOST: ["127.0.0.1"],
            "other.example.test": ["127.0.0.1"],
        },
        asked=[],
    )

    def resolve_host(host):
        fake.asked.append(host)
        if host not in fake.answers:
            raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")
        return [ipaddress.ip_address(address) for address in fake.answers[host]]

    monkeypatch.setattr(webhook_targets, "resolve_host", resolve_host)
    return fake


@pytest.fixture
def local_receivers(settings):
    """The tests' receivers listen on 127.0.0.1, mostly over plain http: allow both."""
    settings.TAPESTRY_WEBHOOK_ALLOW_HTTP = True
    settings.TAPESTRY_WEBHOOK_ALLOWED_NETWORKS = ["127.0.0.0/8"]


@pytest.fixture
def receiver(local_receivers):
    server = WebhookReceiver()
    yield server
    server.close()


def endpoint_create(url: str, *, events=None, locales=(), communities=(), **fields):
    endpoint = WebhookEndpoint.objects.create(
        name="Web frontend", url=url, events=events or ALL_EVENTS, **fields
    )
    endpoint.locales.set([Locale.objects.get(language_code=code) for code in locales])
    endpoint.communities.set(communities)
    return endpoint


def _deliveries(event_type=None):
    deliveries = WebhookDelivery.objects.order_by("created_at")
    if event_type:
        deliveries = deliveries.filter(event_type=event_type)
    return list(deliveries)


def _make_due(delivery):
    WebhookDelivery.objects.filter(pk=delivery.pk).update(next_attempt_at=timezone.now())


def verify(secret: str, headers, body: bytes) -> bool:
    """A receiver's check, as the README tells frontends to write it."""
    timestamp = headers["X-Tapestry-Timestamp"]
    expected = (
        "sha256="
        + hmac.new(secret.encode(), timestamp.encode() + b"." + body, hashlib.sha256).hexdigest()
    )
    fresh = abs(time.time() - int(timestamp)) < 300
    return fresh and hmac.compare_digest(expected, headers["X-Tapestry-Signature"])


@pytest.mark.django_db
def test_a_published_page_is_delivered_signed(receiver):
    endpoint = endpoint_create(receiver.url)
    page = article_create(community_news_index(), publish=True, title="Night market")
    (delivery,) = _deliveries(WebhookEvent.PAGE_PUBLISHED)

    webhook_delivery_attempt(delivery_id=delivery.pk)

    (request,) = receiver.requests
    assert verify(endpoint.secret, request.headers, request.body)
    body = json.loads(request.body)
    assert request.headers["X-Tapestry-Event"] == "page.published"
    assert request.headers["Idempotency-Key"] == str(delivery.idempotency_key)
    assert body["id"] == str(delivery.event_id)
    assert body["type"] == "page.published"
    assert body["page"] == {
        "id": page.pk,
        "type": "ArticlePage",
        "title": "Night market",
        "locale": "en",
        "community": "huacao-town",
        "url_path": f"/communities/huacao-town/news/{page.slug}/",
    }
    assert datetime.datetime.fromisoformat(body["occurred_at"])
    delivery.refresh_from_db()
    assert delivery.status == WebhookDelivery.Status.SUCCEEDED
    assert delivery.last_status_code == 200


@pytest.mark.django_db
def test_a_delivery_verifies_only_under_its_endpoints_secret(receiver):
    """The signature Tapestry puts on a real delivery, checked as a receiver checks it."""
    endpoint = endpoint_create(receiver.url)
    other = endpoint_create(receiver.url, secret="the-other-endpoints-secret")
    article_create(city_news_index(), publish=True)
    deliveries = {delivery.endpoint_id: delivery for delivery in _deliveries()}
    webhook_delivery_attempt(delivery_id=deliveries[endpoint.pk].pk)

    (request,) = receiver.requests
    assert verify(endpoint.secret, request.headers, request.body)
    assert not verify(other.secret, request.headers, request.body)
    assert not verify(endpoint.secret, request.headers, request.body.replace(b"}", b" }", 1))


@pytest.mark.django_db
def test_three_failures_then_success_deliver_once_more_with_the_same_key(receiver):
    receiver.statuses = [500, 503, 502]
    endpoint_create(receiver.url, events=["page.published"])
    article_create(city_news_index(), publish=True)
    (delivery,) = _deliveries()

    for _attempt in range(4):
        webhook_delivery_attempt(delivery_id=delivery.pk)
        _make_due(delivery)
    # Beat keeps looking: nothing is due any more.
    assert webhook_deliveries_due() == []
    assert webhook_delivery_attempt(delivery_id=delivery.pk) is None

    assert len(receiver.requests) == 4
    assert {request.headers["Idempotency-Key"] for request in receiver.requests} == {
        str(delivery.idempotency_key)
    }
    assert len({request.body for request in receiver.requests}) == 1
    delivery.refresh_from_db()
    assert delivery.status == WebhookDelivery.Status.SUCCEEDED
    assert delivery.attempts == 4


@pytest.mark.django_db
def test_a_failed_attempt_waits_with_exponential_backoff(receiver):
    receiver.statuses = [500, 500]
    endpoint_create(receiver.url, events=["page.published"])
    article_create(city_news_index(), publish=True)
    (delivery,) = _deliveries()

    webhook_delivery_attempt(delivery_id=delivery.pk)
    delivery.refresh_from_db()
    first_wait = delivery.next_attempt_at - delivery.last_attempt_at
    assert delivery.status == WebhookDelivery.Status.PENDING
    assert "HTTP 500" in delivery.last_error
    # Not due yet: neither beat nor a stray task sends it early.
    assert delivery.pk not in webhook_deliveries_due()
    assert webhook_delivery_attempt(delivery_id=delivery.pk) is None

    _make_due(delivery)
    webhook_delivery_attempt(delivery_id=delivery.pk)
    delivery.refresh_from_db()
    assert delivery.next_attempt_at - delivery.last_attempt_at == 2 * first_wait
    assert webhook_retry_delay(30) == datetime.timedelta(seconds=2 * 3600)  # capped


@pytest.mark.django_db
def test_retries_stop_after_the_window_and_show_failed(receiver):
    receiver.statuses = [500]
    endpoint_create(receiver.url, events=["page.published"])
    article_create(city_news_index(), publish=True)
    (delivery,) = _deliveries()
    assert delivery.retry_until - delivery.created_at >= datetime.timedelta(hours=24)
    WebhookDelivery.objects.filter(pk=delivery.pk).update(retry_until=timezone.now())

    webhook_delivery_attempt(delivery_id=delivery.pk)

    delivery.refresh_from_db()
    assert delivery.status == WebhookDelivery.Status.FAILED
    assert webhook_deliveries_due() == []


@pytest.mark.django_db
def test_an_unreachable_receiver_is_retried(receiver):
    endpoint_create("http://127.0.0.1:9/nothing-listens", events=["page.published"])
    article_create(city_news_index(), publish=True)
    (delivery,) = _deliveries()

    webhook_delivery_attempt(delivery_id=delivery.pk)

    delivery.refresh_from_db()
    assert delivery.status == WebhookDelivery.Status.PENDING
    assert delivery.last_status_code is None
    assert "ConnectionError" in delivery.last_error


@pytest.mark.django_db
def test_redeliver_sends_the_same_event_again(receiver):
    endpoint_create(receiver.url, events=["page.published"])
    article_create(city_news_index(), publish=True)
    (delivery,) = _deliveries()
    webhook_delivery_attempt(delivery_id=delivery.pk)

    webhook_delivery_redeliver(delivery=delivery)
    webhook_delivery_attempt(delivery_id=delivery.pk)

    first, second = receiver.requests
    assert first.body == second.body
    assert first.headers["Idempotency-Key"] == second.headers["Idempotency-Key"]


@pytest.mark.django_db
def test_filters_by_event_locale_and_community(receiver):
    huacao = endpoint_create(receiver.url, communities=[community_page()])
    chinese = endpoint_create(receiver.url, locales=["zh-hans"])
    unpublished_only = endpoint_create(receiver.url, events=["page.unpublished"])
    endpoint_create(receiver.url, active=False)

    huacao_page = article_create(community_news_index(), publish=True)
    article_create(community_news_index(JINQIAO), publish=True)
    article_create(city_news_index(), publish=True)

    published = _deliveries(WebhookEvent.PAGE_PUBLISHED)
    assert [(d.endpoint, d.payload["page"]["id"]) for d in published] == [(huacao, huacao_page.pk)]
    assert not WebhookDelivery.objects.filter(endpoint__in=[chinese, unpublished_only]).exists()


@pytest.mark.django_db
def test_a_community_filter_covers_the_communitys_translations(receiver):
    endpoint = endpoint_create(receiver.url, communities=[community_page()])
    zh_index = community_news_index(code="zh-hans")
    page = article_create(zh_index, publish=True)

    (delivery, translation) = sorted(
        WebhookDelivery.objects.filter(endpoint=endpoint), key=lambda d: d.event_type
    )
    assert delivery.event_type == "page.published"
    assert translation.event_type == "translation.published"
    assert translation.payload["page"]["locale"] == "zh-hans"
    assert translation.payload["page"]["community"] == page.community.slug


@pytest.mark.django_db
def test_unpublish_move_and_delete_are_events(receiver):
    endpoint_create(receiver.url)
    page = article_create(community_news_index(), publish=True)
    old_path = f"/communities/huacao-town/news/{page.slug}/"

    page.move(community_news_index(JINQIAO), pos="last-child")
    (moved,) = _deliveries(WebhookEvent.PAGE_MOVED)
    assert moved.payload["previous_url_path"] == old_path
    assert moved.payload["page"]["url_path"] == f"/communities/jinqiao-town/news/{page.slug}/"
    assert moved.payload["page"]["community"] == "jinqiao-town"

    page.refresh_from_db()
    page.unpublish()
    assert len(_deliveries(WebhookEvent.PAGE_UNPUBLISHED)) == 1
    assert _deliveries(WebhookEvent.PAGE_DELETED) == []  # a page no frontend shows any more

    other = article_create(community_news_index(), publish=True)
    other.delete()
    (deleted,) = _deliveries(WebhookEvent.PAGE_DELETED)
    assert deleted.payload["page"]["id"] == other.pk
    assert deleted.payload["page"]["community"] == "huacao-town"


def _hide(page, how: str) -> None:
    """Make a published page one the public is not served, as `how` says."""
    if how == "unpublished":
        page.unpublish()
    elif how == "expired":
        type(page).objects.filter(pk=page.pk).update(
            expire_at=timezone.now() - datetime.timedelta(hours=1)
        )
    elif how == "private":
        PageViewRestriction.objects.create(
            page=page, restriction_type=PageViewRestriction.PASSWORD, password="lychee"
        )
    page.refresh_from_db()


@pytest.mark.django_db
@pytest.mark.parametrize("how", ["unpublished", "expired", "private"])
def test_a_hidden_page_is_sent_without_a_public_path(receiver, how):
    endpoint_create(receiver.url)
    page = article_create(community_news_index(), publish=True)
    _hide(page, how)
    old_path = page.url_path

    page.move(community_news_index(JINQIAO), pos="last-child")

    (moved,) = _deliveries(WebhookEvent.PAGE_MOVED)
    assert moved.payload["page"]["id"] == page.pk
    assert moved.payload["page"]["url_path"] is None
    assert moved.payload["previous_url_path"] is None
    assert old_path != Page.objects.get(pk=page.pk).url_path


@pytest.mark.django_db
def test_a_draft_that_moves_is_sent_without_a_public_path(receiver):
    endpoint_create(receiver.url)
    draft = article_create(community_news_index())

    draft.move(community_news_index(JINQIAO), pos="last-child")

    (moved,) = _deliveries(WebhookEvent.PAGE_MOVED)
    assert (moved.payload["page"]["url_path"], moved.payload["previous_url_path"]) == (None, None)


@pytest.mark.django_db
def test_an_unpublished_page_is_sent_without_a_public_path(receiver):
    endpoint_create(receiver.url)
    page = article_create(community_news_index(), publish=True)

    page.unpublish()

    (unpublished,) = _deliveries(WebhookEvent.PAGE_UNPUBLISHED)
    assert unpublished.payload["page"]["id"] == page.pk
    assert unpublished.payload["page"]["url_path"] is None


@pytest.mark.django_db
def test_a_page_published_behind_a_login_is_sent_without_a_public_path(receiver):
    index = community_news_index(JINQIAO)
    PageViewRestriction.objects.create(page=index, restriction_type=PageViewRestriction.LOGIN)
    endpoint_create(receiver.url)

    page = article_create(index, publish=True)

    (published,) = _deliveries(WebhookEvent.PAGE_PUBLISHED)
    assert published.payload["page"]["id"] == page.pk
    assert published.payload["page"]["url_path"] is None


@pytest.mark.django_db
def test_an_unpublished_translation_is_sent_with_the_path_of_the_source_served_instead(receiver):
    source = article_create(community_news_index(), publish=True, slug="night-market")
    translated = translation_create(
        instance=source, locale=Locale.objects.get(language_code="zh-hans")
    )
    translated.slug = "ye-shi"
    translated.save_revision().publish()
    endpoint_create(receiver.url, locales=["zh-hans"])

    ArticlePage.objects.get(pk=translated.pk).unpublish()

    (unpublished,) = _deliveries(WebhookEvent.PAGE_UNPUBLISHED)
    assert unpublished.payload["page"]["id"] == translated.pk
    assert unpublished.payload["page"]["locale"] == "zh-hans"
    assert unpublished.payload["page"]["url_path"] == "/communities/huacao-town/news/night-market/"


@pytest.mark.django_db
def test_a_scheduled_but_not_yet_live_page_is_no_event(receiver):
    endpoint_create(receiver.url)
    page = article_create(city_news_index())
    page.go_live_at = timezone.now() + datetime.timedelta(hours=1)
    page.save_revision().publish()

    assert _deliveries() == []


@pytest.mark.django_db
def test_deliveries_are_recorded_with_the_change_and_sent_after_commit(
    receiver, django_capture_on_commit_callbacks
):
    endpoint_create(receiver.url)
    with django_capture_on_commit_callbacks() as callbacks:
        article_create(city_news_index(), publish=True)

    assert len(_deliveries()) == 1
    assert receiver.requests == []  # nothing leaves inside the transaction
    assert callbacks  # the send is enqueued when it commits


# Admin ----------------------------------------------------------------------------------------


@pytest.fixture
def desk_client(client):
    client.force_login(user_create(groups=["CNS Editorial Desk"]))
    return client


@pytest.mark.django_db
def test_desk_manages_endpoints(desk_client):
    response = desk_client.post(
        "/admin/webhook_endpoints/new/",
        {
            "name": "Mini-program",
            "url": "https://mp.example.org/hooks",
            "secret": "s3cret-s3cret-s3cret",
            "events": ["page.published", "page.deleted"],
            "locales": [Locale.objects.get(language_code="ja").pk],
            "communities": [community_page().pk],
            "active": "on",
        },
    )

    assert response.status_code == 302
    endpoint = WebhookEndpoint.objects.get(name="Mini-program")
    assert endpoint.events == ["page.published", "page.deleted"]
    assert [c.slug for c in endpoint.communities.all()] == ["huacao-town"]
    assert desk_client.get("/admin/webhook_endpoints/").status_code == 200


@pytest.mark.django_db
def test_community_choices_are_the_source_locale_pages(desk_client):
    response = desk_client.get("/admin/webhook_endpoints/new/")

    choices = response.context["form"].fields["communities"].queryset
    assert choices.count() == CommunityPage.objects.filter(locale__language_code="en").count()


@pytest.mark.django_db
def test_delivery_log_and_redeliver(desk_client, receiver):
    endpoint_create(receiver.url, events=["page.published"])
    article_create(city_news_index(), publish=True)
    (delivery,) = _deliveries()
    WebhookDelivery.objects.filter(pk=delivery.pk).update(status="failed")

    listing = desk_client.get("/admin/webhook_deliveries/")
    assert listing.status_code == 200
    assert f"/admin/webhook_deliveries/redeliver/{delivery.pk}/" in listing.content.decode()
    assert desk_client.get(f"/admin/webhook_deliveries/inspect/{delivery.pk}/").status_code == 200
    assert desk_client.get(f"/admin/webhook_deliveries/redeliver/{delivery.pk}/").status_code == 200

    response = desk_client.post(f"/admin/webhook_deliveries/redeliver/{delivery.pk}/")

    assert response.status_code == 302
    delivery.refresh_from_db()
    assert delivery.status == WebhookDelivery.Status.PENDING
    assert delivery.pk in webhook_deliveries_due()


@pytest.mark.django_db
def test_deliveries_cannot_be_edited_or_added(desk_client, receiver):
    endpoint_create(receiver.url, events=["page.published"])
    article_create(city_news_index(), publish=True)
    (delivery,) = _deliveries()

    assert desk_client.get(f"/admin/webhook_deliveries/edit/{delivery.pk}/").status_code == 302
    assert desk_client.get("/admin/webhook_deliveries/new/").status_code == 302


@pytest.mark.django_db
def test_editors_cannot_see_webhooks(client, receiver):
    endpoint_create(receiver.url, events=["page.published"])
    article_create(city_news_index(), publish=True)
    (delivery,) = _deliveries()
    client.force_login(user_create(groups=["Huacao Town Moderators"]))

    for url in (
        "/admin/webhook_endpoints/",
        "/admin/webhook_deliveries/",
        f"/admin/webhook_deliveries/redeliver/{delivery.pk}/",
    ):
        response = client.get(url)
        assert response.status_code in (302, 403), url
    assert client.post(f"/admin/webhook_deliveries/redeliver/{delivery.pk}/").status_code in (
        302,
        403,
    )
    delivery.refresh_from_db()
    assert delivery.status == WebhookDelivery.Status.PENDING and delivery.attempts == 0


# Where webhooks may go -------------------------------------------------------------------------


def _endpoint_form(url: str, *, active: bool = True) -> WebhookEndpointForm:
    data = {"name": "Frontend", "url": url, "secret": "s3cret-s3cret-s3cret"}
    data["events"] = ["page.published"]
    if active:
        data["active"] = "on"
    return WebhookEndpointForm(data=data)


def _url_errors(form: WebhookEndpointForm) -> list[tuple[str, str]]:
    return [(error.code, error.message) for error in form.errors.as_data().get("url", [])]


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("url", "code", "reason"),
    [
        ("https://127.0.0.1/hooks", "address_not_public", "(loopback)"),
        ("https://[::1]/hooks", "address_not_public", "(loopback)"),
        ("https://localhost/hooks", "address_not_public", "(loopback)"),
        ("https://169.254.169.254/latest/meta-data/", "address_not_public", "(link-local)"),
        ("https://10.0.0.5/hooks", "address_not_public", "(private network)"),
        ("https://172.16.3.4/hooks", "address_not_public", "(private network)"),
        ("https://192.168.1.10/hooks", "address_not_public", "(private network)"),
        ("https://[fd12:3456::1]/hooks", "address_not_public", "(private network)"),
        ("https://100.64.1.1/hooks", "address_not_public", "(shared address space)"),
        ("https://[::ffff:127.0.0.1]/hooks", "address_not_public", "(loopback, via 127.0.0.1)"),
        ("https://[64:ff9b::a00:5]/hooks", "address_not_public", "(private network, via 10.0.0.5)"),
        ("https://[2002:7f00:1::1]/hooks", "address_not_public", "(loopback, via 127.0.0.1)"),
        ("https://[fe80::1]/hooks", "address_not_public", "(link-local)"),
        ("https://224.0.0.1/hooks", "address_not_public", "(multicast)"),
        ("https://[ff02::1]/hooks", "address_not_public", "(multicast)"),
        ("https://0.0.0.0/hooks", "address_not_public", "(unspecified)"),
        ("https://240.0.0.1/hooks", "address_not_public", "(reserved)"),
        ("https://192.0.2.10/hooks", "address_not_public", "(special-purpose)"),
        ("https://intranet.example.org/hooks", "address_not_public", "10.1.2.3"),
        ("https://mixed.example.org/hooks", "address_not_public", "192.168.0.7"),
        ("ftp://hooks.example.org/hooks", "scheme", "https://"),
        ("http://hooks.example.org/hooks", "scheme", "https://"),
        ("https://user:secret@hooks.example.org/hooks", "userinfo", "password"),
        ("https://nowhere.example.org/hooks", "unresolvable", "does not resolve"),
    ],
)
def test_an_endpoint_url_that_could_reach_inside_is_refused(url, code, reason):
    form = _endpoint_form(url)

    assert not form.is_valid()
    ((error_code, message),) = _url_errors(form)
    assert error_code == code
    assert reason in message


@pytest.mark.django_db
@pytest.mark.parametrize(
    "url",
    [
        "https://hooks.example.org/hooks",
        "https://hooks.example.org:8443/tapestry?source=cms",
        f"https://{PUBLIC_V4}/hooks",
        "https://[2606:4700::1111]/hooks",
        "https://[::ffff:93.184.216.34]/hooks",
        "https://[64:ff9b::5db8:d822]/hooks",  # NAT64 of a public IPv4 address
    ],
)
def test_a_public_https_url_is_accepted(url):
    form = _endpoint_form(url)

    assert form.is_valid(), form.errors
    endpoint = form.save()
    assert endpoint.url == url


@pytest.mark.django_db
def test_settings_open_http_and_chosen_networks(settings):
    assert _url_errors(_endpoint_form("https://intranet.example.org/hooks"))
    assert _url_errors(_endpoint_form("http://hooks.example.org/hooks"))

    settings.TAPESTRY_WEBHOOK_ALLOW_HTTP = True
    settings.TAPESTRY_WEBHOOK_ALLOWED_NETWORKS = ["10.0.0.0/8"]

    assert _url_errors(_endpoint_form("https://intranet.example.org/hooks")) == []
    assert _url_errors(_endpoint_form("http://hooks.example.org/hooks")) == []
    assert _url_errors(_endpoint_form("https://[::ffff:10.9.9.9]/hooks")) == []
    # Only what was allowed: other private networks stay refused.
    assert _url_errors(_endpoint_form("https://192.168.1.10/hooks"))


@pytest.mark.django_db
def test_an_inactive_endpoint_whose_host_stopped_resolving_can_be_saved():
    assert _url_errors(_endpoint_form("https://nowhere.example.org/hooks", active=False)) == []
    # Whatever it resolves to, a URL with a password or another scheme is never stored.
    for url in ("https://user:secret@hooks.example.org/", "ftp://hooks.example.org/"):
        assert _url_errors(_endpoint_form(url, active=False))


@pytest.mark.django_db
def test_the_admin_shows_the_refusal_and_saves_nothing(desk_client):
    response = desk_client.post(
        "/admin/webhook_endpoints/new/",
        {
            "name": "Metadata",
            "url": "https://169.254.169.254/latest/meta-data/",
            "secret": "s3cret-s3cret-s3cret",
            "events": ["page.published"],
            "active": "on",
        },
    )

    assert response.status_code == 200
    assert "169.254.169.254, which is not public (link-local)" in response.content.decode()
    assert not WebhookEndpoint.objects.exists()


@pytest.mark.parametrize("networks", ["10.1.2.3/8", "intranet", "10.0.0.0/8,300.0.0.0/8"])
def test_a_malformed_allowed_network_stops_startup(tmp_path, networks):
    result = production(tmp_path, TAPESTRY_WEBHOOK_ALLOWED_NETWORKS=networks)

    assert result.returncode != 0
    assert "TAPESTRY_WEBHOOK_ALLOWED_NETWORKS" in result.stderr


def test_allowed_networks_from_the_environment(tmp_path):
    result = production(tmp_path, TAPESTRY_WEBHOOK_ALLOWED_NETWORKS="10.20.0.0/16, fd00::/8")

    assert result.returncode == 0, result.stderr


# Delivering only to the checked address, within the deadline, reading little -----------------


@pytest.mark.django_db
def test_an_address_refused_at_delivery_is_never_connected_to(receiver, settings, dns):
    # Saved while the name was public; now it answers the worker's own address.
    endpoint_create(f"http://hooks.example.org:{receiver.port}/hooks", events=["page.published"])
    dns.answers["hooks.example.org"] = ["127.0.0.1"]
    settings.TAPESTRY_WEBHOOK_ALLOWED_NETWORKS = []
    article_create(city_news_index(), publish=True)
    (delivery,) = _deliveries()

    webhook_delivery_attempt(delivery_id=delivery.pk)

    assert receiver.requests == []
    delivery.refresh_from_db()
    assert delivery.last_error == (
        "Refused: hooks.example.org resolves to 127.0.0.1, which is not public (loopback); "
        "webhooks go to public addresses only."
    )
    assert delivery.last_status_code is None
    # DNS may change back: tried again later, within the retry window.
    assert delivery.status == WebhookDelivery.Status.PENDING
    assert delivery.next_attempt_at > delivery.last_attempt_at

    # The same delivery reaches the receiver once its network is allowed: the refusal, not
    # the setup, kept it away.
    settings.TAPESTRY_WEBHOOK_ALLOWED_NETWORKS = ["127.0.0.0/8"]
    _make_due(delivery)
    webhook_delivery_attempt(delivery_id=delivery.pk)
    assert len(receiver.requests) == 1


@pytest.mark.django_db
def test_a_url_refused_for_good_fails_at_once(receiver, settings):
    endpoint_create(receiver.url, events=["page.published"])  # http, saved when it was allowed
    settings.TAPESTRY_WEBHOOK_ALLOW_HTTP = False
    article_create(city_news_index(), publish=True)
    (delivery,) = _deliveries()

    webhook_delivery_attempt(delivery_id=delivery.pk)

    assert receiver.requests == []
    delivery.refresh_from_db()
    assert delivery.status == WebhookDelivery.Status.FAILED
    assert delivery.attempts == 1
    assert delivery.last_error == "Refused: Webhook URLs must start with https://."
    assert webhook_deliveries_due() == []


@pytest.fixture
def tls_receiver(local_receivers, monkeypatch):
    """An https receiver on 127.0.0.1 whose certificate the worker trusts for TLS_HOST."""
    monkeypatch.setattr(webhook_transport, "TRUSTED_CA_FILE", TEST_CA_FILE)
    server = WebhookReceiver(tls=True)
    yield server
    server.close()


@pytest.mark.django_db
def test_https_goes_to_the_checked_address_with_the_hosts_name(tls_receiver, dns):
    endpoint_create(tls_receiver.url, events=["page.published"])
    article_create(city_news_index(), publish=True)
    (delivery,) = _deliveries()
    dns.asked.clear()

    webhook_delivery_attempt(delivery_id=delivery.pk)

    delivery.refresh_from_db()
    assert delivery.status == WebhookDelivery.Status.SUCCEEDED, delivery.last_error
    # Resolved once, and that answer was used: nothing resolved the name again to connect.
    assert dns.asked == [TLS_HOST]
    (request,) = tls_receiver.requests
    assert tls_receiver.server_names == [TLS_HOST]  # SNI
    assert request.headers["Host"] == f"{TLS_HOST}:{tls_receiver.port}"
    assert request.path == "/hooks/tapestry"


@pytest.mark.django_db
@pytest.mark.parametrize("trusted", [True, False], ids=["wrong name", "unknown authority"])
def test_a_certificate_that_does_not_verify_is_refused(tls_receiver, monkeypatch, trusted):
    host = "other.example.test" if trusted else TLS_HOST
    if not trusted:
        monkeypatch.setattr(webhook_transport, "TRUSTED_CA_FILE", certifi.where())
    endpoint_create(f"https://{host}:{tls_receiver.port}/hooks", events=["page.published"])
    article_create(city_news_index(), publish=True)
    (delivery,) = _deliveries()

    webhook_delivery_attempt(delivery_id=delivery.pk)

    assert tls_receiver.requests == []
    delivery.refresh_from_db()
    assert delivery.status == WebhookDelivery.Status.PENDING
    assert delivery.last_error.startswith("TLSError: ")
    assert "certificate verify failed" in delivery.last_error


@pytest.fixture
def streaming_receivers(local_receivers, settings):
    settings.TAPESTRY_WEBHOOK_TIMEOUT_SECONDS = 1
    servers = []

    def start(parts, interval=0.0):
        servers.append(StreamingReceiver(parts, interval=interval))
        return servers[-1]

    yield start
    for server in servers:
        server.close()


def _deliver_to(url: str) -> WebhookDelivery:
    endpoint_create(url, events=["page.published"])
    article_create(city_news_index(), publish=True)
    (delivery,) = _deliveries()
    webhook_delivery_attempt(delivery_id=delivery.pk)
    delivery.refresh_from_db()
    return delivery


@pytest.mark.django_db
def test_a_receiver_trickling_its_answer_is_cut_off_at_the_deadline(streaming_receivers):
    answer = b"HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok"
    # One byte every 0.25 s: never a pause as long as the 1 s timeout, about 10 s in all.
    trickler = streaming_receivers([bytes([byte]) for byte in answer], interval=0.25)

    delivery = _deliver_to(trickler.url)

    assert delivery.status == WebhookDelivery.Status.PENDING  # retried like any failure
    assert delivery.last_status_code is None
    assert delivery.last_error == "Timeout: no answer within 1 s"
    assert trickler.done.wait(30)
    assert not trickler.completed
    assert trickler.sent < len(answer)


@pytest.mark.django_db
def test_a_receiver_trickling_an_error_body_is_cut_off_at_the_deadline(streaming_receivers):
    head = b"HTTP/1.1 503 Service Unavailable\r\nContent-Length: 60\r\n\r\n"
    trickler = streaming_receivers([head, *[b"z"] * 60], interval=0.25)

    delivery = _deliver_to(trickler.url)

    assert delivery.last_status_code == 503
    assert delivery.last_error.startswith("HTTP 503: z")
    assert trickler.done.wait(30)
    assert not trickler.completed


@pytest.mark.django_db
def test_a_huge_answer_is_not_read(streaming_receivers):
    size = 200 * 1024 * 1024
    head = f"HTTP/1.1 500 Internal Server Error\r\nContent-Length: {size}\r\n\r\n".encode()
    chunk = b"x" * 65536
    flood = streaming_receivers(itertools.chain([head], itertools.repeat(chunk, size // 65536)))

    delivery = _deliver_to(flood.url)

    assert delivery.last_status_code == 500
    assert delivery.last_error == "HTTP 500: " + "x" * 199 + "…"
    assert flood.done.wait(30)
    assert not flood.completed  # the worker hung up long before the end
    assert flood.sent < size


@pytest.mark.django_db
def test_at_most_the_read_limit_of_an_answer_is_read(streaming_receivers):
    head = b"HTTP/1.1 500 Internal Server Error\r\nContent-Length: 1048576\r\n\r\n"
    flood = streaming_receivers([head, b"x" * 1048576])

    response = webhook_post(
        webhook_target(flood.url),
        body=b"{}",
        headers={"Content-Type": "application/json"},
        timeout=5,
    )

    assert response.status == 500
    assert response.body == b"x" * RESPONSE_READ_LIMIT
    assert b"POST /hooks/tapestry HTTP/1.1" in flood.request


@pytest.mark.django_db
def test_the_logged_answer_is_short_cleaned_and_shown_escaped(receiver, desk_client):
    receiver.statuses = [500]
    receiver.error_body = (
        b'<script>alert("x")</script>\x1b[31m\x00\r\n\xe2\x80\xae' + b"A" * 1000 + b"SECRET"
    )
    delivery = _deliver_to(receiver.url)

    expected = '<script>alert("x")</script> [31m ' + "A" * 1000
    assert delivery.last_error == "HTTP 500: " + expected[:199] + "…"
    assert not [char for char in delivery.last_error if unicodedata.category(char)[0] == "C"]

    page = desk_client.get(f"/admin/webhook_deliveries/inspect/{delivery.pk}/").content.decode()
    assert "&lt;script&gt;alert(" in page
    assert "<script>alert(" not in page
