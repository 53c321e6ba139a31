"""Notice subscriptions: double opt-in, matching, immediate vs digest, no duplicates, privacy."""

import datetime
import re

import pytest
from celery import current_app
from django.core import mail
from django.utils import timezone

from articles.models import ArticlePage, ArticlePageTopic, Topic
from communities.models import NoticeDelivery, NoticeSubscription
from communities.subscriptions.mail import digest_send, notice_send
from communities.subscriptions.services import digest_due, subscribers_for
from home.translation import translation_create
from tests.helpers import (
    HUACAO,
    JINQIAO,
    article_create,
    city_news_index,
    community_news_index,
    community_page,
    locale,
    unique,
)

pytestmark = pytest.mark.django_db

SUBSCRIBE = """mutation($input: SubscribeInput!) {
  subscribe(input: $input) {
    subscription { status frequency locale }
    errors { field code message }
  }
}"""
CONFIRM = """mutation($token: String!) {
  confirmSubscription(input: {token: $token}) {
    subscription { status frequency locale }
    errors { field code message }
  }
}"""
UNSUBSCRIBE = """mutation($token: String!) {
  unsubscribe(input: {token: $token}) {
    subscription { status frequency locale }
    errors { field code message }
  }
}"""
Status = NoticeSubscription.Status


@pytest.fixture
def eager_tasks(monkeypatch):
    """Run Celery tasks in-process, as a worker would."""
    monkeypatch.setitem(current_app.conf, "task_always_eager", True)
    monkeypatch.setitem(current_app.conf, "task_eager_propagates", True)


@pytest.fixture
def on_commit(django_capture_on_commit_callbacks, eager_tasks):
    """Run what is enqueued on commit, then the tasks themselves: a request as a worker sees it."""

    def run():
        return django_capture_on_commit_callbacks(execute=True)

    return run


def topic_create(name: str) -> Topic:
    topic = Topic.objects.create(name=name, slug=unique("topic"), locale=locale("en"))
    topic.save_revision().publish()
    return topic


def article_publish(index=None, *, topics=(), **fields) -> ArticlePage:
    """Write an article as a draft, link its topics, then publish it as an editor would."""
    article = article_create(index or community_news_index(HUACAO), **fields)
    for position, topic in enumerate(topics):
        ArticlePageTopic.objects.create(
            page=article, topic=topic, sort_order=position, locale=article.locale
        )
    article.save_revision().publish()
    article.refresh_from_db()
    return article


def subscriber(email: str, **fields) -> NoticeSubscription:
    """An active (confirmed) subscription, made directly."""
    values = {"locale": "en", "status": Status.ACTIVE, "confirmed_at": timezone.now(), **fields}
    return NoticeSubscription.objects.create(email=email, **values)


def subscribe(gql, email: str, **extra) -> dict:
    return gql.data(SUBSCRIBE, {"input": {"email": email, **extra}})["subscribe"]


def link_token(body: str, kind: str) -> str:
    return re.search(rf"/residents/subscriptions/{kind}/([^/\s]+)/", body).group(1)


def recipients() -> list[str]:
    return sorted(address for message in mail.outbox for address in message.to)


def test_subscribe_confirm_receive_and_unsubscribe_in_one_click(client, gql, on_commit):
    with on_commit():
        pending = subscribe(gql, "Ana@Example.org", locale="fr", frequency="IMMEDIATE")

    assert pending == {
        "subscription": {"status": "PENDING", "frequency": "IMMEDIATE", "locale": "fr"},
        "errors": [],
    }
    (confirmation,) = mail.outbox
    assert confirmation.to == ["ana@example.org"]
    assert confirmation.subject == "Confirmez votre abonnement aux avis de quartier"
    assert confirmation.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    # Nothing goes to an address before it is confirmed.
    mail.outbox.clear()
    with on_commit():
        article_publish(title="Water cut on Monday")
    assert mail.outbox == []

    token = link_token(confirmation.body, "confirm")
    confirmed = gql.data(CONFIRM, {"token": token})["confirmSubscription"]
    assert confirmed["subscription"]["status"] == "ACTIVE"
    with on_commit():
        article_publish(title="Road works on Huaxiang Road", summary="Expect delays.")

    (notice,) = mail.outbox
    assert notice.to == ["ana@example.org"]
    assert notice.subject == "Road works on Huaxiang Road"
    assert "Expect delays." in notice.body
    header = notice.extra_headers["List-Unsubscribe"]
    assert re.fullmatch(r"<http://testserver/residents/subscriptions/unsubscribe/[^>]+/>", header)
    assert notice.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"

    # RFC 8058: the mail client POSTs to the header's URL, with no form and no cookie.
    response = client.post(header[1:-1], {"List-Unsubscribe": "One-Click"})
    assert response.status_code == 200
    assert NoticeSubscription.objects.get().status == Status.UNSUBSCRIBED
    mail.outbox.clear()
    with on_commit():
        article_publish(title="Another notice")
    assert mail.outbox == []


