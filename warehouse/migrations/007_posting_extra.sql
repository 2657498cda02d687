-- posting_extra — grain: one row per posting key (source, board, native_id): the source-specific fields a
-- parser kept beside the canonical columns (Posting.extra, e.g. Greenhouse requisition_id and internal_job_id,
-- which deduplication reads), as JSON, from the latest load that listed the posting. A separate table rather
-- than a postings column so the lifecycle loader (warehouse/load.py) and its content hash stay unchanged:
-- extra holds volatile fields (Greenhouse updated_at) that are not a change of what the board shows.
-- seen_at (UTC) = the fetch time of the snapshot the row came from.
CREATE TABLE posting_extra (
    source     VARCHAR NOT NULL,
    board      VARCHAR NOT NULL,
    native_id  VARCHAR NOT NULL,
    extra      JSON,
    seen_at    TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (source, board, native_id)
);
