"""Greenhouse parser on real recorded bodies (../shared) and on small crafted edge cases."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import pytest

from extractors.errors import ParseError
from extractors.greenhouse import greenhouse_url, parse_greenhouse

FETCHED = datetime(2026, 11, 26, 3, 0, tzinfo=UTC)


def body(shared_dir: Path, snapshot: str, board: str) -> bytes:
    return (shared_dir / "replay" / "bodies" / "greenhouse" / snapshot / f"{board}.json").read_bytes()


@pytest.mark.shared
@pytest.mark.parametrize(("snapshot", "expected"), [("2025-11-05", 675), ("2026-08-22", 816)])
def test_databricks_counts(shared_dir: Path, snapshot: str, expected: int) -> None:
    postings = parse_greenhouse(
        body(shared_dir, snapshot, "databricks"), board="databricks", fetched_at=FETCHED
    )
    assert len(postings) == expected
    assert len({p.native_id for p in postings}) == expected
    assert {p.company for p in postings} == {"Databricks"}


@pytest.mark.shared
def test_datadog_metadata_currency_range_sample(shared_dir: Path) -> None:
    postings = parse_greenhouse(
        body(shared_dir, "2026-08-21", "datadog"), board="datadog", fetched_at=FETCHED, raw_sha256="abc"
    )
    by_id = {p.native_id: p for p in postings}
    p = by_id["6572669"]
    assert p.title == "AI Research Scientist - Datadog AI Research (DAIR)"
    assert p.posted_at == datetime(2025, 1, 24, 14, 48, 23, tzinfo=UTC)  # first_published -05:00
    assert p.locations == ("New York, New York, USA",)
    assert p.salary_structured == {
        "metadata_currency_range": [
            {
                "name": "Pay Transparency Range",
                "value": {"unit": "USD", "max_value": "400000.0", "min_value": "320000.0"},
            }
        ]
    }
    assert p.raw_sha256 == "abc" and p.fetched_at == FETCHED
    # The same board's Paris posting has a currency_range field with a null value: no structured pay.
    assert by_id["7194969"].salary_structured is None


@pytest.mark.shared
def test_godaddy_keeps_every_currency_range_unparsed(shared_dir: Path) -> None:
    postings = parse_greenhouse(
        body(shared_dir, "2026-08-20", "godaddy"), board="godaddy", fetched_at=FETCHED
    )
    p = next(p for p in postings if p.native_id == "7242446003")
    assert p.title == "Commerce Lifecycle Marketing Manager"
    assert [r["name"] for r in p.salary_structured["metadata_currency_range"]] == [
        "Geo A Salary Currency Range",
        "Geo B Salary Currency Range",
    ]
    assert p.salary_structured["metadata_currency_range"][0]["value"] == {
        "unit": "CAD",
        "max_value": "152500.0",
        "min_value": "101500.0",
    }


@pytest.mark.shared
def test_content_fixture_decodes_entities_once_and_trims(shared_dir: Path) -> None:
    raw = (shared_dir / "data" / "ats_api_fixtures_small" / "ATS_Polling" / "greenhouse.json").read_bytes()
    postings = parse_greenhouse(raw, board="smarterdx", fetched_at=FETCHED)
    assert [p.native_id for p in postings] == ["5193736007", "5099964007"]
    p = postings[1]
    assert p.title == "Clinical Coding Specialist"  # recorded with a trailing space
    assert p.posted_at == datetime(2026, 4, 6, 13, 38, 12, tzinfo=UTC)
    assert p.locations == ("Remote (United States)",)
    assert p.remote is True
    assert p.company == "SmarterDx"
    text = p.description_text
    assert text.startswith("SmarterDx is transforming how health systems")
    assert "&nbsp;" not in text and "&amp;" not in text and "<" not in text
    assert "- Medical, Dental & Vision" in text  # <li> items become "- " lines


def job(**fields: object) -> dict:
    base = {"id": 1, "title": "ML Engineer", "location": {"name": "New York, NY"}, "first_published": None}
    return base | fields


def parse_jobs(*jobs: dict) -> list:
    return parse_greenhouse(json.dumps({"jobs": list(jobs)}).encode(), board="acme", fetched_at=FETCHED)


def test_double_escaped_text_is_decoded_exactly_once() -> None:
    content = "&lt;p&gt;Write &amp;lt;b&amp;gt; tags and use &amp;amp;&lt;/p&gt;"
    [p] = parse_jobs(job(content=content))
    assert p.description_text == "Write <b> tags and use &"


def test_workplace_type_metadata_beats_location_and_silence_is_unknown() -> None:
    remote_meta = {"name": "Workplace Type", "value": "Hybrid", "value_type": "single_select"}
    a, b, c = parse_jobs(
        job(id=1, metadata=[remote_meta], location={"name": "Remote - US"}),
        job(id=2, location={"name": "Remote, Bangalore"}),
        job(id=3),
    )
    assert (a.remote, b.remote, c.remote) == (False, True, None)


def test_pay_input_ranges_are_kept_in_cents() -> None:
    ranges = [
        {"min_cents": 5000000, "max_cents": 7500000, "currency_type": "USD", "title": "NYC Salary Range"}
    ]
    [p] = parse_jobs(job(pay_input_ranges=ranges))
    assert p.salary_structured == {"pay_input_ranges": ranges}


def test_offices_are_the_location_fallback() -> None:
    [p] = parse_jobs(
        job(location={"name": "  "}, offices=[{"name": "NYC", "location": "New York, NY, United States"}])
    )
    assert p.locations == ("New York, NY, United States",)


@pytest.mark.parametrize(
    "raw",
    [
        b"",
        b"not json",
        b"[]",
        b'{"jobs": {}}',
        b'{"jobs": [1]}',
        b'{"jobs": [{"title": "x"}]}',
        b'{"jobs": [{"id": 1}]}',
    ],
)
def test_malformed_bodies_raise_parse_error(raw: bytes) -> None:
    with pytest.raises(ParseError) as info:
        parse_greenhouse(raw, board="acme", fetched_at=FETCHED, raw_sha256="f00")
    assert (
        info.value.source == "greenhouse"
        and info.value.board == "acme"
        and "greenhouse/acme" in str(info.value)
    )


def test_empty_board_is_an_empty_list_not_an_error() -> None:
    assert parse_greenhouse(b'{"jobs": [], "meta": {"total": 0}}', board="acme", fetched_at=FETCHED) == []


def test_url_shape() -> None:
    assert (
        greenhouse_url("databricks")
        == "https://boards-api.greenhouse.io/v1/boards/databricks/jobs?content=true"
    )
