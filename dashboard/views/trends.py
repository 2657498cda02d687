"""Trends: what changed since the previous published snapshot, active postings per lane per week, skill
shares over time and new vs closed postings — all read from the published history (warehouse/trends.py),
none recomputed here.

Units: shares as % of AI/ML postings (95% Wilson interval), salaries USD per year (95% order-statistic
interval), counts in postings (one per board posting; the same job on two boards counts twice).
"""

from __future__ import annotations

import altair as alt
import polars as pl
import streamlit as st

from dashboard.formatting import footer, for_display, moved_beyond_noise, snapshot_caption, span, value
from dashboard.reads import load, trends_data

DEFAULT_SKILLS = 5


def change_rows(changes: pl.DataFrame) -> pl.DataFrame:
    """The "what changed" table: rows with a live value at either snapshot, formatted in their unit."""
    rows = []
    for r in changes.filter(pl.col("value").is_not_null() | pl.col("value_previous").is_not_null()).iter_rows(
        named=True
    ):
        unit = r["unit"]
        if r["value"] is None or r["value_previous"] is None:
            change = "new" if r["value_previous"] is None else "gone"
        elif unit == "fraction":
            change = f"{r['change'] * 100:+.1f} pts"
        else:
            change = f"{r['change'] / 1000:+,.1f}K" if unit == "usd_annual" else f"{r['change']:+,.0f}"
        rows.append(
            {
                "kind": r["kind"],
                "what": r["label"],
                "now": value(r["value"], unit),
                "95% CI now": span(r["ci_low"], r["ci_high"], unit),
                "n now": r["n"],
                "before": value(r["value_previous"], unit),
                "95% CI before": span(r["ci_low_previous"], r["ci_high_previous"], unit),
                "n before": r["n_previous"],
                "change": change,
                "beyond noise": "yes" if not r["intervals_overlap"] else "",
            }
        )
    return pl.DataFrame(rows)


def _skill_chart(history: pl.DataFrame) -> alt.LayerChart:
    data = history.with_columns(
        (pl.col(c) * 100).alias(c) for c in ("share", "share_ci_low", "share_ci_high")
    ).select("snapshot_date", "skill", "share", "share_ci_low", "share_ci_high", "n_postings")
    base = alt.Chart(data).encode(x=alt.X("snapshot_date:T", title="snapshot"), color="skill:N")
    band = base.mark_area(opacity=0.15).encode(y="share_ci_low:Q", y2="share_ci_high:Q")
    line = base.mark_line(point=True).encode(
        y=alt.Y("share:Q", title="share of AI/ML postings (%)"),
        tooltip=["skill", "snapshot_date", "share", "share_ci_low", "share_ci_high", "n_postings"],
    )
    return band + line


def _median_chart(median: pl.DataFrame) -> alt.LayerChart:
    data = median.select(
        "snapshot_date",
        "n",
        pl.col("salary_p50_usd_annual").alias("median"),
        pl.col("salary_p50_ci_low_usd_annual").alias("ci_low"),
        pl.col("salary_p50_ci_high_usd_annual").alias("ci_high"),
    )
    base = alt.Chart(data).encode(x=alt.X("snapshot_date:T", title="snapshot"))
    band = base.mark_area(opacity=0.2).encode(
        y=alt.Y("ci_low:Q", scale=alt.Scale(zero=False), title="median, USD per year"), y2="ci_high:Q"
    )
    line = base.mark_line(point=True).encode(
        y="median:Q", tooltip=["snapshot_date", "median", "ci_low", "ci_high", "n"]
    )
    return band + line


def main() -> None:
    st.title("Trends — what changed, and how the market moves")
    data = load(trends_data)
    if data is None:
        return
    previous = data["previous"]
    snapshot_caption(
        data["snapshot"],
        f"compared with the previous published snapshot {previous}"
        if previous
        else "no earlier snapshot yet",
    )

    st.subheader(f"What changed since {previous}" if previous else "What changed")
    changes = change_rows(data["changes"])
    if previous is None:
        st.info("Only one snapshot is published so far: changes appear after the next publish.")
    if not changes.is_empty():
        moved, shown = moved_beyond_noise(data["changes"])
        st.metric("Figures that moved beyond their 95% intervals", f"{moved} of {shown}")
        st.dataframe(changes, hide_index=True)
        st.caption(
            "'beyond noise' = the two 95% intervals do not overlap (a conservative test); 'new' = no value "
            "at the previous snapshot. Suppressed cells are left out."
        )

    st.subheader("Active AI/ML postings per specialization, per ISO week")
    weekly: pl.DataFrame = data["lanes_weekly"]
    if weekly.is_empty():
        st.info("No AI/ML postings in the published file yet.")
    else:
        st.line_chart(weekly, x="week_start", y="n_active", color="specialization")
        st.caption(
            "Active = first seen by the week's end and not yet found closed; the latest week may be partial. "
            "Closed postings stay in the history, so past weeks are not survivor-biased."
        )
        with st.expander("Weekly counts (table)"):
            st.dataframe(for_display(weekly), hide_index=True)

    st.subheader("Skill shares over time")
    ranked: list[str] = data["skills_ranked"]
    chosen = st.multiselect("Skills", ranked, default=ranked[:DEFAULT_SKILLS])
    history: pl.DataFrame = data["skill_history"].filter(pl.col("skill").is_in(chosen))
    if history.is_empty():
        st.info("Pick at least one skill.")
    else:
        st.altair_chart(_skill_chart(history))
        st.caption("Lines: share per published snapshot; bands: 95% Wilson intervals.")
        with st.expander("Skill shares (table)"):
            st.dataframe(for_display(history), hide_index=True)

    st.subheader("New vs closed AI/ML postings")
    period = st.radio("Per", ["snapshot day", "ISO week"], horizontal=True)
    counts: pl.DataFrame = data["new_closed_day" if period == "snapshot day" else "new_closed_week"]
    if counts.is_empty():
        st.info("No postings yet.")
    else:
        long = counts.unpivot(
            index="period", on=["n_new", "n_closed"], variable_name="kind", value_name="postings"
        ).with_columns(pl.col("kind").replace({"n_new": "new", "n_closed": "closed"}))
        st.bar_chart(long, x="period", y="postings", color="kind", stack=False)
        st.dataframe(for_display(counts), hide_index=True)
        if counts["first_period"].any():
            st.caption(
                "The first period's 'new' is the backlog found when tracking began, not new openings; "
                "'closed' = first fetch that no longer listed the posting."
            )

    median: pl.DataFrame = data["median_trend"]
    if median.height > 1:
        st.subheader("Median US salary per snapshot (USD per year)")
        st.altair_chart(_median_chart(median))
        st.caption("Line: median per published snapshot; band: its 95% interval.")
        st.dataframe(for_display(median), hide_index=True)
    footer(data["credits"])


main()
