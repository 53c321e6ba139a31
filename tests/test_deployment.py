"""docker-compose.yml and Procfile.dev describe services that can really start."""

import importlib
import re
import shlex
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import yaml
from django.core.management import get_commands

from cms.celery import app as celery_app

ROOT = Path(__file__).resolve().parent.parent
COMPOSE = yaml.safe_load((ROOT / "docker-compose.yml").read_text())
APP_SERVICES = ("web", "worker", "publisher", "beat")


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
    assert set(services) == {
        "postgres",
        "redis",
        "web",
        "worker",
        "publisher",
        "beat",
        "varnish",
        "frontend",
    }
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


def _compose_default(value: str) -> str:
    """What `${NAME:-default}` is when NAME is not set."""
    match = re.fullmatch(r"\$\{\w+:-(.*)\}", value)
    assert match, f"{value!r} is not ${{NAME:-default}}"
    return match.group(1)


def _option_values(command: list[str], option: str) -> list[str]:
    return [command[i + 1] for i, word in enumerate(command) if word == option]


def test_compose_varnish_fronts_web_with_the_repository_vcl():
    """The varnish service runs deploy/varnish/ against web, publishes only its public listener,
    and the app services purge through the other one."""
    varnish = COMPOSE["services"]["varnish"]
    command = varnish["command"]
    assert varnish["image"].startswith("varnish:")
    assert command[:2] == ["varnishd", "-F"]
    assert "./deploy/varnish:/etc/varnish:ro" in varnish["volumes"]
    assert _option_values(command, "-f") == ["/etc/varnish/default.vcl"]
    assert "vcl_path=/etc/varnish" in _option_values(command, "-p")
    for name in ("default.vcl", "site.vcl"):
        assert (ROOT / "deploy" / "varnish" / name).is_file()
    assert varnish["depends_on"]["web"]["condition"] == "service_healthy"

    listeners = dict(value.split("=:", 1) for value in _option_values(command, "-a"))
    published = {port.split(":")[-1] for port in varnish["ports"]}
    assert published == {listeners["public"]}  # default.vcl refuses PURGE on "public"
    for service in ("web", "worker"):
        purge_urls = _compose_default(
            COMPOSE["services"][service]["environment"]["VARNISH_PURGE_URLS"]
        )
        purge_url = urlsplit(purge_urls)
        assert (purge_url.hostname, str(purge_url.port)) == ("varnish", listeners["purge"])

    site = (ROOT / "deploy" / "varnish" / "site.vcl").read_text()
    web_bind = re.search(r"--bind 0\.0\.0\.0:(\d+)", COMPOSE["services"]["web"]["command"][2])
    assert re.search(r'\.host = "web";', site)
    assert re.search(rf'\.port = "{web_bind.group(1)}";', site)


@pytest.mark.parametrize("service", APP_SERVICES)
def test_compose_commands_name_real_programs(service):
    _check_command(_command_words(COMPOSE["services"][service]["command"]))


def _procfile() -> dict[str, list[str]]:
    return {
        name: shlex.split(command)
        for name, command in (
            line.split(":", 1) for line in (ROOT / "Procfile.dev").read_text().splitlines() if line
        )
    }


def test_procfile_starts_web_workers_beat_and_the_site():
    lines = _procfile()
    assert set(lines) == {"web", "worker", "publisher", "beat", "site"}
    assert lines["web"][:3] == ["python", "manage.py", "runserver"]
    for name in ("worker", "publisher", "beat"):
        _check_command(lines[name])
    # The site's own port (honcho gives each process a PORT of its own), reading the web
    # process's API.
    assert lines["site"][0] == "env"
    site_env = dict(word.split("=", 1) for word in lines["site"][1:] if "=" in word)
    assert site_env["PORT"] == "${SITE_PORT:-3000}"
    assert "${CMS_PORT:-8000}/graphql/" in site_env["TAPESTRY_GRAPHQL_URL"]
    assert lines["site"][-2:] == ["node", "frontend/.next/standalone/server.js"]


def test_make_run_starts_every_procfile_process_and_the_site_only_when_built():
    makefile = (ROOT / "Makefile").read_text()
    recipe = makefile[makefile.index("\nrun: ") : makefile.index(".PHONY: test")]
    listed = re.search(r'processes="([a-z ]+)"', recipe).group(1).split()
    assert set(listed) | {"site"} == set(_procfile())
    assert "site" not in listed
    assert 'processes="$$processes site"' in recipe
    assert recipe.index("cms.frontend start") < recipe.index("manage.py migrate")
    assert recipe.index("load_demo_content") < recipe.index("cms.frontend wait")
    # The persisted documents after migrate; the webhook endpoint only on the embedded default
    # unless TAPESTRY_SITE_WEBHOOK_URL asks for one.
    assert recipe.index("manage.py migrate") < recipe.index("register_persisted_documents")
    assert '[ -z "$${DATABASE_URL:-}" ]' in recipe


def _dockerfile_stages(path: Path) -> list[list[tuple[str, str]]]:
    stages = []
    for line in path.read_text().replace("\\\n", " ").splitlines():
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        instruction, _, argument = line.strip().partition(" ")
        if instruction.upper() == "FROM":
            stages.append([])
        stages[-1].append((instruction.upper(), argument.strip()))
    return stages


