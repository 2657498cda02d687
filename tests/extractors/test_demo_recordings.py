"""The project's own fictional demo recordings: in step with their generator and replayable end to end."""

from __future__ import annotations

import importlib.util
import json
import sys
from datetime import date
from pathlib import Path

from extractors.http_client import ClientConfig, PoliteClient
from extractors.raw_store import RawStore
from extractors.registry import fetch_and_parse
from extractors.replay import ReplayServer
from extractors.sources_config import load_sources

DEMO = Path(__file__).resolve().parents[2] / "demo"


def test_committed_files_match_the_seeded_generator() -> None:
    spec = importlib.util.spec_from_file_location("jobpulse_make_demo", DEMO / "make_demo.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses resolve annotations through sys.modules
    spec.loader.exec_module(module)
    assert module.main(["--check"]) == 0


def test_demo_replays_with_lifecycle_and_structured_pay(tmp_path: Path) -> None:
    index = json.loads((DEMO / "index.json").read_text())
    assert index["fictional"] is True and all(e["synthesized"] for e in index["entries"])
    refs = load_sources(DEMO / "sources.toml")
    seen: dict[str, dict[tuple[str, str], set[str]]] = {}
    for day in ("2026-10-31", "2026-11-25"):
        with ReplayServer(DEMO / "index.json", date.fromisoformat(day)) as server:
            assert sorted(server.boards()) == sorted((r.source, r.board) for r in refs)
            with PoliteClient(
                RawStore(tmp_path), ClientConfig(min_spacing_s=0, max_retries=0), rewriter=server.rewriter()
            ) as client:
                seen[day] = {}
                for ref in refs:
                    postings = fetch_and_parse(client, ref.source, ref.board, company=ref.company)
                    entry = server.entry_for(client_url(ref.source, ref.board))
                    unlisted = 1 if ref.source == "ashby" else 0
                    assert len(postings) == entry.records - unlisted
                    assert all(p.company == ref.company for p in postings)
                    if ref.board != "quillfeatherlabs":  # that board shows pay only inside the description
                        assert any(p.salary_structured for p in postings)
                    seen[day][(ref.source, ref.board)] = {p.native_id for p in postings}
            assert server.misses == []
    for key, day1 in seen["2026-10-31"].items():
        day2 = seen["2026-11-25"][key]
        assert day1 - day2 and day2 - day1 and day1 & day2, key  # closed, new and kept on every board
    total = set().union(*({(k, i) for i in ids} for day in seen.values() for k, ids in day.items()))
    assert 130 <= len(total) <= 180


def client_url(source: str, board: str) -> str:
    from extractors.ashby import ashby_url
    from extractors.greenhouse import greenhouse_url
    from extractors.lever import lever_url

    return {"greenhouse": greenhouse_url, "lever": lever_url, "ashby": ashby_url}[source](board)
