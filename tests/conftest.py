"""Fixtures shared by the whole suite.

Tests that need a system program (Debian's chromium, orthanc) ask for it through
``require_program``: on a developer machine without it they are skipped with the install
command; under CI (``CI=true``) they fail, so a missing install step cannot hide.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from bigpicture.catalogue.settings import Settings, load_settings

REPO = Path(__file__).resolve().parent.parent
SHARED = Path(os.environ.get("BPCAT_SHARED_DIR", REPO.parent / "shared"))
EXAMPLE_SUBMISSION = SHARED / "metaflex" / "examples-2.0.0" / "DATASET_BP_LUNG_ADC_EXAMPLE"
OFFICIAL_XSD_DIR = SHARED / "metaflex" / "xsd"


def require_program(*candidates: str, install: str) -> str:
    """The path of the first program found; otherwise skip (locally) or fail (CI)."""
    for name in candidates:
        found = shutil.which(name) or (Path(name).is_file() and name)
        if found:
            return str(found)
    message = f"{candidates[0]} is not installed (apt-get install {install})"
    if os.environ.get("CI") == "true":
        pytest.fail(message)
    pytest.skip(message)


#: How the browser tests start Debian's chromium: headless, and with nothing that reaches out.
CHROMIUM_ARGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
)


@pytest.fixture(scope="session")
def chromium_path() -> str:
    """Debian's chromium (skipped locally when missing, a failure under CI)."""
    return require_program("chromium", install="chromium")


@pytest.fixture(scope="session")
def chromium_args() -> list[str]:
    """The command-line flags for every chromium the tests launch."""
    return list(CHROMIUM_ARGS)


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    """The read-only ../shared folder (official schemas, shapes, vocabulary facts)."""
    if not SHARED.is_dir():
        pytest.fail(f"{SHARED} is missing: set BPCAT_SHARED_DIR to the shared folder")
    return SHARED


@pytest.fixture(scope="session")
def example_submission(shared_dir: Path) -> Path:
    """The valid MetaFleX 2.0.0 example submission (read-only)."""
    return EXAMPLE_SUBMISSION


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    """Settings of a throw-away catalogue under a temporary data folder."""
    return load_settings(environ={}, data_dir=tmp_path / "data", base_url="http://127.0.0.1:8000")
