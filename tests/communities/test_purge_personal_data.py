"""purge_personal_data deletes residents' personal data past the retention period, and no more."""

import datetime
import io

import pytest
from django.core.management import call_command
from django.utils import timezone

from communities.models import EventRegistration, NoticeDelivery, NoticeSubscription
from tests.helpers import HUACAO, community_events_index, event_create

pytestmark = pytest.mark.django_db

DAY = datetime.timedelta(days=1)


def purge(*args) -> str:
    out = io.StringIO()
    call_command("purge_personal_data", *args, stdout=out)
    return out.getvalue()


def registration_for(event, email: str) -> EventRegistration:
    return EventRegistration.objects.create(
        event=event, name="A Resident", email=email, locale="en", status="confirmed"
    )


def subscription(email: str, *, status: str, age: datetime.timedelta) -> NoticeSubscription:
    made = NoticeSubscription.objects.create(email=email, locale="en", status=status)
    moment = timezone.now() - age
    NoticeSubscription.objects.filter(pk=made.pk).update(
        created_at=moment,
        updated_at=moment,
        unsubscribed_at=moment if status == "unsubscribed" else None,
        confirmed_at=moment if status == "active" else None,
    )
    return made


@pytest.fixture
def personal_data(settings):
    settings.TAPESTRY_PERSONAL_DATA_RETENTION_DAYS = 30
    index = community_events_index(HUACAO)
    long_ago = event_create(index, publish=True, starts_at=timezone.now() - 40 * DAY)
    recent = event_create(index, publish=True, starts_at=timezone.now() - 10 * DAY)
    upcoming = event_create(index, publish=True)
    registration_for(long_ago, "old@example.org")
    registration_for(recent, "recent@example.org")
    registration_for(upcoming, "next@example.org")
    gone = subscription("gone@example.org", status="unsubscribed", age=31 * DAY)
    NoticeDelivery.objects.create(subscription=gone, translation_key=long_ago.translation_key)
    subscription("left@example.org", status="unsubscribed", age=5 * DAY)
    subscription("never@example.org", status="pending", age=8 * DAY)
    subscription("waiting@example.org", status="pending", age=2 * DAY)
    subscription("reader@example.org", status="active", age=400 * DAY)


def test_dry_run_counts_and_deletes_nothing(personal_data):
    output = purge("--dry-run")

    assert "Would delete 1 event registrations." in output
    assert "Would delete 2 notice subscriptions." in output
    assert EventRegistration.objects.count() == 3
    assert NoticeSubscription.objects.count() == 5


def test_purge_deletes_only_what_is_past_keeping(personal_data):
    output = purge()

    assert "Deleted 1 event registrations." in output
    assert "Deleted 2 notice subscriptions." in output
    assert set(EventRegistration.objects.values_list("email", flat=True)) == {
        "recent@example.org",
        "next@example.org",
    }
    assert set(NoticeSubscription.objects.values_list("email", flat=True)) == {
        "left@example.org",
        "waiting@example.org",
        "reader@example.org",
    }
    assert not NoticeDelivery.objects.exists()
    assert "Deleted 0 event registrations." in purge()


def test_the_daily_task_runs_the_purge(personal_data, settings):
    from tasks.privacy import purge_personal_data

    assert settings.CELERY_BEAT_SCHEDULE["purge-personal-data"]["task"] == purge_personal_data.name
    purge_personal_data.apply()

    assert NoticeSubscription.objects.count() == 3
    assert EventRegistration.objects.count() == 2


def test_closed_feedback_past_retention_is_anonymised_not_deleted(settings):
    from communities.feedback.services import REMOVED, feedback_submit
    from communities.models import Feedback

    settings.TAPESTRY_PERSONAL_DATA_RETENTION_DAYS = 30

    def feedback(message: str, *, status: str, closed_days_ago: int | None):
        made = feedback_submit(
            community=HUACAO,
            category="complaint",
            message=message,
            email="resident@example.org",
            consent=True,
        ).feedback
        closed = timezone.now() - closed_days_ago * DAY if closed_days_ago else None
        Feedback.objects.filter(pk=made.pk).update(status=status, closed_at=closed)
        return made

    old = feedback("Old complaint", status="closed", closed_days_ago=31)
    recent = feedback("Recent complaint", status="closed", closed_days_ago=29)
    open_one = feedback("Still open", status="in_review", closed_days_ago=None)

    assert "Would anonymise 1 feedback." in purge("--dry-run")
    assert "Anonymised 1 feedback." in purge()

    old.refresh_from_db()
    assert (old.message, old.email, old.contact_consent) == (REMOVED, "", False)
    assert old.category == "complaint"
    assert old.community.slug == HUACAO
    assert Feedback.objects.get(pk=recent.pk).message == "Recent complaint"
    assert Feedback.objects.get(pk=open_one.pk).email == "resident@example.org"
    assert "Anonymised 0 feedback." in purge()
