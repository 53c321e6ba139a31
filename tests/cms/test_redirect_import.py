"""Importing redirects from a file: two admin requests (the upload, then the columns chosen)
that a load balancer may send to two web nodes, each with its own temporary folder."""

import tempfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from wagtail.contrib.redirects.models import Redirect

from tests.helpers import unique, user_create

pytestmark = pytest.mark.django_db


def test_the_second_step_finds_the_file_on_another_node(client, monkeypatch, tmp_path):
    client.force_login(user_create(superuser=True))
    old_path = f"/{unique('old-notice')}"
    upload = SimpleUploadedFile(
        "redirects.csv",
        f"from,to\n{old_path},https://example.org/news/\n".encode(),
        content_type="text/csv",
    )
    response = client.post("/admin/redirects/import/", {"import_file": upload})
    assert response.status_code == 200
    confirm = response.context["form"]

    # The next request reaches a node whose temporary folder never saw the upload.
    other_node_tmp = tmp_path / "other-node-tmp"
    other_node_tmp.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(other_node_tmp))
    response = client.post(
        "/admin/redirects/import/process/",
        {
            "import_file_name": confirm.initial["import_file_name"],
            "input_format": confirm.initial["input_format"],
            "from_index": 0,
            "to_index": 1,
            "permanent": "on",
        },
    )
    assert response.status_code == 302, response.context.get("import_summary")
    assert Redirect.objects.get(old_path=old_path).redirect_link == "https://example.org/news/"
    assert not any(other_node_tmp.iterdir())
