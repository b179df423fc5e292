"""Registering DOIs: the REST registrar against a local DataCite API, and the offline one."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import requests
from datacite_facts import lung_facts
from fake_datacite import FakeDataCite

from bigpicture.catalogue.datacite.registrar import (
    OfflineRegistrar,
    RegistrationError,
    RestRegistrar,
    registrar_for,
)
from bigpicture.catalogue.settings import Settings, load_settings


@pytest.fixture
def datacite():
    with FakeDataCite("BP.CATALOGUE", "secret", "10.99999") as server:
        yield server


def test_publish_creates_a_draft_then_makes_it_findable(datacite, settings: Settings) -> None:
    registration = RestRegistrar(datacite.url, "BP.CATALOGUE", "secret").publish(
        lung_facts(), settings
    )
    assert (registration.doi, registration.state) == ("10.99999/bp.bp_lung.v2", "findable")
    (post, path, draft), (put, put_path, publish) = datacite.requests
    assert (post, path, put, put_path) == ("POST", "/dois", "PUT", "/dois/10.99999/bp.bp_lung.v2")
    assert "event" not in draft["data"]["attributes"]
    assert publish["data"]["attributes"]["event"] == "publish"
    assert publish["data"]["attributes"]["url"] == "http://127.0.0.1:8000/datasets/BP_LUNG-v2"
    stored = requests.get(f"{datacite.url}/dois/10.99999/bp.bp_lung.v2", timeout=5).json()
    assert stored["data"]["attributes"]["state"] == "findable"
    assert stored["data"]["attributes"]["fundingReferences"][0]["awardNumber"] == "945358"


def test_publishing_again_is_harmless(datacite, settings: Settings) -> None:
    registrar = RestRegistrar(datacite.url, "BP.CATALOGUE", "secret")
    registrar.publish(lung_facts(), settings)
    assert registrar.publish(lung_facts(), settings).state == "findable"
    assert len(datacite.dois) == 1


def test_bad_credentials_are_reported(datacite, settings: Settings) -> None:
    with pytest.raises(RegistrationError, match="401"):
        RestRegistrar(datacite.url, "BP.CATALOGUE", "wrong").publish(lung_facts(), settings)
    assert datacite.dois == {}


def test_a_foreign_prefix_is_refused(datacite, settings: Settings) -> None:
    with pytest.raises(RegistrationError, match="422"):
        RestRegistrar(datacite.url, "BP.CATALOGUE", "secret").publish(
            lung_facts(doi="10.5555/bp.x"), settings
        )


def test_an_unreachable_api_is_reported(settings: Settings) -> None:
    with pytest.raises(RegistrationError, match="cannot be reached"):
        RestRegistrar("http://127.0.0.1:9", "u", "p", timeout=2).publish(lung_facts(), settings)


def test_offline_registrar_records_the_metadata(tmp_path: Path, settings: Settings) -> None:
    registration = OfflineRegistrar(tmp_path).publish(lung_facts(), settings)
    assert registration.state == "offline"
    document = json.loads((tmp_path / "10.99999_bp.bp_lung.v2.json").read_text())
    assert document["data"]["attributes"]["doi"] == "10.99999/bp.bp_lung.v2"


def test_settings_choose_the_registrar(tmp_path: Path, datacite) -> None:
    assert isinstance(registrar_for(load_settings(environ={}, data_dir=tmp_path)), OfflineRegistrar)
    configured = load_settings(
        environ={},
        data_dir=tmp_path,
        datacite_url=datacite.url,
        datacite_user="BP.CATALOGUE",
    )
    registrar = registrar_for(configured, environ={"BPCAT_DATACITE_PASSWORD": "secret"})
    assert isinstance(registrar, RestRegistrar)
    assert registrar.publish(lung_facts(), configured).state == "findable"
