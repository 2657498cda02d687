-- postings — grain: one row per posting key (source, board, native_id), i.e. one job post on one board, over its
-- whole life. Content columns hold the latest snapshot's version; content_hash is the sha256 of the normalised
-- content fields (see warehouse/load.py: content_hash) so a changed posting is detectable without diffing text.
-- Lifecycle (UTC): first_seen_at = first successful board fetch that listed it; last_seen_at = latest such fetch;
-- closed_at = the fetch time at which it was first missing from a successfully fetched board (NULL while open;
-- cleared when the posting reappears). updated_at = when content or lifecycle last changed (the seen_at of that
-- load). raw_sha256 = the landing body the current content was first parsed from.
CREATE TABLE postings (
    source            VARCHAR NOT NULL,
    board             VARCHAR NOT NULL,
    native_id         VARCHAR NOT NULL,
    url               VARCHAR,
    title             VARCHAR NOT NULL,
    company           VARCHAR,
    locations         VARCHAR[],
    remote            BOOLEAN,
    description_text  VARCHAR,
    posted_at         TIMESTAMPTZ,
    salary_structured JSON,
    raw_sha256        VARCHAR,
    content_hash      VARCHAR NOT NULL,
    first_seen_at     TIMESTAMPTZ NOT NULL,
    last_seen_at      TIMESTAMPTZ NOT NULL,
    closed_at         TIMESTAMPTZ,
    updated_at        TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (source, board, native_id)
);
