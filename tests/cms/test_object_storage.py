"""Media on S3-compatible object storage (cms/storage.py, cms/settings/storage.py), against a
real S3 API: moto's server on a loopback port, started once per test process. Nothing is
patched: uploads go through the admin, files through boto3 and HTTP.

- An image uploaded in the admin lands in the bucket; its renditions, made by the task, too;
  GraphQL hands out their plain URLs, and the bytes come back over HTTP.
- A private document is refused to anonymous visitors by the document view, which gives a
  logged-in one a short-lived signed URL at the store (never a plain one), and that URL serves it.
"""

import io
import json
import os
import subprocess
import sys
import urllib.error
import urllib.request
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import boto3
import pytest
from django.core.exceptions import ImproperlyConfigured
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from PIL import Image as PILImage
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Collection, CollectionViewRestriction

from cms.settings.storage import media_s3_settings
from cms.storage import is_public_media
from tasks.images import make_renditions
from tasks.models import OutboxMessage
from tests.helpers import HUACAO, article_create, community_news_index, unique, user_create
from tests.object_storage import (
    BUCKET,
    SIGNED_URL_SECONDS,
    s3_client_options,
    s3_environ,
)

SECRET = b"%PDF-1.4 Names and passport numbers of the residents on the list."


@dataclass
class Bucket:
    url: str  # where public files are read (MEDIA_URL)
    client: object

    def objects(self, prefix: str) -> dict[str, bytes]:
        """The bucket's objects under `prefix`, as boto3 lists and reads them."""
        listed = self.client.list_objects_v2(Bucket=BUCKET, Prefix=prefix).get("Contents", [])
        return {
            item["Key"]: self.client.get_object(Bucket=BUCKET, Key=item["Key"])["Body"].read()
            for item in listed
        }


@pytest.fixture
def bucket(s3_endpoint, settings) -> Bucket:
    """Media on the bucket, configured as MEDIA_S3_* in the environment would."""
    configured = media_s3_settings(s3_environ(s3_endpoint))
    settings.STORAGES = {**settings.STORAGES, "default": configured["STORAGE"]}
    settings.MEDIA_URL = configured["MEDIA_URL"]
    settings.WAGTAILDOCS_SERVE_METHOD = configured["WAGTAILDOCS_SERVE_METHOD"]
    # As the operator does once (README, "Media storage"): the image folders public.
    call_command("media_bucket_policy", "--apply", stdout=io.StringIO(), stderr=io.StringIO())
    return Bucket(
        url=configured["MEDIA_URL"], client=boto3.client("s3", **s3_client_options(s3_endpoint))
    )


def _fetch(url: str) -> tuple[int, bytes]:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:  # noqa: S310 (loopback)
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()


def _png(width: int, height: int) -> bytes:
    buffer = io.BytesIO()
    PILImage.new("RGB", (width, height), color=(30, 90, 200)).save(buffer, format="PNG")
    return buffer.getvalue()


@pytest.mark.django_db
def test_an_image_uploaded_in_the_admin_is_served_from_the_bucket(client, gql, bucket):
    client.force_login(user_create(superuser=True))
    title = unique("Lanterns")
    response = client.post(
        "/admin/images/add/",
        {
            "title": title,
            "file": SimpleUploadedFile("lanterns.png", _png(960, 540), content_type="image/png"),
            "collection": Collection.get_first_root_node().pk,
        },
    )
    assert response.status_code == 302, response.content[:2000]
    image = get_image_model().objects.get(title=title)
    assert image.file.name in bucket.objects("original_images/")
    assert bucket.objects("original_images/")[image.file.name] == _png(960, 540)

    # The upload enqueued its renditions; the worker runs the task.
    queued = OutboxMessage.objects.filter(task=make_renditions.name, args=[image.pk])
    assert queued.count() == 1
    make_renditions.apply(args=[image.pk])
    renditions = {r.filter_spec: r for r in image.renditions.all()}
    assert len(renditions) >= 5
    made = bucket.objects("images/")
    assert {r.file.name for r in renditions.values()} <= set(made)

    article_create(
        community_news_index(HUACAO),
        publish=True,
        slug="lanterns",
        hero_image=image,
        hero_image_alt="Lanterns",
    )
    hero = gql.data(
        '{ article(slug: "lanterns") { heroImage { url rendition(size: SMALL)'
        " { url width height } } } }"
    )["article"]["heroImage"]

    small = hero["rendition"]
    assert small["url"].startswith(f"{bucket.url}images/")
    assert "X-Amz-Signature" not in small["url"]  # public images: plain, cacheable URLs
    status, body = _fetch(small["url"])
    assert status == 200
    assert body == made[renditions["width-480"].file.name]
    assert PILImage.open(io.BytesIO(body)).size == (480, 270) == (small["width"], small["height"])
    assert hero["url"] == f"{bucket.url}{image.file.name}"
    assert _fetch(hero["url"]) == (200, _png(960, 540))


