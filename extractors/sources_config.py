"""The list of boards to collect, read from a TOML file (default ``flows/sources.toml``).

File shape, one table per source, one inline table per board::

    [greenhouse]
    boards = [
      { board = "anthropic", company = "Anthropic" },
    ]

Grain of the result: one :class:`BoardRef` per (source, board); duplicates are an error, because the key of
a posting is (source, board, native_id) and a board listed twice would be fetched twice.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True, slots=True)
class BoardRef:
    """One board to fetch: the source, its board token/site/name, and the employer's display name."""

    source: str
    board: str
    company: str | None = None


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
        boards = table.get("boards") if isinstance(table, dict) else None
        if not isinstance(boards, list):
            raise SourcesConfigError(f"{path}: [{source}] needs a 'boards' list")
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
            refs.append(
                BoardRef(source, board.strip(), company.strip() if isinstance(company, str) else None)
            )
    return refs