def test_every_mail_carries_the_unsubscribe_headers(gql, on_commit):
    weekly = subscriber("wei@example.org", frequency="weekly")
    subscriber("ana@example.org")
    with on_commit():
        subscribe(gql, "new@example.org")
        article_publish(title="Urgent: typhoon warning", priority="urgent")
    article_publish(title="Library opening hours")
    digest_send(weekly.pk)

    assert len(mail.outbox) == 4  # confirmation, urgent notice ×2, digest
    for message in mail.outbox:
        assert message.extra_headers["List-Unsubscribe"].startswith("<http://testserver/")
        assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
        assert "/residents/subscriptions/unsubscribe/" in message.body


def test_confirm_with_graphql_then_unsubscribe_with_graphql(gql, on_commit):
    with on_commit():
        subscribe(gql, "ana@example.org", frequency="WEEKLY")
    confirm_token = link_token(mail.outbox[0].body, "confirm")
    gql.data(CONFIRM, {"token": confirm_token})
    unsubscribe_token = link_token(mail.outbox[0].body, "unsubscribe")

    first = gql.data(UNSUBSCRIBE, {"token": unsubscribe_token})["unsubscribe"]
    again = gql.data(UNSUBSCRIBE, {"token": unsubscribe_token})["unsubscribe"]

    assert first == {
        "subscription": {"status": "UNSUBSCRIBED", "frequency": "WEEKLY", "locale": "en"},
        "errors": [],
    }
    assert again == first
    stored = NoticeSubscription.objects.get()
    assert stored.unsubscribed_at is not None


@pytest.mark.parametrize(
    ("extra", "field", "code"),
    [
        ({"email": "not-an-email"}, "email", "INVALID"),
        ({"email": ""}, "email", "REQUIRED"),
        ({"email": "a" * 250 + "@x.org"}, "email", "TOO_LONG"),
        ({"locale": "xx"}, "locale", "UNKNOWN_LOCALE"),
        ({"communities": ["atlantis"]}, "communities", "UNKNOWN_COMMUNITY"),
        ({"communities": [f"c{n}" for n in range(51)]}, "communities", "TOO_MANY"),
        ({"topics": ["no-such-topic"]}, "topics", "UNKNOWN_TOPIC"),
        ({"website": "http://spam.example"}, None, "REJECTED"),
    ],
)
def test_subscribe_refusals_are_errors_and_change_nothing(gql, on_commit, extra, field, code):
    with on_commit():
        payload = gql.data(SUBSCRIBE, {"input": {"email": "ana@example.org", **extra}})["subscribe"]

    assert payload["subscription"] is None
    assert [(error["field"], error["code"]) for error in payload["errors"]] == [(field, code)]
    assert payload["errors"][0]["message"]
    assert not NoticeSubscription.objects.exists()
    assert mail.outbox == []


def test_an_unknown_kind_or_frequency_is_refused_by_the_schema(gql):
    for bad, value in (({"kinds": ["GOSSIP"]}, "GOSSIP"), ({"frequency": "DAILY"}, "DAILY")):
        body = gql(SUBSCRIBE, {"input": {"email": "a@example.org", **bad}}, status=400)
        assert value in body["errors"][0]["message"]
    assert not NoticeSubscription.objects.exists()


