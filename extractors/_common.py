"""Small pure helpers shared by the per-source parsers."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Any

from extractors.errors import ParseError


def load_json(body: bytes, *, source: str, board: str | None, raw_sha256: str) -> Any:
    """Decode a JSON body or raise ParseError naming the source and board.

    Encodings: UTF-8 (with or without BOM), UTF-16 and UTF-32 are detected from the bytes (RFC 8259 §8.1);
    a body that claims UTF-8 but holds stray invalid bytes (a Latin-1 "é" from a badly configured server)
    is decoded with U+FFFD for those bytes, so one bad character costs that character, not the whole board.
    """
    try:
        try:
            return json.loads(body)
        except UnicodeDecodeError:
            return json.loads(body.decode("utf-8", errors="replace"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        head = body[:80].decode("utf-8", "replace")
        raise ParseError(
            f"body is not JSON ({exc}); starts {head!r}", source=source, board=board, raw_sha256=raw_sha256
        ) from exc


def load_json_list(body: bytes, key: str, *, source: str, board: str | None, raw_sha256: str) -> list[Any]:
    """The list under ``key`` of a JSON object body (most feeds wrap their items so); ParseError otherwise."""
    data = load_json(body, source=source, board=board, raw_sha256=raw_sha256)
    items = data.get(key) if isinstance(data, dict) else None
    if not isinstance(items, list):
        raise ParseError(f"no {key!r} list in the body", source=source, board=board, raw_sha256=raw_sha256)
    return items


def iso_to_utc(value: Any) -> datetime | None:
    """An ISO-8601 string (with or without offset; naive is taken as UTC) as an aware UTC datetime."""
    if not isinstance(value, str) or not value.strip():
        return None
    text = value.strip()
    if text.endswith("Z"):
        text = text[:-1] + "+00:00"
    try:
        parsed = datetime.fromisoformat(text)
    except ValueError:
        return None
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=UTC)
    return parsed.astimezone(UTC)


def epoch_ms_to_utc(value: Any) -> datetime | None:
    """Unix epoch milliseconds as an aware UTC datetime (None for missing or non-numeric)."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    return datetime.fromtimestamp(value / 1000.0, tz=UTC)


def clean_str(value: Any) -> str | None:
    """Trimmed string, or None for missing/blank/non-string values."""
    if isinstance(value, str):
        value = value.strip()
        return value or None
    return None


def require(condition: bool, message: str, *, source: str, board: str | None, raw_sha256: str) -> None:
    """Raise ParseError(message) unless ``condition`` holds (a shape check)."""
    if not condition:
        raise ParseError(message, source=source, board=board, raw_sha256=raw_sha256)
