"""The Kubernetes manifests (deploy/kubernetes/): every overlay renders with `kubectl kustomize`,
validates offline against the Kubernetes schemas (kubernetes-validate), and says what the
deployment needs: probes on /healthz, exactly one beat, the settings production requires, one
image for every Tapestry process, the autoscalers' targets, Varnish's VCL from deploy/varnish.

kubectl is Debian's (`make kubectl`) or TAPESTRY_KUBECTL; its kustomize may be as old as v2.0.3.
Without kubectl the tests are skipped, except in CI (CI=true), where that is a failure.
"""

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

REPOSITORY = Path(__file__).resolve().parents[2]
KUBERNETES = REPOSITORY / "deploy" / "kubernetes"
OVERLAYS = sorted(path.name for path in (KUBERNETES / "overlays").iterdir() if path.is_dir())
SECRET_EXAMPLE = KUBERNETES / "secret.example.yaml"
VCL = REPOSITORY / "deploy" / "varnish" / "default.vcl"
# The oldest Kubernetes the manifests are meant for, and the newest the validator knows.
KUBERNETES_VERSIONS = ("1.29.0", "1.37.0")
# What production settings refuse to start without (cms/settings/production.py).
REQUIRED_SETTINGS = ("SECRET_KEY", "DATABASE_URL", "REDIS_URL")
# The processes that run the Tapestry image, and the one that runs the residents' site.
APP_COMPONENTS = ("web", "worker", "publisher", "beat", "migrate")
APPLY_FIRST = "tapestry/apply-first"
CI = os.environ.get("CI", "").lower() in {"1", "true", "yes"}


def kubectl() -> str:
    found = os.environ.get("TAPESTRY_KUBECTL") or shutil.which("kubectl")
    if found:
        return found
    if CI:
        pytest.fail("kubectl is missing (`make kubectl` installs Debian's kubernetes-client)")
    pytest.skip("kubectl is not installed (`make kubectl`); CI=true makes this a failure")


_rendered: dict[str, list[dict]] = {}


