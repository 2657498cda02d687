"""Which postings a figure is computed over: the point-in-time window and the named populations.

Pure Polars filters over the enriched postings frame (one row per posting, UTC datetimes ``first_seen_at``,
``last_seen_at``, ``closed_at``). Each returns a subset of the input rows with all their columns; none mutates
it.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

import polars as pl

DEFAULT_WINDOW_DAYS = 90

# Population names stored on mart rows (the "population" column).
POPULATION_AI_ML = "ai_ml"
POPULATION_US_POSTED = "us_posted"


def window_bounds(as_of: date, window_days: int = DEFAULT_WINDOW_DAYS) -> tuple[datetime, datetime]:
    """The window as naive UTC datetimes [start, end): the ``window_days`` calendar days ending on ``as_of``.

    start = ``as_of - (window_days - 1)`` at 00:00 UTC, end = the day after ``as_of`` at 00:00 UTC, so
    ``as_of`` itself is inside and ``window_days=1`` is exactly that day.
    """
    if window_days < 1:
        raise ValueError(f"window_days must be >= 1, got {window_days}")
    end = datetime.combine(as_of + timedelta(days=1), time())
    start = datetime.combine(as_of - timedelta(days=window_days - 1), time())
    return start, end


def _utc_literal(frame: pl.DataFrame, column: str, naive_utc: datetime) -> pl.Expr:
    """A datetime literal comparable with ``frame[column]``, whether that column is tz-aware or naive UTC."""
    dtype = frame.schema[column]
    lit = pl.lit(naive_utc, dtype=pl.Datetime("us"))
    time_zone = getattr(dtype, "time_zone", None)
    if time_zone is not None:
        lit = lit.dt.replace_time_zone("UTC").dt.convert_time_zone(time_zone)
    return lit


def active_postings(
    enriched: pl.DataFrame, as_of: date, window_days: int = DEFAULT_WINDOW_DAYS
) -> pl.DataFrame:
    """Postings active at any time in the window ending on ``as_of`` (see :func:`window_bounds`).

    Active = first seen before the window's end (``first_seen_at < as_of + 1 day``) and not closed before its
    start (``closed_at`` null or ``closed_at >= start``). A posting closed *after* ``as_of`` counts, so a past
    snapshot recomputed today sees the postings that were open then, not only today's survivors; a posting
    first seen after ``as_of`` does not. An open posting whose ``last_seen_at`` is before the window is stale,
    not active: its board is no longer fetched (dropped from the sources, or an old HN monthly thread), so
    lifecycle never got the chance to close it. Rows without ``first_seen_at`` are excluded. Grain and
    columns: unchanged (a row subset of ``enriched``).
    """
    start, end = window_bounds(as_of, window_days)
    first_seen = pl.col("first_seen_at")
    closed = pl.col("closed_at")
    active = (
        first_seen.is_not_null()
        & (first_seen < _utc_literal(enriched, "first_seen_at", end))
        & (closed.is_null() | (closed >= _utc_literal(enriched, "closed_at", start)))
    )
    if "last_seen_at" in enriched.columns:
        last_seen = pl.col("last_seen_at")
        fresh = last_seen.is_null() | (last_seen >= _utc_literal(enriched, "last_seen_at", start))
        active = active & (closed.is_not_null() | fresh)
    return enriched.filter(active)


def ai_ml_postings(postings: pl.DataFrame) -> pl.DataFrame:
    """Population ``ai_ml``: postings whose role is AI/ML (``is_ai_ml`` true; null counts as not AI/ML)."""
    return postings.filter(pl.col("is_ai_ml").fill_null(False))


def us_posted_salaries(postings: pl.DataFrame) -> pl.DataFrame:
    """Population ``us_posted``: AI/ML postings in the US with a salary the employer posted.

    ``is_ai_ml`` and ``is_us`` true, ``salary_estimated`` false (a null flag is not trusted as posted: board
    estimates and posted salaries never mix), and a finite ``salary_annual_usd_mid`` (annual USD, midpoint of
    the posted range). Rows with nulls in any of these are excluded.
    """
    mid = pl.col("salary_annual_usd_mid")
    return ai_ml_postings(postings).filter(
        pl.col("is_us").fill_null(False)
        & pl.col("salary_estimated").eq(
            False
        )  # null -> null -> filtered out; `~col` would not say "not null"
        & mid.is_not_null()
        & mid.is_finite()
    )
