"""RemoteOK: parser on the real recorded feed, crafted edge cases, and fetch through the replay server."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import pytest

from extractors.errors import ParseError
from extractors.http_client import ClientConfig, PoliteClient
from extractors.raw_store import RawStore
from extractors.remoteok import (
    API_URL,
    description_to_text,
    fetch_remoteok,
    parse_remoteok,
    repair_mojibake,
)
from extractors.replay import ReplayServer

FETCHED = datetime(2026, 3, 17, 4, 0, tzinfo=UTC)
BODY = "replay/bodies/remoteok/2026-03-17/api.json"


@pytest.fixture(scope="module")
def postings(shared_dir: Path) -> dict[str, object]:
    parsed = parse_remoteok((shared_dir / BODY).read_bytes(), fetched_at=FETCHED, raw_sha256="sha-ro")
    return {p.native_id: p for p in parsed}


@pytest.mark.shared
def test_count_skips_legal_notice_and_the_hollow_element(shared_dir: Path, postings: dict) -> None:
    raw = json.loads((shared_dir / BODY).read_bytes())
    assert "legal" in raw[0] and "id" not in raw[0]
    # 97 elements carry an id (the replay index's record count); one of them (1130784) has an empty position
    # and an empty description, so it is not a job and is skipped.
    assert len(raw) - 1 == 97
    assert len(postings) == 96
    assert "1130784" not in postings


@pytest.mark.shared
def test_sample_fields(postings: dict) -> None:
    p = postings["1130780"]
    assert p.source == "remoteok" and p.board == ""
    assert p.title == "VP Corporate Marketing Brand & Communications"
    assert p.company == "Blackpoint Cyber"
    assert p.salary_structured == {"salary_min": 180000, "salary_max": 210000}
    assert p.posted_at == datetime(2026, 3, 14, 16, 0, 4, tzinfo=UTC)
    assert p.url == (
        "https://remoteOK.com/remote-jobs/remote-vp-corporate-marketing-brand-communications-blackpoint-cyber-1130780"
    )
    assert p.remote is True and p.locations == ()
    assert p.fetched_at == FETCHED and p.raw_sha256 == "sha-ro"
    # Hourly-scale values are kept as given: the period is the salary parser's decision.
    assert postings["1130776"].title == "AI Trainer"
    assert postings["1130776"].salary_structured == {"salary_min": 30, "salary_max": 30}
    # Trailing whitespace in the company is trimmed; a location string is kept.
    assert postings["1130673"].company == "ChowNow"
    assert postings["1130673"].locations == ("Remote",)


@pytest.mark.shared
def test_zero_salary_means_unknown(shared_dir: Path, postings: dict) -> None:
    raw = json.loads((shared_dir / BODY).read_bytes())
    disclosed = {
        str(x["id"]) for x in raw[1:] if x.get("position") and (x.get("salary_min") or x.get("salary_max"))
    }
    assert {pid for pid, p in postings.items() if p.salary_structured is not None} == disclosed
    assert postings["1130788"].salary_structured is None  # recorded as 0 / 0


@pytest.mark.shared
def test_descriptions_are_clean_text(postings: dict) -> None:
    text = postings["1130788"].description_text
    assert text.startswith("Launch Your Career in Leadership\nFisher Organization is seeking")
    assert "What You\u2019ll Do" in text  # recorded as mojibake "Youâ\x80\x99ll"
    for p in postings.values():
        assert "\u00e2\u0080" not in p.description_text
        assert "Please mention the word" not in p.description_text
        assert "<p>" not in p.description_text


def test_repair_mojibake_leaves_real_latin1_alone() -> None:
    assert repair_mojibake("you\u00e2\u0080\u0099re in Z\u00fcrich") == "you\u2019re in Z\u00fcrich"
    assert repair_mojibake("Caf\u00e9 \u00c2\u00a0ok") == "Caf\u00e9 \u00a0ok"


def test_anti_spam_text_removed_in_both_forms() -> None:
    full = (
        "<p>Build models.</p><br/>Please mention the word **BRAVE** and tag RMjcuMTA= when applying "
        "to show you read the job post completely (#RMjcuMTA=). This is a beta feature to avoid spam "
        "applicants. Companies can search these words to find applicants that read this and see "
        "they\u2019re human."
    )
    assert description_to_text(full) == "Build models."
    assert description_to_text("<p>Ship it.</p>Please mention the word **CALM** and tag RMjc=") == "Ship it."


def test_escaped_description_is_unescaped_once() -> None:
    assert description_to_text("&lt;p&gt;A &amp;amp; B&lt;/p&gt;") == "A & B"
    assert description_to_text("<p>5 &lt; 6</p>") == "5 < 6"


def test_epoch_missing_falls_back_to_date_and_bad_body_raises() -> None:
    body = json.dumps(
        [{"legal": "x"}, {"id": "9", "position": "ML Engineer", "date": "2026-09-23T02:00:10+02:00"}]
    ).encode()
    (p,) = parse_remoteok(body, fetched_at=FETCHED)
    assert p.posted_at == datetime(2026, 9, 23, 0, 0, 10, tzinfo=UTC)
    with pytest.raises(ParseError):
        parse_remoteok(b'{"not": "an array"}', fetched_at=FETCHED)


@pytest.mark.shared
def test_fetch_through_replay_server(tmp_path: Path, replay_index: Path) -> None:
    config = ClientConfig(min_spacing_s=0.0, max_retries=0)
    with (
        ReplayServer(replay_index) as server,
        PoliteClient(RawStore(tmp_path), config, rewriter=server.rewriter()) as client,
    ):
        (fetched,) = fetch_remoteok(client)
        assert server.misses == []
    assert fetched.record.url == API_URL
    parsed = parse_remoteok(
        fetched.body, fetched_at=fetched.record.fetched_at, raw_sha256=fetched.record.sha256
    )
    assert len(parsed) == 96
    assert {p.raw_sha256 for p in parsed} == {fetched.record.sha256}
