"""Remotive: parser on the real recorded envelope and fetch through the replay server."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import pytest

from extractors.errors import ParseError
from extractors.http_client import ClientConfig, PoliteClient
from extractors.raw_store import RawStore
from extractors.remotive import API_URL, fetch_remotive, parse_remotive
from extractors.replay import ReplayServer

FETCHED = datetime(2026, 7, 29, 12, 0, tzinfo=UTC)
BODY = "replay/bodies/remotive/2026-07-29/remote-jobs.json"


@pytest.mark.shared
def test_count_and_sample(shared_dir: Path) -> None:
    postings = parse_remotive((shared_dir / BODY).read_bytes(), fetched_at=FETCHED, raw_sha256="sha-rm")
    assert len(postings) == 35
    p = postings[0]
    assert (p.source, p.board, p.native_id) == ("remotive", "", "2090903")
    assert p.title == "Data Labeling Specialists"
    assert p.company == "Workada"
    assert p.url == "https://remotive.com/remote-jobs/data/data-labeling-specialists-2090903"
    # publication_date "2026-07-26T20:49:11" has no zone and is read as UTC.
    assert p.posted_at == datetime(2026, 7, 26, 20, 49, 11, tzinfo=UTC)
    assert p.salary_structured == {"salary": "$18 - $22/hr"}
    assert p.locations == ("USA",) and p.remote is True
    assert p.extra["job_type"] == "freelance" and p.extra["category"] == "Data and Analytics"
    assert p.description_text.startswith("Who We Are\nWorkada creates high-quality labeled data")


@pytest.mark.shared
def test_salary_text_kept_only_when_given(shared_dir: Path) -> None:
    raw = json.loads((shared_dir / BODY).read_bytes())
    postings = {p.native_id: p for p in parse_remotive((shared_dir / BODY).read_bytes(), fetched_at=FETCHED)}
    for job in raw["jobs"]:
        given = (job.get("salary") or "").strip()
        expected = {"salary": given} if given else None
        assert postings[str(job["id"])].salary_structured == expected


def test_bom_tolerated_and_missing_jobs_rejected() -> None:
    body = (
        b"\xef\xbb\xbf"
        + json.dumps(
            {"jobs": [{"id": 1, "title": " ML Engineer ", "publication_date": "2026-01-02T03:04:05"}]}
        ).encode()
    )
    (p,) = parse_remotive(body, fetched_at=FETCHED)
    assert p.title == "ML Engineer" and p.salary_structured is None and p.locations == ()
    with pytest.raises(ParseError):
        parse_remotive(b'{"job-count": 0}', fetched_at=FETCHED)


@pytest.mark.shared
def test_fetch_through_replay_server_is_one_call(tmp_path: Path, replay_index: Path) -> None:
    config = ClientConfig(min_spacing_s=0.0, max_retries=0)
    with (
        ReplayServer(replay_index) as server,
        PoliteClient(RawStore(tmp_path), config, rewriter=server.rewriter()) as client,
    ):
        fetched = fetch_remotive(client)
        assert server.misses == [] and len(server.served) == 1
    assert [f.record.url for f in fetched] == [API_URL]
    assert len(parse_remotive(fetched[0].body, fetched_at=fetched[0].record.fetched_at)) == 35
