-- postings_enriched — grain: one row per posting key (source, board, native_id), the output of transforms/enrich
-- for the posting's current content. Rows are replaced per run for the postings the run enriched.
-- Units: salary_min/max in salary_currency per salary_period as stated; salary_annual_usd_* annualised
-- (hour x2080, day x260, week x52, month x12) and converted to USD at the rate of fx_rate_date.
-- enrich_version names the parser versions so a figure can be recomputed.
CREATE TABLE postings_enriched (
    source                 VARCHAR NOT NULL,
    board                  VARCHAR NOT NULL,
    native_id              VARCHAR NOT NULL,
    is_ai_ml               BOOLEAN,
    specialization         VARCHAR,
    seniority              VARCHAR,
    experience_min_years   DOUBLE,
    skills                 VARCHAR[],
    salary_min             DOUBLE,
    salary_max             DOUBLE,
    salary_currency        VARCHAR,
    salary_period          VARCHAR,
    salary_kind            VARCHAR,
    salary_estimated       BOOLEAN,
    salary_period_inferred BOOLEAN,
    salary_snippet         VARCHAR,
    salary_source          VARCHAR,
    salary_annual_usd_min  DOUBLE,
    salary_annual_usd_max  DOUBLE,
    salary_annual_usd_mid  DOUBLE,
    fx_rate_date           DATE,
    country                VARCHAR,
    us_state               VARCHAR,
    is_us                  BOOLEAN,
    role_reason            VARCHAR,
    enrich_version         VARCHAR,
    enriched_at            TIMESTAMPTZ NOT NULL DEFAULT current_timestamp,
    PRIMARY KEY (source, board, native_id)
);
