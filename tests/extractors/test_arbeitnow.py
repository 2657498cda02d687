"""Arbeitnow: parser on the real recorded page 1 and paging through the replay server."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import pytest

from extractors.arbeitnow import API_URL, fetch_arbeitnow, has_next_page, parse_arbeitnow
from extractors.http_client import ClientConfig, PoliteClient
from extractors.raw_store import RawStore
from extractors.replay import ReplayServer

FETCHED = datetime(2026, 5, 19, 12, 0, tzinfo=UTC)
BODY = "replay/bodies/arbeitnow/2026-05-19/job-board-api_page1.json"


@pytest.mark.shared
def test_count_and_sample(shared_dir: Path) -> None:
    body = (shared_dir / BODY).read_bytes()
    postings = parse_arbeitnow(body, fetched_at=FETCHED, raw_sha256="sha-an")
    assert len(postings) == 100
    p = postings[0]
    assert (p.source, p.board, p.native_id) == ("arbeitnow", "", "hr-manager-hr-generalist-stuttgart-78115")
    assert p.title == "HR Manager / HR Generalist (m/w/d)"
    assert p.company == "autofox GmbH"
    assert p.locations == ("Stuttgart",) and p.remote is False
    assert p.posted_at == datetime(2026, 5, 17, 12, 30, 29, tzinfo=UTC)  # created_at 1779021029
    assert p.salary_structured is None
    assert (
        p.url
        == "https://www.arbeitnow.com/jobs/companies/autofox-gmbh/hr-manager-hr-generalist-stuttgart-78115"
    )
    assert p.extra == {"tags": ["Recruitment and Selection"], "job_types": ["gesch\u00e4ftsleitung"]}
    assert p.description_text.startswith("Wir bei autofox GmbH suchen")
    remote = [p.native_id for p in postings if p.remote]
    assert remote == [
        "technical-customer-support-manager-berlin-312321",
        "werde-customer-success-marketing-managerin-in-einem-ki-start-up-fur-fuhrungskrafteentwicklung-koln-188540",
        "praktikum-online-marketing-marketing-startup-ki-ai-bielefeld-393742",
    ]
    assert has_next_page(body) is True


def test_last_page_has_no_next() -> None:
    body = json.dumps({"data": [], "links": {"next": None}, "meta": {}}).encode()
    assert parse_arbeitnow(body, fetched_at=FETCHED) == []
    assert has_next_page(body) is False


@pytest.mark.shared
def test_paging_through_replay_server_stops_at_the_unrecorded_page_2(
    tmp_path: Path, replay_index: Path
) -> None:
    config = ClientConfig(min_spacing_s=0.0, max_retries=0)
    with (
        ReplayServer(replay_index) as server,
        PoliteClient(RawStore(tmp_path), config, rewriter=server.rewriter()) as client,
    ):
        pages = fetch_arbeitnow(client, max_pages=5)
        misses = [(m.host, m.path, m.query) for m in server.misses]
    assert misses == [("www.arbeitnow.com", "/api/job-board-api", "page=2")]
    assert [f.record.url for f in pages] == [f"{API_URL}?page=1"]
    assert len(parse_arbeitnow(pages[0].body, fetched_at=pages[0].record.fetched_at)) == 100


@pytest.mark.shared
def test_page_cap_avoids_the_miss(tmp_path: Path, replay_index: Path) -> None:
    config = ClientConfig(min_spacing_s=0.0, max_retries=0)
    with (
        ReplayServer(replay_index) as server,
        PoliteClient(RawStore(tmp_path), config, rewriter=server.rewriter()) as client,
    ):
        assert len(fetch_arbeitnow(client, max_pages=1)) == 1
        assert server.misses == []
