"""The list of boards to collect, read from a TOML file (default ``flows/sources.toml``).

File shape, one table per source, one inline table per board::

    [greenhouse]
    boards = [
      { board = "anthropic", company = "Anthropic" },
    ]
    [remoteok]          # an aggregate feed: no boards, one fetch of the feed (board "")
    feed = true
    [adzuna]            # any other key of a board's table is passed to the source's fetch as an option
    boards = [ { board = "us", queries = ["machine learning", "MLOps"] } ]

Grain of the result: one :class:`BoardRef` per (source, board); duplicates are an error, because the key of
a posting is (source, board, native_id) and a board listed twice would be fetched twice.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any


@dataclass(frozen=True, slots=True)
class BoardRef:
    """One board to fetch: the source, its board token/site/name, and the employer's display name."""

    source: str
    board: str
    company: str | None = None
    # Keyword options for the source's fetch (e.g. Adzuna ``queries``, JSON-LD page ``urls``).
    options: dict[str, Any] = field(default_factory=dict, hash=False)


class SourcesConfigError(ValueError):
    """The sources file is malformed (the message names the file and the offending entry)."""


def load_sources(path: Path | str, sources: tuple[str, ...] | None = None) -> list[BoardRef]:
    """Boards listed in ``path``, in file order, optionally only those of ``sources``."""
    path = Path(path)
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as exc:
        raise SourcesConfigError(f"{path}: not valid TOML ({exc})") from exc
    refs: list[BoardRef] = []
    seen: set[tuple[str, str]] = set()
    for source, table in data.items():
        if sources is not None and source not in sources:
            continue
        if isinstance(table, dict) and table.get("feed") is True and "boards" not in table:
            options = {k: v for k, v in table.items() if k not in {"feed", "company"}}
            if (source, "") in seen:
                raise SourcesConfigError(f"{path}: [{source}] is listed twice")
            seen.add((source, ""))
            refs.append(BoardRef(source, "", table.get("company"), options))
            continue
        boards = table.get("boards") if isinstance(table, dict) else None
        if not isinstance(boards, list):
            raise SourcesConfigError(f"{path}: [{source}] needs a 'boards' list (or 'feed = true')")
        for i, item in enumerate(boards):
            if isinstance(item, str):
                item = {"board": item}
            board = item.get("board") if isinstance(item, dict) else None
            if not isinstance(board, str) or not board.strip():
                raise SourcesConfigError(f"{path}: [{source}] boards[{i}] has no 'board' string")
            key = (source, board.strip())
            if key in seen:
                raise SourcesConfigError(f"{path}: {source}/{board} is listed twice")
            seen.add(key)
            company = item.get("company")
            options = {k: v for k, v in item.items() if k not in {"board", "company"}}
            refs.append(
                BoardRef(
                    source, board.strip(), company.strip() if isinstance(company, str) else None, options
                )
            )
    return refs
