"""Event registration through GraphQL: seats, waitlist, refusals, cancellation, mails, limits."""

import datetime

import pytest
from celery import current_app
from django.core import mail
from django.utils import timezone
from wagtail.models import PageViewRestriction

from articles.models import EventPage
from communities.models import EventRegistration
from home.translation import translation_create
from tests.helpers import HUACAO, community_events_index, event_create, locale

pytestmark = pytest.mark.django_db

REGISTER = """mutation($input: RegisterForEventInput!) {
  registerForEvent(input: $input) {
    registration { status partySize waitlistPosition event { id title spotsLeft waitlistLength } }
    cancelToken
    errors { field code message }
  }
}"""
CANCEL = """mutation($token: String!) {
  cancelRegistration(input: {token: $token}) {
    registration { status event { spotsLeft waitlistLength } }
    errors { field code message }
  }
}"""
EVENT = """query($id: ID!, $locale: String) {
  event(id: $id, locale: $locale) { title capacity spotsLeft waitlistLength registrationOpen }
}"""


@pytest.fixture
def eager_tasks(monkeypatch):
    """Run Celery tasks in-process, as a worker would."""
    monkeypatch.setitem(current_app.conf, "task_always_eager", True)
    monkeypatch.setitem(current_app.conf, "task_eager_propagates", True)


@pytest.fixture
def workshop() -> EventPage:
    return event_create(
        community_events_index(HUACAO),
        publish=True,
        title="Dumpling workshop",
        registration_required=True,
        capacity=4,
        max_party_size=3,
    )


def register(gql, event, email, party=1, **extra):
    variables = {
        "input": {
            "eventId": str(event.pk),
            "name": "A Resident",
            "email": email,
            "partySize": party,
            **extra,
        }
    }
    return gql.data(REGISTER, variables)["registerForEvent"]


def test_seats_then_waitlist(gql, workshop):
    first = register(gql, workshop, "ana@example.org", party=3)
    second = register(gql, workshop, "ben@example.org", party=1)
    third = register(gql, workshop, "cai@example.org", party=2)

    assert first["errors"] == []
    assert first["registration"]["status"] == "CONFIRMED"
    assert second["registration"]["status"] == "CONFIRMED"
    assert third["registration"]["status"] == "WAITLISTED"
    assert third["registration"]["waitlistPosition"] == 1
    assert third["registration"]["event"]["spotsLeft"] == 0
    assert third["registration"]["event"]["waitlistLength"] == 1
    assert third["cancelToken"]
    event = gql.data(EVENT, {"id": str(workshop.pk)})["event"]
    assert event == {
        "title": "Dumpling workshop",
        "capacity": 4,
        "spotsLeft": 0,
        "waitlistLength": 1,
        "registrationOpen": True,
    }


def test_a_translation_shares_the_capacity_of_its_event(gql, workshop):
    translated = translation_create(
        instance=workshop, locale=locale("zh-hans"), strings={"Dumpling workshop": "包饺子工作坊"}
    )

    assert register(gql, translated, "ana@example.org", party=3)["errors"] == []
    payload = register(gql, workshop, "ben@example.org", party=2)

    assert payload["registration"]["status"] == "WAITLISTED"
    zh = gql.data(EVENT, {"id": str(translated.pk), "locale": "zh-hans"})["event"]
    assert (zh["title"], zh["spotsLeft"], zh["waitlistLength"]) == ("包饺子工作坊", 1, 1)
    assert EventRegistration.objects.filter(event=workshop).count() == 2


def test_cancellation_promotes_the_waitlist_in_order(gql, workshop, eager_tasks):
    holder = register(gql, workshop, "ana@example.org", party=3)
    register(gql, workshop, "ben@example.org", party=1)
    big = register(gql, workshop, "cai@example.org", party=3)
    small = register(gql, workshop, "dan@example.org", party=1)
    assert [big["registration"]["status"], small["registration"]["status"]] == [
        "WAITLISTED",
        "WAITLISTED",
    ]

    cancelled = gql.data(CANCEL, {"token": holder["cancelToken"]})["cancelRegistration"]

    assert cancelled["errors"] == []
    assert cancelled["registration"]["status"] == "CANCELLED"
    statuses = dict(EventRegistration.objects.values_list("email", "status"))
    # Three seats free: the head of the line (3 people) goes in; the one behind it still waits.
    assert statuses == {
        "ana@example.org": "cancelled",
        "ben@example.org": "confirmed",
        "cai@example.org": "confirmed",
        "dan@example.org": "waitlisted",
    }
    again = gql.data(CANCEL, {"token": holder["cancelToken"]})["cancelRegistration"]
    assert again["errors"][0]["code"] == "ALREADY_CANCELLED"


