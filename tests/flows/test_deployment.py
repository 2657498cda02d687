"""The nightly deployment: its name, cron, timezone and parameters, and the settings that change them."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from flows.cli import app
from flows.deployment import DEPLOYMENT_NAME, describe, nightly_deployment
from flows.settings import load_settings


def test_nightly_deployment_defaults_to_three_am_utc() -> None:
    info = describe(nightly_deployment(load_settings()))
    assert info["name"] == DEPLOYMENT_NAME == "nightly-refresh"
    assert info["flow"] == "refresh"
    assert info["schedules"] == [{"cron": "0 3 * * *", "timezone": "UTC", "active": True}]
    assert info["parameters"]["warehouse_path"].endswith("jobpulse.duckdb")


def test_schedule_print_follows_settings(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("JOBPULSE_SCHEDULE_CRON", "30 1 * * 1-5")
    monkeypatch.setenv("JOBPULSE_SCHEDULE_TIMEZONE", "Europe/Berlin")
    result = CliRunner().invoke(app, ["schedule", "--print"])
    assert result.exit_code == 0, result.output
    info = json.loads(result.output)
    assert info["schedules"] == [{"cron": "30 1 * * 1-5", "timezone": "Europe/Berlin", "active": True}]
    assert info["name"] == "nightly-refresh"
