-- Run bookkeeping and the raw landing index.
-- These tables are written outside the run's data transaction (see warehouse/db.py: bookkeeping), so a run that
-- crashes still shows up in `jobpulse status` with what it fetched and why it failed.

-- runs — grain: one row per pipeline run (refresh or backfill step).
-- status: running | succeeded | failed | blocked (blocked = data loaded but a critical expectation stopped publishing).
CREATE TABLE runs (
    run_id        VARCHAR PRIMARY KEY,
    started_at    TIMESTAMPTZ NOT NULL,
    finished_at   TIMESTAMPTZ,
    status        VARCHAR NOT NULL CHECK (status IN ('running', 'succeeded', 'failed', 'blocked')),
    published     BOOLEAN NOT NULL DEFAULT false,
    snapshot_date DATE,
    message       VARCHAR
);

-- run_boards — grain: one row per run × board attempted (source, board). error is NULL when the board fetched and
-- parsed fine; counts are what the loader reported for that board in that run (requests/bytes from the fetcher).
CREATE TABLE run_boards (
    run_id     VARCHAR NOT NULL,
    source     VARCHAR NOT NULL,
    board      VARCHAR NOT NULL,
    postings   INTEGER NOT NULL DEFAULT 0,
    new        INTEGER NOT NULL DEFAULT 0,
    closed     INTEGER NOT NULL DEFAULT 0,
    reopened   INTEGER NOT NULL DEFAULT 0,
    updated    INTEGER NOT NULL DEFAULT 0,
    requests   INTEGER NOT NULL DEFAULT 0,
    bytes      BIGINT NOT NULL DEFAULT 0,
    duration_s DOUBLE NOT NULL DEFAULT 0,
    error      VARCHAR,
    PRIMARY KEY (run_id, source, board)
);

-- raw_responses — grain: one landing per fetch per run: exactly what was fetched (status, size, where the body is
-- stored, by its sha256), before any parsing. error holds the transport/HTTP failure when there is no usable body.
CREATE TABLE raw_responses (
    run_id       VARCHAR NOT NULL,
    sha256       VARCHAR,
    url          VARCHAR NOT NULL,
    status       INTEGER,
    source       VARCHAR,
    board        VARCHAR,
    fetched_at   TIMESTAMPTZ NOT NULL,
    content_type VARCHAR,
    n_bytes      BIGINT,
    store_path   VARCHAR,
    error        VARCHAR
);
