"""The guide's two salary tables recomputed from postings: mart_guide_salary_tables.

The guide prints a "Pick a Lane" table (typical salary band per specialization) and a "What the Market
Actually Pays" table (a range per role row). Their rows are the registry figures of groups
``specialization_band`` and ``compensation_row`` (transforms/data/figure_registry.yaml); this mart gives each
row the full live distribution (p10, p25, p50, p75, p90, each with its 95% order-statistic interval) so the
exported tables can show more than the two ends the guide prints. ``status`` is the same comparison as in
mart_guide_figures (transforms.figures), so the two marts never disagree about a row.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

import polars as pl

from transforms.dedup import one_per_job
from transforms.figures import (
    METHODOLOGY_VERSION,
    STATUS_INSUFFICIENT,
    FigureSpec,
    apply_figure_filter,
    figure_population,
    figure_registry,
    range_status,
    salary_suppression_reason,
    sorted_salaries,
)
from transforms.population import DEFAULT_WINDOW_DAYS, active_postings
from transforms.stats import DEFAULT_QUANTILES, percentile, percentile_interval, quantile_label

TABLE_SPECIALIZATION = "specialization"
TABLE_COMPENSATION = "compensation"
# Registry group -> table name, in the order the tables are exported.
TABLE_OF_GROUP = {"specialization_band": TABLE_SPECIALIZATION, "compensation_row": TABLE_COMPENSATION}


def _salary_schema() -> dict[str, pl.DataType]:
    schema: dict[str, pl.DataType] = {}
    for q in DEFAULT_QUANTILES:
        lab = quantile_label(q)
        schema[f"salary_{lab}_usd_annual"] = pl.Float64()
        schema[f"salary_{lab}_ci_low_usd_annual"] = pl.Float64()
        schema[f"salary_{lab}_ci_high_usd_annual"] = pl.Float64()
    return schema


TABLES_SCHEMA: dict[str, pl.DataType] = {
    "snapshot_date": pl.Date(),
    "window_days": pl.Int64(),
    "table_name": pl.String(),
    "row_order": pl.Int64(),
    "figure_id": pl.String(),
    "label": pl.String(),
    "filter": pl.String(),
    "population": pl.String(),
    "guide_text": pl.String(),
    "guide_value_low": pl.Float64(),
    "guide_value_high": pl.Float64(),
    "guide_open_high": pl.Boolean(),
    "guide_quantile_low": pl.Float64(),
    "guide_quantile_high": pl.Float64(),
    "guide_source": pl.String(),
    "n": pl.Int64(),
    **_salary_schema(),
    "status": pl.String(),
    "suppression_reason": pl.String(),
    "methodology_version": pl.String(),
}
TABLES_COLUMNS: tuple[str, ...] = tuple(TABLES_SCHEMA)


def _filter_text(spec: FigureSpec) -> str:
    """The row's filter as stable text ('specialization=llm_genai; seniority=senior|staff_principal')."""
    parts = []
    for key in sorted(spec.filter):
        value = spec.filter[key]
        shown = "|".join(str(v) for v in value) if isinstance(value, list) else str(value)
        parts.append(f"{key}={shown}")
    return "; ".join(parts)


def _table_row(spec: FigureSpec, active: pl.DataFrame) -> dict[str, Any]:
    frame = apply_figure_filter(figure_population(active, spec.population or ""), spec.filter)
    frame = one_per_job(frame)  # each job once across sources and reposts (a no-op without cluster_id)
    values = sorted_salaries(frame)
    reason = salary_suppression_reason(values, [*DEFAULT_QUANTILES, *spec.q])
    row: dict[str, Any] = dict.fromkeys(TABLES_COLUMNS)
    row.update(
        figure_id=spec.id,
        label=spec.label,
        filter=_filter_text(spec),
        population=spec.population,
        guide_text=spec.guide_text,
        guide_value_low=spec.guide_low,
        guide_value_high=spec.guide_high,
        guide_open_high=spec.guide_open_high,
        guide_quantile_low=spec.q[0],
        guide_quantile_high=spec.q[1],
        guide_source=spec.guide_source,
        n=len(values),
        suppression_reason=reason,
    )
    if reason is not None:
        row["status"] = STATUS_INSUFFICIENT
        return row
    for q in DEFAULT_QUANTILES:
        lab = quantile_label(q)
        low, high = percentile_interval(values, q) or (None, None)
        row[f"salary_{lab}_usd_annual"] = percentile(values, q)
        row[f"salary_{lab}_ci_low_usd_annual"] = low
        row[f"salary_{lab}_ci_high_usd_annual"] = high
    low_ci, high_ci = (percentile_interval(values, q) for q in spec.q)
    row["status"] = range_status(
        spec.guide_low, spec.guide_high, low_ci, high_ci, open_high=spec.guide_open_high
    )
    return row


def guide_salary_tables(
    enriched: pl.DataFrame,
    as_of: date,
    window_days: int = DEFAULT_WINDOW_DAYS,
    *,
    registry: Sequence[FigureSpec] | None = None,
) -> pl.DataFrame:
    """mart_guide_salary_tables: the guide's specialization and compensation tables with live percentiles.

    Grain: snapshot_date x table_name ('specialization' | 'compensation') x figure_id, in the guide's row
    order (``row_order``, 1-based within a table). Population: the registry row's (posted US salaries of
    AI/ML postings active in the window, then its filter, shown as text in ``filter``). Salaries annual USD;
    ``guide_value_low/high`` is the guide's range, to be read against the live quantiles
    ``guide_quantile_low/high`` (p25-p75 for lanes, p10-p90 for compensation rows). Suppressed rows
    (transforms.figures.salary_suppression_reason) keep n and have every percentile null.
    """
    specs = figure_registry() if registry is None else registry
    active = active_postings(enriched, as_of, window_days)
    rows = []
    for group, table in TABLE_OF_GROUP.items():
        for order, spec in enumerate((s for s in specs if s.group == group), start=1):
            row = _table_row(spec, active)
            row.update(
                snapshot_date=as_of,
                window_days=window_days,
                table_name=table,
                row_order=order,
                methodology_version=METHODOLOGY_VERSION,
            )
            rows.append(row)
    return pl.DataFrame(rows, schema=TABLES_SCHEMA).select(TABLES_COLUMNS)
