"""The registrations list in the admin: per-community access, check-in at the door, CSV."""

import pytest

from communities.models import EventRegistration
from communities.registrations.services import registration_create
from tests.helpers import HUACAO, JINQIAO, community_events_index, event_create, user_create

pytestmark = pytest.mark.django_db


@pytest.fixture
def registrations():
    huacao = event_create(
        community_events_index(HUACAO), publish=True, registration_required=True, capacity=1
    )
    jinqiao = event_create(
        community_events_index(JINQIAO), publish=True, registration_required=True
    )

    def register(event, name):
        return registration_create(
            event_id=event.pk, name=name, email=f"{name}@example.org", party_size=1, locale="en"
        ).registration

    return {
        "ana": register(huacao, "ana"),
        "ben": register(huacao, "ben"),  # waitlisted
        "cai": register(jinqiao, "cai"),
    }


def test_community_staff_see_their_events_registrations_only(client, registrations):
    client.force_login(user_create(groups=["Huacao Town Moderators"]))

    listing = client.get("/admin/registrations/")

    assert listing.status_code == 200
    assert b"ana@example.org" in listing.content
    assert b"ben@example.org" in listing.content
    assert b"cai@example.org" not in listing.content


def test_check_in_toggles_for_confirmed_parties(client, registrations):
    client.force_login(user_create(groups=["Huacao Town Editors"]))
    ana, ben, cai = registrations["ana"], registrations["ben"], registrations["cai"]

    client.post(f"/admin/registrations-check-in/{ana.pk}/")
    ana.refresh_from_db()
    assert ana.checked_in_at is not None

    client.post(f"/admin/registrations-check-in/{ana.pk}/")
    ana.refresh_from_db()
    assert ana.checked_in_at is None

    assert client.post(f"/admin/registrations-check-in/{ben.pk}/").status_code == 302  # waitlisted
    client.post(f"/admin/registrations-check-in/{cai.pk}/")  # not theirs: not found
    assert EventRegistration.objects.exclude(checked_in_at=None).count() == 0


def test_csv_export(client, registrations):
    client.force_login(user_create(groups=["CNS Editorial Desk"]))

    export = client.get("/admin/registrations/?export=csv")
    csv = b"".join(export.streaming_content).decode()

    assert export.status_code == 200
    assert csv.splitlines()[0].lower().startswith("event,name,email")
    assert {"ana@example.org", "ben@example.org", "cai@example.org"} <= set(
        csv.replace(",", " ").split()
    )


def test_people_without_event_rights_are_refused(client, registrations):
    client.force_login(user_create())

    assert client.get("/admin/registrations/").status_code in (302, 403)


def test_check_in_from_the_listing_carries_a_csrf_token(registrations):
    """The cell's form posts with the page's token: CSRF-checked, as in a real browser."""
    from bs4 import BeautifulSoup
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(user_create(groups=["Huacao Town Editors"]))
    ana = registrations["ana"]

    listing = client.get("/admin/registrations/")
    form = BeautifulSoup(listing.content, "html.parser").find(
        "form", action=f"/admin/registrations-check-in/{ana.pk}/"
    )
    token = form.find("input", attrs={"name": "csrfmiddlewaretoken"})
    assert token is not None and token["value"]

    response = client.post(form["action"], {"csrfmiddlewaretoken": token["value"]})

    assert response.status_code == 302
    ana.refresh_from_db()
    assert ana.checked_in_at is not None


def test_listing_shows_seats_left_of_each_events_capacity(client, registrations):
    client.force_login(user_create(groups=["CNS Editorial Desk"]))

    listing = client.get("/admin/registrations/").content.decode()

    assert "0 of 1 left" in listing  # Huacao: ana holds the only seat, ben waits
    assert "1 taken (no limit)" in listing  # Jinqiao: no capacity
