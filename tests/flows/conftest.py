"""Flow tests run under Prefect's test harness (a temporary local API), with politeness waits shrunk."""

from __future__ import annotations

from pathlib import Path

import pytest


@pytest.fixture(autouse=True)
def _harness(prefect_harness: None) -> None:
    """Every flow test runs against the session's Prefect test harness (tests/conftest.py)."""


@pytest.fixture
def fast_settings(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    """Settings for a test run: a fresh raw store, no spacing between requests, short timeouts and backoff."""
    monkeypatch.setenv("JOBPULSE_RAW_STORE_PATH", str(tmp_path / "raw"))
    monkeypatch.setenv("JOBPULSE_HTTP_MIN_SPACING_S", "0")
    monkeypatch.setenv("JOBPULSE_HTTP_BACKOFF_BASE_S", "0.01")
    monkeypatch.setenv("JOBPULSE_HTTP_READ_TIMEOUT_S", "1.0")
    monkeypatch.setenv("JOBPULSE_HTTP_MAX_RETRIES", "1")
    monkeypatch.setenv("JOBPULSE_HTTP_PER_HOST_CONCURRENCY", "4")
    return tmp_path / "jobpulse.duckdb"
