"""No API request runs the image library: renditions are made ahead by a task (home/images.py),
and an image whose renditions are not made yet is served at its original URL and size.

The image library is patched to fail for the requests (Willow's opener and Pillow's), and every
field that shows an image is asked for: heroes of articles, events and communities, image
blocks, rich-text embeds in `body` and `bodyHtml`, every named size and `srcset`.
"""

import json

import pytest
import willow.image
from bs4 import BeautifulSoup
from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext
from PIL import Image as PILImage

from home.images import rendition_specs
from tests.helpers import (
    HUACAO,
    article_create,
    community_events_index,
    community_news_index,
    community_page,
    event_create,
    image_create,
)

pytestmark = pytest.mark.django_db

SIZES = " ".join(
    f"{name.lower()}: rendition(size: {name}) {{ url width height }}"
    for name in settings.TAPESTRY_IMAGE_SIZES
)
QUERY = f"""query {{
  article(slug: "pictures") {{
    heroImage {{ ...picture }}
    body {{
      ... on ParagraphBlock {{ html }}
      ... on ImageBlock {{ image {{ ...picture }} }}
    }}
    bodyHtml
  }}
  articles(first: 5) {{ edges {{ node {{ heroImage {{ ...picture }} }} }} }}
  events(first: 5) {{ edges {{ node {{ heroImage {{ ...picture }} }} }} }}
  community(slug: "{HUACAO}") {{ heroImage {{ ...picture }} }}
}}
fragment picture on Image {{ url width height {SIZES} srcset }}"""


class ImageLibraryUsed(AssertionError):
    pass


def _refuse(*args, **kwargs):
    raise ImageLibraryUsed("the image library ran during an API request")


@pytest.fixture
def image_library_refused(monkeypatch):
    """From here on, opening an image with Willow or Pillow fails the test."""

    def refuse():
        monkeypatch.setattr(willow.image.Image, "open", _refuse)
        monkeypatch.setattr(PILImage, "open", _refuse)

    return refuse


def _pictures(*, renditions: bool):
    """An article with the image as hero, in an image block and embedded in rich text; an
    event and the community with it as hero."""
    image = image_create(title="Pictures", renditions=renditions)
    body = [
        {
            "type": "paragraph",
            "value": f'<p>See:</p><embed embedtype="image" id="{image.pk}" format="fullwidth"'
            ' alt="Lanterns"/>',
        },
        {
            "type": "image",
            "value": {
                "image": {"image": image.pk, "alt_text": "Lanterns", "decorative": False},
                "caption": "",
                "credit": "",
            },
        },
    ]
    article_create(
        community_news_index(HUACAO),
        publish=True,
        slug="pictures",
        hero_image=image,
        hero_image_alt="Lanterns",
        body=json.dumps(body),
    )
    event_create(
        community_events_index(HUACAO), publish=True, hero_image=image, hero_image_alt="Lanterns"
    )
    community = community_page(HUACAO)
    community.hero_image = image
    community.hero_image_alt = "Lanterns"
    community.save_revision().publish()
    return image


def _images(data: dict) -> list[dict]:
    article = data["article"]
    blocks = [block["image"] for block in article["body"] if "image" in block]
    return [
        article["heroImage"],
        *blocks,
        *(edge["node"]["heroImage"] for edge in data["articles"]["edges"]),
        *(edge["node"]["heroImage"] for edge in data["events"]["edges"]),
        data["community"]["heroImage"],
    ]


def _embedded(data: dict) -> list:
    article = data["article"]
    html = [block["html"] for block in article["body"] if "html" in block] + [article["bodyHtml"]]
    return [img for each in html for img in BeautifulSoup(each, "html.parser").find_all("img")]


def test_the_patch_would_catch_a_rendition_made_in_a_request(media, image_library_refused):
    image = image_create(renditions=False)
    image_library_refused()

    with pytest.raises(ImageLibraryUsed):
        image.get_rendition("width-10")


