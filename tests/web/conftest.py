"""An application serving the sample catalogue, for the publishing tests."""

from __future__ import annotations

import struct
import threading
import zlib
from collections.abc import Iterator
from dataclasses import replace

import pytest
from flask import Flask
from sample_catalogue import sample_catalogue
from werkzeug.serving import make_server

from bigpicture.catalogue.settings import Settings
from bigpicture.catalogue.web import create_app
from bigpicture.catalogue.web.published import install_source
from bigpicture.catalogue.web.sources import StaticFacts


def tiny_png(rgb: tuple[int, int, int] = (200, 120, 160), size: int = 8) -> bytes:
    """A real PNG of one colour (written by hand, no imaging library needed)."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    row = b"\x00" + bytes(rgb) * size
    header = struct.pack(">IIBBBBB", size, size, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(row * size))
        + chunk(b"IEND", b"")
    )


def sample_source() -> StaticFacts:
    """The sample catalogue with the LANDING_PAGE images of the lung dataset."""
    images = {
        (f"BP_LUNG_ADC-{v}", name): tiny_png(colour)
        for v in ("1", "2")
        for name, colour in (
            ("overview_he.png", (214, 140, 180)),
            ("ki67_hotspot.png", (120, 80, 40)),
        )
    }
    return StaticFacts(sample_catalogue(), images)


@pytest.fixture
def web_settings(settings: Settings) -> Settings:
    """Settings with a base URL that is not the default, to catch hard-coded hosts."""
    from dataclasses import replace

    return replace(
        settings, base_url="https://catalogue.example.org/bp", contact_email="bp@example.org"
    )


@pytest.fixture
def source() -> StaticFacts:
    return sample_source()


@pytest.fixture
def app(web_settings: Settings, source: StaticFacts) -> Flask:
    application = create_app(web_settings)
    application.config["TESTING"] = True
    install_source(application, source)
    return application


@pytest.fixture
def client(app: Flask):
    return app.test_client()


@pytest.fixture
def site(web_settings, source) -> Iterator[str]:
    """The application on a free port of 127.0.0.1 (its base URL), served from a thread."""
    apps: list = []
    server = make_server("127.0.0.1", 0, lambda env, start: apps[0](env, start), threaded=True)
    base_url = f"http://127.0.0.1:{server.server_port}"
    app = create_app(replace(web_settings, base_url=base_url))
    install_source(app, source)
    apps.append(app)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield base_url
    finally:
        server.shutdown()
        thread.join(5)
