"""jobpulse dashboard — overview page: the guide's headline figures beside the live ones.

Reads only the published snapshot (``<warehouse>.published.duckdb``), read-only, so it keeps answering while
a refresh writes the main warehouse. Salaries are annual USD (posted, US, AI/ML postings); shares are
fractions of AI/ML postings; every live figure shows its n and 95% interval.
"""

from __future__ import annotations

import os
from pathlib import Path

import polars as pl
import streamlit as st

from transforms.guide import guide_figures
from warehouse.queries import (
    attributions,
    headline,
    open_published,
    postings_counts,
    published_version,
    salary_by_specialization,
    top_skills,
)


def _published_path() -> Path:
    warehouse = Path(os.environ.get("JOBPULSE_WAREHOUSE_PATH", "data/jobpulse.duckdb"))
    return warehouse.with_name(warehouse.stem + ".published.duckdb")


@st.cache_data(show_spinner=False)
def _load(path: str, version: tuple[int, int]) -> dict:
    """Everything the page shows, read once per published version (a new publish changes ``version``)."""
    con = open_published(Path(path))
    try:
        return {
            "headline": headline(con),
            "skills": top_skills(con, limit=15),
            "lanes": salary_by_specialization(con),
            "counts": postings_counts(con),
            "credits": attributions(con),
        }
    finally:
        con.close()


def _usd(value: float | None) -> str:
    return "—" if value is None else f"${value / 1000:,.0f}K"


def _band(band: list[float] | None) -> str:
    return "—" if not band else f"{_usd(band[0])}–{_usd(band[1])}"


def main() -> None:
    st.set_page_config(page_title="jobpulse — AI/ML job market", layout="wide")
    st.title("AI / ML job market — live figures")
    path = _published_path()
    version = published_version(path)
    if version is None:
        st.warning(f"No published snapshot at `{path}` yet. Run `jobpulse refresh` (or `make demo`).")
        return
    data = _load(str(path), version)
    head = data["headline"]
    guide = guide_figures()
    if head is None:
        st.warning("The published snapshot has no salary figures.")
        return

    st.caption(
        f"Snapshot {head.snapshot_date} · postings active in the last {head.window_days} days · "
        f"methodology {head.methodology_version} · {data['counts'].open:,} open AI/ML postings"
    )
    g_med = guide["headline"]["median_us_salary"]
    g_lo, g_hi = guide["headline"]["middle_80_us_salary"]["guide_value"]
    col1, col2, col3 = st.columns(3)
    if head.suppressed:
        col1.metric("Median US salary (live)", "suppressed", help=head.suppression_reason)
    else:
        lo, hi = head.p50_ci
        col1.metric(
            "Median US salary (live)",
            _usd(head.p50),
            delta=f"{(head.p50 - g_med['guide_value']) / g_med['guide_value']:+.0%} vs guide",
            delta_color="off",
        )
        col1.caption(f"95% CI {_usd(lo)}–{_usd(hi)} · n = {head.n:,}")
        col2.metric("Middle 80% (live)", f"{_usd(head.p10)} – {_usd(head.p90)}")
        col2.caption(f"p10–p90 · n = {head.n:,}")
    col3.metric("Guide", _usd(g_med["guide_value"]), help=g_med["source"])
    col3.caption(f"Middle 80% {_usd(g_lo)} – {_usd(g_hi)} · {g_med['source']}")

    st.subheader("Top skills — share of AI/ML postings")
    skills: pl.DataFrame = data["skills"]
    guide_shares = {k: v["guide_value"] for k, v in guide["skill_shares"].items()}
    table = skills.select(
        pl.col("skill"),
        (pl.col("share") * 100).round(1).alias("share %"),
        (pl.col("share_ci_low") * 100).round(1).alias("95% CI low %"),
        (pl.col("share_ci_high") * 100).round(1).alias("95% CI high %"),
        pl.col("n_mentions"),
        pl.col("n_postings").alias("n"),
        pl.col("skill")
        .replace_strict(
            {k: (v * 100 if isinstance(v, float) else None) for k, v in guide_shares.items()},
            default=None,
            return_dtype=pl.Float64,
        )
        .alias("guide %"),
    )
    st.dataframe(table, hide_index=True, use_container_width=True)

    st.subheader("Salary by specialization — posted US salaries, annual USD")
    bands = guide["specialization_bands"]
    lanes: pl.DataFrame = data["lanes"]
    lane_rows = [
        {
            "specialization": r["segment"],
            "n": r["n"],
            "p25": _usd(r["salary_p25_usd_annual"]),
            "median": _usd(r["salary_p50_usd_annual"]),
            "p75": _usd(r["salary_p75_usd_annual"]),
            "median 95% CI": (
                f"{_usd(r['salary_p50_ci_low_usd_annual'])}–{_usd(r['salary_p50_ci_high_usd_annual'])}"
            ),
            "guide band": _band(bands.get(r["segment"])),
            "note": r["suppression_reason"] or "",
        }
        for r in lanes.iter_rows(named=True)
    ]
    st.dataframe(pl.DataFrame(lane_rows), hide_index=True, use_container_width=True)
    st.caption(
        "Suppressed cells (too few postings or too wide an interval) are shown as — with the reason. "
        "Intervals: Wilson for shares; distribution-free order-statistic intervals for percentiles."
    )
    if data["credits"]:
        st.caption("Sources: " + " · ".join(data["credits"].values()))


main()
