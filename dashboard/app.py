"""jobpulse dashboard — the entry point (``streamlit run dashboard/app.py``; ``jobpulse dashboard``).

A multipage app (``st.navigation``): Overview (the headline figures beside the guide's), Guide vs live (every
guide figure with its live value, interval, n and status), Salaries (the guide's salary tables, CSV
download), Trends (what changed since the previous snapshot, postings per lane per week, skill shares over
time, new vs closed) and Runs (recent runs, board failures, the publishing run's checks).

Every page reads only the published snapshot (``<warehouse>.published.duckdb``), read-only, through the
warehouse query functions (dashboard/reads.py), so the dashboard keeps answering while a refresh writes the
main warehouse, and shows a new publish on the next rerun without a restart.
"""

from __future__ import annotations

import streamlit as st

PAGES = (
    ("views/overview.py", "Overview", ":material/dashboard:"),
    ("views/guide.py", "Guide vs live", ":material/fact_check:"),
    ("views/salaries.py", "Salaries", ":material/payments:"),
    ("views/trends.py", "Trends", ":material/trending_up:"),
    ("views/runs.py", "Runs", ":material/build:"),
)

st.set_page_config(page_title="jobpulse — AI/ML job market", layout="wide")
navigation = st.navigation(
    [st.Page(path, title=title, icon=icon, default=i == 0) for i, (path, title, icon) in enumerate(PAGES)]
)
navigation.run()
