"""The sources file: the shipped default and the loader's error handling."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from extractors.registry import ADAPTERS
from extractors.sources_config import BoardRef, SourcesConfigError, load_sources

DEFAULT = Path(__file__).resolve().parents[2] / "flows" / "sources.toml"


def test_default_sources_cover_the_three_ats_with_enough_boards() -> None:
    refs = load_sources(DEFAULT)
    ats = [r for r in refs if r.source in {"greenhouse", "lever", "ashby"}]
    counts = Counter(r.source for r in ats)
    assert len(ats) >= 40 and all(counts[s] > 0 for s in ("greenhouse", "lever", "ashby"))
    assert all(r.company for r in ats)
    assert all(r.source in ADAPTERS for r in refs)
    assert len({(r.source, r.board) for r in refs}) == len(refs)
    feeds = {r.source for r in refs if r.board == ""}
    assert feeds == {"remoteok", "arbeitnow", "themuse", "hn", "usajobs"}


def test_feed_table_and_board_options(tmp_path: Path) -> None:
    path = tmp_path / "s.toml"
    path.write_text('[remoteok]\nfeed = true\n[adzuna]\nboards = [{ board = "us", queries = ["MLOps"] }]\n')
    assert load_sources(path) == [
        BoardRef("remoteok", "", None, {}),
        BoardRef("adzuna", "us", None, {"queries": ["MLOps"]}),
    ]


def test_filter_by_source_and_plain_string_boards(tmp_path: Path) -> None:
    path = tmp_path / "s.toml"
    path.write_text('[lever]\nboards = ["acme"]\n[ashby]\nboards = [{ board = "zed", company = "Zed" }]\n')
    assert load_sources(path) == [BoardRef("lever", "acme", None), BoardRef("ashby", "zed", "Zed")]
    assert load_sources(path, sources=("ashby",)) == [BoardRef("ashby", "zed", "Zed")]


@pytest.mark.parametrize(
    "text",
    [
        "[lever\n",
        "[lever]\nboards = 3\n",
        "[lever]\nboards = [{ company = 'x' }]\n",
        "[lever]\nboards = ['a', 'a']\n",
    ],
)
def test_malformed_files_raise(tmp_path: Path, text: str) -> None:
    path = tmp_path / "bad.toml"
    path.write_text(text)
    with pytest.raises(SourcesConfigError, match=r"bad\.toml"):
        load_sources(path)
