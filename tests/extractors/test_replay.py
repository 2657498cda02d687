"""ReplayServer: matching rules, snapshot semantics, misses, and the client's rewriting through it."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import httpx
import pytest

from extractors.errors import HttpStatusError
from extractors.http_client import ORIGINAL_HOST_HEADER, ClientConfig, PoliteClient
from extractors.raw_store import RawStore
from extractors.registry import fetch_and_parse
from extractors.replay import Miss, ReplayServer, load_index, request_key

FAST = ClientConfig(min_spacing_s=0.0, max_retries=0)
ADZUNA = "https://api.adzuna.com/v1/api/jobs/fr/search/1?results_per_page=50&what=data+analyst"


def test_request_key_normalises_query_host_and_path() -> None:
    a = request_key("get", "https://API.adzuna.com:443/v1/x?what=data+analyst&results_per_page=50")
    b = request_key(
        "GET", "http://api.adzuna.com/v1/x?results_per_page=50&app_key=k&what=data%20analyst&app_id=i"
    )
    assert (
        a == b == ("GET", "api.adzuna.com", "/v1/x", (("results_per_page", "50"), ("what", "data analyst")))
    )
    assert request_key("GET", "https://h/a%20b/")[2] == "/a b/"  # percent-decoded, trailing slash kept
    assert request_key("GET", "/p?x=1", host="Boards-API.greenhouse.io")[1] == "boards-api.greenhouse.io"


@pytest.mark.shared
def test_shuffled_reencoded_query_with_credentials_matches(replay_index: Path) -> None:
    with ReplayServer(replay_index) as server:
        expected = server.entry_for(ADZUNA)
        assert expected is not None
        query = "app_id=ID&what=data%20analyst&app_key=KEY&results_per_page=50"  # shuffled, re-encoded
        url = f"{server.base_url}/v1/api/jobs/fr/search/1?{query}"
        with_host = httpx.get(url, headers={ORIGINAL_HOST_HEADER: "api.adzuna.com"})
        hostless = httpx.get(url)
        wrong_host = httpx.get(url, headers={ORIGINAL_HOST_HEADER: "api.adzuna.fr"})
    for response in (with_host, hostless):
        assert response.status_code == 200
        assert response.content == expected.body_path.read_bytes()
        assert response.headers["content-type"] == expected.content_type
    assert wrong_host.status_code == 404 and wrong_host.json() == {"error": "not in replay set"}
    assert server.misses == [
        Miss("GET", "api.adzuna.fr", "/v1/api/jobs/fr/search/1", url.split("?", 1)[1]),
    ]


@pytest.mark.shared
def test_percent_encoded_path_matches_decoded_path(replay_index: Path) -> None:
    with ReplayServer(replay_index) as server:
        path = "/Superhuman Platform Inc/700c8d97-6ee3-4cb3-afff-b1e2fa157b1c?utm_source=ZaMV7O9qp1"
        response = httpx.get(
            server.base_url + path.replace(" ", "%20"), headers={ORIGINAL_HOST_HEADER: "jobs.ashbyhq.com"}
        )
    assert response.status_code == 200 and response.headers["content-type"].startswith("text/html")


@pytest.mark.shared
def test_databricks_as_of_two_dates_shows_real_churn(replay_index: Path, tmp_path: Path) -> None:
    ids: dict[str, set[str]] = {}
    for day in ("2025-11-05", "2026-08-22"):
        with (
            ReplayServer(replay_index, date.fromisoformat(day)) as server,
            PoliteClient(RawStore(tmp_path), FAST, rewriter=server.rewriter()) as client,
        ):
            postings = fetch_and_parse(client, "greenhouse", "databricks")
        assert server.misses == []
        ids[day] = {p.native_id for p in postings}
    day1, day2 = ids["2025-11-05"], ids["2026-08-22"]
    assert (len(day1), len(day2)) == (675, 816)
    assert (len(day2 - day1), len(day1 - day2), len(day1 & day2)) == (663, 522, 153)  # new, closed, kept


@pytest.mark.shared
def test_as_of_semantics_boards_and_misses(replay_index: Path, tmp_path: Path) -> None:
    with ReplayServer(replay_index, date(2025, 11, 5)) as server:
        assert server.boards("greenhouse") == [("greenhouse", "databricks")]
        client = PoliteClient(RawStore(tmp_path), FAST, rewriter=server.rewriter())
        # stripe is first recorded on 2026-08-22, so as of day 1 it is a miss.
        with client, pytest.raises(HttpStatusError) as info:
            fetch_and_parse(client, "greenhouse", "stripe")
        assert info.value.status == 404 and info.value.raw is not None
        assert [(m.host, m.path) for m in server.misses] == [
            ("boards-api.greenhouse.io", "/v1/boards/stripe/jobs")
        ]
    with ReplayServer(replay_index) as newest:
        assert ("greenhouse", "stripe") in newest.boards("greenhouse")
        assert (
            newest.entry_for(
                "https://boards-api.greenhouse.io/v1/boards/databricks/jobs?content=true"
            ).records
            == 816
        )


@pytest.mark.shared
def test_exact_mode_serves_only_that_day(replay_index: Path) -> None:
    appier = "https://boards-api.greenhouse.io/v1/boards/appier/jobs?content=true"  # last recorded 2026-08-20
    with ReplayServer(replay_index, date(2026, 8, 22), exact=True) as exact:
        assert exact.entry_for(appier) is None
        assert exact.entry_for(appier.replace("appier", "stripe")) is not None
    with ReplayServer(replay_index, date(2026, 8, 22)) as as_of:
        assert as_of.entry_for(appier).snapshot == date(2026, 8, 20)


@pytest.mark.shared
def test_every_entry_of_the_shared_index_resolves_to_a_body(replay_index: Path) -> None:
    entries = load_index(replay_index)
    raw = json.loads(replay_index.read_text())["entries"]
    assert len(entries) == len(raw)
    assert all(e.body_path.is_file() for e in entries)
