"""Point in time: recomputing a past snapshot from the warehouse later gives its published figures bit for bit
(lifecycle windows, dedup and seeded bootstraps included), and the published history keeps both days."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import polars as pl

from flows.refresh import refresh
from flows.settings import PACKAGE_ROOT
from transforms.enrich.taxonomy import load_taxonomy
from transforms.figures import guide_figures_mart
from transforms.marts import salary_percentiles, skill_shares
from warehouse.db import connect, to_frame
from warehouse.marts_input import enriched_postings
from warehouse.queries import open_published, snapshot_dates

DEMO = PACKAGE_ROOT / "demo" / "index.json"
DAY1, DAY2 = date(2026, 10, 31), date(2026, 11, 25)


def _published(con, table: str, day: date) -> pl.DataFrame:
    return to_frame(con, f"SELECT * FROM {table} WHERE snapshot_date = ? ORDER BY ALL", [day])


def test_recomputing_a_past_snapshot_is_bit_for_bit(fast_settings: Path) -> None:
    for day in (DAY1, DAY2):
        assert refresh(
            replay_index=str(DEMO), snapshot=day.isoformat(), warehouse_path=str(fast_settings)
        ).published

    with open_published(fast_settings.with_name("jobpulse.published.duckdb")) as pub:
        assert snapshot_dates(pub) == [DAY1, DAY2]
        stored = {t: _published(pub, t, DAY1) for t in ("mart_skill_shares", "mart_salary_percentiles")}
        stored_figures = _published(pub, "mart_guide_figures", DAY1)

    con = connect(fast_settings, read_only=True)
    try:
        postings = enriched_postings(con)  # now holds day 2's postings and day 2's closures too
    finally:
        con.close()
    skills = [s.skill_id for s in load_taxonomy().skills]
    recomputed = {
        "mart_skill_shares": skill_shares(postings, DAY1, 90, skill_ids=skills),
        "mart_salary_percentiles": salary_percentiles(postings, DAY1, 90),
    }
    for table, frame in recomputed.items():
        got = frame.select(stored[table].columns).sort(pl.all())
        assert got.equals(stored[table].sort(pl.all())), table
    figures = guide_figures_mart(postings, DAY1, 90)
    assert figures.select(stored_figures.columns).sort(pl.all()).equals(stored_figures.sort(pl.all()))
