"""Display helpers shared by the dashboard pages: money and share formatting, status labels, the footer."""

from __future__ import annotations

from datetime import date

import streamlit as st

from warehouse.export_tables import format_span, format_value

# Status words of mart_guide_figures / mart_guide_salary_tables, with a marker so they read at a glance.
STATUS_LABELS = {
    "agrees": "✅ agrees",
    "differs": "❗ differs",
    "insufficient data": "⏸ insufficient data",
    "quoted": "📖 quoted",
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


def status_label(status: str | None) -> str:
    return STATUS_LABELS.get(status or "", status or "")


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