def test_choices_are_stored_by_translation_key_and_named_in_the_mail(gql, on_commit):
    visas = topic_create("Visas")

    with on_commit():
        subscribe(
            gql,
            "ana@example.org",
            communities=[HUACAO, JINQIAO, HUACAO],
            kinds=["NOTICE", "POLICY"],
            topics=[visas.slug],
            frequency="WEEKLY",
        )

    stored = NoticeSubscription.objects.get()
    expected = {str(community_page(HUACAO).translation_key)}
    expected.add(str(community_page(JINQIAO).translation_key))
    assert set(stored.communities) == expected
    assert stored.kinds == ["notice", "policy"]
    assert stored.topics == [str(visas.translation_key)]
    assert stored.status == Status.PENDING
    (confirmation,) = mail.outbox
    assert "A weekly digest (urgent notices at once)" in confirmation.body
    assert "Visas" in confirmation.body
    assert community_page(JINQIAO).title in confirmation.body


def test_subscribing_again_never_reveals_or_changes_an_active_subscription(gql, on_commit):
    active = subscriber("ana@example.org", frequency="immediate", locale="en")

    with on_commit():
        payload = subscribe(gql, "ana@example.org", frequency="WEEKLY", locale="de")
    with on_commit():
        unknown = subscribe(gql, "ben@example.org", frequency="WEEKLY", locale="de")

    # The same answer for a subscribed and an unknown address.
    assert payload == unknown
    active.refresh_from_db()
    assert (active.status, active.frequency, active.locale) == ("active", "immediate", "en")
    change = next(message for message in mail.outbox if message.to == ["ana@example.org"])
    assert change.subject == "Bitte bestätigen Sie Ihr Abonnement der Gemeindemitteilungen"

    gql.data(CONFIRM, {"token": link_token(change.body, "confirm")})

    active.refresh_from_db()
    assert (active.status, active.frequency, active.locale) == ("active", "weekly", "de")


def test_subscribing_again_after_unsubscribing_needs_a_new_confirmation(gql, on_commit):
    gone = subscriber("ana@example.org", status=Status.UNSUBSCRIBED)

    with on_commit():
        subscribe(gql, "ana@example.org", kinds=["NOTICE"])

    gone.refresh_from_db()
    assert (gone.status, gone.kinds) == ("pending", ["notice"])
    gql.data(CONFIRM, {"token": link_token(mail.outbox[0].body, "confirm")})
    gone.refresh_from_db()
    assert gone.status == "active"


def test_confirmation_refusals(gql, on_commit, monkeypatch):
    with on_commit():
        subscribe(gql, "ana@example.org")
    token = link_token(mail.outbox[0].body, "confirm")

    forged = gql.data(CONFIRM, {"token": token[:-3] + "abc"})["confirmSubscription"]
    assert forged["subscription"] is None
    assert forged["errors"][0]["code"] == "INVALID_TOKEN"
    eight_days = datetime.timedelta(days=8).total_seconds()
    later = timezone.now().timestamp() + eight_days
    monkeypatch.setattr("django.core.signing.time.time", lambda: later)
    expired = gql.data(CONFIRM, {"token": token})["confirmSubscription"]
    assert expired["errors"][0]["code"] == "EXPIRED_TOKEN"
    assert NoticeSubscription.objects.get().status == Status.PENDING


def test_unsubscribe_refuses_a_forged_token(gql):
    subscriber("ana@example.org")

    payload = gql.data(UNSUBSCRIBE, {"token": "1:forged"})["unsubscribe"]

    assert payload["subscription"] is None
    assert payload["errors"][0]["code"] == "INVALID_TOKEN"
    assert NoticeSubscription.objects.get().status == Status.ACTIVE


