"""The dependency direction of docs/design.md, checked by walking the imports."""

from __future__ import annotations

import ast
import tomllib
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
FOLDERS = ("model", "shapes", "vocabularies", "catalogue", "harvest", "search")
#: package -> packages of ours it must not import
FORBIDDEN = {
    "model": ("catalogue", "harvest", "search", "vocabularies"),
    "vocabularies": ("catalogue", "harvest", "search"),
    "harvest": ("search", "catalogue.web", "catalogue.cli"),
    "search": ("harvest", "catalogue.web", "catalogue.cli"),
    "catalogue": ("harvest", "search"),  # the core; web, cli and app.py compose and are exempt
}


def _imports(path: Path) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(), str(path))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
    return names


def _sources(folder: str):
    yield from (REPO / folder).rglob("*.py")


def test_only_web_imports_flask() -> None:
    for folder in FOLDERS:
        for path in _sources(folder):
            if "catalogue/web" in path.as_posix():
                continue
            flask = {name for name in _imports(path) if name.split(".")[0] == "flask"}
            assert not flask, f"{path.relative_to(REPO)} imports Flask"


def test_dependency_direction() -> None:
    for folder, forbidden in FORBIDDEN.items():
        for path in _sources(folder):
            rel = path.relative_to(REPO).as_posix()
            if rel.startswith(("catalogue/web", "catalogue/cli", "catalogue/app.py")):
                continue
            for name in _imports(path):
                for target in forbidden:
                    assert not name.startswith(f"bigpicture.{target}"), f"{rel} imports {name}"


def test_every_python_package_is_installed() -> None:
    config = tomllib.loads((REPO / "pyproject.toml").read_text())
    mapped = config["tool"]["setuptools"]["package-dir"]
    listed = set(config["tool"]["setuptools"]["packages"])
    for folder in FOLDERS:
        for init in (REPO / folder).rglob("__init__.py"):
            rel = init.parent.relative_to(REPO).as_posix()
            package = "bigpicture." + rel.replace("/", ".")
            assert package in listed, f"{package} is not listed in pyproject.toml packages"
            assert mapped.get(package) == rel, f"{package} is not mapped to {rel}"
