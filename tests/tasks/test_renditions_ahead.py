"""Renditions made ahead (home/images.py, tasks/images.py): an upload, a new file or a moved
focal point records an outbox row for the rendition task in the image's own transaction; the
task makes every rendition the API serves that is missing, once, and then purges the responses
that served the original in their place."""

import io

import pytest
from django.core.files.images import ImageFile
from PIL import Image as PILImage

from home.cache_tags import image_tag
from home.images import image_renditions_make, image_renditions_missing, rendition_specs
from tasks.cache import purge_cache_tags
from tasks.images import make_renditions
from tasks.models import OutboxMessage
from tests.helpers import image_create

pytestmark = pytest.mark.django_db


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


def _queued(image) -> int:
    return OutboxMessage.objects.filter(task=make_renditions.name, args=[image.pk]).count()


def _purges(image):
    """Purge rows naming the image's cache tag."""
    tag = image_tag(image.pk)
    return [
        row
        for row in OutboxMessage.objects.filter(task=purge_cache_tags.name)
        if tag in row.args[0]
    ]


def _png(width: int, height: int) -> ImageFile:
    buffer = io.BytesIO()
    PILImage.new("RGB", (width, height), color=(10, 120, 60)).save(buffer, format="PNG")
    return ImageFile(buffer, name="replaced.png")


def test_the_specs_are_the_named_sizes_and_the_rich_text_formats(settings):
    specs = rendition_specs()

    assert set(settings.TAPESTRY_IMAGE_SIZES.values()) <= set(specs)
    assert "width-800" in specs  # the "fullwidth" rich-text format
    assert specs == sorted(set(specs))


def test_an_upload_queues_its_renditions_and_the_task_makes_them(media):
    image = image_create(renditions=False)
    assert _queued(image) == 1
    assert image.renditions.count() == 0

    make_renditions.apply(args=[image.pk])

    assert sorted(image.renditions.values_list("filter_spec", flat=True)) == rendition_specs()
    assert image_renditions_missing(image) == []


def test_the_task_makes_only_what_is_missing_and_purges_once_it_has(media):
    image = image_create(renditions=False)
    purged_on_save = len(_purges(image))  # the upload itself purges, as every image save
    make_renditions.apply(args=[image.pk])
    assert len(_purges(image)) == purged_on_save + 1
    made = list(image.renditions.order_by("pk").values_list("pk", flat=True))

    make_renditions.apply(args=[image.pk])  # a second delivery of the message

    assert list(image.renditions.order_by("pk").values_list("pk", flat=True)) == made
    assert len(_purges(image)) == purged_on_save + 1


def test_a_moved_focal_point_queues_new_crops(media):
    image = image_create(renditions=True)
    queued = _queued(image)

    image.focal_point_x, image.focal_point_y = 4, 4
    image.focal_point_width = image.focal_point_height = 4
    image.save()

    assert _queued(image) == queued + 1
    assert image_renditions_missing(image) == ["fill-400x225", "fill-400x400"]
    assert image_renditions_make(image_id=image.pk) == ["fill-400x225", "fill-400x400"]
    assert image_renditions_missing(image) == []


def test_a_replaced_file_queues_renditions_of_the_new_file(media):
    image = image_create(renditions=True)
    queued = _queued(image)

    image.file = _png(64, 36)
    image._set_image_file_metadata()
    image.save()
    image.renditions.all().delete()  # as Wagtail's image form does for a new file

    assert _queued(image) == queued + 1
    assert image_renditions_make(image_id=image.pk) == rendition_specs()
    assert image.get_renditions("width-480")["width-480"].width == 64


def test_saving_other_fields_only_queues_nothing(media):
    image = image_create(renditions=True)
    queued = _queued(image)

    image.title = "Lanterns at dusk"
    image.save(update_fields=["title"])

    assert _queued(image) == queued


def test_an_image_deleted_before_the_task_ran_is_skipped(media):
    image = image_create(renditions=False)
    image_id = image.pk
    image.delete()

    purges = OutboxMessage.objects.filter(task=purge_cache_tags.name).count()

    make_renditions.apply(args=[image_id])

    assert image_renditions_make(image_id=image_id) == []
    assert OutboxMessage.objects.filter(task=purge_cache_tags.name).count() == purges
