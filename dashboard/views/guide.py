"""Guide vs live: every market figure of the guide (mart_guide_figures, one row per figure) beside its live
value as of the snapshot, with the 95% interval, n and a status — agrees (the guide's value lies inside the
live interval), differs, insufficient data (suppressed, with the reason) or quoted (not derivable from job
postings: shown with the guide's source)."""

from __future__ import annotations

import polars as pl
import streamlit as st

from dashboard.formatting import (
    STATUS_COLOURS,
    footer,
    reason_text,
    snapshot_caption,
    span,
    value,
    with_status_colours,
)
from dashboard.reads import guide_data, load


def figure_rows(figures: pl.DataFrame) -> pl.DataFrame:
    """The table the page shows: one row per guide figure, values formatted in their unit."""
    rows = []
    for r in figures.iter_rows(named=True):
        unit = r["unit"]
        if r["live_value"] is not None:
            live = value(r["live_value"], unit)
            interval = span(r["ci_low"], r["ci_high"], unit)
        elif r["live_low"] is not None or r["live_high"] is not None:
            live = span(r["live_low"], r["live_high"], unit)
            interval = (
                f"low {span(r['live_low_ci_low'], r['live_low_ci_high'], unit)} · "
                f"high {span(r['live_high_ci_low'], r['live_high_ci_high'], unit)}"
            )
        elif r["status"] == "quoted":
            live, interval = "not derivable from postings", ""
        else:
            live, interval = "suppressed", reason_text(r["suppression_reason"])
        guide = span(r["guide_value_low"], r["guide_value_high"], unit, exact=True)
        rows.append(
            {
                "figure": r["label"],
                "section": r["figure_group"],
                "guide": guide + ("+" if r["guide_open_high"] else ""),
                "live": live,
                "95% interval": interval,
                "n": r["n"],
                "status": r["status"],
                "guide source": r["guide_source"] or "",
                "note": r["note"] or reason_text(r["suppression_reason"]),
            }
        )
    return pl.DataFrame(
        rows,
        schema={
            "figure": pl.String,
            "section": pl.String,
            "guide": pl.String,
            "live": pl.String,
            "95% interval": pl.String,
            "n": pl.Int64,
            "status": pl.String,
            "guide source": pl.String,
            "note": pl.String,
        },
    )


def main() -> None:
    st.title("Guide vs live — every figure of the guide")
    data = load(guide_data)
    if data is None:
        return
    if data["figures"] is None:
        snapshot_caption(data["snapshot"])
        st.info(f"No guide figures in this published snapshot: {data['missing']}.")
        footer(data["credits"])
        return
    figures: pl.DataFrame = data["figures"]
    first = figures.row(0, named=True)
    snapshot_caption(
        data["snapshot"],
        f"postings active in the last {first['window_days']} days · "
        f"methodology {first['methodology_version']} · {figures.height} figures",
    )
    counts = dict(figures.group_by("status").len().iter_rows())
    for col, status in zip(st.columns(len(STATUS_COLOURS)), STATUS_COLOURS, strict=True):
        col.metric(status, counts.get(status, 0))

    st.dataframe(with_status_colours(figure_rows(figures)), hide_index=True)
    st.caption(
        "agrees = the guide's value lies inside the live 95% interval (a range: each end inside the interval "
        "of the matching percentile); differs = outside; insufficient data = too few postings to say; "
        "quoted = a figure job postings cannot measure, shown with the guide's source."
    )

    quoted = figures.filter(pl.col("status") == "quoted")
    if not quoted.is_empty():
        st.subheader("Quoted figures — as printed in the guide, with their sources")
        st.dataframe(
            quoted.select(
                pl.col("label").alias("figure"),
                pl.col("guide_text").alias("as printed"),
                pl.col("guide_source").alias("source"),
                pl.col("note").alias("why not measured"),
            ),
            hide_index=True,
        )
    footer(data["credits"])


main()