def test_before_the_renditions_are_made_every_image_is_its_original(
    gql, media, image_library_refused
):
    image = _pictures(renditions=False)
    original = f"http://testserver{image.file.url}"
    image_library_refused()

    data = gql.data(QUERY)

    images = _images(data)
    assert len(images) == 5
    for each in images:
        assert (each["url"], each["width"], each["height"]) == (original, 32, 18)
        for name in settings.TAPESTRY_IMAGE_SIZES:
            assert each[name.lower()] == {"url": original, "width": 32, "height": 18}
        assert each["srcset"] == f"{original} 32w"
    embedded = _embedded(data)
    assert len(embedded) == 3  # the paragraph block, and in bodyHtml the paragraph and the block
    assert {(img["src"], img["width"], img["height"]) for img in embedded} == {
        (original, "32", "18")
    }
    assert image.renditions.count() == 0


def test_once_made_the_renditions_are_served_without_the_image_library(
    gql, media, image_library_refused
):
    image = _pictures(renditions=True)
    renditions = {rendition.filter_spec: rendition for rendition in image.renditions.all()}
    image_library_refused()

    data = gql.data(QUERY)

    for each in _images(data):
        for name, spec in settings.TAPESTRY_IMAGE_SIZES.items():
            rendition = renditions[spec]
            assert each[name.lower()] == {
                "url": f"http://testserver{rendition.url}",
                "width": rendition.width,
                "height": rendition.height,
            }
        widths = [spec for spec in settings.TAPESTRY_IMAGE_SIZES.values() if "width-" in spec]
        assert each["srcset"].count("/media/images/") == len(widths) == 3
    sources = {img["src"] for img in _embedded(data)}
    assert all(source.startswith("http://testserver/media/images/") for source in sources)
    assert image.renditions.count() == len(renditions)  # nothing made by the requests


def _rendition_queries(captured) -> list[str]:
    return [query["sql"] for query in captured if "wagtailimages_rendition" in query["sql"]]


def test_hero_images_read_only_the_renditions_the_document_asks_for(gql, media):
    """A list's hero images come with the renditions of the sizes its document names: each
    size the schema makes is a row per image, most of them never asked for."""
    image = _pictures(renditions=True)
    thumbnail = image.renditions.get(filter_spec=settings.TAPESTRY_IMAGE_SIZES["THUMBNAIL"])
    query = (
        "{ articles(first: 5) { edges { node {"
        " heroImage { rendition(size: THUMBNAIL) { url } } } } } }"
    )

    with CaptureQueriesContext(connection) as captured:
        data = gql.data(query)

    assert data["articles"]["edges"][0]["node"]["heroImage"]["rendition"] == {
        "url": f"http://testserver{thumbnail.url}"
    }
    (renditions,) = _rendition_queries(captured)
    other_specs = set(rendition_specs()) - {thumbnail.filter_spec}
    assert thumbnail.filter_spec in renditions
    assert not any(f"'{spec}'" in renditions for spec in other_specs)


def test_a_size_given_as_a_variable_is_served_as_its_rendition(gql, media):
    image = _pictures(renditions=True)
    query = (
        f'query($size: ImageSize!) {{ community(slug: "{HUACAO}") {{'
        " heroImage { rendition(size: $size) { url width } } } }"
    )

    for name, spec in settings.TAPESTRY_IMAGE_SIZES.items():
        rendition = image.renditions.get(filter_spec=spec)
        hero = gql.data(query, {"size": name})["community"]["heroImage"]

        assert hero["rendition"] == {
            "url": f"http://testserver{rendition.url}",
            "width": rendition.width,
        }


def test_an_image_without_a_rendition_asked_for_reads_none(gql, media):
    _pictures(renditions=True)

    with CaptureQueriesContext(connection) as captured:
        data = gql.data(f'{{ community(slug: "{HUACAO}") {{ heroImage {{ url alt }} }} }}')

    assert data["community"]["heroImage"]["alt"] == "Lanterns"
    assert _rendition_queries(captured) == []