def test_compose_frontend_reads_the_api_through_varnish():
    frontend = COMPOSE["services"]["frontend"]
    varnish = COMPOSE["services"]["varnish"]
    listeners = dict(value.split("=:", 1) for value in _option_values(varnish["command"], "-a"))
    api = urlsplit(frontend["environment"]["TAPESTRY_GRAPHQL_URL"])
    assert (api.hostname, str(api.port), api.path) == ("varnish", listeners["public"], "/graphql/")
    assert frontend["depends_on"]["varnish"]["condition"] == "service_healthy"
    assert frontend["ports"] == ["3000:3000"]


def test_compose_cms_services_know_the_site():
    """Preview opens the site's published port; the webhook secret the CMS signs with is the one
    the site verifies with; the endpoint is created at start only when asked for."""
    frontend_env = COMPOSE["services"]["frontend"]["environment"]
    for service in APP_SERVICES:
        env = COMPOSE["services"][service]["environment"]
        preview = urlsplit(_compose_default(env["TAPESTRY_PREVIEW_URL"]))
        assert (preview.port, preview.path) == (3000, "/api/preview")
        assert _compose_default(env["TAPESTRY_SITE_WEBHOOK_URL"]) == ""
        assert env["TAPESTRY_SITE_WEBHOOK_SECRET"] == frontend_env["TAPESTRY_WEBHOOK_SECRET"]
    web = _command_words(COMPOSE["services"]["web"]["command"])
    chain = " ".join(web)
    assert chain.index("setup_tapestry") < chain.index("register_persisted_documents")
    assert "setup_site_webhook" in chain
    manifest = re.search(r"register_persisted_documents (\S+)", chain).group(1)
    assert (ROOT / manifest).is_file()
    # The CMS image keeps the manifest out of frontend/, which it otherwise leaves out.
    ignored = (ROOT / ".dockerignore").read_text().splitlines()
    assert "frontend/*" in ignored and f"!{manifest}" in ignored


def test_frontend_image_is_multi_stage_standalone_and_not_root():
    frontend = COMPOSE["services"]["frontend"]
    context = ROOT / frontend["build"]["context"]
    repository = ROOT / frontend["build"]["additional_contexts"]["repository"]
    stages = _dockerfile_stages(context / "Dockerfile")
    assert len(stages) >= 2
    assert all(stage[0] == ("FROM", stage[0][1]) for stage in stages)
    assert all(stage[0][1].split()[0] == "node:20-slim" for stage in stages)
    for stage in stages:
        for instruction, argument in stage:
            if instruction != "COPY":
                continue
            words = argument.split()
            sources = [w for w in words[:-1] if not w.startswith("--")]
            origin = next((w.split("=", 1)[1] for w in words if w.startswith("--from=")), None)
            if origin == "repository":
                assert all((repository / source).exists() for source in sources), argument
            elif origin is None:
                assert all(source == "." or (context / source).exists() for source in sources)
    final = dict(stages[-1])
    assert final["USER"] not in {"root", "0"}
    assert final["CMD"] == '["node", "server.js"]'
    assert ".next/standalone" in " ".join(arg for ins, arg in stages[-1] if ins == "COPY")
    assert "npm ci" in (context / "Dockerfile").read_text()
    ignored = (context / ".dockerignore").read_text().splitlines()
    assert {"node_modules", ".next"} <= set(ignored)


def _worker_queues(commands: dict[str, list[str]]) -> dict[str, set[str]]:
    """Each Celery worker's queues (-Q/--queues; none given: Celery's default queue)."""
    queues = {}
    for name, words in commands.items():
        if words[:4] != ["celery", "-A", "cms", "worker"]:
            continue
        given = _option_values(words, "-Q") + _option_values(words, "--queues")
        queues[name] = {queue for value in given for queue in value.split(",")} or {"celery"}
    return queues


def _routed_queues() -> set[str]:
    celery_app.loader.import_default_modules()
    routes = celery_app.conf.task_routes or {}
    return {"celery"} | {route["queue"] for route in routes.values()}


@pytest.mark.parametrize("where", ["compose", "procfile"])
def test_every_queue_has_a_worker_and_publishing_has_its_own(where):
    """Scheduled publishing never waits behind webhooks, mails or index updates: its queue is
    consumed by a worker that consumes nothing else."""
    if where == "compose":
        commands = {
            name: _command_words(service["command"])
            for name, service in COMPOSE["services"].items()
            if name in APP_SERVICES
        }
    else:
        commands = _procfile()
    queues = _worker_queues(commands)

    assert _routed_queues() <= set().union(*queues.values())
    consumers = [name for name, consumed in queues.items() if "publishing" in consumed]
    assert consumers and all(queues[name] == {"publishing"} for name in consumers)


def test_scheduled_publishing_is_routed_to_its_queue_and_not_dropped_at_once():
    celery_app.loader.import_default_modules()
    route = celery_app.amqp.router.route({}, "tasks.publishing.publish_scheduled")
    assert route["queue"].name == "publishing"
    entry = celery_app.conf.beat_schedule["publish-scheduled-pages"]
    # A run queued behind a slow one must not be discarded before it can start.
    assert entry["options"]["expires"] >= 60


def test_celery_finds_the_scheduled_tasks():
    celery_app.loader.import_default_modules()
    for entry in celery_app.conf.beat_schedule.values():
        assert entry["task"] in celery_app.tasks
