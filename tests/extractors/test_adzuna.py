"""Adzuna: parser on the 40 recorded French search pages, crafted markup/estimate cases, and replay paging."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import pytest

from extractors.adzuna import clean_title, fetch_adzuna, is_predicted, missing_credentials, parse_adzuna
from extractors.http_client import ClientConfig, PoliteClient
from extractors.raw_store import RawStore
from extractors.replay import ReplayServer

FETCHED = datetime(2026, 3, 26, 9, 0, tzinfo=UTC)
DIR = "replay/bodies/adzuna/2026-03-26/fr"


@pytest.mark.shared
def test_all_recorded_pages(shared_dir: Path) -> None:
    files = sorted((shared_dir / DIR).glob("search_*_p*.json"))
    assert len(files) == 40
    postings = [p for f in files for p in parse_adzuna(f.read_bytes(), board="fr", fetched_at=FETCHED)]
    assert len(postings) == 2000
    # 9 ads were returned by two different keyword searches: same key, so they dedupe downstream.
    assert len({p.key for p in postings}) == 1991
    with_pay = [p for p in postings if p.salary_structured]
    assert len(with_pay) == 208
    assert not any(is_predicted(p.salary_structured) for p in postings)  # every recorded value is "0"
    assert {p.salary_structured["currency_implied"] for p in with_pay} == {"EUR"}


@pytest.mark.shared
def test_sample_fields(shared_dir: Path) -> None:
    body = (shared_dir / DIR / "search_data-analyst_p1.json").read_bytes()
    postings = {
        p.native_id: p for p in parse_adzuna(body, board="fr", fetched_at=FETCHED, raw_sha256="sha-a")
    }
    assert len(postings) == 50
    p = postings["5625960991"]
    assert (p.source, p.board) == ("adzuna", "fr")
    assert p.title == "Data Analyst" and p.company == "GROUPE IRCEM"
    assert p.locations == ("Roubaix, Lille",) and p.remote is None
    assert p.posted_at == datetime(2026, 2, 12, 11, 58, 35, tzinfo=UTC)
    assert p.url == "https://www.adzuna.fr/details/5625960991?utm_medium=api&utm_source=12b83b5d"
    assert p.salary_structured == {
        "salary_min": 33000,
        "salary_max": 43000,
        "salary_is_predicted": "0",
        "country": "fr",
        "currency_implied": "EUR",
    }
    assert p.extra["category_tag"] == "it-jobs" and p.extra["contract_time"] == "full_time"
    assert p.extra["location_area"] == ["France", "Hauts-De-France", "Nord", "Lille", "Roubaix"]
    # An hourly-looking pair stays as given (the salary parser decides the period).
    assert postings["5652305968"].salary_structured["salary_min"] == 32
    assert postings["5647090589"].salary_structured is None


def test_strong_markup_and_predicted_salary() -> None:
    item = {
        "id": "42",
        "title": "Senior <strong>Machine Learning</strong> Engineer &amp; MLOps",
        "salary_min": 95000.5,
        "salary_max": 95000.5,
        "salary_is_predicted": "1",
        "created": "2026-03-01T10:00:00Z",
        "company": {"display_name": "Acme"},
    }
    (p,) = parse_adzuna(json.dumps({"results": [item]}).encode(), board="gb", fetched_at=FETCHED)
    assert p.title == "Senior Machine Learning Engineer & MLOps"
    assert p.salary_structured is not None and p.salary_structured["currency_implied"] == "GBP"
    assert is_predicted(p.salary_structured) and p.extra["salary_estimated"] is True
    assert clean_title("  <strong>AI</strong>   Lead ") == "AI Lead"


@dataclass
class _Settings:
    adzuna_app_id: str = ""
    adzuna_app_key: str = ""


def test_missing_credentials_message() -> None:
    message = missing_credentials(_Settings(adzuna_app_id="id"))
    assert message is not None and message.startswith("adzuna skipped:")
    assert "JOBPULSE_ADZUNA_APP_KEY" in message and "JOBPULSE_ADZUNA_APP_ID" not in message
    assert missing_credentials(_Settings("id", "key")) is None


@pytest.mark.shared
def test_paging_through_replay_server_misses_only_page_3(tmp_path: Path, replay_index: Path) -> None:
    config = ClientConfig(min_spacing_s=0.0, max_retries=0)
    with (
        ReplayServer(replay_index) as server,
        PoliteClient(RawStore(tmp_path), config, rewriter=server.rewriter()) as client,
    ):
        pages = fetch_adzuna(
            client, "fr", app_id="test-id", app_key="test-key", queries=("data analyst",), max_pages=3
        )
        misses = [(m.host, m.path) for m in server.misses]
    assert misses == [("api.adzuna.com", "/v1/api/jobs/fr/search/3")]
    assert len(pages) == 2
    parsed = [p for f in pages for p in parse_adzuna(f.body, board="fr", fetched_at=f.record.fetched_at)]
    assert len(parsed) == 100 and len({p.native_id for p in parsed}) == 100
