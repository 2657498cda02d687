"""parse_greenhouse keeps the ids deduplication needs (requisition_id, internal_job_id) in Posting.extra,
checked on recorded bodies of the replay set."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import pytest

from extractors.greenhouse import parse_greenhouse

FETCHED = datetime(2026, 11, 26, 3, 0, tzinfo=UTC)


def _body(shared_dir: Path, snapshot: str, board: str) -> bytes:
    return (shared_dir / "replay" / "bodies" / "greenhouse" / snapshot / f"{board}.json").read_bytes()


@pytest.mark.shared
@pytest.mark.parametrize(
    ("snapshot", "board", "post_id", "requisition", "job"),
    [
        ("2025-11-29", "phdata", "7288784", "25293", 3261171),
        ("2026-02-28", "phdata", "7583613", "EVERGREEN", 3352649),  # a placeholder stays as published
    ],
)
def test_requisition_and_internal_job_id_are_in_extra(
    shared_dir: Path, snapshot: str, board: str, post_id: str, requisition: str, job: int
) -> None:
    postings = {p.native_id: p for p in parse_greenhouse(_body(shared_dir, snapshot, board), board=board,
                                                         fetched_at=FETCHED)}  # fmt: skip
    extra = postings[post_id].extra
    assert (extra["requisition_id"], extra["internal_job_id"]) == (requisition, job)


@pytest.mark.shared
def test_every_post_of_a_board_carries_its_ids_as_recorded(shared_dir: Path) -> None:
    body = _body(shared_dir, "2026-08-21", "datadog")
    recorded = {str(j["id"]): j for j in json.loads(body)["jobs"]}
    postings = parse_greenhouse(body, board="datadog", fetched_at=FETCHED)
    assert len(postings) == len(recorded) > 0
    for p in postings:
        assert p.extra["requisition_id"] == recorded[p.native_id].get("requisition_id")
        assert p.extra["internal_job_id"] == recorded[p.native_id].get("internal_job_id")
    assert sum(p.extra["requisition_id"] is not None for p in postings) > len(postings) // 2
