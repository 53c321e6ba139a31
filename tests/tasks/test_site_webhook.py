"""`setup_site_webhook`: the endpoint `make run` gives the residents' site, created once."""

import pytest
from django.core.management import CommandError, call_command
from wagtail.models import Locale

from tasks.models import WebhookEndpoint, WebhookEvent

pytestmark = pytest.mark.django_db

URL = "http://127.0.0.1:3000/api/revalidate"


@pytest.fixture
def local_http_allowed(settings):
    settings.TAPESTRY_WEBHOOK_ALLOW_HTTP = True
    settings.TAPESTRY_WEBHOOK_ALLOWED_NETWORKS = ["127.0.0.0/8"]


def test_created_once_with_a_secret_kept_in_a_file(local_http_allowed, tmp_path, capsys):
    secret_file = tmp_path / "var" / "site-webhook-secret"
    call_command("setup_site_webhook", URL, "--secret-file", str(secret_file))
    secret = secret_file.read_text().strip()
    assert len(secret) >= 40
    assert secret_file.stat().st_mode & 0o777 == 0o600
    endpoint = WebhookEndpoint.objects.get()
    assert (endpoint.url, endpoint.secret, endpoint.active) == (URL, secret, True)
    assert sorted(endpoint.events) == sorted(WebhookEvent.values)
    assert "created" in capsys.readouterr().out

    call_command("setup_site_webhook", URL, "--secret-file", str(secret_file))
    assert WebhookEndpoint.objects.get().secret == secret
    assert "already in place" in capsys.readouterr().out


def test_an_edited_endpoint_is_put_back(local_http_allowed, monkeypatch, capsys):
    monkeypatch.setenv("TAPESTRY_SITE_WEBHOOK_SECRET", "s3cret-from-the-environment")
    call_command("setup_site_webhook", URL)
    endpoint = WebhookEndpoint.objects.get()
    endpoint.active = False
    endpoint.events = ["page.deleted"]
    endpoint.save()
    endpoint.locales.add(Locale.objects.get(language_code="en"))

    call_command("setup_site_webhook", URL)
    endpoint = WebhookEndpoint.objects.get()
    assert endpoint.active
    assert endpoint.secret == "s3cret-from-the-environment"
    assert sorted(endpoint.events) == sorted(WebhookEvent.values)
    assert not endpoint.locales.exists()
    assert "updated (events, active, scope)" in capsys.readouterr().out


def test_a_refused_url_is_a_clear_error(settings, tmp_path):
    settings.TAPESTRY_WEBHOOK_ALLOW_HTTP = False
    with pytest.raises(CommandError, match=r"refused: url: .*https"):
        call_command("setup_site_webhook", URL, "--secret-file", str(tmp_path / "secret"))
    assert not WebhookEndpoint.objects.exists()


def test_without_a_secret_nothing_is_created(local_http_allowed, monkeypatch):
    monkeypatch.delenv("TAPESTRY_SITE_WEBHOOK_SECRET", raising=False)
    with pytest.raises(CommandError, match="--secret-file"):
        call_command("setup_site_webhook", URL)
    assert not WebhookEndpoint.objects.exists()


def test_driven_by_the_environment_and_nothing_without_it(local_http_allowed, monkeypatch, capsys):
    monkeypatch.delenv("TAPESTRY_SITE_WEBHOOK_URL", raising=False)
    call_command("setup_site_webhook")
    assert "No site webhook" in capsys.readouterr().out
    assert not WebhookEndpoint.objects.exists()

    monkeypatch.setenv("TAPESTRY_SITE_WEBHOOK_URL", URL)
    monkeypatch.setenv("TAPESTRY_SITE_WEBHOOK_SECRET", "compose-secret")
    call_command("setup_site_webhook")
    assert WebhookEndpoint.objects.get().url == URL