def test_matching_by_community_kind_and_topic():
    visas, schools = topic_create("Visas"), topic_create("Schools")
    huacao = str(community_page(HUACAO).translation_key)
    jinqiao = str(community_page(JINQIAO).translation_key)
    everyone = subscriber("all@example.org")
    in_huacao = subscriber("huacao@example.org", communities=[huacao])
    in_jinqiao = subscriber("jinqiao@example.org", communities=[jinqiao])
    notices_only = subscriber("notices@example.org", kinds=["notice"])
    on_visas = subscriber("visas@example.org", topics=[str(visas.translation_key)])
    narrow = subscriber(
        "narrow@example.org",
        communities=[huacao],
        kinds=["policy"],
        topics=[str(schools.translation_key)],
    )
    subscriber("pending@example.org", status=Status.PENDING, confirmed_at=None)
    subscriber("gone@example.org", status=Status.UNSUBSCRIBED)

    def matched(page):
        return {each.email for each in subscribers_for(page)}

    huacao_notice = article_publish(kind="notice", topics=[visas])
    assert matched(huacao_notice) == {
        everyone.email,
        in_huacao.email,
        notices_only.email,
        on_visas.email,
    }
    jinqiao_news = article_publish(community_news_index(JINQIAO), topics=[schools])
    assert matched(jinqiao_news) == {everyone.email, in_jinqiao.email}
    # City-wide content concerns every resident, whatever communities they chose.
    city_policy = article_publish(
        city_news_index(), kind="news", topics=[schools, visas], title="City-wide"
    )
    assert matched(city_policy) == {
        everyone.email,
        in_huacao.email,
        in_jinqiao.email,
        on_visas.email,
    }
    schools_news = article_publish(kind="news", topics=[schools])
    assert narrow.email not in matched(schools_news)
    ArticlePage.objects.filter(pk=schools_news.pk).update(kind="policy")
    assert narrow.email in matched(ArticlePage.objects.get(pk=schools_news.pk))


def test_a_page_written_only_in_another_language_reaches_its_readers(on_commit):
    subscriber("en@example.org", locale="en")
    subscriber("zh@example.org", locale="zh-hans")

    with on_commit():
        article_publish(community_news_index(HUACAO, "zh-hans"), title="停水通知")

    assert recipients() == ["zh@example.org"]
    assert mail.outbox[0].subject == "停水通知"
    assert "原文" not in mail.outbox[0].body


def test_immediate_mail_falls_back_to_the_source_with_a_note(on_commit):
    subscriber("zh@example.org", locale="zh-hans")

    with on_commit():
        article = article_publish(title="Water cut on Monday", summary="From 9:00 to 17:00.")

    (fallback,) = mail.outbox
    assert fallback.subject == "Water cut on Monday"
    assert "此页面暂无您所选语言的版本，以下为原文。" in fallback.body
    assert "From 9:00 to 17:00." in fallback.body
    assert article.url_path.split("/")[-2] in fallback.body


def test_translated_page_is_mailed_in_the_subscribers_language():
    zh = subscriber("zh@example.org", locale="zh-hans")
    article = article_publish(title="Water cut on Monday", summary="From 9:00 to 17:00.")
    translation_create(
        instance=article,
        locale=locale("zh-hans"),
        strings={"Water cut on Monday": "周一停水", "From 9:00 to 17:00.": "9:00 至 17:00。"},
    )

    assert notice_send(zh.pk, article.pk)

    (translated,) = mail.outbox
    assert translated.subject == "周一停水"
    assert "9:00 至 17:00。" in translated.body
    assert "原文" not in translated.body
    assert "/zh-hans/" in translated.body
    assert translated.alternatives[0][1] == "text/html"


def test_urgent_goes_out_at_once_to_everyone_the_rest_weekly_to_weekly_subscribers(on_commit):
    subscriber("now@example.org", frequency="immediate")
    weekly = subscriber("weekly@example.org", frequency="weekly", locale="zh-hans")

    with on_commit():
        urgent = article_publish(title="Typhoon warning", priority="urgent")
    subjects = {message.to[0]: message.subject for message in mail.outbox}
    assert subjects == {
        "now@example.org": "Urgent: Typhoon warning",
        "weekly@example.org": "紧急：Typhoon warning",
    }

    mail.outbox.clear()
    with on_commit():
        normal = article_publish(title="Library opening hours")
        later = article_publish(title="New bus line 926")
    assert recipients() == ["now@example.org", "now@example.org"]

    mail.outbox.clear()
    assert digest_due() == [weekly.pk]
    assert digest_send(weekly.pk) == 2
    (digest,) = mail.outbox
    assert digest.to == ["weekly@example.org"]
    assert digest.subject == "本周社区摘要：2 条新内容"
    assert "Library opening hours" in digest.body
    assert "New bus line 926" in digest.body
    assert "Typhoon warning" not in digest.body  # it went out at once
    assert digest.body.count("此页面暂无您所选语言的版本") == 2
    keys = set(NoticeDelivery.objects.filter(subscription=weekly).values_list("translation_key"))
    assert keys == {(urgent.translation_key,), (normal.translation_key,), (later.translation_key,)}


