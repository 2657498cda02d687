"""PoliteClient against a real local server: retries, Retry-After, timeouts, size cap, landing, politeness."""

from __future__ import annotations

import gzip
import socket
import threading
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from pathlib import Path

import pytest
from extractor_test_support import Canned, ScriptedServer

from extractors.errors import BodyTooLarge, FetchTimeout, HttpStatusError, ParseError, TransportError
from extractors.http_client import (
    ORIGINAL_HOST_HEADER,
    BaseUrlRewriter,
    ClientConfig,
    PoliteClient,
    parse_retry_after,
)
from extractors.raw_store import RawStore
from extractors.registry import fetch_board, parse_board

FAST = ClientConfig(
    min_spacing_s=0.0,
    connect_timeout_s=2.0,
    read_timeout_s=2.0,
    max_retries=2,
    backoff_base_s=0.001,
    backoff_max_s=0.002,
    max_retry_after_s=30.0,
    max_body_bytes=1_000_000,
    user_agent="jobpulse-test/1 (contact: test@example.org)",
)


def make_client(tmp_path: Path, config: ClientConfig = FAST, **kwargs) -> tuple[PoliteClient, list[float]]:
    sleeps: list[float] = []
    client = PoliteClient(RawStore(tmp_path / "raw"), config, sleep=sleeps.append, seed=7, **kwargs)
    return client, sleeps


def test_success_lands_body_before_returning(tmp_path: Path) -> None:
    body = b'{"jobs": []}'
    with ScriptedServer({"/ok": [Canned(200, body)]}) as server:
        client, _ = make_client(tmp_path)
        with client:
            fetched = client.get(f"{server.base_url}/ok", source="greenhouse", board="x")
    assert fetched.body == body
    assert fetched.record.status == 200 and fetched.record.error is None
    assert client.store.read(fetched.record.sha256) == body
    assert server.requests[0][1]["User-Agent"] == FAST.user_agent


def test_500_is_retried_then_raises_with_every_error_body_landed(tmp_path: Path) -> None:
    page = b"<html><h1>500 Internal Server Error</h1></html>"
    with ScriptedServer({"/boom": [Canned(500, page, {"Content-Type": "text/html"})]}) as server:
        client, sleeps = make_client(tmp_path)
        with client, pytest.raises(HttpStatusError) as info:
            client.get(f"{server.base_url}/boom", source="greenhouse", board="x")
    err = info.value
    assert err.status == 500 and err.attempts == FAST.max_retries + 1
    assert len(server.requests) == FAST.max_retries + 1
    assert len(sleeps) == FAST.max_retries and all(0 <= s <= FAST.backoff_max_s for s in sleeps)
    assert err.raw is not None and err.raw.error == "HTTP 500" and err.raw.content_type == "text/html"
    assert client.store.read(err.raw.sha256) == page
    assert [r.status for r in client.store.records()] == [500] * (FAST.max_retries + 1)


def test_404_is_not_retried(tmp_path: Path) -> None:
    with ScriptedServer({}) as server:
        client, sleeps = make_client(tmp_path)
        with client, pytest.raises(HttpStatusError) as info:
            client.get(f"{server.base_url}/missing", source="lever", board="nope")
    assert info.value.status == 404 and info.value.attempts == 1 and sleeps == []


def test_429_retry_after_seconds_is_honoured_then_succeeds(tmp_path: Path) -> None:
    script = {"/busy": [Canned(429, b"slow down", {"Retry-After": "7"}), Canned(200, b"[]")]}
    with ScriptedServer(script) as server:
        client, sleeps = make_client(tmp_path)
        with client:
            fetched = client.get(f"{server.base_url}/busy", source="lever", board="x")
    assert fetched.body == b"[]"
    assert sleeps == [7.0]  # exactly what the server asked, not the (tiny) backoff
    assert [r.status for r in client.store.records()] == [429, 200]


def test_retry_after_longer_than_cap_gives_up_without_retrying(tmp_path: Path) -> None:
    script = {"/busy": [Canned(503, b"maintenance", {"Retry-After": "3600"})]}
    with ScriptedServer(script) as server:
        client, sleeps = make_client(tmp_path)
        with client, pytest.raises(HttpStatusError) as info:
            client.get(f"{server.base_url}/busy", source="ashby", board="x")
    assert info.value.status == 503 and info.value.attempts == 1 and sleeps == []
    assert len(server.requests) == 1


def test_parse_retry_after_accepts_seconds_and_http_dates() -> None:
    now = datetime(2026, 11, 26, 12, 0, tzinfo=UTC)
    assert parse_retry_after("120") == 120.0
    assert parse_retry_after(format_datetime(now + timedelta(seconds=90), usegmt=True), now=now) == 90.0
    assert parse_retry_after(format_datetime(now - timedelta(seconds=5), usegmt=True), now=now) == 0.0
    assert parse_retry_after("soon") is None
    assert parse_retry_after(None) is None