def test_mails_in_the_residents_language_with_calendar_and_cancel_link(
    gql, workshop, eager_tasks, django_capture_on_commit_callbacks
):
    translation_create(
        instance=workshop, locale=locale("zh-hans"), strings={"Dumpling workshop": "包饺子工作坊"}
    )
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        payload = register(gql, workshop, "ana@example.org", party=3, locale="zh-hans")
    with django_capture_on_commit_callbacks(execute=True):
        register(gql, workshop, "ben@example.org", party=2)

    confirmed, waitlisted = mail.outbox
    assert confirmed.to == ["ana@example.org"]
    assert confirmed.subject == "报名成功：包饺子工作坊"
    assert payload["cancelToken"] in confirmed.body
    assert "/residents/registrations/cancel/" in confirmed.body
    (name, content, mimetype) = confirmed.attachments[0]
    assert name == "event.ics"
    assert mimetype.startswith("text/calendar")
    ics = content.decode() if isinstance(content, bytes) else content
    assert "SUMMARY:包饺子工作坊" in ics
    assert "DTSTART;TZID=Asia/Shanghai:" in ics
    assert confirmed.alternatives[0][1] == "text/html"
    assert waitlisted.subject == "You are on the waitlist: Dumpling workshop"
    assert "number 1" in waitlisted.body
    assert not waitlisted.attachments

    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        gql.data(CANCEL, {"token": payload["cancelToken"]})
    subjects = sorted(message.subject for message in mail.outbox)
    assert subjects == ["A place opened up: Dumpling workshop", "报名已取消：包饺子工作坊"]


def test_a_late_mail_still_says_what_happened_at_registration(
    gql, workshop, eager_tasks, django_capture_on_commit_callbacks, monkeypatch
):
    """The worker may send the confirmation after the resident already cancelled."""
    queued = []
    monkeypatch.setattr("tasks.residents.outbox_enqueue", lambda task, *args: queued.append(args))
    with django_capture_on_commit_callbacks(execute=True):
        payload = register(gql, workshop, "ana@example.org", party=1)
    gql.data(CANCEL, {"token": payload["cancelToken"]})
    mail.outbox.clear()

    from tasks.residents import send_registration_mail

    send_registration_mail(*queued[0])

    assert mail.outbox[0].subject == "Registration confirmed: Dumpling workshop"


@pytest.mark.parametrize(
    ("change", "extra", "field", "code"),
    [
        ({"registration_required": False}, {}, "eventId", "REGISTRATION_CLOSED"),
        (
            {"registration_deadline": timezone.now() - datetime.timedelta(hours=1)},
            {},
            "eventId",
            "DEADLINE_PASSED",
        ),
        (
            {"starts_at": timezone.now() - datetime.timedelta(minutes=5)},
            {},
            "eventId",
            "EVENT_STARTED",
        ),
        ({}, {"partySize": 4}, "partySize", "PARTY_TOO_LARGE"),
        ({}, {"partySize": 0}, "partySize", "OUT_OF_RANGE"),
        ({}, {"email": "not-an-email"}, "email", "INVALID"),
        ({}, {"name": "  "}, "name", "REQUIRED"),
        ({}, {"name": "x" * 121}, "name", "TOO_LONG"),
        ({}, {"locale": "xx"}, "locale", "UNKNOWN_LOCALE"),
        ({}, {"eventId": "999999"}, "eventId", "NOT_FOUND"),
        ({}, {"website": "http://spam.example"}, None, "REJECTED"),
    ],
)
def test_refusals_are_errors_and_change_nothing(gql, workshop, change, extra, field, code):
    if change:
        EventPage.objects.filter(pk=workshop.pk).update(**change)
    variables = {
        "input": {
            "eventId": str(workshop.pk),
            "name": "A Resident",
            "email": "ana@example.org",
            "partySize": 1,
            **extra,
        }
    }

    payload = gql.data(REGISTER, variables)["registerForEvent"]

    assert payload["registration"] is None
    assert payload["cancelToken"] is None
    assert [(error["field"], error["code"]) for error in payload["errors"]] == [(field, code)]
    assert payload["errors"][0]["message"]
    assert not EventRegistration.objects.exists()


def test_the_same_email_cannot_register_twice(gql, workshop):
    register(gql, workshop, "Ana@Example.org")

    payload = register(gql, workshop, "ana@example.org ")

    assert payload["errors"][0]["code"] == "ALREADY_REGISTERED"
    assert EventRegistration.objects.count() == 1


