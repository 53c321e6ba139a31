"""Rate limits of residents' mutations: per client behind proxies."""

import itertools
import json

import pytest

from communities.models import Feedback

pytestmark = pytest.mark.django_db

FEEDBACK = """mutation($input: SubmitFeedbackInput!) {
  submitFeedback(input: $input) { feedback { reference } errors { field code message } }
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
