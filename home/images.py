"""The renditions the API serves, made ahead of any request.

Every named size of TAPESTRY_IMAGE_SIZES and every rich-text image format is made by a
background task when an image is uploaded, its file replaced or its focal point moved (tasks/
connects that to the image model's saves; the demo content makes them at once). Requests only
look renditions up (schema/core/images.py) and serve the original until they exist, so no API
request runs the image library.
"""

import logging

from django.conf import settings
from wagtail.images import get_image_model
from wagtail.images.formats import get_image_formats
from wagtail.images.models import Filter

logger = logging.getLogger(__name__)


def rendition_specs() -> list[str]:
    """Every filter spec the API renders: the named sizes and the rich-text image formats."""
    formats = {image_format.filter_spec for image_format in get_image_formats()}
    return sorted({*settings.TAPESTRY_IMAGE_SIZES.values(), *formats})


def image_renditions_missing(image) -> list[str]:
    """The specs of `rendition_specs()` the image has no rendition of yet, for its current
    focal point (a rendition of an old one does not count)."""
    filters = [Filter(spec=spec) for spec in rendition_specs()]
    found = image.find_existing_renditions(*filters)
    return [each.spec for each in filters if each not in found]


def image_renditions_make(*, image_id: int) -> list[str]:
    """Make the image's missing renditions; returns the specs made (none for an image that is
    gone, or has them all). Safe to run twice, or at once in two workers: Wagtail creates
    each (filter, focal point) rendition once."""
    image = get_image_model().objects.filter(pk=image_id).first()
    if image is None:
        return []
    missing = image_renditions_missing(image)
    if missing:
        image.get_renditions(*missing)
        logger.info("Made %s renditions of image %s", len(missing), image_id)
    return missing


def images_renditions_make(*, image_ids) -> int:
    """Make the missing renditions of many images (the demo content's); returns how many."""
    return sum(len(image_renditions_make(image_id=image_id)) for image_id in image_ids)
