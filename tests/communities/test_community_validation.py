"""CommunityPage and CommunityContact validation."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from communities.models import CommunityContact
from tests import helpers

pytestmark = pytest.mark.django_db


def test_centre_with_half_a_coordinate_is_refused():
    community = helpers.community_page()
    community.centre_latitude = Decimal("31.214800")
    community.centre_longitude = None

    with pytest.raises(ValidationError) as caught:
        community.full_clean()

    assert "centre_longitude" in caught.value.message_dict


def test_centre_with_both_coordinates_is_accepted():
    community = helpers.community_page()
    community.centre_latitude = Decimal("31.214800")
    community.centre_longitude = Decimal("121.299100")

    community.full_clean()


def test_contact_needs_a_phone_or_email():
    contact = CommunityContact(
        page=helpers.community_page(), name="Li Wei", role="International residents desk"
    )

    with pytest.raises(ValidationError):
        contact.clean()

    contact.email = "desk@huacao.example.org"
    contact.clean()