def test_an_unpublished_event_takes_no_registrations(gql, workshop):
    workshop.unpublish()

    assert register(gql, workshop, "ana@example.org")["errors"][0]["code"] == "NOT_FOUND"


HIDDEN = ["draft", "unpublished", "expired", "password", "login"]


def _hidden_event(how: str) -> EventPage:
    """An event taking registrations, published unless it is to stay a draft."""
    return event_create(
        community_events_index(HUACAO),
        publish=how != "draft",
        title="Mooncake workshop",
        registration_required=True,
        capacity=10,
    )


def _hide(event: EventPage, how: str) -> None:
    """Unpublish the event, expire it, or restrict it to a password or to logged-in users."""
    if how == "unpublished":
        event.unpublish()
    elif how == "expired":
        past = timezone.now() - datetime.timedelta(hours=1)
        EventPage.objects.filter(pk=event.pk).update(expire_at=past)
    elif how in ("password", "login"):
        kind = PageViewRestriction.PASSWORD if how == "password" else PageViewRestriction.LOGIN
        PageViewRestriction.objects.create(page=event, restriction_type=kind, password="lychee")


@pytest.mark.parametrize("how", HIDDEN)
def test_an_event_not_served_to_the_public_takes_no_registrations(gql, how):
    event = _hidden_event(how)
    _hide(event, how)

    payload = register(gql, event, "ana@example.org")

    assert payload["errors"] == [
        {"field": "eventId", "code": "NOT_FOUND", "message": "There is no such event."}
    ]
    assert not EventRegistration.objects.exists()


@pytest.mark.parametrize("how", HIDDEN)
@pytest.mark.parametrize("code", [None, "zh-hans"])
def test_a_live_translation_of_an_event_not_served_takes_no_registrations(gql, how, code):
    """The registrations would be stored against the source event, which the public may not
    read: refused as if the event did not exist, in the translation's language too."""
    event = _hidden_event(how)
    translated = translation_create(
        instance=event, locale=locale("zh-hans"), strings={"Mooncake workshop": "月饼工作坊"}
    )
    _hide(event, how)
    assert EventPage.objects.live().filter(pk=translated.pk).exists()

    payload = register(gql, translated, "ana@example.org", **({"locale": code} if code else {}))

    assert payload["errors"] == [
        {"field": "eventId", "code": "NOT_FOUND", "message": "There is no such event."}
    ]
    assert not EventRegistration.objects.exists()


def test_unlimited_capacity_confirms_everyone(gql):
    open_event = event_create(
        community_events_index(HUACAO), publish=True, registration_required=True, capacity=None
    )

    statuses = {
        register(gql, open_event, f"p{n}@example.org")["registration"]["status"] for n in range(5)
    }

    assert statuses == {"CONFIRMED"}
    assert gql.data(EVENT, {"id": str(open_event.pk)})["event"]["spotsLeft"] is None


def test_rate_limits_refuse_the_excess_and_recover(gql, workshop, settings, monkeypatch):
    settings.TAPESTRY_RATE_LIMITS = {"registerForEvent": {"ip": (3, 60), "email": (2, 60)}}
    clock = [1_000_000.0]
    monkeypatch.setattr("schema.core.mutations.time.time", lambda: clock[0])

    codes = [
        (register(gql, workshop, f"p{n}@example.org")["errors"] or [{"code": "OK"}])[0]["code"]
        for n in range(4)
    ]
    assert codes == ["OK", "OK", "OK", "RATE_LIMITED"]

    clock[0] += 66  # a sliding window: the window plus at most one tenth of it
    assert register(gql, workshop, "p9@example.org")["errors"] == []


def test_no_personal_data_in_the_api(gql, workshop):
    from schema.schema import schema

    register(gql, workshop, "ana@example.org")
    registration_type = schema.graphql_schema.get_type("Registration")

    assert set(registration_type.fields) == {"status", "partySize", "event", "waitlistPosition"}
    body = gql(EVENT, {"id": str(workshop.pk)})
    assert "ana@example.org" not in str(body)


def test_cancel_page_confirms_before_cancelling(client, gql, workshop):
    token = register(gql, workshop, "ana@example.org")["cancelToken"]
    url = f"/residents/registrations/cancel/{token}/"

    shown = client.get(url)
    assert shown.status_code == 200
    assert b"Cancel my registration" in shown.content
    assert EventRegistration.objects.get().status == "confirmed"

    done = client.post(url)
    assert b"is cancelled" in done.content
    assert EventRegistration.objects.get().status == "cancelled"
    assert client.get("/residents/registrations/cancel/forged:token/").status_code == 404
