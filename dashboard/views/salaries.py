"""Salaries: the guide's two salary tables with the live distribution — "Pick a Lane" (specialization, read
against live p25–p75) and "What the Market Actually Pays" (compensation, read against live p10–p90).

One row per guide table row (mart_guide_salary_tables). Salaries are posted US salaries, USD per year; each
live percentile shows its 95% order-statistic interval in brackets; n is the postings behind the row.
Suppressed rows say so, with the reason, instead of showing an imprecise number. Each table's CSV download
is the file ``jobpulse export guide-tables --format csv`` writes for it (raw numbers, snapshot, window,
methodology, attribution).
"""

from __future__ import annotations

import polars as pl
import streamlit as st

from dashboard.formatting import (
    INTERVALS_NOTE,
    footer,
    reason_text,
    snapshot_caption,
    span,
    usd,
    with_status_colours,
)
from dashboard.reads import load, salaries_data

QUANTILES = ("p10", "p25", "p50", "p75", "p90")
TITLES = {
    "specialization": "Pick a Lane — salary by specialization (guide: p25–p75)",
    "compensation": "What the Market Actually Pays — by role and experience (guide: p10–p90)",
}


def percentile_cell(r: dict, q: str) -> str:
    """'$165K [$150K–$180K]': the live percentile and its 95% interval, or 'suppressed'."""
    if r["status"] == "insufficient data":
        return "suppressed"
    point = r[f"salary_{q}_usd_annual"]
    if point is None:
        return "—"
    low, high = r[f"salary_{q}_ci_low_usd_annual"], r[f"salary_{q}_ci_high_usd_annual"]
    interval = span(low, high, "usd_annual")
    return usd(point) + (f" [{interval}]" if interval != "—" else " [no interval]")


def table_rows(frame: pl.DataFrame) -> pl.DataFrame:
    """The page's view of one guide table: one row per guide row, percentiles formatted with intervals."""
    rows = []
    for r in frame.iter_rows(named=True):
        guide = span(r["guide_value_low"], r["guide_value_high"], "usd_annual", exact=True)
        rows.append(
            {
                "row": r["label"],
                "guide": guide + ("+" if r["guide_open_high"] else ""),
                "n": r["n"],
                **{("median" if q == "p50" else q): percentile_cell(r, q) for q in QUANTILES},
                "status": r["status"],
                "suppressed because": reason_text(r["suppression_reason"]),
                "guide source": r["guide_source"] or "",
            }
        )
    return pl.DataFrame(rows)


def main() -> None:
    st.title("Salaries — the guide's tables, live")
    data = load(salaries_data)
    if data is None:
        return
    if data["tables"] is None:
        snapshot_caption(data["snapshot"])
        st.info(f"No guide salary tables in this published snapshot: {data['missing']}.")
        footer(data["credits"])
        return
    tables: dict[str, pl.DataFrame] = data["tables"]
    first = next(iter(tables.values())).row(0, named=True)
    snapshot_caption(
        data["snapshot"],
        f"posted US salaries, USD per year · postings active in the last {first['window_days']} days · "
        f"methodology {first['methodology_version']}",
    )
    for name, frame in tables.items():
        st.subheader(TITLES.get(name, name))
        st.dataframe(with_status_colours(table_rows(frame)), hide_index=True)
        # The same file `jobpulse export guide-tables --format csv` writes for this table.
        st.download_button(
            f"Download the {name} table as CSV",
            data=frame.write_csv(),
            file_name=f"guide_{name}_{frame['snapshot_date'][0].isoformat()}.csv",
            mime="text/csv",
            key=f"csv_{name}",
            help="Raw values (USD per year), n, intervals, status, window, methodology and attribution.",
        )
    st.caption(
        "Cells read '$165K [$150K–$180K]': the live percentile and its 95% interval. " + INTERVALS_NOTE
    )
    footer(data["credits"])


main()
