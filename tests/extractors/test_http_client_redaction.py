"""Credentials in query strings (Adzuna's app_id/app_key) never reach the raw store or error messages."""

from __future__ import annotations

from pathlib import Path

import httpx
import pytest

from extractors.errors import HttpStatusError
from extractors.http_client import ClientConfig, PoliteClient, redact_url
from extractors.raw_store import RawStore


def test_redact_url_drops_only_credentials() -> None:
    url = "https://api.adzuna.com/v1/api/jobs/fr/search/1?app_id=abc&what=data+analyst&app_key=SECRET&page=2"
    assert redact_url(url) == "https://api.adzuna.com/v1/api/jobs/fr/search/1?what=data+analyst&page=2"
    assert redact_url("https://x.test/a?b=1") == "https://x.test/a?b=1"


def test_landing_records_and_errors_carry_no_key(tmp_path: Path) -> None:
    seen: list[str] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(str(request.url))
        status = 200 if "page=1" in str(request.url) else 403
        return httpx.Response(status, json={"results": []})

    store = RawStore(tmp_path)
    config = ClientConfig(min_spacing_s=0, max_retries=0)
    with PoliteClient(store, config, transport=httpx.MockTransport(handler)) as client:
        ok = client.get("https://api.test/s?app_key=SECRET&page=1", source="adzuna", board="fr")
        with pytest.raises(HttpStatusError) as err:
            client.get("https://api.test/s?app_key=SECRET&page=2", source="adzuna", board="fr")
    assert all("SECRET" in u for u in seen)  # the request itself still authenticates
    assert ok.record.url == "https://api.test/s?page=1"
    assert "SECRET" not in str(err.value)
    assert all("SECRET" not in r.url for r in store.records())
    assert not any(b"SECRET" in p.read_bytes() for p in (tmp_path / "records").glob("*.jsonl"))
