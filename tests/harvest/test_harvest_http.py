"""Retries with back-off, timeouts and garbage: against real scripted servers."""

from __future__ import annotations

import time

import pytest
from harvest_servers import reply

from bigpicture.harvest.errors import SourceUnavailable
from bigpicture.harvest.http_client import HttpClient, RetryPolicy
from bigpicture.harvest.node_index import parse_index


def test_transient_errors_are_retried_with_back_off(scripted_server) -> None:
    calls: list[float] = []

    def handle(handler) -> None:
        calls.append(time.monotonic())
        reply(handler, 503 if len(calls) < 3 else 200, b"ok")

    url = scripted_server(handle)
    client = HttpClient(RetryPolicy(attempts=3, backoff=0.1, timeout=2))
    assert client.get(url).body == b"ok"
    assert len(calls) == 3
    assert calls[2] - calls[1] >= 0.18 and calls[1] - calls[0] >= 0.09  # 0.1 s, then 0.2 s


def test_a_node_that_stays_down_raises_after_its_attempts(scripted_server) -> None:
    calls = []
    url = scripted_server(lambda handler: (calls.append(1), reply(handler, 500)))
    with pytest.raises(SourceUnavailable, match="3 tries"):
        HttpClient(RetryPolicy(attempts=3, backoff=0.01, timeout=2)).get(url)
    assert len(calls) == 3


def test_a_slow_node_times_out(scripted_server) -> None:
    def handle(handler) -> None:
        time.sleep(1.5)
        reply(handler, 200, b"late")

    url = scripted_server(handle)
    started = time.monotonic()
    with pytest.raises(SourceUnavailable, match="Timeout"):
        HttpClient(RetryPolicy(attempts=2, backoff=0.01, timeout=0.3)).get(url)
    assert time.monotonic() - started < 1.4


def test_a_refused_connection_is_unavailable() -> None:
    with pytest.raises(SourceUnavailable):
        HttpClient(RetryPolicy(attempts=2, backoff=0.01, timeout=1)).get("http://127.0.0.1:9/")


def test_not_found_is_not_retried(scripted_server) -> None:
    calls = []
    url = scripted_server(lambda handler: (calls.append(1), reply(handler, 404)))
    with pytest.raises(SourceUnavailable, match="404"):
        HttpClient(RetryPolicy(attempts=3, backoff=0.01)).get(url)
    assert len(calls) == 1


@pytest.mark.parametrize(
    "body",
    [
        b"<html>maintenance</html>",
        b'{"protocol": "something-else"}',
        b'{"protocol": "bigpicture-node/1", "datasets": [{"name": "../etc", "files": []}]}',
        b'{"protocol": "bigpicture-node/1", "datasets": [{"name": "DATASET_X", "checksum": "00",'
        b' "files": []}]}',
        b'{"protocol": "bigpicture-node/1", "datasets": [{"name": "DATASET_X", "checksum": "'
        + b"0" * 64
        + b'", "files": [{"path": "../../x", "size": 1, "sha256": "'
        + b"0" * 64
        + b'"}]}]}',
    ],
)
def test_garbage_indexes_are_refused(body) -> None:
    with pytest.raises(SourceUnavailable):
        parse_index(body, "test node")
