"""SmartRecruiters: recorded Vitol list page, detail parsing, the title pre-filter, paging via replay."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import pytest

from extractors.http_client import ClientConfig, PoliteClient
from extractors.raw_store import RawStore
from extractors.replay import ReplayServer
from extractors.smartrecruiters import (
    fetch_smartrecruiters,
    list_page_info,
    looks_ai_ml_title,
    parse_smartrecruiters,
    prefer_detail,
)

FETCHED = datetime(2026, 6, 23, 18, 0, tzinfo=UTC)
BODY = "replay/bodies/smartrecruiters/2026-06-23/Vitol_limit5_offset0.json"
LIST = "https://api.smartrecruiters.com/v1/companies/Vitol/postings"


@pytest.mark.shared
def test_list_page_count_and_sample(shared_dir: Path) -> None:
    body = (shared_dir / BODY).read_bytes()
    postings = parse_smartrecruiters(body, board="Vitol", fetched_at=FETCHED, raw_sha256="sha-s")
    assert [p.title for p in postings] == [
        "Platform Engineer",
        "Project Accounting Analyst",
        "Software Engineer",
        "Senior Messaging & Core Infrastructure Engineer (Exchange and Messaging Specialist)",
        "Futures Execution Specialist",
    ]
    p = postings[0]
    assert (p.source, p.board, p.native_id) == ("smartrecruiters", "Vitol", "744000133666057")
    assert p.company == "Vitol"
    assert p.posted_at == datetime(2026, 6, 23, 17, 40, 25, 923000, tzinfo=UTC)
    assert p.locations == ("Singapore, Singapore",)  # fullLocation "Singapore, , Singapore"
    assert p.remote is False
    assert p.url is None and p.description_text == "" and p.salary_structured is None
    assert p.extra["experience_level"] == "Mid-Senior Level"
    assert p.extra["type_of_employment"] == "Full-time"
    assert p.extra["department"] == "MIS, Technology"
    offset, count, total, items = list_page_info(body)
    assert (offset, count, total) == (0, 5, 42)
    assert items[0] == ("744000133666057", "Platform Engineer")


DETAIL = {
    "id": "744000999",
    "name": "Senior Machine Learning Engineer",
    "company": {"identifier": "Acme", "name": "Acme Corp"},
    "releasedDate": "2026-10-08T17:50:26.027Z",
    "location": {"city": "Austin", "region": "TX", "country": "us", "remote": True, "hybrid": False},
    "postingUrl": "https://jobs.smartrecruiters.com/Acme/744000999-senior-machine-learning-engineer",
    "creator": {"name": "A. Recruiter"},
    "jobAd": {
        "sections": {
            "companyDescription": {"title": "Company Description", "text": "<p>Acme builds robots.</p>"},
            "jobDescription": {"title": "Job Description", "text": "<ul><li>Train models in JAX</li></ul>"},
            "qualifications": {"title": "Qualifications", "text": "<p>5+ years</p>"},
            "additionalInformation": {
                "title": "Additional Information",
                "text": "<p>$180,000 - $220,000</p>",
            },
        }
    },
}


def test_detail_body_gives_a_described_posting() -> None:
    (p,) = parse_smartrecruiters(json.dumps(DETAIL).encode(), board="Acme", fetched_at=FETCHED)
    assert p.url == DETAIL["postingUrl"]
    assert p.locations == ("Austin, TX, us",) and p.remote is True
    assert p.description_text.split("\n") == [
        "Company Description", "Acme builds robots.", "Job Description", "- Train models in JAX",
        "Qualifications", "5+ years", "Additional Information", "$180,000 - $220,000",
    ]  # fmt: skip
    assert "A. Recruiter" not in repr(p)
    row = {k: v for k, v in DETAIL.items() if k not in ("jobAd", "postingUrl", "creator")}
    listed = parse_smartrecruiters(
        json.dumps({"offset": 0, "limit": 1, "totalFound": 1, "content": [row]}).encode(),
        board="Acme",
        fetched_at=FETCHED,
    )
    assert listed[0].url is None and listed[0].description_text == ""
    assert prefer_detail([*listed, p]) == [p]
    assert prefer_detail([p, *listed]) == [p]


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("Senior ML Engineer", True),
        ("A.I. Solutions Architect", True),
        ("Machine Learning Scientist", True),
        ("Data Scientist II", True),
        ("Research Engineer, Perception", True),
        ("Platform Engineer", False),
        ("Maintenance Technician", False),  # "ai" inside a word
        ("HTML Developer", False),  # "ml" inside a word
    ],
)
def test_title_prefilter(title: str, expected: bool) -> None:
    assert looks_ai_ml_title(title) is expected


def _client(tmp_path: Path, server: ReplayServer) -> PoliteClient:
    return PoliteClient(
        RawStore(tmp_path), ClientConfig(min_spacing_s=0.0, max_retries=0), rewriter=server.rewriter()
    )


@pytest.mark.shared
def test_paging_through_replay_server_misses_offset_5(tmp_path: Path, replay_index: Path) -> None:
    with ReplayServer(replay_index) as server, _client(tmp_path, server) as client:
        fetched = fetch_smartrecruiters(client, "Vitol", limit=5)
        misses = [(m.host, m.path, m.query) for m in server.misses]
    # No Vitol title looks AI/ML, so no detail was requested; offset 5 was never recorded.
    assert misses == [("api.smartrecruiters.com", "/v1/companies/Vitol/postings", "limit=5&offset=5")]
    assert [f.record.url for f in fetched] == [f"{LIST}?limit=5&offset=0"]


@pytest.mark.shared
def test_detail_404s_are_skipped_not_fatal(tmp_path: Path, replay_index: Path, shared_dir: Path) -> None:
    # No detail body was recorded: asking for every posting's detail gives one 404 per posting, each skipped.
    with ReplayServer(replay_index) as server, _client(tmp_path, server) as client:
        fetched = fetch_smartrecruiters(client, "Vitol", limit=5, max_pages=1, wants_detail=lambda _t: True)
        missed_paths = [m.path for m in server.misses]
    assert len(fetched) == 1
    ids = [pid for pid, _title in list_page_info((shared_dir / BODY).read_bytes())[3]]
    assert len(ids) == 5
    assert missed_paths == [f"/v1/companies/Vitol/postings/{pid}" for pid in ids]
