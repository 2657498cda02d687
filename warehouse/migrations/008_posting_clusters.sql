-- posting_clusters — grain: one row per posting key (source, board, native_id) of the postings table: the job
-- cluster it belongs to (transforms/dedup.py: the same job across sources and reposts). Rebuilt whole on every
-- run over all postings, so a cluster can gain members from any board. cluster_id = 'dup-' + 12 hex digits
-- of sha1(smallest member key): stable while that member exists. cluster_size = postings in the cluster;
-- cluster_urls = every distinct URL of the cluster, sorted. representative_rank = 1 for the posting that
-- stands for the job in the marts (posted salary first, then the longest text, then the smallest key), 2.. for
-- the others in that order; is_representative = (representative_rank = 1). computed_at = when the run built it.
CREATE TABLE posting_clusters (
    source               VARCHAR NOT NULL,
    board                VARCHAR NOT NULL,
    native_id            VARCHAR NOT NULL,
    cluster_id           VARCHAR NOT NULL,
    cluster_size         BIGINT NOT NULL,
    is_representative    BOOLEAN NOT NULL,
    representative_rank  BIGINT NOT NULL,
    cluster_urls         VARCHAR[],
    computed_at          TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (source, board, native_id)
);
