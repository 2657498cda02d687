"""Display helpers shared by the dashboard pages: money and share formatting, status labels, the footer."""

from __future__ import annotations

from datetime import date

import polars as pl
import streamlit as st

from transforms.figures import REASON_NOT_ENRICHED
from transforms.growth import REASON_HISTORY_SHORT, REASON_NO_BASELINE
from transforms.stats import REASON_INTERVAL_TOO_WIDE, REASON_INTERVAL_UNAVAILABLE, REASON_N_BELOW_MIN
from warehouse.export_tables import format_span, format_value

# The marts' suppression codes in words for the page (the code stays in the CSV download).
REASON_TEXT = {
    REASON_N_BELOW_MIN: "too few postings for a reliable figure",
    REASON_INTERVAL_UNAVAILABLE: "no 95% interval at this n",
    REASON_INTERVAL_TOO_WIDE: "95% interval too wide to be informative",
    REASON_NOT_ENRICHED: "postings not yet enriched with this signal (a refresh re-enriches them)",
    REASON_HISTORY_SHORT: "less than a year of posting history before this snapshot",
    REASON_NO_BASELINE: "no active postings a year earlier to compare with",
}

# Status words of mart_guide_figures / mart_guide_salary_tables and the cell colours that make them read at a
# glance (colours, not emoji: a machine without an emoji font would show empty boxes).
STATUS_COLOURS = {
    "agrees": "background-color: #d8f3dc; color: #1b4332",
    "differs": "background-color: #ffe5d9; color: #9d0208",
    "insufficient data": "background-color: #eeeeee; color: #495057",
    "quoted": "background-color: #e7ecff; color: #1d3557",
}
INTERVALS_NOTE = (
    "Intervals are 95%: Wilson for shares; distribution-free order-statistic intervals for percentiles. "
    "Suppressed cells (too few postings or too wide an interval) are shown as suppressed, with the reason."
)


def usd(value: float | None) -> str:
    """$187K (USD per year, rounded to the thousand) or — when missing."""
    return format_value(value, "usd_annual")


def value(v: float | None, unit: str, *, exact: bool = False) -> str:
    """A figure in its unit: $187K for salaries, 78% for fractions, — when missing."""
    return format_value(v, unit, exact=exact)


def span(low: float | None, high: float | None, unit: str, *, exact: bool = False) -> str:
    """A range or interval in its unit: $122K–$265K; — when both ends are missing."""
    return format_span(low, high, unit, exact=exact)


def reason_text(code: str | None) -> str:
    """A suppression code in words ('' for none; an unknown code is shown as it is)."""
    return "" if not code else REASON_TEXT.get(code, code)


def moved_beyond_noise(changes: pl.DataFrame) -> tuple[int, int]:
    """(values whose 95% intervals at the two snapshots are disjoint, values shown) of a
    warehouse.trends.changes_since_previous frame; values suppressed at both snapshots are not shown."""
    shown = changes.filter(pl.col("value").is_not_null() | pl.col("value_previous").is_not_null())
    return shown.filter(~pl.col("intervals_overlap")).height, shown.height


def for_display(frame: pl.DataFrame) -> pl.DataFrame:
    """Dates as 2026-11-25 and times as 2026-11-26 03:00 UTC (the table widget would show dates as midnight
    datetimes in the reader's browser zone)."""
    return frame.with_columns(
        [pl.col(c).dt.strftime("%Y-%m-%d") for c, t in frame.schema.items() if t == pl.Date]
        + [
            pl.col(c).dt.strftime("%Y-%m-%d %H:%M UTC")
            for c, t in frame.schema.items()
            if isinstance(t, pl.Datetime)
        ]
    )


def with_status_colours(frame: pl.DataFrame, column: str = "status"):
    """``frame`` as a pandas Styler whose ``column`` cells are coloured by status (st.dataframe shows it).

    Integer columns (n) keep their integer look: through pandas a null turns them into floats, which the
    Styler would otherwise print as 83.000000.
    """
    counts = [name for name, dtype in frame.schema.items() if dtype.is_integer()]
    styler = frame.to_pandas().style.map(lambda s: STATUS_COLOURS.get(s, ""), subset=[column])
    return styler.format("{:,.0f}", subset=counts, na_rep="—") if counts else styler


def snapshot_caption(snapshot: date | None, extra: str = "") -> None:
    """The line under each page title: which published snapshot the page shows."""
    text = f"Snapshot {snapshot}" if snapshot else "Snapshot unknown"
    st.caption(text + (f" · {extra}" if extra else ""))


def footer(credits: dict[str, str]) -> None:
    """The sources' attribution lines (those whose terms require one) and how to read the figures."""
    st.divider()
    if credits:
        st.caption("Sources: " + " · ".join(credits.values()))
    else:
        st.caption("Sources: public job postings; no source in this snapshot requires an attribution line.")
    st.caption(
        "Read-only view of the published snapshot (figures that passed their data-quality checks). "
        + INTERVALS_NOTE
    )
