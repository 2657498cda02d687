"""Lever parser on the real recorded fixtures (../shared) and crafted edge cases."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import pytest

from extractors.errors import ParseError
from extractors.lever import lever_url, parse_lever

FETCHED = datetime(2026, 11, 26, 3, 0, tzinfo=UTC)


@pytest.mark.shared
def test_palantir_fixture(shared_dir: Path) -> None:
    raw = (shared_dir / "data" / "ats_api_fixtures_small" / "ATS_Polling" / "lever.json").read_bytes()
    postings = parse_lever(raw, board="palantir", fetched_at=FETCHED, company="Palantir")
    assert [p.native_id for p in postings] == [
        "ac978161-6f46-4f6b-ad9e-a258e642751c",
        "0bbfd4f4-41ff-4ec6-b73f-5200efd5d4d3",
    ]
    p = postings[1]
    assert p.title == "Administrative Business Partner - Security"
    assert p.posted_at == datetime.fromtimestamp(1778622524938 / 1000, tz=UTC)
    assert p.locations == ("Palo Alto, CA",)
    assert p.remote is False  # workplaceType "hybrid"
    assert p.company == "Palantir"
    assert p.url == "https://jobs.lever.co/palantir/0bbfd4f4-41ff-4ec6-b73f-5200efd5d4d3"
    assert p.salary_structured is None  # pay is only in additionalPlain on this fixture
    # description = description + lists (heading + items) + additional
    for heading in ("Core Responsibilities", "What We Value", "What We Require"):
        assert f"\n{heading}\n- " in p.description_text
    assert "estimated to be $60,000 - $97,000/year" in p.description_text  # from `additional`


@pytest.mark.shared
def test_matchgroup_salary_range(shared_dir: Path) -> None:
    raw = (shared_dir / "replay" / "bodies" / "lever" / "2026-07-18" / "matchgroup.json").read_bytes()
    first, second = parse_lever(raw, board="matchgroup", fetched_at=FETCHED)
    assert first.title == "Android Engineer III"
    assert first.posted_at == datetime.fromtimestamp(1779223091267 / 1000, tz=UTC)
    assert first.salary_structured["salaryRange"] == {
        "interval": "per-year-salary",
        "currency": "USD",
        "min": 150000,
        "max": 180000,
    }
    assert first.salary_structured["salaryDescription"].startswith("Factors such as scope")
    assert second.salary_structured is None
    assert second.locations == ("Seoul, South Korea",)


def test_workplace_types_and_tracking_query() -> None:
    items = [
        {
            "id": "a",
            "text": "ML Engineer",
            "workplaceType": "remote",
            "hostedUrl": "https://jobs.lever.co/x/a?lever-source=li",
        },
        {"id": "b", "text": "ML Engineer", "workplaceType": "onsite"},
        {"id": "c", "text": "ML Engineer", "workplaceType": "unspecified"},
    ]
    a, b, c = parse_lever(json.dumps(items).encode(), board="x", fetched_at=FETCHED)
    assert (a.remote, b.remote, c.remote) == (True, False, None)
    assert a.url == "https://jobs.lever.co/x/a"
    assert a.posted_at is None and a.locations == ()


@pytest.mark.parametrize(
    "raw", [b"{", b'{"ok": false, "error": "Document not found"}', b"[1]", b'[{"id": "a"}]']
)
def test_malformed_bodies_raise_parse_error(raw: bytes) -> None:
    with pytest.raises(ParseError) as info:
        parse_lever(raw, board="x", fetched_at=FETCHED)
    assert info.value.source == "lever" and info.value.board == "x"


def test_url_shape() -> None:
    assert lever_url("palantir") == "https://api.lever.co/v0/postings/palantir?mode=json"
