"""Imports between Tapestry's top-level packages point one way (see DESIGN.md), and no modules
import each other in a circle.

cms -> schema, tasks -> communities -> articles -> home
"""

import ast
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = ("cms", "schema", "tasks", "communities", "articles", "home")
# Which first-party packages each package may import (besides itself).
ALLOWED = {
    "cms": {"schema", "tasks", "communities", "articles", "home"},
    "schema": {"communities", "articles", "home"},
    "tasks": {"communities", "articles", "home"},
    "communities": {"articles", "home"},
    "articles": {"home"},
    "home": set(),
}


def _imported_packages(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
    return {name.split(".")[0] for name in names} & set(PACKAGES)


def _string_references(path: Path) -> set[str]:
    """App labels named in strings such as "communities.CommunityPage" (lazy model references)."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    labels = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            head, dot, _tail = node.value.partition(".")
            if dot and head in PACKAGES:
                labels.add(head)
    return labels


def _sources(package: str):
    for path in sorted((ROOT / package).rglob("*.py")):
        if "migrations" not in path.parts:
            yield path


@pytest.mark.parametrize("package", PACKAGES)
def test_imports_point_down_the_layers(package):
    wrong = {
        str(path.relative_to(ROOT)): sorted(_imported_packages(path) - ALLOWED[package] - {package})
        for path in _sources(package)
    }
    assert {path: names for path, names in wrong.items() if names} == {}


def test_content_apps_know_nothing_of_the_api_or_background_work():
    for package in ("home", "articles", "communities"):
        for path in _sources(package):
            assert not _imported_packages(path) & {"schema", "tasks", "cms"}, path


def test_lower_layers_refer_to_communities_only_by_name():
    """Tree rules may name "communities.CommunityPage" as a string but never import it."""
    referenced = set()
    for package in ("home", "articles"):
        for path in _sources(package):
            assert "communities" not in _imported_packages(path), path
            referenced |= _string_references(path)
    assert "communities" in referenced  # the tree rules do name it, lazily


# Import circles -------------------------------------------------------------------------------
# Every runtime module, migrations aside. An import made inside a function counts like any other:
# moving an import into a function hides a circle, it does not remove it.
CIRCLE_FREE = (*PACKAGES, "bench")


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _modules() -> dict[str, Path]:
    return {_module_name(path): path for package in CIRCLE_FREE for path in _sources(package)}


def _imported_modules(name: str, path: Path, known: set[str]) -> set[str]:
    """The first-party modules this one imports: `from a.b import c` is `a.b.c` when that is a
    module, else `a.b`; relative imports are resolved against the module's package."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), filename=str(path))):
        if isinstance(node, ast.Import):
            targets = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - (node.level - 1)]
                base = ".".join([*anchor, base] if base else anchor)
            targets = [f"{base}.{alias.name}" for alias in node.names] + [base]
            targets = [t for t in targets[:-1] if t in known] or [base]
        else:
            continue
        for target in targets:
            while target and target not in known:
                target = target.rpartition(".")[0]
            if target and target != name:
                found.add(target)
    return found


def _circles(graph: dict[str, set[str]]) -> Iterator[list[str]]:
    """Strongly connected components of more than one module (Tarjan's algorithm)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()

    def visit(node: str) -> Iterator[list[str]]:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for target in sorted(graph[node]):
            if target not in index:
                yield from visit(target)
                low[node] = min(low[node], low[target])
            elif target in on_stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.append(member)
                if member == node:
                    break
            if len(component) > 1:
                yield sorted(component)

    for node in sorted(graph):
        if node not in index:
            yield from visit(node)


def test_no_module_imports_itself_through_others():
    modules = _modules()
    known = set(modules)
    graph = {name: _imported_modules(name, path, known) for name, path in modules.items()}
    assert list(_circles(graph)) == []


def test_the_circle_finder_finds_circles():
    graph = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}, "e": {"e"}}
    assert list(_circles(graph)) == [["a", "b", "c"]]


# The schema reads content through loaders ------------------------------------------------------
# Querysets in schema/ only in its loaders.py modules, which call the apps' selectors; the schema
# app's own table (trusted persisted documents) is read and written in schema/persisted/.
def test_the_schema_touches_querysets_only_in_its_loaders():
    offending = []
    for path in _sources("schema"):
        relative = path.relative_to(ROOT)
        if path.name == "loaders.py" or relative.parts[:2] == ("schema", "persisted"):
            continue
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if ".objects." in line or ".objects)" in line:
                offending.append(f"{relative}:{number}: {line.strip()}")
    assert offending == []