def test_a_digest_uses_translations_live_by_then():
    weekly = subscriber("weekly@example.org", frequency="weekly", locale="zh-hans")
    article = article_publish(title="Library opening hours")
    translation_create(
        instance=article,
        locale=locale("zh-hans"),
        strings={"Library opening hours": "图书馆开放时间"},
    )

    digest_send(weekly.pk)

    (digest,) = mail.outbox
    assert "图书馆开放时间" in digest.body
    assert "Library opening hours" not in digest.body
    assert "原文" not in digest.body


def test_no_page_twice_republish_and_digest_twice(on_commit):
    subscriber("now@example.org")
    weekly = subscriber("weekly@example.org", frequency="weekly")

    with on_commit():
        article = article_publish(title="Library opening hours")
    subscriber("later@example.org")
    with on_commit():
        article.title = "Library opening hours (corrected)"
        article.save_revision().publish()
    # A republish is not a new notice, not even for someone who subscribed in between.
    assert recipients() == ["now@example.org"]

    assert digest_send(weekly.pk) == 1
    assert digest_send(weekly.pk) == 0
    assert digest_due() == []
    # A task delivered twice (a worker lost after sending) sends nothing the second time.
    now = NoticeSubscription.objects.get(email="now@example.org")
    assert notice_send(now.pk, article.pk) is False
    assert recipients() == ["now@example.org", "weekly@example.org"]


def published_days_ago(page: ArticlePage, days: int) -> None:
    moment = timezone.now() - datetime.timedelta(days=days)
    ArticlePage.objects.filter(pk=page.pk).update(first_published_at=moment)


def test_digest_skips_what_came_before_confirming_or_is_no_longer_live():
    published_days_ago(article_publish(title="Before confirming"), 3)
    weekly = subscriber(
        "weekly@example.org",
        frequency="weekly",
        confirmed_at=timezone.now() - datetime.timedelta(days=1),
    )
    article_publish(title="Withdrawn").unpublish()
    kept = article_publish(title="Fresh")

    assert digest_send(weekly.pk) == 1
    assert "Fresh" in mail.outbox[0].body
    assert list(weekly.deliveries.values_list("translation_key", flat=True)) == [
        kept.translation_key
    ]


def test_digest_reaches_back_two_weeks_at_most():
    weekly = subscriber(
        "weekly@example.org",
        frequency="weekly",
        confirmed_at=timezone.now() - datetime.timedelta(days=60),
    )
    published_days_ago(article_publish(title="Stale"), 15)
    published_days_ago(article_publish(title="Missed by a skipped week"), 10)

    assert digest_send(weekly.pk) == 1
    assert "Missed by a skipped week" in mail.outbox[0].body
    assert "Stale" not in mail.outbox[0].body


def test_digest_due_lists_only_weekly_subscribers_with_something_new():
    huacao = str(community_page(HUACAO).translation_key)
    jinqiao = str(community_page(JINQIAO).translation_key)
    waiting = subscriber("huacao@example.org", frequency="weekly", communities=[huacao])
    subscriber("jinqiao@example.org", frequency="weekly", communities=[jinqiao])
    subscriber("now@example.org", frequency="immediate")

    article_publish(title="Huacao only")

    assert digest_due() == [waiting.pk]


def test_frontend_links_when_a_frontend_is_configured(gql, on_commit, settings):
    settings.TAPESTRY_FRONTEND_URL = "https://residents.example.cn/"
    with on_commit():
        subscribe(gql, "ana@example.org", locale="ja")
    (confirmation,) = mail.outbox

    assert "https://residents.example.cn/ja/subscriptions/confirm?token=" in confirmation.body
    assert "https://residents.example.cn/ja/subscriptions/unsubscribe?token=" in confirmation.body
    # One-click needs a URL that takes the POST itself: always Tapestry's own.
    assert (
        "http://testserver/residents/subscriptions/unsubscribe/"
        in (confirmation.extra_headers["List-Unsubscribe"])
    )


