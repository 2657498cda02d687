"""Workable widget: parser on a hand-written fixture (never recorded) and fetch through the real client."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import httpx
import pytest

from extractors.errors import HttpStatusError, ParseError
from extractors.http_client import ClientConfig, PoliteClient
from extractors.raw_store import RawStore
from extractors.workable import fetch_workable, parse_workable

FIXTURE = Path(__file__).parent / "fixtures_boards" / "workable_acme-ml.json"
FETCHED = datetime(2026, 10, 2, 3, 0, tzinfo=UTC)


def test_dedupes_on_shortcode_and_merges_locations() -> None:
    postings = parse_workable(FIXTURE.read_bytes(), board="acme-ml", fetched_at=FETCHED, raw_sha256="sha-w")
    assert [p.native_id for p in postings] == ["3F9A1C2B7D", "81C0FFEE42"]
    ml = postings[0]
    assert (ml.source, ml.board) == ("workable", "acme-ml")
    assert ml.title == "Senior Machine Learning Engineer" and ml.company == "Acme ML"
    # Two rows for one shortcode: Berlin, then Amsterdam; the hidden Munich row is left out.
    assert ml.locations == ("Berlin, Berlin, Germany", "Amsterdam, North Holland, Netherlands")
    assert ml.remote is False
    assert ml.posted_at == datetime(2026, 9, 14, tzinfo=UTC)  # published_on, a date
    assert ml.url == "https://apply.workable.com/j/3F9A1C2B7D"
    assert (
        ml.description_text
        == "You will train and ship PyTorch models.\n- 5+ years of Python\n- MLOps on Kubernetes"
    )
    assert ml.extra["employment_type"] == "Full-time" and ml.extra["experience"] == "Mid-Senior level"
    assert ml.salary_structured is None and ml.raw_sha256 == "sha-w"
    ds = postings[1]
    assert ds.title == "Data Scientist - EMEA Remote" and ds.remote is True
    assert ds.description_text == "Causal inference & experimentation for pricing."
    assert ds.extra["function"] is None and ds.extra["education"] == "Master's Degree"


def test_flat_location_fields_when_no_rows_and_shape_errors() -> None:
    job = {"shortcode": "A1", "title": "AI Engineer", "city": "Lyon", "country": "France"}
    body = json.dumps({"name": "", "jobs": [job]}).encode()
    (p,) = parse_workable(body, board="x", fetched_at=FETCHED, company="Fallback Co")
    assert p.locations == ("Lyon, France",) and p.company == "Fallback Co" and p.posted_at is None
    with pytest.raises(ParseError):
        parse_workable(b"Not Found", board="x", fetched_at=FETCHED)


def _client(tmp_path: Path, answer: httpx.MockTransport) -> PoliteClient:
    return PoliteClient(RawStore(tmp_path), ClientConfig(min_spacing_s=0.0, max_retries=0), transport=answer)


def test_fetch_through_the_client(tmp_path: Path) -> None:
    urls: list[str] = []

    def answer(request: httpx.Request) -> httpx.Response:
        urls.append(str(request.url))
        if request.url.path.endswith("/acme-ml"):
            return httpx.Response(
                200, content=FIXTURE.read_bytes(), headers={"Content-Type": "application/json"}
            )
        return httpx.Response(404, text="Not Found", headers={"Content-Type": "text/plain"})

    with _client(tmp_path, httpx.MockTransport(answer)) as client:
        (fetched,) = fetch_workable(client, "acme-ml")
        with pytest.raises(HttpStatusError):
            fetch_workable(client, "no-such-account")
    assert urls[0] == "https://apply.workable.com/api/v1/widget/accounts/acme-ml?details=true"
    parsed = parse_workable(
        fetched.body, board="acme-ml", fetched_at=fetched.record.fetched_at, raw_sha256=fetched.record.sha256
    )
    assert len(parsed) == 2 and parsed[0].raw_sha256 == fetched.record.sha256
