"""The node server of docs/node-protocol.md, spoken to over real HTTP."""

from __future__ import annotations

import hashlib
import json

import requests

from bigpicture.harvest.node_index import PROTOCOL, parse_index


def _index(url: str) -> dict:
    return requests.get(url + "index.json", timeout=5).json()


def test_index_lists_datasets_files_and_checksums(serve_node, example_node) -> None:
    url = serve_node(example_node)
    document = _index(url)
    assert document["protocol"] == PROTOCOL and document["title"] == "Test node"
    [dataset] = document["datasets"]
    assert dataset["name"] == "DATASET_BP_LUNG_ADC_EXAMPLE"
    files = {f["path"]: f for f in dataset["files"]}
    path = example_node / dataset["name"] / "METADATA" / "image.xml"
    entry = files["METADATA/image.xml"]
    assert entry["sha256"] == hashlib.sha256(path.read_bytes()).hexdigest()
    assert entry["size"] == path.stat().st_size and entry["modified"].endswith("Z")
    parsed = parse_index(json.dumps(document).encode(), "test")
    assert parsed.datasets[0].checksum == dataset["checksum"]


def test_etag_and_not_modified(serve_node, example_node) -> None:
    url = serve_node(example_node)
    first = requests.get(url + "index.json", timeout=5)
    again = requests.get(
        url + "index.json", headers={"If-None-Match": first.headers["ETag"]}, timeout=5
    )
    assert again.status_code == 304 and again.content == b""
    file_url = url + "DATASET_BP_LUNG_ADC_EXAMPLE/METADATA/dataset.xml"
    answer = requests.get(file_url, timeout=5)
    digest = hashlib.sha256(answer.content).hexdigest()
    assert answer.headers["ETag"] == f'"{digest}"'
    assert (
        requests.get(file_url, headers={"If-None-Match": f'"{digest}"'}, timeout=5).status_code
        == 304
    )


def test_range_requests(serve_node, example_node) -> None:
    url = serve_node(example_node) + "DATASET_BP_LUNG_ADC_EXAMPLE/METADATA/dataset.xml"
    whole = requests.get(url, timeout=5).content
    part = requests.get(url, headers={"Range": "bytes=10-19"}, timeout=5)
    assert part.status_code == 206 and part.content == whole[10:20]
    assert part.headers["Content-Range"] == f"bytes 10-19/{len(whole)}"
    tail = requests.get(url, headers={"Range": "bytes=-5"}, timeout=5)
    assert tail.content == whole[-5:]
    open_end = requests.get(url, headers={"Range": f"bytes={len(whole) - 3}-"}, timeout=5)
    assert open_end.content == whole[-3:]
    bad = requests.get(url, headers={"Range": f"bytes={len(whole) + 10}-"}, timeout=5)
    assert bad.status_code == 416
    head = requests.head(url, timeout=5)
    assert head.status_code == 200 and int(head.headers["Content-Length"]) == len(whole)


def test_only_indexed_files_are_served(serve_node, example_node) -> None:
    (example_node / "secret.txt").write_text("not published")
    (example_node / "DATASET_BP_LUNG_ADC_EXAMPLE" / ".hidden").write_text("not published")
    url = serve_node(example_node)
    for path in (
        "secret.txt",
        "DATASET_BP_LUNG_ADC_EXAMPLE/.hidden",
        "DATASET_BP_LUNG_ADC_EXAMPLE/../secret.txt",
        "DATASET_BP_LUNG_ADC_EXAMPLE/%2e%2e/secret.txt",
        "DATASET_BP_LUNG_ADC_EXAMPLE/METADATA/nothing.xml",
    ):
        assert requests.get(url + path, timeout=5).status_code == 404, path


def test_bearer_token(serve_node, example_node) -> None:
    url = serve_node(example_node, token="s3cret")
    assert requests.get(url + "index.json", timeout=5).status_code == 401
    headers = {"Authorization": "Bearer s3cret"}
    assert requests.get(url + "index.json", headers=headers, timeout=5).status_code == 200


def test_index_follows_changes(serve_node, example_node, monkeypatch) -> None:
    from bigpicture.harvest import node_server

    monkeypatch.setattr(node_server, "INDEX_TTL", 0.0)
    url = serve_node(example_node)
    before = _index(url)["datasets"][0]["checksum"]
    target = example_node / "DATASET_BP_LUNG_ADC_EXAMPLE" / "METADATA" / "dataset.xml"
    target.write_text(
        target.read_text().replace("<VERSION>1.0</VERSION>", "<VERSION>1.1</VERSION>")
    )
    assert _index(url)["datasets"][0]["checksum"] != before
