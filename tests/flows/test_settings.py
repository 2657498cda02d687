"""One settings object: defaults, then jobpulse.toml, then JOBPULSE_* variables (highest)."""

from __future__ import annotations

from pathlib import Path

import pytest

from flows.settings import load_settings


def test_defaults(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.chdir(tmp_path)  # no jobpulse.toml here
    for var in ("JOBPULSE_CONFIG", "JOBPULSE_WAREHOUSE_PATH", "JOBPULSE_SCHEDULE_CRON", "JOBPULSE_SOURCES"):
        monkeypatch.delenv(var, raising=False)
    s = load_settings()
    assert s.warehouse_path == Path("data/jobpulse.duckdb")
    assert s.published_path == Path("data/jobpulse.published.duckdb")
    assert (s.schedule_cron, s.schedule_timezone, s.window_days) == ("0 3 * * *", "UTC", 90)
    assert s.sources == ()
    assert s.http.min_spacing_s == 1.0 and "contact" in s.http.user_agent


def test_file_then_environment(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    config = tmp_path / "jobpulse.toml"
    config.write_text(
        'warehouse_path = "/srv/jp/w.duckdb"\nsources = ["greenhouse", "hn"]\nwindow_days = 30\n'
        "[http]\nmin_spacing_s = 2.5\nmax_retries = 5\n"
    )
    monkeypatch.setenv("JOBPULSE_CONFIG", str(config))
    monkeypatch.setenv("JOBPULSE_WINDOW_DAYS", "60")
    monkeypatch.setenv("JOBPULSE_HTTP_MAX_RETRIES", "1")
    s = load_settings()
    assert s.warehouse_path == Path("/srv/jp/w.duckdb")
    assert s.sources == ("greenhouse", "hn")
    assert s.window_days == 60  # the environment beats the file
    assert (s.http.min_spacing_s, s.http.max_retries) == (2.5, 1)
