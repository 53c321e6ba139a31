"""The feedback loop: residents submit, community staff triage and answer, the desk sees all."""

import pytest
from bs4 import BeautifulSoup
from celery import current_app
from django.core import mail
from wagtail.models import PageViewRestriction

from communities.models import Feedback
from tests.helpers import HUACAO, community_page, user_create

pytestmark = pytest.mark.django_db

SUBMIT = """mutation($input: SubmitFeedbackInput!) {
  submitFeedback(input: $input) {
    feedback { reference status category community }
    statusToken
    errors { field code message }
  }
}"""
STATUS = """query($token: String!) {
  feedbackStatus(token: $token) {
    reference status category community submittedAt publicResponse answeredAt
  }
}"""


@pytest.fixture(autouse=True)
def eager_tasks(monkeypatch):
    monkeypatch.setitem(current_app.conf, "task_always_eager", True)
    monkeypatch.setitem(current_app.conf, "task_eager_propagates", True)


@pytest.fixture
def staff():
    return {
        "huacao": user_create(groups=["Huacao Town Moderators"], username="hc-mod"),
        "huacao_editor": user_create(groups=["Huacao Town Editors"], username="hc-ed"),
        "jinqiao": user_create(groups=["Jinqiao Town Moderators"], username="jq-mod"),
        "desk": user_create(groups=["CNS Editorial Desk"], username="desk-1"),
    }


def submit(gql, **fields):
    values = {
        "community": "huacao-town",
        "category": "ACTIVITY_IDEA",
        "message": "希望社区组织一次中秋节活动。",
        "locale": "zh-hans",
        **fields,
    }
    return gql.data(SUBMIT, {"input": values})["submitFeedback"]


def test_feedback_in_chinese_reaches_huacao_staff_and_can_be_followed(
    gql, staff, django_capture_on_commit_callbacks
):
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        payload = submit(gql, email="Resident@Example.org", consent=True)

    assert payload["errors"] == []
    assert payload["feedback"]["reference"].startswith("FB-")
    assert payload["feedback"]["status"] == "NEW"
    assert payload["feedback"]["community"] == "Huacao Town"
    (staff_mail,) = mail.outbox
    assert set(staff_mail.to) == {staff["huacao"].email, staff["huacao_editor"].email}
    assert "希望社区组织一次中秋节活动。" in staff_mail.body
    assert "/admin/feedback/edit/" in staff_mail.body

    status = gql.data(STATUS, {"token": payload["statusToken"]})["feedbackStatus"]
    assert status["status"] == "NEW"
    assert status["publicResponse"] is None
    assert status["submittedAt"].endswith("+08:00")
    stored = Feedback.objects.get()
    assert (stored.email, stored.contact_consent, stored.locale) == (
        "resident@example.org",
        True,
        "zh-hans",
    )


@pytest.mark.parametrize(
    ("fields", "field", "code"),
    [
        ({"community": "atlantis"}, "community", "NOT_FOUND"),
        ({"message": "   "}, "message", "REQUIRED"),
        ({"message": "x" * 5001}, "message", "TOO_LONG"),
        ({"email": "someone@example.org"}, "consent", "CONSENT_REQUIRED"),
        ({"email": "not-an-email", "consent": True}, "email", "INVALID"),
        ({"locale": "xx"}, "locale", "UNKNOWN_LOCALE"),
        ({"pageId": "999999"}, "pageId", "NOT_FOUND"),
        ({"website": "http://spam.example"}, None, "REJECTED"),
    ],
)
def test_refusals(gql, fields, field, code):
    payload = submit(gql, **fields)

    assert payload["feedback"] is None
    assert payload["statusToken"] is None
    assert [(error["field"], error["code"]) for error in payload["errors"]] == [(field, code)]
    assert not Feedback.objects.exists()


def test_unknown_status_token_is_an_error(gql):
    error = gql.errors(STATUS, {"token": "nope"})[0]

    assert error["extensions"] == {"code": "INVALID_TOKEN", "field": "token"}


