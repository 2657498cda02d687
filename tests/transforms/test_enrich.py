"""The enrich() orchestrator: shape, order, purity, nulls and version columns."""

from __future__ import annotations

import polars as pl

from transforms.enrich import ENRICH_VERSION, INPUT_COLUMNS, enrich

ROWS = [
    {
        "uid": "t:1",
        "title": "Senior Machine Learning Engineer",
        "company": "Acme",
        "location": "San Francisco, CA",
        "description": "Train PyTorch models and deploy LLM agents. 5+ years. Pay $180,000 - $220,000. "
        "Questions: jane@acme.com",
        "salary_text": None,
    },
    {
        "uid": "t:2",
        "title": "Account Executive",
        "company": None,
        "location": None,
        "description": "Sell our AI platform. Call 415-555-0199.",
        "salary_text": None,
    },
    {
        "uid": "t:3",
        "title": None,
        "company": None,
        "location": None,
        "description": None,
        "salary_text": None,
    },
]


def frame() -> pl.DataFrame:
    return pl.DataFrame(ROWS, schema=dict.fromkeys(INPUT_COLUMNS, pl.String))


def test_one_row_per_input_in_order_with_the_contract_columns() -> None:
    out = enrich(frame())
    assert out["uid"].to_list() == ["t:1", "t:2", "t:3"]
    for col in (
        *INPUT_COLUMNS,
        "is_ai_ml",
        "specialization",
        "seniority",
        "experience_min_years",
        "skills",
        "salary_min",
        "salary_max",
        "salary_currency",
        "salary_period",
        "salary_kind",
        "salary_estimated",
        "salary_annual_usd_mid",
        "country",
        "us_state",
        "role_reason",
        "enrich_version",
        "taxonomy_version",
    ):
        assert col in out.columns, col
    assert out.schema["skills"] == pl.List(pl.String)
    assert out.schema["experience_min_years"] == pl.Int64
    assert out["enrich_version"].unique().to_list() == [ENRICH_VERSION]


def test_values_of_a_typical_posting() -> None:
    first = enrich(frame()).row(0, named=True)
    assert first["is_ai_ml"] is True
    assert first["seniority"] == "senior"
    assert first["specialization"] is not None
    assert {"pytorch", "llm", "agents"} <= set(first["skills"])
    assert first["skills"] == sorted(set(first["skills"]))
    assert first["experience_min_years"] == 5
    assert first["salary_currency"] == "USD"
    assert "[email]" in first["description"] and "jane@acme.com" not in first["description"]


def test_not_ai_ml_has_no_specialization_and_empty_rows_do_not_fail() -> None:
    out = enrich(frame())
    assert out["is_ai_ml"].to_list()[1:] == [False, False]
    assert out["specialization"].to_list()[1:] == [None, None]
    assert out["seniority"].null_count() == 0
    assert "[phone]" in out["description"][1]


def test_input_is_not_modified_and_extra_columns_are_ignored() -> None:
    df = frame().with_columns(pl.lit("x").alias("posted_at"))
    before = df.clone()
    enrich(df)
    assert df.equals(before)


def test_missing_columns_and_zero_rows() -> None:
    out = enrich(pl.DataFrame({"uid": ["a"], "title": ["ML Engineer"], "description": ["PyTorch"]}))
    assert out["salary_text"].to_list() == [None] and out["is_ai_ml"].to_list() == [True]
    empty = enrich(frame().head(0))
    assert empty.height == 0 and "skills" in empty.columns
