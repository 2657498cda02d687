"""Replay the fictional demo recordings through the real extractor path and print what changed.

For each snapshot in ``demo/index.json`` (oldest first) it starts a :class:`ReplayServer` as of that
date, fetches every board of ``demo/sources.toml`` through the :class:`PoliteClient` (bodies landed in a
temporary raw store), parses them and prints, per board: postings, postings with structured pay, and
new/kept/closed against the previous snapshot. Run: ``.venv/bin/python demo/replay_demo.py``.
"""

from __future__ import annotations

import json
import sys
import tempfile
from datetime import date
from pathlib import Path

from extractors.http_client import ClientConfig, PoliteClient
from extractors.raw_store import RawStore
from extractors.registry import fetch_and_parse
from extractors.replay import ReplayServer
from extractors.sources_config import load_sources

INDEX = Path(__file__).resolve().parent / "index.json"
SOURCES = Path(__file__).resolve().parent / "sources.toml"


def main(index: Path = INDEX, sources: Path = SOURCES) -> int:
    boards = load_sources(sources)
    snapshots = sorted({e["snapshot"] for e in json.loads(index.read_text(encoding="utf-8"))["entries"]})
    previous: dict[tuple[str, str], set[str]] = {}
    config = ClientConfig(min_spacing_s=0.0, max_retries=0)  # a local server needs no politeness
    with tempfile.TemporaryDirectory() as tmp:
        store = RawStore(Path(tmp))
        for snap in snapshots:
            print(f"== as of {snap}")
            with (
                ReplayServer(index, date.fromisoformat(snap)) as server,
                PoliteClient(store, config, rewriter=server.rewriter()) as client,
            ):
                served = set(server.boards())
                for ref in boards:
                    if (ref.source, ref.board) not in served:
                        continue
                    source, board = ref.source, ref.board
                    postings = fetch_and_parse(client, source, board, company=ref.company)
                    ids = {p.native_id for p in postings}
                    before = previous.get((source, board), set())
                    paid = sum(p.salary_structured is not None for p in postings)
                    print(
                        f"  {source:<10} {ref.company or board:<20} "
                        f"postings={len(postings):>3} with_pay={paid:>3} "
                        f"new={len(ids - before):>3} kept={len(ids & before):>3} "
                        f"closed={len(before - ids):>3}"
                    )
                    previous[(source, board)] = ids
                if server.misses:
                    print(f"  misses: {server.misses}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