def test_no_personal_data_in_the_public_schema():
    from schema.schema import schema

    fields = set(schema.graphql_schema.get_type("Feedback").fields)

    assert fields == {
        "reference",
        "status",
        "category",
        "community",
        "submittedAt",
        "publicResponse",
        "answeredAt",
    }


def feedback_for(gql, community: str, **fields) -> Feedback:
    submit(gql, community=community, **fields)
    return Feedback.objects.latest("pk")


def test_staff_see_and_triage_only_their_community(client, gql, staff):
    huacao = feedback_for(gql, "huacao-town", message="Huacao: more bins please")
    jinqiao = feedback_for(gql, "jinqiao-town", message="Jinqiao: noisy works at night")

    client.force_login(staff["huacao"])
    listing = client.get("/admin/feedback/")
    assert listing.status_code == 200
    assert huacao.reference.encode() in listing.content
    assert jinqiao.reference.encode() not in listing.content
    assert client.get(f"/admin/feedback/edit/{huacao.pk}/").status_code == 200
    assert client.get(f"/admin/feedback/edit/{jinqiao.pk}/").status_code in (302, 403)

    client.force_login(staff["desk"])
    listing = client.get("/admin/feedback/")
    assert huacao.reference.encode() in listing.content
    assert jinqiao.reference.encode() in listing.content

    client.force_login(user_create())  # no group: no feedback
    assert client.get("/admin/feedback/").status_code in (302, 403)


def test_shared_feedback_is_readable_by_every_community_but_editable_by_its_own(client, gql, staff):
    jinqiao = feedback_for(gql, "jinqiao-town", message="Roundtable findings on schooling")
    Feedback.objects.filter(pk=jinqiao.pk).update(shared=True)

    client.force_login(staff["huacao"])

    assert jinqiao.reference.encode() in client.get("/admin/feedback/").content
    assert client.get(f"/admin/feedback/edit/{jinqiao.pk}/").status_code in (302, 403)


def triage_data(**overrides) -> dict:
    return {
        "status": "in_review",
        "bureau": "",
        "public_response": "",
        "internal_notes": "",
        **overrides,
    }


def test_answer_notifies_the_resident_in_their_language(
    client, gql, staff, django_capture_on_commit_callbacks
):
    payload = submit(gql, email="resident@example.org", consent=True)
    feedback = Feedback.objects.get()
    client.force_login(staff["huacao"])

    refused = client.post(f"/admin/feedback/edit/{feedback.pk}/", triage_data(status="answered"))
    assert refused.status_code == 200
    assert b"Write the public response" in refused.content

    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        answered = client.post(
            f"/admin/feedback/edit/{feedback.pk}/",
            triage_data(status="answered", public_response="我们将在九月组织中秋活动。"),
        )
    assert answered.status_code == 302
    (resident_mail,) = mail.outbox
    assert resident_mail.to == ["resident@example.org"]
    assert resident_mail.subject == f"您的意见 {feedback.reference} 已有回复"
    assert "我们将在九月组织中秋活动。" in resident_mail.body
    assert "华漕镇" in resident_mail.body

    status = gql.data(STATUS, {"token": payload["statusToken"]})["feedbackStatus"]
    assert status["status"] == "ANSWERED"
    assert status["publicResponse"] == "我们将在九月组织中秋活动。"
    assert status["answeredAt"]
    feedback.refresh_from_db()
    assert feedback.handled_by == staff["huacao"]


def html_part(message) -> str:
    ((html, mimetype),) = message.alternatives
    assert mimetype == "text/html"
    return html


def test_staff_html_mail_has_paragraphs_and_escapes_the_resident_once(
    gql, staff, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        submit(gql, message="Is <b>this</b> & that free?\nSecond line\n\nNew paragraph")

    (staff_mail,) = mail.outbox
    html = html_part(staff_mail)
    assert (
        "<blockquote><p>Is &lt;b&gt;this&lt;/b&gt; &amp; that free?<br>Second line</p>\n\n"
        "<p>New paragraph</p></blockquote>"
    ) in html
    assert "&lt;p&gt;" not in html
    assert "&amp;lt;" not in html and "&amp;amp;" not in html
    assert "<b>this</b>" not in html


def test_answer_html_mail_has_paragraphs_and_escapes_the_response_once(
    client, gql, staff, django_capture_on_commit_callbacks
):
    submit(gql, email="resident@example.org", consent=True)
    feedback = Feedback.objects.get()
    client.force_login(staff["huacao"])
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            f"/admin/feedback/edit/{feedback.pk}/",
            triage_data(status="answered", public_response="Yes <script>x</script>\n\nSee you"),
        )

    html = html_part(mail.outbox[0])
    assert "<p>Yes &lt;script&gt;x&lt;/script&gt;</p>\n\n<p>See you</p>" in html
    assert "&lt;p&gt;" not in html and "<script>" not in html