def render(overlay: str) -> list[dict]:
    if overlay not in _rendered:
        result = subprocess.run(  # noqa: S603 - kubectl rendering our own manifests
            [kubectl(), "kustomize", str(KUBERNETES / "overlays" / overlay)],
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert result.returncode == 0, f"kubectl kustomize {overlay} failed:\n{result.stderr}"
        _rendered[overlay] = [doc for doc in yaml.safe_load_all(result.stdout) if doc]
    return _rendered[overlay]


def find(docs: list[dict], kind: str, name: str) -> dict:
    matches = [d for d in docs if d["kind"] == kind and d["metadata"]["name"] == name]
    assert len(matches) == 1, f"expected one {kind} {name}, found {len(matches)}"
    return matches[0]


def workloads(docs: list[dict]) -> list[dict]:
    return [d for d in docs if d["kind"] in {"Deployment", "StatefulSet", "Job"}]


def component(doc: dict) -> str:
    return doc["spec"]["template"]["metadata"]["labels"]["app.kubernetes.io/component"]


def workload(docs: list[dict], name: str) -> dict:
    matches = [d for d in workloads(docs) if component(d) == name]
    assert len(matches) == 1, f"expected one workload of component {name}, found {len(matches)}"
    return matches[0]


def container(doc: dict) -> dict:
    containers = doc["spec"]["template"]["spec"]["containers"]
    assert len(containers) == 1, f"{doc['metadata']['name']} has {len(containers)} containers"
    return containers[0]


def config(docs: list[dict]) -> dict[str, str]:
    """The data of the ConfigMap the web pods read their settings from."""
    names = [
        source["configMapRef"]["name"]
        for source in container(workload(docs, "web"))["envFrom"]
        if "configMapRef" in source
    ]
    assert len(names) == 1
    return find(docs, "ConfigMap", names[0])["data"]


def secret_examples() -> dict[str, dict]:
    docs = [doc for doc in yaml.safe_load_all(SECRET_EXAMPLE.read_text()) if doc]
    return {doc["metadata"]["name"]: doc for doc in docs}


def matches(selector: dict, labels: dict) -> bool:
    return all(labels.get(key) == value for key, value in selector.items())


def test_both_overlays_exist():
    assert {"small", "city"} <= set(OVERLAYS)


@pytest.mark.parametrize("overlay", OVERLAYS)
@pytest.mark.parametrize("version", KUBERNETES_VERSIONS)
def test_every_resource_validates_against_the_kubernetes_schemas(overlay, version):
    import kubernetes_validate

    docs = render(overlay)
    checked = 0
    for doc in docs:
        if doc["apiVersion"].startswith("keda.sh/"):
            continue  # a CRD the validator has no schema for: test_keda_* check it by hand
        try:
            kubernetes_validate.validate(doc, version, strict=True)
        except kubernetes_validate.ValidationError as error:
            pytest.fail(f"{doc['kind']} {doc['metadata']['name']}: {error.message} at {error.path}")
        checked += 1
    assert checked >= 20, f"only {checked} resources rendered"


@pytest.mark.parametrize("version", KUBERNETES_VERSIONS)
def test_the_secret_example_validates(version):
    import kubernetes_validate

    for doc in secret_examples().values():
        kubernetes_validate.validate(doc, version, strict=True)


@pytest.mark.parametrize("overlay", OVERLAYS)
def test_web_probes_ask_healthz_with_an_allowed_host(overlay):
    docs = render(overlay)
    web = container(workload(docs, "web"))
    allowed_hosts = config(docs)["ALLOWED_HOSTS"].split(",")
    for probe in ("startupProbe", "readinessProbe", "livenessProbe"):
        http = web[probe]["httpGet"]
        assert http["path"] == "/healthz", probe
        assert http["port"] in ("http", 8000)
        # Django answers 400 to a Host not in ALLOWED_HOSTS (the kubelet's default: the pod IP).
        hosts = [h["value"] for h in http.get("httpHeaders", []) if h["name"].lower() == "host"]
        assert hosts and hosts[0] in allowed_hosts, probe
    # The liveness probe must not restart pods for a short database or Redis outage.
    liveness = web["livenessProbe"]
    assert liveness["periodSeconds"] * liveness["failureThreshold"] >= 60


@pytest.mark.parametrize("overlay", OVERLAYS)
def test_exactly_one_beat(overlay):
    docs = render(overlay)
    beat = workload(docs, "beat")
    assert beat["kind"] == "Deployment"
    assert beat["spec"]["replicas"] == 1
    assert beat["spec"]["strategy"]["type"] == "Recreate"
    assert "--schedule" in container(beat)["args"]
    scalers = [d for d in docs if d["kind"] in {"HorizontalPodAutoscaler", "ScaledObject"}]
    assert all(s["spec"]["scaleTargetRef"]["name"] != beat["metadata"]["name"] for s in scalers)


@pytest.mark.parametrize("overlay", OVERLAYS)
def test_every_tapestry_process_reads_the_config_and_the_secret(overlay):
    docs = render(overlay)
    secret_names = set(secret_examples())
    for name in APP_COMPONENTS:
        sources = container(workload(docs, name))["envFrom"]
        config_maps = [s["configMapRef"]["name"] for s in sources if "configMapRef" in s]
        secrets = [s["secretRef"]["name"] for s in sources if "secretRef" in s]
        assert len(config_maps) == 1 and len(secrets) == 1, name
        find(docs, "ConfigMap", config_maps[0])
        assert secrets[0] in secret_names, f"{name} reads a Secret the example does not show"


def settings_names() -> set[str]:
    """Every environment variable the settings read."""
    names = set()
    for path in (REPOSITORY / "cms" / "settings").glob("*.py"):
        text = path.read_text()
        names |= set(re.findall(r'env_(?:str|bool|int|list)\(\s*"([A-Z0-9_]+)"', text))
        names |= set(re.findall(r'_value\(\s*environ,\s*"([A-Z0-9_]+)"', text))
    return names


@pytest.mark.parametrize("overlay", OVERLAYS)
def test_every_configured_name_is_a_setting(overlay):
    """A misspelt name in the ConfigMap would be ignored without a word."""
    names = settings_names()
    assert "DATABASE_URL" in names and "TAPESTRY_TRUSTED_PROXY_COUNT" in names
    unknown = set(config(render(overlay))) - names - {"DJANGO_SETTINGS_MODULE"}
    assert not unknown, f"ConfigMap keys no setting reads: {sorted(unknown)}"
    commented = re.findall(r"^\s*#?\s*([A-Z][A-Z0-9_]+):", SECRET_EXAMPLE.read_text(), re.M)
    secret_keys = set(secret_examples()["tapestry-secrets"]["stringData"])
    assert secret_keys <= names, f"Secret keys no setting reads: {sorted(secret_keys - names)}"
    assert "DATABASE_REPLICA_URLS" in set(commented)


def production_settings(environment: dict[str, str]) -> subprocess.CompletedProcess:
    """Import cms.settings.production in a fresh interpreter with only `environment` (it
    raises ImproperlyConfigured on what production refuses) and answer a few of its values."""
    code = (
        "import importlib, json; "
        "settings = importlib.import_module('cms.settings.production'); "
        "print(json.dumps({name: getattr(settings, name) for name in ("
        "'ALLOWED_HOSTS', 'CSRF_TRUSTED_ORIGINS', 'VARNISH_PURGE_URLS', 'SECURE_SSL_REDIRECT', "
        "'TAPESTRY_TRUSTED_PROXY_COUNT', 'TAPESTRY_SERVE_MEDIA', 'DEBUG')}))"
    )
    env = {
        "PATH": os.environ.get("PATH", ""),
        "HOME": os.environ.get("HOME", str(REPOSITORY)),
        **environment,
        "DJANGO_SETTINGS_MODULE": "cms.settings.production",
    }
    return subprocess.run(  # noqa: S603 - our own interpreter and a constant script
        [sys.executable, "-c", code],
        cwd=REPOSITORY,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.mark.parametrize("overlay", OVERLAYS)
def test_production_settings_start_from_the_config_and_the_secret_alone(overlay):
    docs = render(overlay)
    secret = dict(secret_examples()["tapestry-secrets"]["stringData"])
    missing = set(REQUIRED_SETTINGS) - set(secret)
    assert not missing, f"the Secret example lacks {sorted(missing)}"
    # The placeholders, filled in as an operator would.
    secret["SECRET_KEY"] = "k8s-test-" + "x" * 40
    environment = {**config(docs), **secret}

    result = production_settings(environment)
    assert result.returncode == 0, result.stderr[-3000:]
    loaded = json.loads(result.stdout.strip().splitlines()[-1])
    assert loaded["DEBUG"] is False
    assert "cms.example.org" in loaded["ALLOWED_HOSTS"]
    assert loaded["SECURE_SSL_REDIRECT"] is False
    assert loaded["TAPESTRY_TRUSTED_PROXY_COUNT"] == 2
    assert loaded["VARNISH_PURGE_URLS"]


@pytest.mark.parametrize("name", REQUIRED_SETTINGS)
def test_each_required_setting_is_required(name):
    """REQUIRED_SETTINGS is what production really refuses to start without."""
    secret = dict(secret_examples()["tapestry-secrets"]["stringData"])
    secret["SECRET_KEY"] = "k8s-test-" + "x" * 40
    environment = {**config(render("small")), **secret}
    del environment[name]
    refused = production_settings(environment)
    assert refused.returncode != 0, f"production started without {name}"
    assert "ImproperlyConfigured" in refused.stderr and name in refused.stderr


def test_the_secret_example_never_starts_production():
    """Its SECRET_KEY placeholder is refused, so applying it unedited cannot go live."""
    secret = secret_examples()["tapestry-secrets"]["stringData"]
    result = production_settings(dict(secret))
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr


def dockerfile_command() -> list[str]:
    text = (REPOSITORY / "Dockerfile").read_text()
    return json.loads(re.search(r"^CMD (\[.*\])$", text, re.M).group(1))


def compose_command(service: str) -> list[str]:
    compose = yaml.safe_load((REPOSITORY / "docker-compose.yml").read_text())
    return compose["services"][service]["command"]


@pytest.mark.parametrize("overlay", OVERLAYS)
def test_processes_run_as_in_the_image_and_compose(overlay):
    docs = render(overlay)
    assert container(workload(docs, "web"))["args"] == dockerfile_command()
    for name, service in (("worker", "worker"), ("publisher", "publisher"), ("beat", "beat")):
        args = container(workload(docs, name))["args"]
        # The same command as compose's service, with a --hostname of its own for the probe.
        hostname = args.index("--hostname") if "--hostname" in args else len(args)
        without_hostname = args[:hostname] + args[hostname + 2 :]
        assert without_hostname == compose_command(service), name
    migrate = " ".join(container(workload(docs, "migrate"))["args"])
    assert migrate.index("manage.py migrate") < migrate.index("manage.py setup_tapestry")


@pytest.mark.parametrize("overlay", OVERLAYS)
def test_the_migration_job_is_applied_first_with_what_it_reads(overlay):
    """`kubectl apply -l tapestry/apply-first=true` (README) creates the Job and its ConfigMap."""
    docs = render(overlay)
    first = [d for d in docs if d["metadata"].get("labels", {}).get(APPLY_FIRST) == "true"]
    job = workload(docs, "migrate")
    assert job["kind"] == "Job" and job in first
    assert [d for d in first if d["kind"] not in {"Job", "ConfigMap"}] == []
    for source in container(job)["envFrom"]:
        if "configMapRef" in source:
            assert find(docs, "ConfigMap", source["configMapRef"]["name"]) in first


@pytest.mark.parametrize("overlay", OVERLAYS)
def test_one_image_for_every_tapestry_process(overlay):
    docs = render(overlay)
    images = {name: container(workload(docs, name))["image"] for name in APP_COMPONENTS}
    assert len(set(images.values())) == 1, images
    image = next(iter(images.values()))
    assert ":" in image.rsplit("/", 1)[-1], "the Tapestry image has no tag"
    frontend = container(workload(docs, "frontend"))["image"]
    assert frontend != image and ":" in frontend.rsplit("/", 1)[-1]
    assert container(workload(docs, "varnish"))["image"].startswith("varnish:7")


@pytest.mark.parametrize("overlay", OVERLAYS)
def test_the_web_autoscaler_scales_the_web_deployment_on_cpu(overlay):
    docs = render(overlay)
    hpa = find(docs, "HorizontalPodAutoscaler", "web")
    assert hpa["apiVersion"] == "autoscaling/v2"
    target = hpa["spec"]["scaleTargetRef"]
    web = workload(docs, "web")
    assert (target["kind"], target["name"]) == ("Deployment", web["metadata"]["name"])
    assert [m["resource"]["name"] for m in hpa["spec"]["metrics"]] == ["cpu"]
    assert 1 <= hpa["spec"]["minReplicas"] <= hpa["spec"]["maxReplicas"]
    # Every autoscaler targets a workload that exists.
    names = {(d["kind"], d["metadata"]["name"]) for d in workloads(docs)}
    for scaler in (d for d in docs if d["kind"] in {"HorizontalPodAutoscaler", "ScaledObject"}):
        ref = scaler["spec"]["scaleTargetRef"]
        assert (ref.get("kind", "Deployment"), ref["name"]) in names


def scaled_names(docs: list[dict]) -> set[str]:
    scalers = [d for d in docs if d["kind"] in {"HorizontalPodAutoscaler", "ScaledObject"}]
    return {s["spec"]["scaleTargetRef"]["name"] for s in scalers}


@pytest.mark.parametrize("overlay", OVERLAYS)
def test_an_apply_never_resets_what_an_autoscaler_owns(overlay):
    """A workload an autoscaler scales has no `replicas` of its own: each `kubectl apply` would
    set it back (in a burst, from 20 web pods to the manifest's number)."""
    docs = render(overlay)
    for doc in workloads(docs):
        if doc["metadata"]["name"] in scaled_names(docs):
            assert "replicas" not in doc["spec"], doc["metadata"]["name"]


def test_small_runs_one_of_each_with_fixed_workers():
    docs = render("small")
    assert not [d for d in docs if d["apiVersion"].startswith("keda.sh/")]
    assert find(docs, "HorizontalPodAutoscaler", "web")["spec"]["minReplicas"] == 1
    assert scaled_names(docs) == {"web"}
    for name in ("web", "worker", "publisher", "beat", "varnish", "frontend"):
        # Kubernetes' default is one; the web autoscaler's minimum is one too.
        assert workload(docs, name)["spec"].get("replicas", 1) == 1, name


def test_keda_scales_the_general_worker_on_its_queues_in_the_city():
    docs = render("city")
    scaled = find(docs, "ScaledObject", "worker")
    assert scaled["apiVersion"] == "keda.sh/v1alpha1"
    worker = workload(docs, "worker")
    assert scaled["spec"]["scaleTargetRef"]["name"] == worker["metadata"]["name"]
    assert 1 <= scaled["spec"]["minReplicaCount"] <= scaled["spec"]["maxReplicaCount"]
    # It watches exactly the Celery queues (Redis lists) the worker consumes.
    args = container(worker)["args"]
    queues = set(args[args.index("-Q") + 1].split(","))
    triggers = scaled["spec"]["triggers"]
    assert {t["type"] for t in triggers} == {"redis"}
    assert {t["metadata"]["listName"] for t in triggers} == queues
    redis_url = secret_examples()["tapestry-secrets"]["stringData"]["REDIS_URL"]
    redis_db = re.search(r"/(\d+)$", redis_url)
    for trigger in triggers:
        assert int(trigger["metadata"]["listLength"]) > 0
        assert trigger["metadata"]["databaseIndex"] == redis_db.group(1)
        auth = find(docs, "TriggerAuthentication", trigger["authenticationRef"]["name"])
        for ref in auth["spec"]["secretTargetRef"]:
            assert ref["key"] in secret_examples()[ref["name"]]["stringData"]
    # No HorizontalPodAutoscaler of ours fights KEDA's over the worker.
    hpas = [d for d in docs if d["kind"] == "HorizontalPodAutoscaler"]
    assert all(h["spec"]["scaleTargetRef"]["name"] != "worker" for h in hpas)


def test_city_spreads_every_replicated_tier_over_zones_and_nodes():
    docs = render("city")
    for name in ("web", "worker", "publisher", "varnish", "frontend"):
        doc = workload(docs, name)
        constraints = doc["spec"]["template"]["spec"]["topologySpreadConstraints"]
        keys = {c["topologyKey"] for c in constraints}
        assert keys == {"topology.kubernetes.io/zone", "kubernetes.io/hostname"}, name
        labels = doc["spec"]["template"]["metadata"]["labels"]
        assert all(matches(c["labelSelector"]["matchLabels"], labels) for c in constraints)


@pytest.mark.parametrize("overlay", OVERLAYS)
def test_varnish_runs_the_vcl_of_deploy_varnish(overlay):
    docs = render(overlay)
    varnish = workload(docs, "varnish")
    spec = varnish["spec"]["template"]["spec"]
    mounts = {m["mountPath"]: m for m in container(varnish)["volumeMounts"]}
    volumes = {v["name"]: v for v in spec["volumes"]}

    def mounted(path: str) -> str:
        mount = mounts[path]
        config_map = find(docs, "ConfigMap", volumes[mount["name"]]["configMap"]["name"])
        return config_map["data"][mount["subPath"]]

    assert mounted("/etc/varnish/default.vcl") == VCL.read_text()
    command = container(varnish)["command"]
    assert command[command.index("-f") + 1] == "/etc/varnish/default.vcl"
    assert "vcl_path=/etc/varnish" in command
    # site.vcl's backend is the web Service.
    site = mounted("/etc/varnish/site.vcl")
    web_service = find(docs, "Service", "web")
    assert f'.host = "{web_service["metadata"]["name"]}";' in site
    assert f'.port = "{web_service["spec"]["ports"][0]["port"]}";' in site


@pytest.mark.parametrize("overlay", OVERLAYS)
def test_every_varnish_replica_is_purged(overlay):
    docs = render(overlay)
    varnish = workload(docs, "varnish")
    assert varnish["kind"] == "StatefulSet"
    headless = find(docs, "Service", varnish["spec"]["serviceName"])
    assert headless["spec"]["clusterIP"] == "None"
    purge_port = next(p["port"] for p in headless["spec"]["ports"] if p["name"] == "purge")
    name = varnish["metadata"]["name"]
    expected = [
        f"http://{name}-{i}.{headless['metadata']['name']}:{purge_port}/"
        for i in range(varnish["spec"]["replicas"])
    ]
    assert config(docs)["VARNISH_PURGE_URLS"].split(",") == expected


@pytest.mark.parametrize("overlay", OVERLAYS)
def test_services_ingress_and_budgets_reach_pods(overlay):
    docs = render(overlay)
    pod_labels = [d["spec"]["template"]["metadata"]["labels"] for d in workloads(docs)]
    services = {d["metadata"]["name"]: d for d in docs if d["kind"] == "Service"}
    for service in services.values():
        assert any(matches(service["spec"]["selector"], labels) for labels in pod_labels)
    for budget in (d for d in docs if d["kind"] == "PodDisruptionBudget"):
        selector = budget["spec"]["selector"]["matchLabels"]
        assert any(matches(selector, labels) for labels in pod_labels)
    ingress = find(docs, "Ingress", "tapestry")
    backends = {
        rule["host"]: path["backend"]["service"]
        for rule in ingress["spec"]["rules"]
        for path in rule["http"]["paths"]
    }
    # The CMS only through Varnish (one proxy chain: TAPESTRY_TRUSTED_PROXY_COUNT=2).
    assert {b["name"] for b in backends.values()} == {"varnish", "frontend"}
    for backend in backends.values():
        ports = {p["name"] for p in services[backend["name"]]["spec"]["ports"]}
        assert backend["port"]["name"] in ports
    frontend_env = {e["name"]: e for e in container(workload(docs, "frontend"))["env"]}
    assert frontend_env["TAPESTRY_GRAPHQL_URL"]["value"].startswith("http://varnish:6081/")
    # The site forwards the resident's address as the CMS's proxies do: the ingress before it.
    assert frontend_env["TAPESTRY_SITE_TRUSTED_PROXY_COUNT"]["value"] == "1"
    cms_host = next(host for host, b in backends.items() if b["name"] == "varnish")
    assert cms_host in config(docs)["ALLOWED_HOSTS"].split(",")
    assert "varnish" in config(docs)["ALLOWED_HOSTS"].split(",")


@pytest.mark.parametrize("overlay", OVERLAYS)
def test_every_container_is_unprivileged_with_resources(overlay):
    docs = render(overlay)
    for doc in workloads(docs):
        spec = doc["spec"]["template"]["spec"]
        for item in spec["containers"]:
            where = f"{doc['metadata']['name']}/{item['name']}"
            context = item["securityContext"]
            assert spec["securityContext"].get("runAsNonRoot") is True, where
            assert spec["securityContext"].get("runAsUser", 0) != 0, where
            assert context["readOnlyRootFilesystem"] is True, where
            assert context["allowPrivilegeEscalation"] is False, where
            assert context["capabilities"]["drop"] == ["ALL"], where
            # A writable temporary directory on an emptyDir, the root file system being read-only.
            assert "/tmp" in {m["mountPath"] for m in item["volumeMounts"]}, where  # noqa: S108
            resources = item["resources"]
            assert resources["requests"]["cpu"] and resources["requests"]["memory"], where
            assert resources["limits"]["memory"], where


def test_the_cluster_site_vcl_compiles_with_default_vcl(varnishd_program, tmp_path):
    """deploy/kubernetes/base/site.vcl (what the Varnish pods include) with its backend host,
    the web Service's name, made resolvable here."""
    cluster_site = (KUBERNETES / "base" / "site.vcl").read_text()
    assert '.host = "web"' in cluster_site
    (tmp_path / "site.vcl").write_text(cluster_site.replace('"web"', '"127.0.0.1"'))

    result = subprocess.run(  # noqa: S603 - our varnishd, compiling only
        [
            varnishd_program,
            "-C",
            "-j", "none",  # the compiler reads tmp_path as this user, not as varnish
            "-n", str(tmp_path / "state"),
            # vcl_path before -f: -C compiles as soon as it reads -f.
            "-p", f"vcl_path={tmp_path}:{VCL.parent}",
            "-f", str(VCL),
        ],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )  # fmt: skip

    assert result.returncode == 0, result.stderr
    assert "VCL compilation failed" not in result.stderr
