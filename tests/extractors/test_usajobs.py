"""USAJobs: parser on the real recorded page, credentials check, and paging through the replay server."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import httpx
import pytest

from extractors.http_client import ClientConfig, PoliteClient
from extractors.raw_store import RawStore
from extractors.replay import ReplayServer
from extractors.usajobs import (
    fetch_usajobs,
    missing_credentials,
    parse_usajobs,
    rate_interval_period,
    result_pages,
)

FETCHED = datetime(2025, 8, 5, 12, 0, tzinfo=UTC)
BODY = "replay/bodies/usajobs/2025-08-05/search_ResultsPerPage3.json"


@pytest.mark.shared
def test_count_and_sample(shared_dir: Path) -> None:
    body = (shared_dir / BODY).read_bytes()
    postings = parse_usajobs(body, fetched_at=FETCHED, raw_sha256="sha-u")
    assert [p.native_id for p in postings] == ["547366900", "757849800", "767082000"]
    p = postings[0]
    assert p.source == "usajobs" and p.board == ""
    assert p.title == (
        "Technical Operations (AJW) Airway Transportation Systems Specialist Employee Requested Reassignment"
    )
    assert p.company == "Federal Aviation Administration"
    assert p.extra["department"] == "Department of Transportation"
    assert p.url == "https://www.usajobs.gov:443/job/547366900"
    # PublicationStartDate "2025-08-04T14:13:21.8270" has no zone and is read as UTC.
    assert p.posted_at == datetime(2025, 8, 4, 14, 13, 21, 827000, tzinfo=UTC)
    assert p.salary_structured == {
        "PositionRemuneration": [
            {
                "MinimumRange": "38560",
                "MaximumRange": "123652",
                "RateIntervalCode": "PA",
                "Description": "Per Year",
            }
        ]
    }
    raw = json.loads(body)["SearchResult"]["SearchResultItems"][0]["MatchedObjectDescriptor"]
    assert len(p.locations) == len(raw["PositionLocation"])
    assert p.locations[0] == "Saint Croix, Virgin Islands"
    assert p.remote is False  # RemoteIndicator false
    assert p.description_text.startswith("Summary\nThis announcement is for FAA permanent employees")
    assert "\nMajor duties\n" in p.description_text and "\nQualifications\n" in p.description_text
    nurse = postings[2]
    assert nurse.title == "Nurse" and nurse.locations == ("McLaughlin, South Dakota",)
    assert nurse.salary_structured["PositionRemuneration"][0]["MinimumRange"] == "83528"
    assert result_pages(body) == 3334


def test_rate_interval_codes() -> None:
    codes = ("PA", "PH", "PD", "PW", "PM", "Per Hour", "BW", "XX", None)
    expected = ["YEAR", "HOUR", "DAY", "WEEK", "MONTH", "HOUR", "UNKNOWN", "UNKNOWN", "UNKNOWN"]
    assert [rate_interval_period(c) for c in codes] == expected


def test_remote_from_display_string_or_string_flag() -> None:
    item = {
        "MatchedObjectId": "1",
        "MatchedObjectDescriptor": {
            "PositionTitle": "Data Scientist",
            "PositionLocationDisplay": "Anywhere in the U.S. (remote job)",
            "PositionLocation": [],
            "UserArea": {"Details": {"RemoteIndicator": "False"}},
        },
    }
    body = json.dumps({"SearchResult": {"SearchResultItems": [item]}}).encode()
    (p,) = parse_usajobs(body, fetched_at=FETCHED)
    assert p.remote is True and p.locations == ("Anywhere in the U.S. (remote job)",)
    assert p.salary_structured is None and p.posted_at is None


@dataclass
class _Settings:
    usajobs_api_key: str = ""
    usajobs_email: str = ""


def test_missing_credentials_message() -> None:
    message = missing_credentials(_Settings())
    assert message is not None and message.startswith("usajobs skipped:")
    assert "JOBPULSE_USAJOBS_API_KEY" in message and "JOBPULSE_USAJOBS_EMAIL" in message
    assert missing_credentials(_Settings("k", "me@example.org")) is None
    with pytest.raises(ValueError):
        fetch_usajobs(None, api_key="", email="me@example.org")  # type: ignore[arg-type]


@pytest.mark.shared
def test_paging_through_replay_server_misses_page_2(tmp_path: Path, replay_index: Path) -> None:
    config = ClientConfig(min_spacing_s=0.0, max_retries=0)
    with (
        ReplayServer(replay_index) as server,
        PoliteClient(RawStore(tmp_path), config, rewriter=server.rewriter()) as client,
    ):
        pages = fetch_usajobs(
            client, api_key="test-key", email="me@example.org", params={}, results_per_page=3, max_pages=2
        )
        misses = [(m.host, m.path, m.query) for m in server.misses]
    assert misses == [("data.usajobs.gov", "/api/search", "ResultsPerPage=3&Page=2")]
    assert [f.record.url for f in pages] == ["https://data.usajobs.gov/api/search?ResultsPerPage=3"]
    assert len(parse_usajobs(pages[0].body, fetched_at=pages[0].record.fetched_at)) == 3


def test_fetch_sends_the_key_and_email_headers(tmp_path: Path) -> None:
    seen: list[httpx.Request] = []

    def answer(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return httpx.Response(
            200, json={"SearchResult": {"SearchResultItems": [], "UserArea": {"NumberOfPages": "1"}}}
        )

    config = ClientConfig(min_spacing_s=0.0, max_retries=0)
    with PoliteClient(RawStore(tmp_path), config, transport=httpx.MockTransport(answer)) as client:
        pages = fetch_usajobs(client, api_key="k-123", email="me@example.org", keyword="machine learning")
    assert len(pages) == 1 and len(seen) == 1
    assert seen[0].headers["Authorization-Key"] == "k-123"
    assert seen[0].headers["User-Agent"] == "me@example.org"
    assert seen[0].headers["Host"] == "data.usajobs.gov"
    assert str(seen[0].url) == (
        "https://data.usajobs.gov/api/search?Keyword=machine+learning&JobCategoryCode=1550%3B1560%3B2210"
        "&ResultsPerPage=500"
    )
