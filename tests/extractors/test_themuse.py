"""The Muse: parser on the ten recorded pages and paging through the replay server."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import pytest

from extractors.http_client import ClientConfig, PoliteClient
from extractors.raw_store import RawStore
from extractors.replay import ReplayServer
from extractors.themuse import fetch_themuse, page_count, parse_themuse

FETCHED = datetime(2026, 3, 26, 9, 0, tzinfo=UTC)
PAGES = [f"replay/bodies/themuse/2026-03-26/jobs_page{n:02d}.json" for n in range(1, 11)]


@pytest.mark.shared
def test_ten_pages_give_200_distinct_postings(shared_dir: Path) -> None:
    postings = [
        p for page in PAGES for p in parse_themuse((shared_dir / page).read_bytes(), fetched_at=FETCHED)
    ]
    assert len(postings) == 200
    assert len({p.native_id for p in postings}) == 200
    # levels go to extra exactly as named by the source
    levels = [lvl for p in postings for lvl in p.extra["levels"]]
    assert (levels.count("Mid Level"), levels.count("Senior Level"), levels.count("Entry Level")) == (
        119,
        71,
        10,
    )
    assert sum(1 for p in postings if p.remote) == 2
    assert page_count((shared_dir / PAGES[0]).read_bytes()) is None  # the replayed envelope has no page_count


@pytest.mark.shared
def test_sample_fields(shared_dir: Path) -> None:
    postings = parse_themuse((shared_dir / PAGES[0]).read_bytes(), fetched_at=FETCHED, raw_sha256="sha-m")
    p = postings[0]
    assert (p.source, p.board, p.native_id) == ("themuse", "", "20838284")
    assert p.title == "Manager, Equipment and Automation Engineering (Starlink)"
    assert p.company == "SpaceX"
    assert p.locations == ("Lockhart, TX",) and p.remote is None
    assert p.posted_at == datetime(2025, 12, 8, 18, 33, 25, tzinfo=UTC)
    assert (
        p.url == "https://www.themuse.com/jobs/spacex/manager-equipment-and-automation-engineering-starlink"
    )
    assert p.extra["levels"] == ["Senior Level"] and p.salary_structured is None
    assert p.description_text.startswith("SpaceX was founded under the belief")
    remote = postings[4]
    assert remote.native_id == "20693577" and remote.company == "Ava Labs"
    assert remote.locations == ("Flexible / Remote", "New York, NY") and remote.remote is True
    assert remote.posted_at == datetime(2025, 11, 13, 23, 31, 35, tzinfo=UTC)


def test_page_count_read_from_a_full_envelope() -> None:
    body = json.dumps({"page": 1, "page_count": 7, "results": []}).encode()
    assert page_count(body) == 7
    assert parse_themuse(body, fetched_at=FETCHED) == []


@pytest.mark.shared
def test_paging_through_replay_server_misses_only_page_11(tmp_path: Path, replay_index: Path) -> None:
    config = ClientConfig(min_spacing_s=0.0, max_retries=0)
    with (
        ReplayServer(replay_index) as server,
        PoliteClient(RawStore(tmp_path), config, rewriter=server.rewriter()) as client,
    ):
        pages = fetch_themuse(client, max_pages=11)
        misses = [(m.host, m.path, m.query) for m in server.misses]
    assert misses == [("www.themuse.com", "/api/public/jobs", "page=11")]
    assert [f.record.url for f in pages] == [
        f"https://www.themuse.com/api/public/jobs?page={n}" for n in range(1, 11)
    ]
    parsed = [p for f in pages for p in parse_themuse(f.body, fetched_at=f.record.fetched_at)]
    assert len(parsed) == 200


@pytest.mark.shared
def test_default_cap_of_ten_pages_has_no_miss(tmp_path: Path, replay_index: Path) -> None:
    config = ClientConfig(min_spacing_s=0.0, max_retries=0)
    with (
        ReplayServer(replay_index) as server,
        PoliteClient(RawStore(tmp_path), config, rewriter=server.rewriter()) as client,
    ):
        assert len(fetch_themuse(client)) == 10
        assert server.misses == []
