"""Overview: the guide's headline figures beside the live ones, top skills and salary by specialization.

Salaries are annual USD (posted, US, AI/ML postings); shares are fractions of AI/ML postings shown as %;
every live figure shows its n and 95% interval.
"""

from __future__ import annotations

import polars as pl
import streamlit as st

from dashboard.formatting import (
    INTERVALS_NOTE,
    footer,
    moved_beyond_noise,
    reason_text,
    snapshot_caption,
    span,
    usd,
    value,
)
from dashboard.reads import load, overview_data
from transforms.guide import guide_figures


def _guide_share_text(value: float | list[float] | None) -> str:
    """The guide's share as it states it: 98%, a 60–65% range, or — when the guide names no share."""
    if isinstance(value, list | tuple) and len(value) == 2:
        return f"{value[0]:.0%}–{value[1]:.0%}"
    return f"{value:.0%}" if isinstance(value, float) else "—"


def _band(band: list[float] | None) -> str:
    return "—" if not band else f"{usd(band[0])}–{usd(band[1])}"


def main() -> None:
    st.title("AI / ML job market — live figures")
    data = load(overview_data)
    if data is None:
        return
    head = data["headline"]
    guide = guide_figures()
    if head is None:
        st.warning("The published snapshot has no salary figures.")
        footer(data["credits"])
        return

    snapshot_caption(
        head.snapshot_date,
        f"postings active in the last {head.window_days} days · methodology {head.methodology_version} · "
        f"{data['counts'].open:,} open AI/ML postings",
    )
    if data["previous"] is not None:
        moved, shown = moved_beyond_noise(data["changes"])
        st.info(
            f"Since the previous snapshot ({data['previous']}): {moved} of {shown} live figures moved beyond "
            "their 95% intervals."
        )
        st.page_link("views/trends.py", label="What changed, figure by figure", icon=":material/trending_up:")
    g_med = guide["headline"]["median_us_salary"]
    g_lo, g_hi = guide["headline"]["middle_80_us_salary"]["guide_value"]
    col1, col2, col3 = st.columns(3)
    if head.suppressed:
        col1.metric("Median US salary (live)", "suppressed", help=head.suppression_reason)
        col1.caption(f"{reason_text(head.suppression_reason)} · n = {head.n:,}")
    else:
        lo, hi = head.p50_ci
        col1.metric(
            "Median US salary (live)",
            usd(head.p50),
            delta=f"{(head.p50 - g_med['guide_value']) / g_med['guide_value']:+.0%} vs guide",
            delta_color="off",
        )
        col1.caption(f"95% CI {usd(lo)}–{usd(hi)} · n = {head.n:,}")
        col2.metric("Middle 80% (live)", f"{usd(head.p10)} – {usd(head.p90)}")
        col2.caption(f"p10–p90 · n = {head.n:,}")
    col3.metric("Guide", value(g_med["guide_value"], "usd_annual", exact=True), help=g_med["source"])
    col3.caption(f"Middle 80% {usd(g_lo)} – {usd(g_hi)} · {g_med['source']}")

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
            {k: _guide_share_text(v) for k, v in guide_shares.items()}, default="—", return_dtype=pl.String
        )
        .alias("guide"),
    )
    st.dataframe(table, hide_index=True)

    st.subheader("Salary by specialization — posted US salaries, annual USD")
    bands = guide["specialization_bands"]
    lanes: pl.DataFrame = data["lanes"]
    lane_rows = [
        {
            "specialization": r["segment"],
            "n": r["n"],
            "p25": "suppressed" if r["suppressed"] else usd(r["salary_p25_usd_annual"]),
            "median": "suppressed" if r["suppressed"] else usd(r["salary_p50_usd_annual"]),
            "p75": "suppressed" if r["suppressed"] else usd(r["salary_p75_usd_annual"]),
            "median 95% CI": span(
                r["salary_p50_ci_low_usd_annual"], r["salary_p50_ci_high_usd_annual"], "usd_annual"
            ),
            "guide band": _band(bands.get(r["segment"])),
            "note": reason_text(r["suppression_reason"]),
        }
        for r in lanes.iter_rows(named=True)
    ]
    st.dataframe(pl.DataFrame(lane_rows), hide_index=True)
    st.caption(INTERVALS_NOTE)
    footer(data["credits"])


main()
