"""EventPage.clean: times, registration, coordinates and languages."""

import datetime
from decimal import Decimal

import pytest

from tests import helpers

pytestmark = pytest.mark.django_db

HOUR = datetime.timedelta(hours=1)


@pytest.fixture
def event():
    return helpers.event_create(helpers.community_events_index())


def test_a_plain_event_is_valid(event):
    event.full_clean()


@pytest.mark.parametrize("offset", [-HOUR, datetime.timedelta(0)])
def test_event_must_end_after_it_starts(event, offset):
    event.ends_at = event.starts_at + offset

    assert set(helpers.errors_of(event)) == {"ends_at"}


def test_deadline_without_registration_is_refused(event):
    event.registration_required = False
    event.registration_deadline = event.starts_at - 24 * HOUR

    assert set(helpers.errors_of(event)) == {"registration_deadline"}


def test_deadline_after_start_is_refused(event):
    event.registration_required = True
    event.registration_deadline = event.starts_at + HOUR

    assert set(helpers.errors_of(event)) == {"registration_deadline"}


def test_deadline_before_start_with_registration_is_accepted(event):
    event.registration_required = True
    event.registration_deadline = event.starts_at - 24 * HOUR

    event.full_clean()
    assert event.registration_closes_at == event.registration_deadline


def test_registration_closes_at_start_without_deadline(event):
    event.registration_required = True

    event.full_clean()
    assert event.registration_closes_at == event.starts_at


@pytest.mark.parametrize(
    ("latitude", "longitude"), [(Decimal("31.2"), None), (None, Decimal("121.3"))]
)
def test_half_a_coordinate_is_refused(event, latitude, longitude):
    event.latitude = latitude
    event.longitude = longitude

    assert "longitude" in helpers.errors_of(event)


def test_both_coordinates_are_accepted(event):
    event.latitude = Decimal("31.214800")
    event.longitude = Decimal("121.299100")

    event.full_clean()


def test_coordinates_out_of_range_are_refused(event):
    event.latitude = Decimal("91")
    event.longitude = Decimal("121.3")

    assert "latitude" in helpers.errors_of(event)


def test_unknown_language_code_is_refused(event):
    event.languages = ["en", "zh-hans", "klingon"]

    errors = helpers.errors_of(event)

    assert set(errors) == {"languages"}
    assert "klingon" in errors["languages"][0]


def test_known_language_codes_are_accepted(event):
    event.languages = ["en", "zh-hans", "ja"]

    event.full_clean()


def test_negative_price_is_refused(event):
    event.price = Decimal("-1")

    assert "price" in helpers.errors_of(event)


def test_empty_price_is_free(event):
    event.price = None

    event.full_clean()
    assert event.is_free
