"""Point-in-time trend queries on the PUBLISHED file (``warehouse.queries.open_published``).

The published file keeps every published snapshot of the marts (``mart_skill_shares``,
``mart_salary_percentiles``, ``mart_guide_figures``) and every AI/ML posting with its lifecycle
(``postings_ai_ml``: first_seen_at, closed_at), so trends are read, not recomputed:

- :func:`changes_since_previous` — "what changed since last night": each live figure, skill share and lane
  median at the latest snapshot beside the previous published snapshot, with n and 95% intervals.
- :func:`postings_per_lane_per_week` — active AI/ML postings per specialization per ISO week.
- :func:`skill_share_over_time` — chosen skills' shares per published snapshot, with Wilson intervals.
- :func:`new_vs_closed` — AI/ML postings first seen and found closed per day or ISO week.
- :func:`run_board_results` — per-board outcome of the recent runs (the Runs page's failures).

Units: salaries USD per year; shares fractions in [0, 1]; counts are jobs: a dedup cluster (the same job on
several boards, or reposted) counts once, first seen with its first copy and closed with its last.
All dates are UTC (``open_published`` sets the session time zone).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Literal

import duckdb
import polars as pl

from warehouse.db import fetch_one, to_frame
from warehouse.queries import OVERALL, US_POSTED, latest_snapshot, snapshot_dates

# The guide-figure statistics whose live value is a range (live_low/live_high, each with its own interval);
# the names are transforms.figures' (the registry's) statistic names.
RANGE_STATISTICS = ("percentile_range", "modal_band")

CHANGE_SCHEMA: dict[str, pl.DataType] = {
    "kind": pl.String(),
    "key": pl.String(),
    "label": pl.String(),
    "unit": pl.String(),
    "snapshot_date": pl.Date(),
    "previous_snapshot_date": pl.Date(),
    "value": pl.Float64(),
    "ci_low": pl.Float64(),
    "ci_high": pl.Float64(),
    "n": pl.Int64(),
    "status": pl.String(),
    "value_previous": pl.Float64(),
    "ci_low_previous": pl.Float64(),
    "ci_high_previous": pl.Float64(),
    "n_previous": pl.Int64(),
    "status_previous": pl.String(),
    "change": pl.Float64(),
    "intervals_overlap": pl.Boolean(),
}


def _jobs(con: duckdb.DuckDBPyConnection) -> str:
    """SQL for one row per job (specialization, opened, closed as dates): a dedup cluster's postings are one
    job, first seen when any copy was, closed only when every copy is (the representative copy names the
    lane). Files published before clusters existed fall back to one job per posting."""
    row = fetch_one(
        con,
        "SELECT count(*) FROM information_schema.columns WHERE table_name = 'postings_ai_ml' "
        "AND column_name = 'cluster_id'",
    )
    if not (row and row[0]):
        return (
            "SELECT specialization, first_seen_at::DATE AS opened, closed_at::DATE AS closed "
            "FROM postings_ai_ml"
        )
    return """
        SELECT first(
                   specialization ORDER BY coalesce(is_representative, false) DESC, source, board, native_id
               ) AS specialization,
               min(first_seen_at)::DATE AS opened,
               CASE WHEN bool_or(closed_at IS NULL) THEN NULL ELSE max(closed_at) END::DATE AS closed
        FROM postings_ai_ml
        GROUP BY coalesce(cluster_id, source || '|' || board || '|' || native_id)
    """


def _has_table(con: duckdb.DuckDBPyConnection, table: str) -> bool:
    row = fetch_one(con, "SELECT count(*) FROM information_schema.tables WHERE table_name = ?", [table])
    return bool(row and row[0])


def previous_snapshot(con: duckdb.DuckDBPyConnection, snapshot_date: date | None = None) -> date | None:
    """The published snapshot just before ``snapshot_date`` (default: the one the file shows), or None."""
    current = snapshot_date or latest_snapshot(con)
    earlier = [d for d in snapshot_dates(con) if current is not None and d < current]
    return earlier[-1] if earlier else None


# One relation per kind with the same columns (snapshot_date, kind, key, ord, label, unit, value, ci_low,
# ci_high, n, status); $snaps holds the two dates compared.
_FIGURE_VALUES = """
SELECT snapshot_date, 'figure' AS kind, figure_id AS key, figure_order * 10 AS ord, label, unit,
       live_value AS value, ci_low, ci_high, n, status
FROM mart_guide_figures
WHERE snapshot_date IN (SELECT unnest($snaps)) AND statistic <> 'quoted'
  AND statistic NOT IN (SELECT unnest($ranges))
