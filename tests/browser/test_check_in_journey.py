"""Check-in at the door: the registrations list in a real browser."""

import pytest
from playwright.sync_api import expect

from communities.models import EventRegistration
from communities.registrations.services import registration_create
from tests import helpers
from tests.browser.journeys import log_in, user

pytestmark = [pytest.mark.browser, pytest.mark.usefixtures("database_restored")]


def test_check_in_at_the_door(browser, live_server, steps):
    user("door-editor", helpers.editors())
    event = helpers.event_create(
        helpers.community_events_index(helpers.HUACAO),
        publish=True,
        registration_required=True,
        capacity=30,
    )
    registration_create(
        event_id=event.pk, name="Ana Lima", email="ana@example.org", party_size=2, locale="en"
    )

    page = log_in(browser, live_server, steps, "door-editor")
    page.goto("/admin/registrations/")
    row = page.locator("tr", has_text="ana@example.org")
    expect(row).to_contain_text("28 of 30 left")
    steps.shot(page, "registrations")
    with page.expect_navigation():
        row.get_by_role("button", name="Check in").click()
    steps.shot(page, "checked-in")

    expect(page.get_by_text("Ana Lima (2) checked in.")).to_be_visible()
    assert EventRegistration.objects.get(email="ana@example.org").checked_in_at is not None
    expect(page.locator("tr", has_text="ana@example.org")).to_contain_text("CST")
