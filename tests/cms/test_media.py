"""Uploaded media: private documents download only through Wagtail's document view.

With TAPESTRY_SERVE_MEDIA on (docker-compose's default), Django serves MEDIA_ROOT's image folders
itself. A document in a collection restricted to logged-in users must not come out of that raw
route, however its path is written; the document view refuses it to anonymous visitors and gives
it to logged-in ones.
"""

import os
from pathlib import Path

import pytest
import yaml
from django.core.files.base import ContentFile
from wagtail.documents import get_document_model
from wagtail.models import Collection, CollectionViewRestriction

from tests.helpers import image_create, unique, user_create

pytestmark = pytest.mark.django_db

SECRET = b"Names and passport numbers of the residents on the list."
PUBLIC = b"Opening hours of the community centre."


@pytest.fixture
def media(settings, tmp_path):
    """A scratch MEDIA_ROOT that Django serves itself, as in docker-compose."""
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.TAPESTRY_SERVE_MEDIA = True
    settings.DEBUG = False
    return settings.MEDIA_ROOT


def collection_create(*, login_required: bool) -> Collection:
    collection = Collection.get_first_root_node().add_child(name=unique("Collection"))
    if login_required:
        CollectionViewRestriction.objects.create(
            collection=collection, restriction_type=CollectionViewRestriction.LOGIN
        )
    return collection


def document_create(collection: Collection, content: bytes, name: str):
    document = get_document_model()(
        title=name, collection=collection, file=ContentFile(content, name=name)
    )
    document.save()
    return document


@pytest.fixture
def private_document(media):
    return document_create(collection_create(login_required=True), SECRET, "permit-holders.pdf")


@pytest.fixture
def public_document(media):
    return document_create(collection_create(login_required=False), PUBLIC, "opening-hours.pdf")


def body_of(response) -> bytes:
    if response.streaming:
        return b"".join(response.streaming_content)
    return response.content


def assert_refused(response) -> None:
    assert response.status_code in {302, 403, 404}, response.status_code
    assert SECRET not in body_of(response)


def stored_name(document) -> str:
    """The file's path below MEDIA_ROOT, e.g. `documents/permit-holders.pdf`."""
    assert document.file.name.startswith("documents/")
    return document.file.name


def raw_routes(name: str) -> list[str]:
    """Ways of writing the document's path under /media/ that a filesystem reads as the file."""
    base = name.removeprefix("documents/")
    return [
        f"/media/{name}",
        f"/media//{name}",
        f"/media/./{name}",
        f"/media/%2e/{name}",
        f"/media/%2E/documents/{base}",
        f"/media/images/../{name}",
        f"/media/images/%2e%2e/{name}",
        f"/media/original_images/../../media/{name}",
        f"/media/documents%2f{base}",
        f"/media/DOCUMENTS/{base}",
        f"/media/Documents/{base}",
        "/media/documents/",
        "/media/",
    ]


def test_a_private_document_is_never_served_by_the_raw_media_route(client, private_document):
    for url in raw_routes(stored_name(private_document)):
        assert_refused(client.get(url))


def test_a_private_document_is_not_served_through_a_symlink_in_an_image_folder(
    client, media, private_document
):
    (media / "original_images").mkdir(parents=True, exist_ok=True)
    link = media / "original_images" / "lantern.pdf"
    os.symlink(media / stored_name(private_document), link)

    assert_refused(client.get("/media/original_images/lantern.pdf"))


def test_a_public_document_is_not_served_by_the_raw_media_route_either(client, public_document):
    response = client.get(f"/media/{stored_name(public_document)}")

    assert response.status_code == 404
    assert PUBLIC not in body_of(response)


def test_the_document_url_goes_through_the_document_view(private_document):
    assert private_document.url == f"/documents/{private_document.pk}/permit-holders.pdf"


def test_the_document_view_sends_anonymous_visitors_to_log_in(client, private_document):
    response = client.get(private_document.url)

    assert response.status_code == 302
    assert "login" in response["Location"]
    assert f"next=/documents/{private_document.pk}/" in response["Location"]
    assert SECRET not in body_of(response)


def test_the_document_view_gives_a_private_document_to_a_logged_in_user(client, private_document):
    client.force_login(user_create())

    response = client.get(private_document.url)

    assert response.status_code == 200
    assert body_of(response) == SECRET


def test_a_public_document_downloads_anonymously_through_the_document_view(client, public_document):
    response = client.get(public_document.url)

    assert response.status_code == 200
    assert body_of(response) == PUBLIC


def test_images_are_still_served_by_the_raw_media_route(client, media):
    image = image_create()
    rendition = image.get_rendition("width-16")

    original = client.get(image.file.url)
    resized = client.get(rendition.url)

    assert image.file.url.startswith("/media/original_images/")
    assert (original.status_code, original["Content-Type"]) == (200, "image/png")
    assert body_of(original) == (media / image.file.name).read_bytes()
    assert rendition.url.startswith("/media/images/")
    assert resized.status_code == 200
    assert body_of(resized) == (media / rendition.file.name).read_bytes()


def test_the_raw_media_route_is_off_unless_enabled(client, media, settings):
    image = image_create()
    settings.TAPESTRY_SERVE_MEDIA = False

    assert client.get(image.file.url).status_code == 404
    settings.DEBUG = True
    assert client.get(image.file.url).status_code == 200


def test_docker_compose_mounts_the_media_volume_in_the_app_services_only():
    compose = yaml.safe_load(
        (Path(__file__).resolve().parents[2] / "docker-compose.yml").read_text()
    )
    mounting = {
        name
        for name, service in compose["services"].items()
        if any(str(volume).startswith("media:") for volume in service.get("volumes", []))
    }

    assert mounting == {"web", "worker", "publisher", "beat"}