UNION ALL
SELECT snapshot_date, 'figure', figure_id || ':low', figure_order * 10 + 1, label || ' — low end', unit,
       live_low, live_low_ci_low, live_low_ci_high, n, status
FROM mart_guide_figures
WHERE snapshot_date IN (SELECT unnest($snaps)) AND statistic IN (SELECT unnest($ranges))
UNION ALL
SELECT snapshot_date, 'figure', figure_id || ':high', figure_order * 10 + 2, label || ' — high end', unit,
       live_high, live_high_ci_low, live_high_ci_high, n, status
FROM mart_guide_figures
WHERE snapshot_date IN (SELECT unnest($snaps)) AND statistic IN (SELECT unnest($ranges))
"""

_SKILL_VALUES = """
SELECT snapshot_date, 'skill' AS kind, skill AS key, 0 AS ord, skill AS label, 'fraction' AS unit,
       CASE WHEN suppressed THEN NULL ELSE share END AS value,
       CASE WHEN suppressed THEN NULL ELSE share_ci_low END AS ci_low,
       CASE WHEN suppressed THEN NULL ELSE share_ci_high END AS ci_high,
       n_postings AS n, CASE WHEN suppressed THEN 'suppressed' END AS status
FROM mart_skill_shares
WHERE snapshot_date IN (SELECT unnest($snaps)) AND segment_type = $overall
"""

_LANE_VALUES = """
SELECT snapshot_date, 'lane' AS kind, segment AS key, 0 AS ord, segment || ' — median salary' AS label,
       'usd_annual' AS unit, salary_p50_usd_annual AS value, salary_p50_ci_low_usd_annual AS ci_low,
       salary_p50_ci_high_usd_annual AS ci_high, n, CASE WHEN suppressed THEN 'suppressed' END AS status