def test_read_timeout_is_retried_then_raises_fetch_timeout(tmp_path: Path) -> None:
    config = replace(FAST, read_timeout_s=0.1, max_retries=1)
    with ScriptedServer({"/slow": [Canned(200, b"{}", delay_s=0.6)]}) as server:
        client, sleeps = make_client(tmp_path, config)
        with client, pytest.raises(FetchTimeout) as info:
            client.get(f"{server.base_url}/slow", source="greenhouse", board="x")
    assert info.value.attempts == 2 and len(sleeps) == 1
    assert client.store.records() == []  # no body arrived, nothing to land


def test_gzip_bomb_is_refused_on_decoded_size(tmp_path: Path) -> None:
    bomb = gzip.compress(b"\0" * (FAST.max_body_bytes * 20))
    assert len(bomb) < FAST.max_body_bytes // 10  # small on the wire, huge once decoded
    canned = Canned(200, bomb, {"Content-Encoding": "gzip"})
    with ScriptedServer({"/bomb": [canned]}) as server:
        client, sleeps = make_client(tmp_path)
        with client, pytest.raises(BodyTooLarge) as info:
            client.get(f"{server.base_url}/bomb", source="greenhouse", board="x")
    assert info.value.limit == FAST.max_body_bytes and sleeps == []
    assert client.store.records() == []


def test_declared_oversize_body_is_refused(tmp_path: Path) -> None:
    big = b"x" * (FAST.max_body_bytes + 1)
    with ScriptedServer({"/big": [Canned(200, big)]}) as server:
        client, _ = make_client(tmp_path)
        with client, pytest.raises(BodyTooLarge):
            client.get(f"{server.base_url}/big", source="greenhouse", board="x")


def test_gzip_body_under_the_cap_is_decoded_and_landed_decoded(tmp_path: Path) -> None:
    payload = b'{"jobs": [], "meta": {"total": 0}}' * 100
    with ScriptedServer(
        {"/gz": [Canned(200, gzip.compress(payload), {"Content-Encoding": "gzip"})]}
    ) as server:
        client, _ = make_client(tmp_path)
        with client:
            fetched = client.get(f"{server.base_url}/gz", source="greenhouse", board="x")
    assert fetched.body == payload and client.store.read(fetched.record.sha256) == payload


def test_connection_refused_raises_transport_error(tmp_path: Path) -> None:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    client, sleeps = make_client(tmp_path)
    with client, pytest.raises(TransportError) as info:
        client.get(f"http://127.0.0.1:{port}/x", source="greenhouse", board="x")
    assert info.value.attempts == FAST.max_retries + 1 and len(sleeps) == FAST.max_retries


def test_rewriter_keeps_real_url_in_record_and_sends_real_host(tmp_path: Path) -> None:
    path = "/v1/boards/acme/jobs?content=true"
    with ScriptedServer({path: [Canned(200, b'{"jobs": [], "meta": {"total": 0}}')]}) as server:
        client, _ = make_client(tmp_path, rewriter=BaseUrlRewriter(server.base_url))
        with client:
            [fetched] = fetch_board(client, "greenhouse", "acme")
    assert fetched.record.url == "https://boards-api.greenhouse.io" + path
    assert server.requests[0][0] == path
    assert server.requests[0][1][ORIGINAL_HOST_HEADER] == "boards-api.greenhouse.io"


def test_invalid_json_raises_parse_error_and_raw_body_stays_in_store(tmp_path: Path) -> None:
    garbage = b"<html>Service temporarily unavailable</html>"
    with ScriptedServer({"/v1/boards/acme/jobs?content=true": [Canned(200, garbage)]}) as server:
        client, _ = make_client(tmp_path, rewriter=BaseUrlRewriter(server.base_url))
        with client:
            [fetched] = fetch_board(client, "greenhouse", "acme")
    with pytest.raises(ParseError) as info:
        parse_board(
            "greenhouse",
            fetched.body,
            board="acme",
            fetched_at=fetched.record.fetched_at,
            raw_sha256=fetched.record.sha256,
        )
    assert info.value.source == "greenhouse" and info.value.board == "acme"
    assert info.value.raw_sha256 == fetched.record.sha256
    assert client.store.read(fetched.record.sha256) == garbage


def test_per_host_concurrency_is_never_exceeded(tmp_path: Path) -> None:
    config = replace(FAST, per_host_concurrency=2)
    with ScriptedServer({"/s": [Canned(200, b"{}", delay_s=0.05)]}) as server:
        client, _ = make_client(tmp_path, config)
        errors: list[BaseException] = []

        def worker() -> None:
            try:
                client.get(f"{server.base_url}/s", source="greenhouse", board="x")
            except BaseException as exc:  # surfaced below
                errors.append(exc)

        with client:
            threads = [threading.Thread(target=worker) for _ in range(8)]
            for t in threads:
                t.start()
            for t in threads:
                t.join()
    assert errors == []
    assert len(server.requests) == 8
    assert server.peak_in_flight <= 2


def test_client_config_from_settings_object() -> None:
    from flows.settings import HttpPoliteness

    settings = HttpPoliteness(per_host_concurrency=5, min_spacing_s=2.5, max_body_bytes=1234)
    config = ClientConfig.from_object(settings)
    assert (config.per_host_concurrency, config.min_spacing_s, config.max_body_bytes) == (5, 2.5, 1234)
    assert config.user_agent == settings.user_agent
