"""Times for people name their zone: the active one (the admin user's), Asia/Shanghai by default."""

from datetime import UTC, datetime, timedelta

from django.template import Context, Template
from django.utils import timezone, translation

from home.time import datetime_label, time_zone_label, utc_offset_label

LATE_EVENING_UTC = datetime(2026, 3, 1, 23, 30, tzinfo=UTC)  # the next morning in Shanghai


def test_a_time_is_shown_in_shanghai_with_the_zone_named():
    assert datetime_label(LATE_EVENING_UTC) == "2026-03-02 07:30 CST (UTC+8)"


def test_a_user_who_chose_utc_sees_utc():
    with timezone.override("UTC"):
        assert datetime_label(LATE_EVENING_UTC) == "2026-03-01 23:30 UTC"
        assert time_zone_label().startswith("UTC, UTC")


def test_the_zone_label_of_a_time_field():
    assert time_zone_label(LATE_EVENING_UTC) == "Asia/Shanghai, CST (UTC+8)"


def test_offsets():
    assert utc_offset_label(timedelta(hours=8)) == "UTC+8"
    assert utc_offset_label(timedelta(hours=5, minutes=30)) == "UTC+5:30"
    assert utc_offset_label(timedelta(hours=-3)) == "UTC-3"
    assert utc_offset_label(None) == "UTC"


def test_admin_date_formats_name_the_zone():
    """Wagtail renders `{{ datetime }}` (status panel, schedule, history) with DATETIME_FORMAT."""
    template = Template("{{ when }}|{{ when|date:'SHORT_DATETIME_FORMAT' }}")
    for language in ["en", "zh-hans"]:
        with translation.override(language):
            long, short = template.render(Context({"when": LATE_EVENING_UTC})).split("|")
        assert long.endswith(" CST"), (language, long)
        assert short.endswith(" CST"), (language, short)
        assert "7:30" in long or "07:30" in long, long
