"""Recruitee: parser on a hand-written fixture (never recorded) and fetch through the real client."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import httpx

from extractors.http_client import ClientConfig, PoliteClient
from extractors.raw_store import RawStore
from extractors.recruitee import fetch_recruitee, parse_recruitee, parse_recruitee_time

FIXTURE = Path(__file__).parent / "fixtures_boards" / "recruitee_nordlicht.json"
FETCHED = datetime(2026, 10, 8, 3, 0, tzinfo=UTC)


def test_published_offers_only_with_fields() -> None:
    postings = parse_recruitee(
        FIXTURE.read_bytes(), board="nordlicht", fetched_at=FETCHED, raw_sha256="sha-r"
    )
    assert [p.native_id for p in postings] == ["4520011", "4520012"]  # the draft offer is left out
    ml = postings[0]
    assert (ml.source, ml.board) == ("recruitee", "nordlicht")
    assert ml.title == "ML Engineer, Recommendations" and ml.company == "Nordlicht"
    assert ml.locations == ("Hamburg, Hamburg, Germany", "Berlin, Berlin, Germany")
    assert ml.remote is False and ml.extra["hybrid"] is True
    assert ml.posted_at == datetime(2026, 10, 5, 16, 5, 18, tzinfo=UTC)
    assert ml.url == "https://nordlicht.recruitee.com/o/ml-engineer-recommendations"
    assert ml.salary_structured == {
        "salary": {"min": "65000", "max": "85000", "period": "annual", "currency": "EUR"}
    }
    assert ml.description_text == "Build ranking models with TensorFlow.\n- 3+ years in recommender systems"
    assert ml.extra["employment_type_code"] == "fulltime_permanent"
    assert "mailbox_email" not in repr(ml) and "job.x7kq2" not in repr(ml)
    student = postings[1]
    assert student.remote is True and student.salary_structured is None  # all-null salary
    assert student.locations == ("Germany",)  # no rows: the location string
    assert student.description_text == "Du unterstützt unser Analytics-Team.\nEingeschriebene:r Student:in"


def test_recruitee_time_format() -> None:
    assert parse_recruitee_time("2026-10-05 16:05:18 UTC") == datetime(2026, 10, 5, 16, 5, 18, tzinfo=UTC)
    assert parse_recruitee_time("2026-10-05T18:05:18+02:00") == datetime(2026, 10, 5, 16, 5, 18, tzinfo=UTC)
    assert parse_recruitee_time(None) is None


def test_fetch_through_the_client(tmp_path: Path) -> None:
    urls: list[str] = []

    def answer(request: httpx.Request) -> httpx.Response:
        urls.append(str(request.url))
        return httpx.Response(200, content=FIXTURE.read_bytes(), headers={"Content-Type": "application/json"})

    config = ClientConfig(min_spacing_s=0.0, max_retries=0)
    with PoliteClient(RawStore(tmp_path), config, transport=httpx.MockTransport(answer)) as client:
        (fetched,) = fetch_recruitee(client, "nordlicht")
    assert urls == ["https://nordlicht.recruitee.com/api/offers/"]
    assert fetched.record.source == "recruitee" and fetched.record.board == "nordlicht"
    assert len(parse_recruitee(fetched.body, board="nordlicht", fetched_at=fetched.record.fetched_at)) == 2