@pytest.mark.django_db
def test_a_private_document_is_refused_without_login_and_signed_with_it(client, bucket):
    collection = Collection.get_first_root_node().add_child(name=unique("Permits"))
    CollectionViewRestriction.objects.create(
        collection=collection, restriction_type=CollectionViewRestriction.LOGIN
    )
    editor = user_create(superuser=True)
    client.force_login(editor)
    title = unique("Permit holders")
    response = client.post(
        "/admin/documents/add/",
        {
            "title": title,
            "file": SimpleUploadedFile("permit-holders.pdf", SECRET, "application/pdf"),
            "collection": collection.pk,
        },
    )
    assert response.status_code == 302, response.content[:2000]
    document = get_document_model().objects.get(title=title)
    assert bucket.objects("documents/") == {document.file.name: SECRET}
    client.logout()

    anonymous = client.get(document.url)
    assert anonymous.status_code == 302
    assert "/login/" in anonymous["Location"]
    assert BUCKET not in anonymous["Location"]

    client.force_login(editor)
    before = datetime.now(UTC).replace(microsecond=0)
    signed = client.get(document.url)

    assert signed.status_code == 302
    url = signed["Location"]
    assert url.startswith(f"{bucket.url}{document.file.name}?")
    query = parse_qs(urlsplit(url).query)
    assert query["X-Amz-Expires"] == [str(SIGNED_URL_SECONDS)]
    signed_at = datetime.strptime(query["X-Amz-Date"][0], "%Y%m%dT%H%M%SZ").replace(tzinfo=UTC)
    assert 0 <= (signed_at - before).total_seconds() < 60
    assert query["X-Amz-Signature"]
    assert _fetch(url) == (200, SECRET)
    # The bucket itself refuses the document to anyone without a signature.
    assert _fetch(url.split("?")[0])[0] == 403


@pytest.mark.django_db
def test_documents_are_never_linked_at_a_plain_url(bucket):
    """Not even a public one: anything outside the image folders gets a signed URL."""
    for name in ("documents/opening-hours.pdf", "images/../documents/x.pdf", "other/file.txt"):
        url = default_storage.url(name)
        assert "X-Amz-Signature=" in url, name
    assert "X-Amz-Signature" not in default_storage.url("images/a.width-480.png")


def test_the_bucket_policy_opens_the_image_folders_only(bucket):
    policy = json.loads(bucket.client.get_bucket_policy(Bucket=BUCKET)["Policy"])

    (statement,) = policy["Statement"]
    assert (statement["Effect"], statement["Principal"], statement["Action"]) == (
        "Allow",
        "*",
        "s3:GetObject",
    )
    assert sorted(statement["Resource"]) == [
        f"arn:aws:s3:::{BUCKET}/avatar_images/*",
        f"arn:aws:s3:::{BUCKET}/images/*",
        f"arn:aws:s3:::{BUCKET}/original_images/*",
    ]


def test_the_policy_command_needs_object_storage():
    with pytest.raises(CommandError, match="MEDIA_S3_BUCKET"):
        call_command("media_bucket_policy")


def test_public_folders_are_the_image_folders_only():
    assert is_public_media("original_images/a.png")
    assert is_public_media("images/a.fill-400x225.png")
    assert is_public_media("avatar_images/a.png")
    assert not is_public_media("documents/a.pdf")
    assert not is_public_media("images/../documents/a.pdf")
    assert not is_public_media("../images/a.png")
    assert not is_public_media("")


