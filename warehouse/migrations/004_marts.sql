-- Marts: what the dashboard and exports read (after publishing). Kept per snapshot_date: daily snapshots are kept
-- and rewriting a snapshot date replaces that date's rows (warehouse/load.py: write_marts).

-- mart_skill_shares — grain: snapshot_date × segment_type × segment × skill.
-- share = n_mentions / n_postings over the active postings of the window ending at snapshot_date;
-- share_ci_low/high = 95% Wilson interval; suppressed = too few postings to show the share as precise.
CREATE TABLE mart_skill_shares (
    snapshot_date       DATE NOT NULL,
    window_days         INTEGER,
    segment_type        VARCHAR NOT NULL,
    segment             VARCHAR NOT NULL,
    skill               VARCHAR NOT NULL,
    n_postings          INTEGER,
    n_mentions          INTEGER,
    share               DOUBLE,
    share_ci_low        DOUBLE,
    share_ci_high       DOUBLE,
    suppressed          BOOLEAN,
    methodology_version VARCHAR,
    PRIMARY KEY (snapshot_date, segment_type, segment, skill)
);

-- mart_salary_percentiles — grain: snapshot_date × segment_type × segment (× population, e.g. 'us_posted', so
-- posted and estimated salaries never mix in one row). Salaries in USD per year; n = postings with a salary in
-- the population; each percentile carries a 95% interval; suppressed rows keep n and say why.
CREATE TABLE mart_salary_percentiles (
    snapshot_date                 DATE NOT NULL,
    window_days                   INTEGER,
    segment_type                  VARCHAR NOT NULL,
    segment                       VARCHAR NOT NULL,
    population                    VARCHAR NOT NULL,
    n                             INTEGER,
    salary_p10_usd_annual         DOUBLE,
    salary_p10_ci_low_usd_annual  DOUBLE,
    salary_p10_ci_high_usd_annual DOUBLE,
    salary_p25_usd_annual         DOUBLE,
    salary_p25_ci_low_usd_annual  DOUBLE,
    salary_p25_ci_high_usd_annual DOUBLE,
    salary_p50_usd_annual         DOUBLE,
    salary_p50_ci_low_usd_annual  DOUBLE,
    salary_p50_ci_high_usd_annual DOUBLE,
    salary_p75_usd_annual         DOUBLE,
    salary_p75_ci_low_usd_annual  DOUBLE,
    salary_p75_ci_high_usd_annual DOUBLE,
    salary_p90_usd_annual         DOUBLE,
    salary_p90_ci_low_usd_annual  DOUBLE,
    salary_p90_ci_high_usd_annual DOUBLE,
    suppressed                    BOOLEAN,
    suppression_reason            VARCHAR,
    methodology_version           VARCHAR,
    PRIMARY KEY (snapshot_date, segment_type, segment, population)
);
