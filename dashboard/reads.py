"""Cached reads of the published snapshot for the dashboard pages.

Every page reads only the PUBLISHED file (``<warehouse>.published.duckdb``), read-only, through the
``warehouse`` query functions; no page holds SQL. Each reader is cached on (path, published_version): a new
publish swaps the file (new inode and mtime), so the next rerun misses the cache and reads the new snapshot
without a restart, while the old entries age out (``max_entries``). A refresh writes the main warehouse and
only swaps the published file at the end, so these reads never wait for it.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import polars as pl
import streamlit as st

from warehouse.export_tables import guide_table_frames
from warehouse.figures import guide_figures
from warehouse.publish import published_path_for
from warehouse.queries import (
    attributions,
    headline,
    latest_snapshot,
    open_published,
    postings_counts,
    published_version,
    runs_summary,
    salary_by_specialization,
    salary_trend,
    top_skills,
    validation_results,
)
from warehouse.trends import (
    changes_since_previous,
    new_vs_closed,
    postings_per_lane_per_week,
    previous_snapshot,
    run_board_results,
    skill_share_over_time,
)

Version = tuple[int, int]
RUNS_SHOWN = 20


def published_path() -> Path:
    """The published file of the warehouse in JOBPULSE_WAREHOUSE_PATH (`jobpulse dashboard` sets it)."""
    return published_path_for(Path(os.environ.get("JOBPULSE_WAREHOUSE_PATH", "data/jobpulse.duckdb")))


def _common(con) -> dict[str, Any]:
    """What every page shows: the snapshot date and the source attributions of the snapshot."""
    return {"snapshot": latest_snapshot(con), "credits": attributions(con)}


@st.cache_data(show_spinner=False, max_entries=4)
def overview_data(path: str, version: Version) -> dict[str, Any]:
    """Headline salary figure, top skills, lane percentiles and posting counts of the snapshot."""
    con = open_published(Path(path))
    try:
        return {
            **_common(con),
            "headline": headline(con),
            "skills": top_skills(con, limit=15),
            "lanes": salary_by_specialization(con),
            "counts": postings_counts(con),
            "previous": previous_snapshot(con),
            "changes": changes_since_previous(con),
        }
    finally:
        con.close()


@st.cache_data(show_spinner=False, max_entries=4)
def guide_data(path: str, version: Version) -> dict[str, Any]:
    """Every row of mart_guide_figures at the snapshot (one row per guide figure); ``missing`` says why there
    are none (a file published before the guide marts existed)."""
    con = open_published(Path(path))
    try:
        try:
            return {**_common(con), "figures": guide_figures(con), "missing": None}
        except LookupError as exc:
            return {**_common(con), "figures": None, "missing": str(exc)}
    finally:
        con.close()


@st.cache_data(show_spinner=False, max_entries=4)
def salaries_data(path: str, version: Version) -> dict[str, Any]:
    """The guide's two salary tables (as ``jobpulse export guide-tables`` writes them); ``missing`` says why
    there are none (a file published before the guide marts existed)."""
    try:
        tables, missing = guide_table_frames(Path(path)), None
    except LookupError as exc:
        tables, missing = None, str(exc)
    con = open_published(Path(path))
    try:
        return {**_common(con), "tables": tables, "missing": missing}
    finally:
        con.close()


@st.cache_data(show_spinner=False, max_entries=4)
def trends_data(path: str, version: Version) -> dict[str, Any]:
    """The trend queries: changes since the previous snapshot, lanes per week, skill history, new/closed."""
    con = open_published(Path(path))
    try:
        all_skills = top_skills(con, limit=10_000, include_suppressed=True)["skill"].to_list()
        return {
            **_common(con),
            "previous": previous_snapshot(con),
            "changes": changes_since_previous(con),
            "lanes_weekly": postings_per_lane_per_week(con),
            "skills_ranked": all_skills,
            "skill_history": skill_share_over_time(con, all_skills),
            "new_closed_day": new_vs_closed(con, "day"),
            "new_closed_week": new_vs_closed(con, "week"),
            "median_trend": salary_trend(con),
        }
    finally:
        con.close()


@st.cache_data(show_spinner=False, max_entries=4)
def runs_data(path: str, version: Version) -> dict[str, Any]:
    """Recent runs, their per-board outcome, and the validation results of the publishing run."""
    con = open_published(Path(path))
    try:
        return {
            **_common(con),
            "runs": runs_summary(con, limit=RUNS_SHOWN),
            "boards": run_board_results(con, runs=RUNS_SHOWN),
            "validation": validation_results(con),
        }
    finally:
        con.close()


def load(reader: Callable[[str, Version], dict[str, Any]]) -> dict[str, Any] | None:
    """Run ``reader`` on the published file as it is now, or warn and return None when there is none."""
    path = published_path()
    version = published_version(path)
    if version is None:
        st.warning(f"No published snapshot at `{path}` yet. Run `jobpulse refresh` (or `make demo`).")
        return None
    return reader(str(path), version)


def empty(frame: pl.DataFrame | None) -> bool:
    """True for a missing or row-less frame (older published files lack some tables)."""
    return frame is None or frame.is_empty()
