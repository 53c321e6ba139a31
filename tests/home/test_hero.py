"""HeroImageMixin: a hero image is never published without a text alternative."""

import pytest
from django.core.exceptions import ValidationError

from tests import helpers

pytestmark = pytest.mark.django_db

ALT_TEXT = "Red lanterns over the Huacao community centre entrance"


@pytest.fixture(autouse=True)
def scratch_media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


PAGE_BUILDERS = {
    "article": lambda: helpers.article_create(helpers.community_news_index()),
    "event": lambda: helpers.event_create(helpers.community_events_index()),
    "community": helpers.community_page,
}


@pytest.fixture(params=list(PAGE_BUILDERS))
def page(request):
    return PAGE_BUILDERS[request.param]()


def test_image_without_description_or_alt_text_is_refused(page):
    page.hero_image = helpers.image_create(description="")
    page.hero_image_alt = ""

    with pytest.raises(ValidationError) as caught:
        page.full_clean()

    assert "hero_image_alt" in caught.value.message_dict


def test_alt_text_on_the_page_is_enough(page):
    page.hero_image = helpers.image_create(description="")
    page.hero_image_alt = ALT_TEXT

    page.full_clean()
    assert page.hero_alt_text == ALT_TEXT


def test_image_description_is_enough(page):
    page.hero_image = helpers.image_create(description=ALT_TEXT)
    page.hero_image_alt = ""

    page.full_clean()
    assert page.hero_alt_text == ALT_TEXT


def test_page_alt_text_wins_over_image_description(page):
    page.hero_image = helpers.image_create(description="A generic photo")
    page.hero_image_alt = ALT_TEXT

    assert page.hero_alt_text == ALT_TEXT


def test_no_image_needs_no_alt_text(page):
    page.hero_image = None
    page.hero_image_alt = ""

    page.full_clean()
    assert page.hero_alt_text == ""
