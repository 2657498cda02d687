"""The overview page renders the live headline figures beside the guide's, from a published test warehouse."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from flows.settings import PACKAGE_ROOT
from warehouse.queries import headline, open_published

APP = str(PACKAGE_ROOT / "dashboard" / "app.py")


def test_overview_shows_live_and_guide_figures(demo_warehouse: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("JOBPULSE_WAREHOUSE_PATH", str(demo_warehouse))
    con = open_published(demo_warehouse.with_name("jobpulse.published.duckdb"))
    try:
        head = headline(con)
    finally:
        con.close()
    assert head is not None and not head.suppressed

    at = AppTest.from_file(APP, default_timeout=60).run()
    assert not at.exception, at.exception
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["Median US salary (live)"] == f"${head.p50 / 1000:,.0f}K"
    assert metrics["Guide"] == "$187.5K"  # the guide states $187,500
    assert metrics["Middle 80% (live)"] == f"${head.p10 / 1000:,.0f}K – ${head.p90 / 1000:,.0f}K"
    captions = " ".join(c.value for c in at.caption)
    assert f"Snapshot {head.snapshot_date}" in captions
    assert f"n = {head.n:,}" in captions
    skills = at.dataframe[0].value
    assert list(skills.columns)[:2] == ["skill", "share %"]
    assert len(skills) > 5
    assert (skills["n"] > 0).all()


def test_overview_without_a_published_snapshot_says_what_to_do(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("JOBPULSE_WAREHOUSE_PATH", str(tmp_path / "none.duckdb"))
    at = AppTest.from_file(APP, default_timeout=60).run()
    assert not at.exception
    assert "jobpulse refresh" in at.warning[0].value


def test_published_runs_show_the_publishing_run_as_succeeded(demo_warehouse: Path) -> None:
    from warehouse.queries import runs_summary

    con = open_published(demo_warehouse.with_name("jobpulse.published.duckdb"))
    try:
        runs = runs_summary(con)
    finally:
        con.close()
    newest = runs.row(0, named=True)
    assert (newest["status"], newest["published"]) == ("succeeded", True)
    assert set(runs["status"]) == {"succeeded"}  # both demo days published


def test_skill_table_shows_the_guide_share_as_stated(
    demo_warehouse: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("JOBPULSE_WAREHOUSE_PATH", str(demo_warehouse))
    at = AppTest.from_file(APP, default_timeout=60).run()
    skills = at.dataframe[0].value
    guide = dict(zip(skills["skill"], skills["guide"], strict=True))
    assert guide["python"] == "98%"  # the guide's own figure, beside the live share
    assert all(v == "—" for k, v in guide.items() if k not in {"python", "aws", "pytorch", "deep_learning"})
