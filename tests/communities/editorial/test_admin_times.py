"""Times in the admin, in the user's zone with the zone named: translation editor, time fields."""

from datetime import UTC, datetime

import pytest
from wagtail.users.models import UserProfile
from wagtail_localize.models import StringTranslation

from tests.helpers import (
    HUACAO,
    admin_edit_url,
    article_create,
    community_news_index,
    strings_translate,
    translation_start,
    user_create,
)

pytestmark = pytest.mark.django_db

LATE_EVENING_UTC = datetime(2026, 3, 1, 23, 30, tzinfo=UTC)


def test_translation_editor_dates_are_in_shanghai_with_the_zone():
    article = article_create(community_news_index(HUACAO), publish=True, title="Stalls open")
    translation_start(article)
    strings_translate(article, "zh-hans", {"Stalls open": "夜市开放"})
    string = StringTranslation.objects.get(data="夜市开放")
    StringTranslation.objects.filter(pk=string.pk).update(  # as typed in the editor, at 07:30
        updated_at=LATE_EVENING_UTC, translation_type=StringTranslation.TRANSLATION_TYPE_MANUAL
    )
    string.refresh_from_db()

    comment = string.get_comment()

    assert "2 March 2026, 07:30 CST (UTC+8)" in comment, comment


def test_time_fields_name_the_zone_they_are_entered_in(client):
    user = user_create(superuser=True)
    client.force_login(user)
    article = article_create(community_news_index(HUACAO))

    shanghai = client.get(admin_edit_url(article)).content.decode()
    profile = UserProfile.get_for_user(user)
    profile.current_time_zone = "UTC"
    profile.save()
    utc = client.get(admin_edit_url(article)).content.decode()

    assert "Asia/Shanghai, CST (UTC+8)" in shanghai  # go-live / expiry in the schedule dialog
    assert "Asia/Shanghai" not in utc.split("data-time-zone>", 1)[1].split("<", 1)[0]
