"""Rate limits of residents' mutations: per client behind proxies, sliding windows, one count per
mailbox however its address is spelled."""

import itertools
import json

import pytest

from communities.engagement import email_identity
from communities.models import Feedback, NoticeSubscription

pytestmark = pytest.mark.django_db

FEEDBACK = """mutation($input: SubmitFeedbackInput!) {
  submitFeedback(input: $input) { feedback { reference } errors { field code message } }
}"""
SUBSCRIBE = """mutation($input: SubscribeInput!) {
  subscribe(input: $input) { subscription { status } errors { field code message } }
}"""

# Each test counts in its own stretch of (fake) time, so no test sees another's counters.
_hours = itertools.count(1)


@pytest.fixture
def clock(monkeypatch):
    """The time rate limits read: starts on a fresh hour boundary; tests move it forward."""
    now = [float(3600 * (500_000 + 10 * next(_hours)))]
    monkeypatch.setattr("schema.core.mutations.time.time", lambda: now[0])
    return now


def post(client, query: str, variables: dict, **meta) -> dict:
    response = client.post(
        "/graphql/",
        json.dumps({"query": query, "variables": variables}),
        content_type="application/json",
        **meta,
    )
    assert response.status_code == 200, response.content
    body = response.json()
    assert "errors" not in body, body
    return body["data"]


def feedback_code(client, *, email=None, **meta) -> str:
    values = {"community": "huacao-town", "category": "QUESTION", "message": "When?"}
    if email:
        values.update(email=email, consent=True)
    errors = post(client, FEEDBACK, {"input": values}, **meta)["submitFeedback"]["errors"]
    return errors[0]["code"] if errors else "OK"


def subscribe_error(client, email: str) -> dict | None:
    errors = post(client, SUBSCRIBE, {"input": {"email": email}})["subscribe"]["errors"]
    return errors[0] if errors else None


# Client addresses behind proxies.


def test_varying_the_left_most_hop_never_escapes_the_limit(client, settings, clock):
    settings.TAPESTRY_TRUSTED_PROXY_COUNT = 1
    settings.TAPESTRY_RATE_LIMITS = {"submitFeedback": {"ip": (10, 3600)}}

    codes = [
        feedback_code(
            client,
            REMOTE_ADDR="10.0.0.2",
            HTTP_X_FORWARDED_FOR=f"198.51.100.{n}, 203.0.113.7",
        )
        for n in range(15)
    ]

    assert codes == ["OK"] * 10 + ["RATE_LIMITED"] * 5
    assert Feedback.objects.count() == 10


def test_each_client_behind_the_proxy_has_its_own_limit(client, settings, clock):
    settings.TAPESTRY_TRUSTED_PROXY_COUNT = 1
    settings.TAPESTRY_RATE_LIMITS = {"submitFeedback": {"ip": (2, 3600)}}

    def code(address):
        return feedback_code(client, REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR=address)

    assert [code("203.0.113.7") for _ in range(3)] == ["OK", "OK", "RATE_LIMITED"]
    assert code("203.0.113.8") == "OK"


def test_without_a_trusted_proxy_the_header_is_ignored(client, settings, clock):
    settings.TAPESTRY_TRUSTED_PROXY_COUNT = 0
    settings.TAPESTRY_RATE_LIMITS = {"submitFeedback": {"ip": (2, 3600)}}

    codes = [
        feedback_code(client, REMOTE_ADDR="203.0.113.9", HTTP_X_FORWARDED_FOR=f"198.51.100.{n}")
        for n in range(3)
    ]

    assert codes == ["OK", "OK", "RATE_LIMITED"]


# Sliding windows.


def test_no_burst_across_a_clock_window_edge(client, settings, clock):
    settings.TAPESTRY_RATE_LIMITS = {"submitFeedback": {"ip": (3, 60)}}
    clock[0] += 55  # late in a clock minute

    assert [feedback_code(client) for _ in range(3)] == ["OK", "OK", "OK"]
    clock[0] += 10  # the next clock minute: a fixed window would start again at zero
    assert [feedback_code(client) for _ in range(3)] == ["RATE_LIMITED"] * 3
    assert Feedback.objects.count() == 3


def test_no_window_length_interval_holds_more_than_the_limit(client, settings, clock):
    settings.TAPESTRY_RATE_LIMITS = {"submitFeedback": {"ip": (3, 60)}}
    start = clock[0]
    accepted = []

    for second in range(0, 300, 4):  # a steady stream, one request every 4 s for 5 minutes
        clock[0] = start + second
        if feedback_code(client) == "OK":
            accepted.append(second)

    for moment in accepted:
        assert len([t for t in accepted if moment - 60 <= t <= moment]) <= 3, accepted
    # And it lets requests through again once the window has passed (plus at most one slice).
    assert len(accepted) >= 12, accepted
    assert all(later - earlier <= 60 + 6 + 4 for earlier, later in itertools.pairwise(accepted))


def test_refused_requests_take_no_place_and_the_wait_is_told(client, settings, clock):
    settings.TAPESTRY_RATE_LIMITS = {"submitFeedback": {"ip": (2, 3600)}}
    start = clock[0]

    assert [feedback_code(client) for _ in range(2)] == ["OK", "OK"]
    for minutes in (10, 20, 30):  # keeps trying
        clock[0] = start + 60 * minutes
        values = {"community": "huacao-town", "category": "QUESTION", "message": "When?"}
        (error,) = post(client, FEEDBACK, {"input": values})["submitFeedback"]["errors"]
        assert error["code"] == "RATE_LIMITED"
        # The first slice (6 minutes) leaves the window 66 minutes after the start.
        assert error["message"].endswith(f"Try again in {66 - minutes} minute(s).")

    clock[0] = start + 66 * 60
    assert feedback_code(client) == "OK"


# One count per mailbox.


@pytest.mark.parametrize(
    "variants",
    [
        ["victim@example.org", "victim+1@example.org", "Victim+news@Example.org"],
        ["j.doe@gmail.com", "jdoe+x@gmail.com", "J.D.O.E@googlemail.com"],
    ],
    ids=["plus tags and case", "gmail dots"],
)
def test_variants_of_one_address_share_its_limit(client, settings, clock, variants):
    settings.TAPESTRY_RATE_LIMITS = {"subscribe": {"ip": (100, 3600), "email": (2, 3600)}}

    first, second, third = (subscribe_error(client, email) for email in variants)

    assert (first, second) == (None, None)
    assert (third["code"], third["field"]) == ("RATE_LIMITED", "email")
    assert subscribe_error(client, "someone.else@example.org") is None
    assert NoticeSubscription.objects.count() == 3


def test_dots_still_tell_people_apart_outside_gmail(client, settings, clock):
    settings.TAPESTRY_RATE_LIMITS = {"subscribe": {"ip": (100, 3600), "email": (1, 3600)}}

    assert subscribe_error(client, "jo.ann@example.org") is None
    assert subscribe_error(client, "joann@example.org") is None


def test_email_identity():
    assert email_identity(" Victim+Tag+More@Example.ORG ") == "victim@example.org"
    assert email_identity("first.last+x@GoogleMail.com") == "firstlast@gmail.com"
    assert email_identity("first.last@example.cn") == "first.last@example.cn"
    assert email_identity("not-an-address") == "not-an-address"
