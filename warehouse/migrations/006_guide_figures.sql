-- mart_guide_figures — grain: snapshot_date × figure_id. Every market figure of the Career Guide 2026 (the
-- registry: transforms/data/figure_registry.yaml) beside its live value as of snapshot_date, computed over the
-- postings active in the window_days window ending then (transforms/figures.py: guide_figures_mart).
-- unit: 'usd_annual' (salaries, USD per year), 'fraction' (shares and premiums, 0..1) or 'usd' (a quoted sum).
-- guide_value_low/high: the guide's value (equal for a single number); guide_open_high: printed as "$350K+".
-- A point figure fills live_value with its 95% interval ci_low/ci_high; a range figure (p10-p90, p25-p75,
-- the sweet-spot band) fills live_low/live_high, each with its own 95% interval. n: postings behind the figure;
-- n_matching: shares' numerator, postings inside the sweet-spot band.
-- status: 'agrees' | 'differs' (guide value outside the interval) | 'insufficient data' (suppressed: live
-- values null, n and suppression_reason kept) | 'quoted' (not derivable from postings; note says why).
CREATE TABLE mart_guide_figures (
    snapshot_date       DATE NOT NULL,
    window_days         BIGINT,
    figure_id           VARCHAR NOT NULL,
    figure_order        BIGINT NOT NULL,
    figure_group        VARCHAR NOT NULL,
    label               VARCHAR NOT NULL,
    statistic           VARCHAR NOT NULL,
    unit                VARCHAR NOT NULL,
    population          VARCHAR,
    guide_text          VARCHAR NOT NULL,
    guide_value_low     DOUBLE,
    guide_value_high    DOUBLE,
    guide_open_high     BOOLEAN,
    guide_source        VARCHAR,
    live_value          DOUBLE,
    ci_low              DOUBLE,
    ci_high             DOUBLE,
    live_low            DOUBLE,
    live_low_ci_low     DOUBLE,
    live_low_ci_high    DOUBLE,
    live_high           DOUBLE,
    live_high_ci_low    DOUBLE,
    live_high_ci_high   DOUBLE,
    n                   BIGINT,
    n_matching          BIGINT,
    status              VARCHAR NOT NULL CHECK (status IN ('agrees', 'differs', 'insufficient data', 'quoted')),
    suppression_reason  VARCHAR,
    note                VARCHAR,
    methodology_version VARCHAR NOT NULL,
    PRIMARY KEY (snapshot_date, figure_id)
);

-- mart_guide_salary_tables — grain: snapshot_date × table_name × figure_id. The guide's two salary tables
-- ('specialization': "Pick a Lane", read against live p25-p75; 'compensation': "What the Market Actually Pays",
-- read against live p10-p90) with the full live distribution per row (transforms/guide_tables.py). Salaries in
-- USD per year; each percentile with its 95% order-statistic interval; suppressed rows keep n and say why.
CREATE TABLE mart_guide_salary_tables (
    snapshot_date                 DATE NOT NULL,
    window_days                   BIGINT,
    table_name                    VARCHAR NOT NULL CHECK (table_name IN ('specialization', 'compensation')),
    row_order                     BIGINT NOT NULL,
    figure_id                     VARCHAR NOT NULL,
    label                         VARCHAR NOT NULL,
    filter                        VARCHAR,
    population                    VARCHAR,
    guide_text                    VARCHAR,
    guide_value_low               DOUBLE,
    guide_value_high              DOUBLE,
    guide_open_high               BOOLEAN,
    guide_quantile_low            DOUBLE,
    guide_quantile_high           DOUBLE,
    guide_source                  VARCHAR,
    n                             BIGINT,
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
    status                        VARCHAR NOT NULL CHECK (status IN ('agrees', 'differs', 'insufficient data')),
    suppression_reason            VARCHAR,
    methodology_version           VARCHAR NOT NULL,
    PRIMARY KEY (snapshot_date, table_name, figure_id)
);
