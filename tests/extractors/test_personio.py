"""Personio XML: parser on a hand-written feed (never recorded), hostile XML, fetch through the client."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import httpx
import pytest

from extractors.errors import ParseError
from extractors.http_client import ClientConfig, PoliteClient
from extractors.personio import fetch_personio, parse_personio
from extractors.raw_store import RawStore

FIXTURE = Path(__file__).parent / "fixtures_boards" / "personio_kraftwerk-ai.xml"
FETCHED = datetime(2026, 10, 3, 3, 0, tzinfo=UTC)


def test_positions_and_fields() -> None:
    postings = parse_personio(
        FIXTURE.read_bytes(), board="kraftwerk-ai", fetched_at=FETCHED, raw_sha256="sha-p"
    )
    assert [p.native_id for p in postings] == ["1873402", "1873555"]
    cv = postings[0]
    assert (cv.source, cv.board) == ("personio", "kraftwerk-ai")
    assert cv.title == "Senior Computer Vision Engineer (f/m/d)" and cv.company == "Kraftwerk AI GmbH"
    assert cv.locations == ("Munich", "Berlin")  # the repeated additional office is dropped
    assert cv.remote is None
    assert cv.posted_at == datetime(2026, 9, 21, 8, 15, tzinfo=UTC)  # 10:15 at +0200
    assert cv.url == "https://kraftwerk-ai.jobs.personio.de/job/1873402"
    assert cv.description_text == (
        "Your mission\nDesign perception models for industrial inspection.\n- Train detectors in PyTorch\n"
        "Your profile\n5+ years with CUDA & C++."
    )
    assert cv.extra["years_of_experience"] == "5-7" and cv.extra["seniority"] == "experienced"
    assert cv.extra["keywords"] == ["computer vision", "pytorch", "cuda"]
    assert cv.salary_structured is None
    student = postings[1]
    assert student.company is None and student.remote is True  # office "100% Remote"
    assert student.posted_at == datetime(2026, 10, 2, tzinfo=UTC)
    assert student.extra["years_of_experience"] == "lt-1" and student.extra["keywords"] == []


def test_entities_are_not_resolved_and_bad_xml_raises(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("TOPSECRET")
    hostile = (
        f'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY s SYSTEM "file://{secret}">]>'
        "<workzag-jobs><position><id>1</id><name>AI &s;</name></position></workzag-jobs>"
    ).encode()
    postings = parse_personio(hostile, board="x", fetched_at=FETCHED)
    assert all("TOPSECRET" not in p.title for p in postings)
    with pytest.raises(ParseError):
        parse_personio(b"<html>not a feed</html>", board="x", fetched_at=FETCHED)
    with pytest.raises(ParseError):
        parse_personio(b"<workzag-jobs><position>", board="x", fetched_at=FETCHED)


def test_fetch_through_the_client(tmp_path: Path) -> None:
    urls: list[str] = []

    def answer(request: httpx.Request) -> httpx.Response:
        urls.append(str(request.url))
        return httpx.Response(200, content=FIXTURE.read_bytes(), headers={"Content-Type": "text/xml"})

    config = ClientConfig(min_spacing_s=0.0, max_retries=0)
    with PoliteClient(RawStore(tmp_path), config, transport=httpx.MockTransport(answer)) as client:
        (fetched,) = fetch_personio(client, "kraftwerk-ai")
    assert urls == ["https://kraftwerk-ai.jobs.personio.de/xml?language=en"]
    assert len(parse_personio(fetched.body, board="kraftwerk-ai", fetched_at=fetched.record.fetched_at)) == 2
