"""Rendering of `Posting.salary_structured` into corpus-style `salary_text`, on hand-made shapes and on real
recorded bodies parsed by the extractors (Greenhouse metadata pay, Lever salaryRange)."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from extractors.greenhouse import parse_greenhouse
from extractors.lever import parse_lever
from transforms.enrich.salary import parse_salary_field
from transforms.enrich.structured import salary_text_from_structured

NOW = datetime(2026, 11, 26, tzinfo=UTC)


@pytest.mark.parametrize(
    ("source", "structured", "text"),
    [
        (
            "lever",
            {"salaryRange": {"interval": "per-year-salary", "currency": "USD", "min": 150000, "max": 180000}},
            "USD 150000-180000 per-year-salary",
        ),
        (
            "adzuna",
            {"salary_min": 33000, "salary_max": 43000, "salary_is_predicted": "0"},
            "salary_min=33000 salary_max=43000 salary_is_predicted=0",
        ),
        ("remoteok", {"salary_min": 180000, "salary_max": 210000}, "salary_min=180000 salary_max=210000"),
        (
            "usajobs",
            {
                "PositionRemuneration": [
                    {
                        "MinimumRange": "83528",
                        "MaximumRange": "108584",
                        "RateIntervalCode": "PA",
                        "Description": "Per Year",
                    }
                ]
            },
            "MinimumRange=83528 MaximumRange=108584 RateIntervalCode=PA (Per Year)",
        ),
        (
            "jsonld",
            {"min": 192000.0, "max": 264000.0, "currency": "USD", "period": "YEAR", "estimated": False},
            "baseSalary: USD 192000-264000 per YEAR",
        ),
        ("remotive", {"salary": "$18 - $22/hr"}, "$18 - $22/hr"),
        ("ashby", {"scrapeableCompensationSalarySummary": "€70K – €90K"}, "€70K – €90K"),
        (
            "ashby",
            {
                "salary_components": [
                    {
                        "compensationType": "Salary",
                        "interval": "1 YEAR",
                        "currencyCode": "EUR",
                        "minValue": 70000,
                        "maxValue": 90000,
                    }
                ]
            },
            "EUR 70000-90000 per year",
        ),
        (
            "greenhouse",
            {
                "pay_input_ranges": [
                    {
                        "min_cents": 5000000,
                        "max_cents": 7500000,
                        "currency_type": "USD",
                        "title": "NYC Salary Range",
                    }
                ]
            },
            "NYC Salary Range: USD 50000-75000",
        ),
    ],
)
def test_renderings_match_the_corpus_forms(source: str, structured: dict, text: str) -> None:
    assert salary_text_from_structured(source, structured) == text


@pytest.mark.parametrize(
    ("source", "structured"),
    [
        (
            "greenhouse",
            {
                "metadata_currency_range": [
                    {
                        "name": "Job Post Range (United States)",
                        "value": {"unit": "USD", "max_value": "0.01", "min_value": "0.01"},
                    }
                ]
            },
        ),
        (
            "greenhouse",
            {"pay_input_ranges": [{"min_cents": 0, "max_cents": 0, "currency_type": "USD", "title": "x"}]},
        ),
        (
            "greenhouse",
            {
                "pay_input_ranges": [
                    {
                        "min_cents": 1000000,
                        "max_cents": 2000000,
                        "currency_type": "USD",
                        "title": "Bonus Range",
                    }
                ]
            },
        ),
        ("remoteok", {"salary_min": None, "salary_max": None}),
        ("jsonld", {"min": None, "max": None, "currency": "USD", "period": "YEAR", "placeholder": "zero"}),
        ("lever", {"salaryDescription": "Factors such as scope may influence base pay offered."}),
        ("remotive", None),
        ("greenhouse", {"pay_input_ranges": "garbled"}),
    ],
)
def test_placeholders_and_non_pay_give_none(source: str, structured: dict | None) -> None:
    assert salary_text_from_structured(source, structured) is None


def test_import_estimate_flag_survives() -> None:
    text = salary_text_from_structured("import:csv", {"min": 90000, "max": 110000, "currency": "usd",
                                                      "period": "YEAR", "estimated": True})  # fmt: skip
    s = parse_salary_field(text or "", "US")
    assert (
        s is not None
        and s.estimated
        and (s.min, s.max, s.currency, s.period) == (90000, 110000, "USD", "YEAR")
    )


def test_greenhouse_hourly_name_and_cents() -> None:
    text = salary_text_from_structured(
        "greenhouse",
        {"pay_input_ranges": [{"min_cents": 2040, "max_cents": 3000, "currency_type": "USD",
                               "title": "Zone 1 Hourly (Menlo Park, CA)"}]},
    )  # fmt: skip
    s = parse_salary_field(text or "", "US")
    assert s is not None and (s.min, s.max, s.currency, s.period) == (20.4, 30.0, "USD", "HOUR")


def _body(shared_dir: Path, name: str) -> bytes:
    found = sorted((shared_dir / "replay" / "bodies").glob(name))
    assert found, name
    return found[-1].read_bytes()


def test_real_greenhouse_metadata_pay(shared_dir: Path) -> None:
    """Datadog, GoDaddy and MongoDB boards carry `currency_range` metadata; every rendered field parses."""
    parsed = 0
    for board in ("datadog", "godaddy", "mongodb"):
        postings = parse_greenhouse(
            _body(shared_dir, f"greenhouse/*/{board}.json"), board=board, fetched_at=NOW
        )
        for p in postings:
            text = salary_text_from_structured(p.source, p.salary_structured)
            if text is None:
                continue
            s = parse_salary_field(text, None)
            assert s is not None, text
            assert s.min <= s.max and len(s.currency) == 3 and s.currency.isupper()
            parsed += 1
    assert parsed > 100


def test_real_datadog_range(shared_dir: Path) -> None:
    postings = parse_greenhouse(
        _body(shared_dir, "greenhouse/*/datadog.json"), board="datadog", fetched_at=NOW
    )
    texts = [salary_text_from_structured(p.source, p.salary_structured) for p in postings]
    assert "Pay Transparency Range: USD 320000-400000" in texts


def test_real_lever_salary_range(shared_dir: Path) -> None:
    postings = parse_lever(_body(shared_dir, "lever/*/matchgroup.json"), board="matchgroup", fetched_at=NOW)
    texts = [t for p in postings if (t := salary_text_from_structured(p.source, p.salary_structured))]
    assert texts == ["USD 150000-180000 per-year-salary"]
    s = parse_salary_field(texts[0], "US")
    assert s is not None and (s.min, s.max, s.period, s.estimated) == (150000, 180000, "YEAR", False)
