"""The HTTP cache layer: render cache, FrontCache replay, and invalidation on store change."""

from __future__ import annotations

from dataclasses import replace

from bigpicture.catalogue.web.cache import CACHEABLE, FrontCache

LUNG = "/datasets/BP_LUNG_ADC-2"


def test_front_cache_replays_the_same_response(app, client) -> None:
    assert isinstance(app.wsgi_app, FrontCache)
    first, second = client.get(LUNG), client.get(LUNG)
    assert first.data == second.data and first.status_code == second.status_code == 200
    assert first.headers["ETag"] == second.headers["ETag"]
    assert first.headers["Link"] == second.headers["Link"]
    assert CACHEABLE not in first.headers and CACHEABLE not in second.headers
    assert len(app.wsgi_app._stored) >= 1


def test_front_cache_keys_on_the_accept_header(client) -> None:
    html = client.get(LUNG, headers={"Accept": "text/html"})
    turtle = client.get(LUNG, headers={"Accept": "text/turtle"})
    again = client.get(LUNG, headers={"Accept": "text/html"})
    assert html.mimetype == again.mimetype == "text/html" and turtle.mimetype == "text/turtle"


def test_front_cache_follows_the_store_generation(client, source) -> None:
    assert b"Renamed" not in client.get(LUNG).data
    source.replace(
        [replace(f, title="Renamed") if f.id == "BP_LUNG_ADC-2" else f for f in source.all_facts()]
    )
    assert b"Renamed" in client.get(LUNG).data


def test_errors_and_disabled_cache_are_not_kept(app, client, source) -> None:
    client.get("/datasets/NOPE")
    assert not any(key[0] == "/datasets/NOPE" for key in app.wsgi_app._stored)
    app.extensions["bpcat_render_cache"].enabled = False
    client.get(LUNG)
    source.replace(
        [replace(f, title="Off") if f.id == "BP_LUNG_ADC-2" else f for f in source.all_facts()]
    )
    assert b"Off" in client.get(LUNG).data
    assert client.get(LUNG).data == client.get(LUNG).data


def test_withdrawn_pages_are_cached_as_410(client) -> None:
    assert client.get("/datasets/BP_LIVER_X-1").status_code == 410
    assert client.get("/datasets/BP_LIVER_X-1").status_code == 410


def test_front_cache_stays_within_its_memory_budget(app, client) -> None:
    app.wsgi_app.limit_bytes = 30_000
    for n in range(10):
        assert client.get(f"{LUNG}?n={n}").status_code == 200
    assert 0 < app.wsgi_app._bytes <= 30_000 and len(app.wsgi_app._stored) <= 3


def test_marker_never_leaks(client) -> None:
    for answer in (
        client.head(LUNG),
        client.get(LUNG, headers={"If-None-Match": '"nope"'}),
        client.get(LUNG, headers={"If-Modified-Since": "Mon, 01 Jan 2001 00:00:00 GMT"}),
    ):
        assert answer.status_code == 200 and CACHEABLE not in answer.headers


def test_a_new_source_clears_the_front_cache(app, client) -> None:
    from sample_catalogue import sample_catalogue

    from bigpicture.catalogue.web.published import install_source
    from bigpicture.catalogue.web.sources import StaticFacts

    assert b"Renamed again" not in client.get(LUNG).data
    renamed = [
        replace(f, title="Renamed again") if f.id == "BP_LUNG_ADC-2" else f
        for f in sample_catalogue()
    ]
    install_source(app, StaticFacts(renamed))
    assert b"Renamed again" in client.get(LUNG).data