def test_forwarding_needs_a_bureau(client, gql, staff):
    feedback = feedback_for(gql, "huacao-town")
    client.force_login(staff["huacao"])

    response = client.post(f"/admin/feedback/edit/{feedback.pk}/", triage_data(status="forwarded"))

    assert b"Choose the bureau" in response.content
    feedback.refresh_from_db()
    assert feedback.status == "new"


def test_csv_export_and_chart_respect_access(client, gql, staff):
    feedback_for(gql, "huacao-town", message="Huacao idea")
    feedback_for(gql, "huacao-town", category="PRAISE", message="Huacao praise")
    feedback_for(gql, "jinqiao-town", message="Jinqiao idea")
    client.force_login(staff["huacao"])

    export = client.get("/admin/feedback/?export=csv")
    csv = b"".join(export.streaming_content).decode()
    assert export.status_code == 200
    assert "Huacao idea" in csv
    assert "Huacao praise" in csv
    assert "Jinqiao idea" not in csv

    chart = client.get("/admin/feedback-chart/")
    assert chart.status_code == 200
    assert b"Huacao Town" in chart.content
    assert b"Jinqiao Town" not in chart.content
    assert b"Praise" in chart.content


def test_rate_limit_on_feedback(gql, settings, monkeypatch):
    settings.TAPESTRY_RATE_LIMITS = {"submitFeedback": {"ip": (2, 60)}}
    monkeypatch.setattr("schema.core.mutations.time.time", lambda: 2_000_000.0)

    codes = [(submit(gql)["errors"] or [{"code": "OK"}])[0]["code"] for _ in range(3)]

    assert codes == ["OK", "OK", "RATE_LIMITED"]
    assert Feedback.objects.count() == 2


def test_feedback_to_a_community_the_public_is_not_served_is_refused(gql):
    """Feedback is filed under the community's source page: when that page is private, the
    community is as good as missing, even where a translation of it is live."""
    PageViewRestriction.objects.create(
        page=community_page(HUACAO), restriction_type=PageViewRestriction.PASSWORD, password="x"
    )
    assert community_page(HUACAO, "zh-hans").live

    payload = submit(gql)

    assert payload["errors"] == [
        {"field": "community", "code": "NOT_FOUND", "message": "There is no such community."}
    ]
    assert not Feedback.objects.exists()


def test_feedback_list_shows_an_excerpt_the_assignee_and_sharing_as_yes_or_no(client, gql, staff):
    shared = feedback_for(gql, "huacao-town", message="Roundtable findings on schooling " * 10)
    private = feedback_for(gql, "huacao-town", message="More bins please")
    Feedback.objects.filter(pk=shared.pk).update(shared=True, handled_by=staff["huacao"])
    client.force_login(staff["desk"])

    listing = BeautifulSoup(client.get("/admin/feedback/").content, "html.parser")
    rows = {
        ref: row.get_text(" ", strip=True)
        for row in listing.select("tbody tr")
        for ref in [shared.reference, private.reference]
        if ref in row.get_text()
    }

    assert "Roundtable findings on schooling" in rows[shared.reference]
    assert "…" in rows[shared.reference]  # an excerpt, not the whole message
    assert "More bins please" in rows[private.reference]
    assert "hc-mod" in rows[shared.reference]
    assert "Yes" in rows[shared.reference].split()
    assert "No" in rows[private.reference].split()
    assert "True" not in rows[shared.reference] and "False" not in rows[private.reference]