def test_rate_limits_refuse_the_excess_and_recover(gql, settings, monkeypatch):
    settings.TAPESTRY_RATE_LIMITS = {"subscribe": {"ip": (3, 60), "email": (2, 60)}}
    clock = [2_000_000.0]
    monkeypatch.setattr("schema.core.mutations.time.time", lambda: clock[0])

    def code(email):
        return (subscribe(gql, email)["errors"] or [{"code": "OK"}])[0]["code"]

    assert [code("same@example.org") for _ in range(3)] == ["OK", "OK", "RATE_LIMITED"]
    assert code("other@example.org") == "RATE_LIMITED"  # the fourth from this address

    clock[0] += 66  # a sliding window: the window plus at most one tenth of it
    assert code("same@example.org") == "OK"


def test_confirm_and_unsubscribe_are_rate_limited_per_address(gql, settings, monkeypatch):
    settings.TAPESTRY_RATE_LIMITS = {
        "confirmSubscription": {"ip": (2, 60)},
        "unsubscribe": {"ip": (1, 60)},
    }
    monkeypatch.setattr("schema.core.mutations.time.time", lambda: 3_000_000.0)

    confirm_codes = [
        gql.data(CONFIRM, {"token": "x"})["confirmSubscription"]["errors"][0]["code"]
        for _ in range(3)
    ]
    unsubscribe_codes = [
        gql.data(UNSUBSCRIBE, {"token": "x"})["unsubscribe"]["errors"][0]["code"] for _ in range(2)
    ]

    assert confirm_codes == ["INVALID_TOKEN", "INVALID_TOKEN", "RATE_LIMITED"]
    assert unsubscribe_codes == ["INVALID_TOKEN", "RATE_LIMITED"]


def test_no_email_in_any_graphql_response(gql, on_commit):
    from schema.schema import schema

    with on_commit():
        responses = [gql(SUBSCRIBE, {"input": {"email": "ana@example.org"}})]
    token = link_token(mail.outbox[0].body, "confirm")
    unsubscribe_token = link_token(mail.outbox[0].body, "unsubscribe")
    responses.append(gql(CONFIRM, {"token": token}))
    responses.append(gql(UNSUBSCRIBE, {"token": unsubscribe_token}))

    assert set(schema.graphql_schema.get_type("NoticeSubscription").fields) == {
        "status",
        "frequency",
        "locale",
    }
    assert all("ana@example.org" not in str(body) for body in responses)
    for name in ("Query", "Mutation"):
        for field_name, field in schema.graphql_schema.get_type(name).fields.items():
            assert "email" not in str(field.type).lower(), field_name


def test_confirm_page_asks_before_confirming(client, gql, on_commit):
    with on_commit():
        subscribe(gql, "ana@example.org")
    url = f"/residents/subscriptions/confirm/{link_token(mail.outbox[0].body, 'confirm')}/"

    shown = client.get(url)
    assert shown.status_code == 200
    assert b"Confirm my subscription" in shown.content
    assert NoticeSubscription.objects.get().status == Status.PENDING

    done = client.post(url)
    assert b"is confirmed" in done.content
    assert NoticeSubscription.objects.get().status == Status.ACTIVE
    assert client.get("/residents/subscriptions/confirm/1:forged/").status_code == 404


def test_unsubscribe_page_asks_before_unsubscribing(client, gql, on_commit):
    with on_commit():
        subscribe(gql, "ana@example.org")
    url = f"/residents/subscriptions/unsubscribe/{link_token(mail.outbox[0].body, 'unsubscribe')}/"

    shown = client.get(url)
    assert shown.status_code == 200
    assert b"Unsubscribe" in shown.content
    assert NoticeSubscription.objects.get().status == Status.PENDING

    done = client.post(url)
    assert b"You are unsubscribed" in done.content
    assert NoticeSubscription.objects.get().status == Status.UNSUBSCRIBED
    assert client.post("/residents/subscriptions/unsubscribe/1:forged/").status_code == 404


def test_beat_sends_the_weekly_digest_on_monday_morning(settings, eager_tasks):
    from tasks.subscriptions import send_weekly_digests

    entry = settings.CELERY_BEAT_SCHEDULE["send-weekly-digests"]
    assert entry["task"] == send_weekly_digests.name
    schedule = entry["schedule"]
    assert (schedule.day_of_week, schedule.hour, schedule.minute) == ({1}, {8}, {0})
    weekly = subscriber("weekly@example.org", frequency="weekly")
    article_publish(title="Library opening hours")

    send_weekly_digests.apply()

    assert recipients() == ["weekly@example.org"]
    assert weekly.deliveries.count() == 1
