"""Fixtures of the store tests."""

from __future__ import annotations

import pytest
from store_versions import make_version


@pytest.fixture
def new_version():
    """The factory :func:`store_versions.make_version`."""
    return make_version