def test_settings_from_the_environment():
    assert media_s3_settings({}) is None
    minio = media_s3_settings(
        {"MEDIA_S3_BUCKET": "media", "MEDIA_S3_ENDPOINT_URL": "http://minio:9000/"}
    )
    options = minio["STORAGE"]["OPTIONS"]
    assert minio["STORAGE"]["BACKEND"] == "cms.storage.MediaStorage"
    assert minio["MEDIA_URL"] == "http://minio:9000/media/"
    assert minio["WAGTAILDOCS_SERVE_METHOD"] == "redirect"
    assert options["querystring_expire"] == 300
    assert options["default_acl"] is None
    assert options["file_overwrite"] is False
    assert "access_key" not in options  # boto3's own credential chain
    oss = media_s3_settings(
        {
            "MEDIA_S3_BUCKET": "tapestry",
            "MEDIA_S3_ENDPOINT_URL": "https://oss-cn-shanghai.aliyuncs.com",
            "MEDIA_S3_ADDRESSING_STYLE": "virtual",
            "MEDIA_S3_LOCATION": "/media/",
        }
    )
    assert oss["MEDIA_URL"] == "https://tapestry.oss-cn-shanghai.aliyuncs.com/media/"
    assert oss["STORAGE"]["OPTIONS"]["addressing_style"] == "virtual"
    aws = media_s3_settings({"MEDIA_S3_BUCKET": "b", "MEDIA_S3_REGION": "cn-north-1"})
    assert aws["MEDIA_URL"] == "https://b.s3.cn-north-1.amazonaws.com.cn/"
    cdn = media_s3_settings(
        {"MEDIA_S3_BUCKET": "b", "MEDIA_S3_REGION": "ap-east-1", "MEDIA_S3_CUSTOM_DOMAIN": "i.cn"}
    )
    assert cdn["MEDIA_URL"] == "https://i.cn/"


@pytest.mark.parametrize(
    ("environ", "message"),
    [
        ({"MEDIA_S3_BUCKET": "b"}, "needs MEDIA_S3_REGION"),
        (
            {"MEDIA_S3_BUCKET": "b", "MEDIA_S3_REGION": "x", "MEDIA_S3_ADDRESSING_STYLE": "dns"},
            "MEDIA_S3_ADDRESSING_STYLE must be one of",
        ),
        ({"MEDIA_S3_BUCKET": "b", "MEDIA_S3_ENDPOINT_URL": "minio:9000"}, "must be a URL"),
        (
            {"MEDIA_S3_BUCKET": "b", "MEDIA_S3_REGION": "x", "MEDIA_S3_ACCESS_KEY_ID": "k"},
            "Set both MEDIA_S3_ACCESS_KEY_ID and MEDIA_S3_SECRET_ACCESS_KEY",
        ),
        (
            {"MEDIA_S3_BUCKET": "b", "MEDIA_S3_REGION": "x", "MEDIA_S3_SIGNED_URL_SECONDS": "5m"},
            "must be a number of seconds",
        ),
        (
            {"MEDIA_S3_BUCKET": "b", "MEDIA_S3_REGION": "x", "MEDIA_S3_SIGNED_URL_SECONDS": "0"},
            "between 1 and 604800",
        ),
    ],
)
def test_bad_settings_say_what_is_wrong(environ, message):
    with pytest.raises(ImproperlyConfigured, match=message):
        media_s3_settings(environ)


def test_production_settings_put_media_on_the_bucket_from_the_environment(tmp_path):
    """The settings modules wire MEDIA_S3_* in: storage, MEDIA_URL, the document view's method,
    the Content-Security-Policy's image origin, and no raw /media/ route."""
    env = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "DJANGO_SETTINGS_MODULE": "cms.settings.production",
        "SECRET_KEY": "k" * 50,
        "DATABASE_URL": "postgres://tapestry@db.internal:5432/tapestry",
        "REDIS_URL": "redis://redis.internal:6379/0",
        "HOME": str(tmp_path),
        "TAPESTRY_VAR_DIR": str(tmp_path / "var"),
        "STATIC_ROOT": str(tmp_path / "static"),
        "MEDIA_S3_BUCKET": "tapestry",
        "MEDIA_S3_ENDPOINT_URL": "https://oss-cn-shanghai.aliyuncs.com",
        "MEDIA_S3_ADDRESSING_STYLE": "virtual",
    }
    script = (
        "import json, django; django.setup(); from django.conf import settings; "
        "from django.urls import get_resolver; "
        "print(json.dumps({'backend': settings.STORAGES['default']['BACKEND'], "
        "'media_url': settings.MEDIA_URL, 'documents': settings.WAGTAILDOCS_SERVE_METHOD, "
        "'img_src': settings.CONTENT_SECURITY_POLICY['DIRECTIVES']['img-src'], "
        "'routes': [str(p.pattern) for p in get_resolver().url_patterns]}))"
    )
    result = subprocess.run(  # noqa: S603 - our own interpreter and a constant script
        [sys.executable, "-c", script],
        cwd=Path(__file__).resolve().parents[2],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )

    assert result.returncode == 0, result.stderr
    loaded = json.loads(result.stdout)
    assert loaded["backend"] == "cms.storage.MediaStorage"
    assert loaded["media_url"] == "https://tapestry.oss-cn-shanghai.aliyuncs.com/"
    assert loaded["documents"] == "redirect"
    assert "https://tapestry.oss-cn-shanghai.aliyuncs.com" in loaded["img_src"]
    assert not any("media" in route for route in loaded["routes"])
