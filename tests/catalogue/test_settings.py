"""Settings: environment, TOML file, precedence, documentation."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from bigpicture.catalogue.settings import ConfigError, Settings, env_name, load_settings

REPO = Path(__file__).resolve().parents[2]


def test_environment_overrides_toml(tmp_path: Path) -> None:
    config = tmp_path / "bpcat.toml"
    config.write_text(
        '[bpcat]\ndata_dir = "/srv/a"\nbase_url = "https://x.org/"\npeer_timeout = 1.5\n'
    )
    settings = load_settings({"BPCAT_CONFIG": str(config), "BPCAT_DATA_DIR": "/srv/b"})
    assert settings.data_dir == Path("/srv/b")
    assert settings.base_url == "https://x.org"
    assert settings.peer_timeout == 1.5


def test_settings_are_frozen() -> None:
    settings = load_settings({})
    with pytest.raises(dataclasses.FrozenInstanceError):
        settings.base_url = "x"  # type: ignore[misc]


def test_peers_are_a_comma_separated_list() -> None:
    settings = load_settings({"BPCAT_PEERS": "http://a, http://b,"})
    assert settings.peers == ("http://a", "http://b")


def test_bad_values_name_the_setting(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="peer_timeout"):
        load_settings({"BPCAT_PEER_TIMEOUT": "soon"})
    config = tmp_path / "bad.toml"
    config.write_text("[bpcat]\nno_such_setting = 1\n")
    with pytest.raises(ConfigError, match="no_such_setting"):
        load_settings({"BPCAT_CONFIG": str(config)})


def test_every_setting_is_documented() -> None:
    page = (REPO / "docs" / "settings.md").read_text()
    for field in dataclasses.fields(Settings):
        assert env_name(field.name) in page, f"{field.name} missing from docs/settings.md"
