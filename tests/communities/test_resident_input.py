"""Input checks every residents' mutation shares: addresses that reach a public mailbox, and at
most 50 values in any list."""

import pytest
from celery import current_app
from django.core import mail

from articles.models import Topic
from communities.engagement import email_clean
from communities.models import EventRegistration, Feedback, NoticeSubscription
from tests.helpers import (
    COMMUNITY_SLUGS,
    HUACAO,
    community_events_index,
    event_create,
    locale,
    unique,
)

pytestmark = pytest.mark.django_db

SUBSCRIBE = """mutation($input: SubscribeInput!) {
  subscribe(input: $input) { subscription { status } errors { field code message } }
}"""
FEEDBACK = """mutation($input: SubmitFeedbackInput!) {
  submitFeedback(input: $input) { feedback { reference } errors { field code message } }
}"""
REGISTER = """mutation($input: RegisterForEventInput!) {
  registerForEvent(input: $input) { registration { status } errors { field code message } }
}"""

NOT_PUBLIC = [
    "a@localhost",
    "a@localhost.",
    "a@printer.local",
    "a@app.localhost",
    "a@mail.test",
    "a@host.invalid",
    "a@docs.example",
    "a@service.internal",
    "a@router.home.arpa",
    "a@abcdefghijklmnop.onion",
    "a@[127.0.0.1]",
    "a@[IPv6:2001:db8::1]",
    "a@192.168.0.10",
    "a@intranet",
]


@pytest.fixture(autouse=True)
def eager_tasks(monkeypatch):
    monkeypatch.setitem(current_app.conf, "task_always_eager", True)
    monkeypatch.setitem(current_app.conf, "task_eager_propagates", True)


@pytest.fixture
def workshop():
    return event_create(
        community_events_index(HUACAO), publish=True, registration_required=True, capacity=10
    )


def only_error(payload) -> tuple[str | None, str]:
    (error,) = payload["errors"]
    assert error["message"]
    return error["field"], error["code"]


@pytest.mark.parametrize("email", NOT_PUBLIC)
def test_addresses_that_reach_no_public_mailbox_are_refused_everywhere(
    gql, workshop, django_capture_on_commit_callbacks, email
):
    with django_capture_on_commit_callbacks(execute=True):
        subscribed = gql.data(SUBSCRIBE, {"input": {"email": email}})["subscribe"]
        feedback = gql.data(
            FEEDBACK,
            {
                "input": {
                    "community": HUACAO,
                    "category": "QUESTION",
                    "message": "When does it open?",
                    "email": email,
                    "consent": True,
                }
            },
        )["submitFeedback"]
        registered = gql.data(
            REGISTER, {"input": {"eventId": str(workshop.pk), "name": "Ana", "email": email}}
        )["registerForEvent"]

    assert only_error(subscribed) == ("email", "INVALID")
    assert only_error(feedback) == ("email", "INVALID")
    assert only_error(registered) == ("email", "INVALID")
    assert not NoticeSubscription.objects.exists()
    assert not Feedback.objects.exists()
    assert not EventRegistration.objects.exists()
    assert mail.outbox == []


@pytest.mark.parametrize(
    "email",
    ["ana@example.org", "li.wei@example.com", "li@fudan.edu.cn", "Ana+news@Mail.Example.org"],
)
def test_public_addresses_are_kept(email):
    assert email_clean(email) == email.lower()


# At most 50 values in any list.


@pytest.fixture
def topic():
    topic = Topic.objects.create(name="Visas", slug=unique("visas"), locale=locale("en"))
    topic.save_revision().publish()
    return topic


def lists(count: int, topic: Topic) -> dict[str, dict]:
    """Each list input of `subscribe` with `count` values: real ones, repeated (there are not 50
    communities, kinds or topics to choose from)."""
    communities = [COMMUNITY_SLUGS[n % len(COMMUNITY_SLUGS)] for n in range(count)]
    return {
        "communities": {"communities": communities},
        "kinds": {"kinds": ["NOTICE", "POLICY"] * (count // 2) + ["GUIDE"] * (count % 2)},
        "topics": {"topics": [topic.slug] * count},
    }


@pytest.mark.parametrize("field", ["communities", "kinds", "topics"])
def test_fifty_values_in_a_list_are_accepted(gql, topic, field):
    values = lists(50, topic)[field]
    payload = gql.data(SUBSCRIBE, {"input": {"email": "ana@example.org", **values}})

    assert payload["subscribe"]["errors"] == []
    assert payload["subscribe"]["subscription"]["status"] == "PENDING"
    assert NoticeSubscription.objects.count() == 1


@pytest.mark.parametrize("field", ["communities", "kinds", "topics"])
def test_fifty_one_values_in_a_list_are_refused(
    gql, topic, django_capture_on_commit_callbacks, field
):
    values = lists(51, topic)[field]
    with django_capture_on_commit_callbacks(execute=True):
        payload = gql.data(SUBSCRIBE, {"input": {"email": "ana@example.org", **values}})

    assert payload["subscribe"]["subscription"] is None
    assert only_error(payload["subscribe"]) == (field, "TOO_MANY")
    assert not NoticeSubscription.objects.exists()
    assert mail.outbox == []
