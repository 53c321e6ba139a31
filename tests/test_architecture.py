"""Imports between Tapestry's top-level packages point one way (see DESIGN.md).

cms -> schema, tasks -> communities -> articles -> home
"""

import ast
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
