"""The enriched-postings frame the marts and figures read (warehouse.marts_input), for hand-built test frames.

Grain: one row per posting. ``ENRICHED_SCHEMA`` holds the columns every mart needs; tests add the optional
ones they exercise (has_description, cluster columns, domain signals, company/title).
"""

from __future__ import annotations

import polars as pl

ENRICHED_SCHEMA: dict[str, pl.DataType] = {
    "source": pl.String(),
    "board": pl.String(),
    "native_id": pl.String(),
    "first_seen_at": pl.Datetime("us", "UTC"),
    "last_seen_at": pl.Datetime("us", "UTC"),
    "closed_at": pl.Datetime("us", "UTC"),
    "is_ai_ml": pl.Boolean(),
    "specialization": pl.String(),
    "seniority": pl.String(),
    "experience_min_years": pl.Int64(),
    "skills": pl.List(pl.String()),
    "salary_annual_usd_mid": pl.Float64(),
    "salary_estimated": pl.Boolean(),
    "is_us": pl.Boolean(),
}
