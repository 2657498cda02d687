"""Salary families found by the publish gate on the whole replay set (real Greenhouse metadata, HN headers,
French job ads): each would have put an absurd annual USD figure into the marts."""

from __future__ import annotations

import polars as pl

from transforms.enrich.salary import parse_salary_field, salary_frame
from transforms.enrich.salary_text import find_mentions
from transforms.enrich.structured import salary_text_from_structured


def test_an_iso_code_outside_the_fx_table_is_kept_not_taken_for_dollars() -> None:
    got = parse_salary_field("Geo A Salary Currency Range: COP 254600000-381800000", None)
    assert (got.currency, got.min, got.max) == ("COP", 254600000.0, 381800000.0)
    frame = pl.DataFrame(
        {
            "uid": ["gh:1"],
            "title": ["ML Engineer"],
            "company": ["Acme"],
            "location": ["Bogotá, Colombia"],
            "description": [""],
            "salary_text": ["Geo A Salary Currency Range: COP 254600000-381800000"],
        }
    )
    row = salary_frame(frame).row(0, named=True)
    assert row["salary_currency"] == "COP"
    assert (
        row["salary_annual_usd_mid"] is None
    )  # no dated rate shipped for COP: no USD figure, not a wrong one


def test_hn_header_salary_is_not_a_trusted_field() -> None:
    """The HN header is our reading of a comment; the comment text goes through the not-pay rules instead."""
    header = {"header_salary": "Base + Equity + Benefits (Unlimited PTO, $400/monthly for groceries&food)"}
    assert salary_text_from_structured("hn", header) is None
    assert find_mentions(header["header_salary"]) == []  # a grocery allowance is not pay


def test_per_night_is_a_daily_rate() -> None:
    (m,) = find_mentions("Rémunération : 630€ net par nuit")
    assert (m.low, m.currency, m.period) == (630.0, "EUR", "DAY")


def test_hourly_rate_with_three_decimals_is_not_thousands() -> None:
    (m,) = find_mentions("Salaire selon la loi RIST 48.577€ brut de l'heure")
    assert (m.low, m.period) == (48.577, "HOUR")
    (big,) = find_mentions("Salary: €48.577 per year")  # a yearly figure keeps its thousands reading
    assert big.low == 48577.0