FROM mart_salary_percentiles
WHERE snapshot_date IN (SELECT unnest($snaps)) AND segment_type = 'specialization' AND population = $pop
"""


def changes_since_previous(
    con: duckdb.DuckDBPyConnection, snapshot_date: date | None = None, *, population: str = US_POSTED
) -> pl.DataFrame:
    """Each live value at ``snapshot_date`` (default: the snapshot the file shows) beside the previous
    published snapshot: "what changed since last night".

    Grain: one row per kind × key, where kind is
    'figure' (mart_guide_figures, quoted figures left out; a range figure gives two rows, ``<id>:low`` and
    ``<id>:high``, each with its own interval), 'skill' (overall skill shares, fraction of AI/ML postings) or
    'lane' (median salary per specialization, USD per year, ``population``). Columns: :data:`CHANGE_SCHEMA`.
    ``value``/``ci_low``/``ci_high`` are the 95% interval at the snapshot (null when suppressed or missing),
    ``*_previous`` the same at ``previous_snapshot_date`` (null when there is no previous snapshot or the key
    is new); ``change`` = value − value_previous; ``intervals_overlap`` is false only when both intervals
    exist and are disjoint (a conservative sign the move is more than sampling noise). Ordered by kind
    (figures, lanes, skills), then the guide's order / largest current value.
    """
    current = snapshot_date or latest_snapshot(con)
    if current is None:
        raise LookupError("the published file names no snapshot")
    previous = previous_snapshot(con, current)
    has_figures = _has_table(con, "mart_guide_figures")  # files published before the guide marts lack it
    parts = [_FIGURE_VALUES, _SKILL_VALUES, _LANE_VALUES] if has_figures else [_SKILL_VALUES, _LANE_VALUES]
    sql = f"""
    WITH v AS ({" UNION ALL ".join(f"({p})" for p in parts)}),
    cur AS (SELECT * FROM v WHERE snapshot_date = $cur),
    prev AS (SELECT * FROM v WHERE snapshot_date = $prev)
    SELECT coalesce(cur.kind, prev.kind) AS kind, coalesce(cur.key, prev.key) AS key,
           coalesce(cur.label, prev.label) AS label, coalesce(cur.unit, prev.unit) AS unit,
           $cur::DATE AS snapshot_date, $prev::DATE AS previous_snapshot_date,
           cur.value, cur.ci_low, cur.ci_high, cur.n::BIGINT AS n, cur.status,
           prev.value AS value_previous, prev.ci_low AS ci_low_previous, prev.ci_high AS ci_high_previous,
           prev.n::BIGINT AS n_previous, prev.status AS status_previous,
           cur.value - prev.value AS change,
           NOT (cur.ci_high < prev.ci_low OR prev.ci_high < cur.ci_low) AS intervals_overlap
    FROM cur FULL OUTER JOIN prev ON cur.kind = prev.kind AND cur.key = prev.key
    ORDER BY CASE coalesce(cur.kind, prev.kind) WHEN 'figure' THEN 0 WHEN 'lane' THEN 1 ELSE 2 END,
             coalesce(cur.ord, prev.ord), cur.value DESC NULLS LAST, key
    """
    params = {
        "snaps": [d for d in (current, previous) if d is not None],
        "cur": current,
        "prev": previous,
        "overall": OVERALL,
        "pop": population,
    }
    if has_figures:
        params["ranges"] = list(RANGE_STATISTICS)
    frame = to_frame(con, sql, params)
    # The SQL's NOT(...) is null when an interval is missing: only a proven disjoint pair says "moved".
    return frame.with_columns(pl.col("intervals_overlap").fill_null(True)).cast(CHANGE_SCHEMA)


def postings_per_lane_per_week(con: duckdb.DuckDBPyConnection) -> pl.DataFrame:
    """Active AI/ML postings per specialization per ISO week, from the first week a posting was seen up to
    the week of the snapshot the file shows.

    Grain: one row per ISO week × specialization (postings without one: 'unassigned'). Columns: ``iso_week``
    ('2026-W44'), ``week_start`` (Monday, date), ``specialization``, ``n_active`` (postings first seen on or
    before the week's Sunday and not found closed by its Monday: closed_at is the first fetch that missed
    them, so a posting counts as active until then), ``n_new`` (first seen that week), ``n_closed`` (found
    closed that week), ``partial_week`` (the week runs past the snapshot date). Counts are jobs (dedup
    clusters, see :func:`_jobs`); closed postings stay in the file, so past weeks are not survivor-biased.
    """
    # Running sums instead of a weeks x postings comparison (linear in postings): a posting is active in week
    # W when first seen by W's Sunday and not found closed by W's Monday; closed_at never precedes
    # first_seen_at, so n_active(W) = postings first seen up to W minus postings gone by W's Monday.
    jobs = _jobs(con)
    return to_frame(
        con,
        f"""
        WITH p AS (
            SELECT coalesce(specialization, 'unassigned') AS specialization, opened, closed
            FROM ({jobs})
        ),
        snap AS (SELECT max(snapshot_date) AS snap FROM publication),
        weeks AS (
            SELECT unnest(generate_series(
                       date_trunc('week', (SELECT min(opened) FROM p))::DATE,
                       date_trunc('week', (SELECT snap FROM snap))::DATE,
                       INTERVAL 7 DAY))::DATE AS week_start
            WHERE (SELECT min(opened) FROM p) IS NOT NULL
        ),
        lanes AS (SELECT DISTINCT specialization FROM p),
        opened AS (
            SELECT specialization, date_trunc('week', opened)::DATE AS week_start, count(*) AS n
            FROM p GROUP BY ALL
        ),
        closed_in AS (
            SELECT specialization, date_trunc('week', closed)::DATE AS week_start, count(*) AS n
            FROM p WHERE closed IS NOT NULL GROUP BY ALL
        ),
        -- the first Monday on or after the closing date: from that week on the posting is not active
        gone_by AS (
            SELECT specialization, (date_trunc('week', closed - 1) + INTERVAL 7 DAY)::DATE AS week_start,
                   count(*) AS n
            FROM p WHERE closed IS NOT NULL GROUP BY ALL
        ),
        grid AS (
            SELECT w.week_start, l.specialization, coalesce(o.n, 0) AS n_new, coalesce(c.n, 0) AS n_closed,
                   coalesce(g.n, 0) AS n_gone
            FROM weeks w CROSS JOIN lanes l
            LEFT JOIN opened o ON o.week_start = w.week_start AND o.specialization = l.specialization
            LEFT JOIN closed_in c ON c.week_start = w.week_start AND c.specialization = l.specialization
            LEFT JOIN gone_by g ON g.week_start = w.week_start AND g.specialization = l.specialization
        )
        SELECT strftime(week_start, '%G-W%V') AS iso_week, week_start, specialization,
               (sum(n_new) OVER lane - sum(n_gone) OVER lane)::BIGINT AS n_active,
               n_new::BIGINT AS n_new, n_closed::BIGINT AS n_closed,
               week_start + 6 > (SELECT snap FROM snap) AS partial_week
        FROM grid
        WINDOW lane AS (PARTITION BY specialization ORDER BY week_start ROWS UNBOUNDED PRECEDING)
        ORDER BY week_start, specialization
        """,
    )


def skill_share_over_time(
    con: duckdb.DuckDBPyConnection,
    skills: Sequence[str],
    *,
    segment_type: str = OVERALL,
    segment: str | None = None,
) -> pl.DataFrame:
    """Shares of ``skills`` in every published snapshot (mart_skill_shares history), oldest first.

    Grain: one row per snapshot_date × segment × skill. Columns: ``snapshot_date``, ``window_days``,
    ``segment``, ``skill``, ``n_postings`` (postings with text in the window), ``n_mentions``, ``share``
    (fraction) with its 95% Wilson interval ``share_ci_low``/``share_ci_high``, ``suppressed``,
    ``methodology_version``. Suppressed cells keep n but have null share and interval.
    """
    return to_frame(
        con,
        """
        SELECT snapshot_date, window_days, segment, skill, n_postings, n_mentions,
               CASE WHEN suppressed THEN NULL ELSE share END AS share,
               CASE WHEN suppressed THEN NULL ELSE share_ci_low END AS share_ci_low,
               CASE WHEN suppressed THEN NULL ELSE share_ci_high END AS share_ci_high,
               coalesce(suppressed, false) AS suppressed, methodology_version
        FROM mart_skill_shares
        WHERE segment_type = $stype AND ($segment IS NULL OR segment = $segment)
          AND skill IN (SELECT unnest($skills::VARCHAR[]))
        ORDER BY skill, segment, snapshot_date
        """,
        {"stype": segment_type, "segment": segment, "skills": list(skills)},
    )


def new_vs_closed(con: duckdb.DuckDBPyConnection, period: Literal["day", "week"] = "day") -> pl.DataFrame:
    """AI/ML postings first seen and found closed per period (UTC day — one per nightly snapshot — or ISO
    week), oldest first; periods with neither are left out.

    Grain: one row per period. Columns: ``period_start`` (date; Monday for weeks), ``period`` (ISO date or
    '2026-W44'), ``n_new`` (first seen in the period), ``n_closed`` (found closed in the period: the first
    fetch that missed them), ``n_net`` (= n_new − n_closed), ``n_open_at_end`` (first seen by the period's
    end and not closed by then), ``first_period`` (true for the period holding the first fetch: its n_new is
    the backlog found when tracking began, not new openings).
    """
    if period not in ("day", "week"):
        raise ValueError(f"period must be 'day' or 'week', not {period!r}")
    label = "strftime(period_start, '%Y-%m-%d')" if period == "day" else "strftime(period_start, '%G-W%V')"
    jobs = _jobs(con)
    return to_frame(
        con,
        f"""
        WITH p AS (SELECT opened, closed FROM ({jobs})),
        events AS (
            SELECT date_trunc('{period}', opened)::DATE AS period_start, 1 AS new, 0 AS closed FROM p
            UNION ALL
            SELECT date_trunc('{period}', closed)::DATE, 0, 1 FROM p WHERE closed IS NOT NULL
        ),
        periods AS (
            SELECT period_start, sum(new)::BIGINT AS n_new, sum(closed)::BIGINT AS n_closed
            FROM events GROUP BY period_start
        )
        -- every posting opens once and closes at most once, later: open at a period's end = all first seen
        -- so far minus all found closed so far
        SELECT period_start, {label} AS period, n_new, n_closed, n_new - n_closed AS n_net,
               sum(n_new - n_closed) OVER (ORDER BY period_start ROWS UNBOUNDED PRECEDING)::BIGINT
                   AS n_open_at_end,
               period_start = min(period_start) OVER () AS first_period
        FROM periods
        ORDER BY period_start
        """,
    )


def run_board_results(con: duckdb.DuckDBPyConnection, runs: int = 10) -> pl.DataFrame:
    """Per-board outcome of the ``runs`` most recent runs in the published file, newest run first, failed
    boards first within a run.

    Grain: one row per run × board (source, board). Columns: ``run_id``, ``started_at``, ``status``,
    ``snapshot_date``, ``source``, ``board``, ``postings`` (listed), ``new``, ``closed``, ``reopened``,
    ``requests``, ``duration_s`` (seconds), ``error`` (null when the board fetched and parsed). Empty for
    files published before the published file carried ``run_boards``.
    """
    if not _has_table(con, "run_boards"):
        return pl.DataFrame()
    return to_frame(
        con,
        """
        WITH recent AS (SELECT * FROM runs_summary ORDER BY started_at DESC, run_id DESC LIMIT $runs)
        SELECT r.run_id, r.started_at, r.status, r.snapshot_date, b.source, b.board, b.postings, b.new,
               b.closed, b.reopened, b.requests, b.duration_s, b.error
        FROM recent r JOIN run_boards b USING (run_id)
        ORDER BY r.started_at DESC, r.run_id DESC, b.error IS NULL, b.source, b.board
        """,
        {"runs": runs},
    )
