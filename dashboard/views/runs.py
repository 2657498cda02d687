"""Runs: the recent pipeline runs (one row per run), the boards that failed in them (one row per run ×
board with an error), and the data-quality checks of the run that published this snapshot (one row per
expectation). Read from the published file, so it shows the runs as of the publish."""

from __future__ import annotations

import polars as pl
import streamlit as st

from dashboard.formatting import footer, for_display, snapshot_caption
from dashboard.reads import RUNS_SHOWN, empty, load, runs_data


def main() -> None:
    st.title("Runs — refreshes, board failures and checks")
    data = load(runs_data)
    if data is None:
        return
    runs: pl.DataFrame = data["runs"]
    boards: pl.DataFrame = data["boards"]
    validation: pl.DataFrame = data["validation"]
    snapshot_caption(data["snapshot"], f"the {runs.height} most recent runs as of this publish")

    st.subheader("Recent runs")
    if empty(runs):
        st.info("The published file records no runs.")
    else:
        st.dataframe(
            for_display(runs).select(
                "started_at",
                "finished_at",
                "status",
                "published",
                "snapshot_date",
                pl.col("n_boards").alias("boards"),
                pl.col("n_boards_failed").alias("boards failed"),
                pl.col("postings").cast(pl.Int64),
                pl.col("new").cast(pl.Int64),
                pl.col("closed").cast(pl.Int64),
                "message",
                "run_id",
            ),
            hide_index=True,
        )
        st.caption(
            "The run that published this snapshot shows as succeeded (the file is its result); "
            "`jobpulse status` has every run's final state and message."
        )

    st.subheader("Board failures")
    failed = boards.filter(pl.col("error").is_not_null()) if not empty(boards) else boards
    if empty(boards):
        st.info("This published file carries no per-board results (published before they were kept).")
    elif empty(failed):
        st.success(
            f"No board failed in the last {min(RUNS_SHOWN, runs.height)} runs ({boards.height} fetches)."
        )
    else:
        st.error(f"Failed board fetches in the last {min(RUNS_SHOWN, runs.height)} runs: {failed.height}.")
        st.dataframe(
            for_display(failed).select("started_at", "run_id", "source", "board", "error"),
            hide_index=True,
        )
    if not empty(boards):
        with st.expander("Every board of the latest run"):
            latest = boards.filter(pl.col("run_id") == boards["run_id"][0])
            st.dataframe(latest.drop("run_id", "started_at", "status", "snapshot_date"), hide_index=True)

    st.subheader("Checks of the publishing run")
    if empty(validation):
        st.info("No expectation results were stored with this snapshot.")
    else:
        summary = (
            validation.group_by("severity")
            .agg(pl.len().alias("checks"), pl.col("success").sum().alias("passed"))
            .with_columns((pl.col("checks") - pl.col("passed")).alias("failed"))
            .sort("severity")
        )
        cols = st.columns(summary.height)
        for col, r in zip(cols, summary.iter_rows(named=True), strict=True):
            col.metric(f"{r['severity']} checks passed", f"{r['passed']} / {r['checks']}")
        st.dataframe(
            validation.select("success", "severity", "suite", "expectation", "column", "observed"),
            hide_index=True,
        )
        st.caption(
            "A failed critical check blocks publishing; a failed warning is recorded and shown here but does "
            "not block."
        )
    footer(data["credits"])


main()
