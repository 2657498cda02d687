-- validation_results — grain: one row per run × suite × expectation (× column). Written as bookkeeping so a
-- blocked or failed run keeps the evidence. severity: critical (blocks publishing) | warn (recorded only).
-- observed: JSON text of what the check saw (unexpected count/percent, sample values, observed value).
CREATE TABLE validation_results (
    run_id       VARCHAR NOT NULL,
    suite        VARCHAR NOT NULL,
    expectation  VARCHAR NOT NULL,
    "column"     VARCHAR,
    severity     VARCHAR NOT NULL CHECK (severity IN ('critical', 'warn')),
    success      BOOLEAN NOT NULL,
    observed     VARCHAR,
    recorded_at  TIMESTAMPTZ NOT NULL DEFAULT current_timestamp
);

-- publications — grain: one row per successful publish: which snapshot_date was copied into which published
-- DuckDB file, when, and by which run. The latest row names the snapshot the dashboard currently shows.
CREATE TABLE publications (
    published_at  TIMESTAMPTZ NOT NULL,
    snapshot_date DATE NOT NULL,
    run_id        VARCHAR,
    path          VARCHAR NOT NULL,
    n_skill_rows  INTEGER NOT NULL,
    n_salary_rows INTEGER NOT NULL,
    n_postings    INTEGER NOT NULL
);
