"""docker-compose.yml and Procfile.dev describe services that can really start."""

import importlib
import shlex
from pathlib import Path

import pytest
import yaml
from django.core.management import get_commands

from cms.celery import app as celery_app

ROOT = Path(__file__).resolve().parent.parent
COMPOSE = yaml.safe_load((ROOT / "docker-compose.yml").read_text())
APP_SERVICES = ("web", "worker", "beat")


def _command_words(command) -> list[str]:
    if isinstance(command, list):
        if command[:2] == ["sh", "-c"]:
            return shlex.split(command[2])
        return command
    return shlex.split(command)


def _check_command(words: list[str]) -> None:
    """Every program a service line starts must exist in this project."""
    for chain in " ".join(words).split("&&"):
        argv = shlex.split(chain)
        program = argv[0]
        if program == "python":
            assert argv[1] == "manage.py"
            assert argv[2] in get_commands(), f"unknown management command {argv[2]}"
        elif program == "gunicorn":
            module, _, attribute = argv[1].partition(":")
            assert callable(getattr(importlib.import_module(module), attribute))
        elif program == "celery":
            assert argv[1:3] == ["-A", "cms"]
            assert argv[3] in {"worker", "beat"}
        else:
            pytest.fail(f"unexpected program {program!r} in {chain!r}")


def test_compose_has_every_service_with_a_healthcheck():
    services = COMPOSE["services"]
    assert set(services) == {"postgres", "redis", "web", "worker", "beat"}
    for name, service in services.items():
        assert "healthcheck" in service, f"{name} has no healthcheck"
    for name in APP_SERVICES:
        assert services[name]["depends_on"]["postgres"]["condition"] == "service_healthy"
        assert services[name]["depends_on"]["redis"]["condition"] == "service_healthy"
    assert {"pgdata", "redisdata"} <= set(COMPOSE["volumes"])


def test_compose_app_services_use_production_settings_and_real_backing_services():
    env = COMPOSE["services"]["web"]["environment"]
    assert env["DJANGO_SETTINGS_MODULE"] == "cms.settings.production"
    assert env["DATABASE_URL"].startswith("postgres://")
    assert env["REDIS_URL"].startswith("redis://redis:")
    assert "noeviction" in COMPOSE["services"]["redis"]["command"]


@pytest.mark.parametrize("service", APP_SERVICES)
def test_compose_commands_name_real_programs(service):
    _check_command(_command_words(COMPOSE["services"][service]["command"]))


def test_procfile_starts_web_worker_and_beat():
    lines = dict(
        line.split(":", 1) for line in (ROOT / "Procfile.dev").read_text().splitlines() if line
    )
    assert set(lines) == {"web", "worker", "beat"}
    assert shlex.split(lines["web"])[:3] == ["python", "manage.py", "runserver"]
    for name in ("worker", "beat"):
        _check_command(shlex.split(lines[name]))


def test_celery_finds_the_scheduled_tasks():
    celery_app.loader.import_default_modules()
    for entry in celery_app.conf.beat_schedule.values():
        assert entry["task"] in celery_app.tasks
