"""Ashby parser on the real recorded fixtures (../shared) and crafted compensation shapes."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import pytest

from extractors.ashby import ashby_url, parse_ashby
from extractors.errors import ParseError

FETCHED = datetime(2026, 11, 26, 3, 0, tzinfo=UTC)


@pytest.mark.shared
def test_openevidence_fixture(shared_dir: Path) -> None:
    raw = (shared_dir / "data" / "ats_api_fixtures_small" / "ATS_Polling" / "ashby.json").read_bytes()
    postings = parse_ashby(raw, board="openevidence", fetched_at=FETCHED)
    assert [p.title for p in postings] == ["Member of Technical Staff", "Software Engineer, Data Platform"]
    p = postings[0]
    assert p.native_id == "4c577aae-1ad0-444b-9e15-2ad994333de4"
    assert p.posted_at == datetime(2026, 1, 22, 21, 44, 44, 930000, tzinfo=UTC)
    assert p.locations == ("San Francisco", "Miami")
    assert p.remote is False
    assert p.salary_structured is None  # compensation object present but empty
    assert p.description_text and "<" not in p.description_text


@pytest.mark.shared
def test_linear_fixture(shared_dir: Path) -> None:
    raw = (shared_dir / "replay" / "bodies" / "ashby" / "2026-07-18" / "linear.json").read_bytes()
    postings = parse_ashby(raw, board="linear", fetched_at=FETCHED, company="Linear")
    assert [p.locations for p in postings] == [("Europe",), ("North America",)]
    assert all(p.remote is True and p.company == "Linear" for p in postings)


def ashby_job(**fields: object) -> dict:
    return {"id": "j1", "title": "Inference Engineer", "isListed": True, "location": "SF"} | fields


def test_salary_component_is_chosen_by_type_not_position_and_unlisted_dropped() -> None:
    equity = {
        "compensationType": "EquityCashValue",
        "interval": "1 YEAR",
        "currencyCode": "USD",
        "minValue": 1,
        "maxValue": 2,
    }
    salary = {
        "compensationType": "Salary",
        "interval": "1 YEAR",
        "currencyCode": "USD",
        "minValue": 180000,
        "maxValue": 240000,
    }
    comp = {
        "compensationTierSummary": "$180K – $240K • Offers Equity",
        "scrapeableCompensationSalarySummary": "$180K - $240K",
        "compensationTiers": [
            {"title": "Zone A", "tierSummary": "$180K – $240K", "components": [equity, salary]}
        ],
        "summaryComponents": [equity, salary],
    }
    body = {"apiVersion": "1", "jobs": [ashby_job(compensation=comp), ashby_job(id="j2", isListed=False)]}
    [p] = parse_ashby(json.dumps(body).encode(), board="x", fetched_at=FETCHED)
    assert p.salary_structured == {
        "salary_components": [salary],
        "tiers": [{"title": "Zone A", "tierSummary": "$180K – $240K", "salary_components": [salary]}],
        "compensationTierSummary": "$180K – $240K • Offers Equity",
        "scrapeableCompensationSalarySummary": "$180K - $240K",
    }


def test_secondary_locations_accept_strings_and_workplace_fallback() -> None:
    job = ashby_job(secondaryLocations=["NYC", {"location": "Austin"}], workplaceType="Remote")
    [p] = parse_ashby(json.dumps({"jobs": [job]}).encode(), board="x", fetched_at=FETCHED)
    assert p.locations == ("SF", "NYC", "Austin") and p.remote is True


@pytest.mark.parametrize("raw", [b"\xff\xfe", b"[]", b'{"jobs": null}', b'{"jobs": [{"title": "x"}]}'])
def test_malformed_bodies_raise_parse_error(raw: bytes) -> None:
    with pytest.raises(ParseError) as info:
        parse_ashby(raw, board="x", fetched_at=FETCHED)
    assert info.value.source == "ashby"


def test_url_shape() -> None:
    assert (
        ashby_url("openai") == "https://api.ashbyhq.com/posting-api/job-board/openai?includeCompensation=true"
    )
