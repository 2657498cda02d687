"""Conditional requests: an unchanged board costs one cheap 304 and parses exactly as before."""

from __future__ import annotations

from pathlib import Path

import httpx

from extractors.http_client import ClientConfig, PoliteClient
from extractors.raw_store import RawStore

URL = "https://boards-api.greenhouse.io/v1/boards/acme/jobs?content=true"


def test_etag_and_last_modified_round_trip(tmp_path: Path) -> None:
    bodies = {
        "v1": b'{"jobs": [], "meta": {"total": 0}}',
        "v2": b'{"jobs": [{"id": 1}], "meta": {"total": 1}}',
    }
    state = {"version": "v1"}
    asked: list[dict[str, str | None]] = []

    def handler(request: httpx.Request) -> httpx.Response:
        asked.append(
            {"etag": request.headers.get("If-None-Match"), "since": request.headers.get("If-Modified-Since")}
        )
        version = state["version"]
        if request.headers.get("If-None-Match") == f'"{version}"':
            return httpx.Response(304)
        headers = {"ETag": f'"{version}"', "Last-Modified": "Tue, 24 Nov 2026 03:00:00 GMT"}
        return httpx.Response(200, content=bodies[version], headers=headers)

    store = RawStore(tmp_path)
    with PoliteClient(store, ClientConfig(min_spacing_s=0), transport=httpx.MockTransport(handler)) as client:
        first = client.get(URL, source="greenhouse", board="acme")
        second = client.get(URL, source="greenhouse", board="acme")
        state["version"] = "v2"
        third = client.get(URL, source="greenhouse", board="acme")

    assert asked[0] == {"etag": None, "since": None}
    assert asked[1] == {"etag": '"v1"', "since": "Tue, 24 Nov 2026 03:00:00 GMT"}
    assert (first.record.status, second.record.status, third.record.status) == (200, 304, 200)
    assert second.body == first.body == bodies["v1"]  # the confirmed body, read back from the store
    assert second.record.sha256 == first.record.sha256 and second.record.n_bytes == 0
    assert third.body == bodies["v2"]
    assert [r.status for r in store.records()] == [200, 304, 200]


def test_conditional_off_sends_no_validators(tmp_path: Path) -> None:
    seen: list[str | None] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request.headers.get("If-None-Match"))
        return httpx.Response(200, content=b"{}", headers={"ETag": '"x"'})

    store = RawStore(tmp_path)
    config = ClientConfig(min_spacing_s=0)
    with PoliteClient(store, config, transport=httpx.MockTransport(handler), conditional=False) as client:
        client.get(URL, source="greenhouse", board="acme")
        client.get(URL, source="greenhouse", board="acme")
    assert seen == [None, None]
