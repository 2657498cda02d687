"""The raw landing store: every response body exactly as fetched, kept before anything parses it.

Layout under ``root``::

    bodies/<sha[:2]>/<sha>.gz     gzip of the raw bytes; sha = sha256 of the *uncompressed* raw bytes
    records/<YYYY-MM-DD>.jsonl    one JSON line per fetch (RawRecord fields), appended

Grain: one body file per distinct byte string (content-addressed, so an unchanged board costs nothing new);
one record per fetch (the same body fetched twice gives two records with the same ``sha256``).
Writes are atomic (temp file + rename) and thread-safe, so parallel fetch tasks may share one store.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import os
import tempfile
import threading
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any


@dataclass(frozen=True, slots=True)
class RawRecord:
    """One fetched response as landed.

    - ``sha256``: hex sha256 of the raw (decoded, i.e. after Content-Encoding) body bytes.
    - ``url``: the real public URL that was requested (never the replay URL it was rewritten to).
    - ``status``: HTTP status of the response (0 when no response arrived, which never lands here).
    - ``fetched_at``: UTC time the response finished arriving.
    - ``n_bytes``: length of the raw body in bytes (uncompressed).
    - ``path``: where the gzip copy lives.
    - ``error``: a short description when the fetch failed after this body arrived (e.g. ``"HTTP 500"``),
      else None.
    """

    sha256: str
    url: str
    status: int
    source: str
    board: str | None
    fetched_at: datetime
    content_type: str | None
    n_bytes: int
    path: Path
    error: str | None = None

    def to_row(self) -> dict[str, Any]:
        """A plain dict for a warehouse loader (``path`` as a string)."""
        row = asdict(self)
        row["path"] = str(self.path)
        return row


class RawStore:
    """Content-addressed, gzip-compressed landing of raw bodies (see module docstring)."""

    def __init__(self, root: Path | str) -> None:
        self.root = Path(root)
        self._lock = threading.Lock()

    def body_path(self, sha256: str) -> Path:
        """Where the gzip copy of the body with this sha256 lives (whether or not it exists yet)."""
        return self.root / "bodies" / sha256[:2] / f"{sha256}.gz"

    def put(
        self,
        body: bytes,
        *,
        url: str,
        status: int,
        source: str,
        board: str | None,
        content_type: str | None = None,
        fetched_at: datetime | None = None,
        error: str | None = None,
    ) -> RawRecord:
        """Land ``body`` (idempotent for identical bytes) and append its fetch record; return the record."""
        sha = hashlib.sha256(body).hexdigest()
        path = self.body_path(sha)
        if not path.exists():
            path.parent.mkdir(parents=True, exist_ok=True)
            # mtime=0 keeps the gzip bytes a pure function of the body (stable copies, diffable stores).
            packed = gzip.compress(body, compresslevel=6, mtime=0)
            _atomic_write(path, packed)
        record = RawRecord(
            sha256=sha,
            url=url,
            status=status,
            source=source,
            board=board,
            fetched_at=(fetched_at or datetime.now(UTC)).astimezone(UTC),
            content_type=content_type,
            n_bytes=len(body),
            path=path,
            error=error,
        )
        self._append_record(record)
        return record

    def put_unchanged(
        self,
        sha256: str,
        *,
        url: str,
        source: str,
        board: str | None,
        content_type: str | None = None,
        fetched_at: datetime | None = None,
    ) -> RawRecord:
        """Record a ``304 Not Modified`` answer: no new body, the record points at the body it confirmed
        (``sha256``, already landed) and ``n_bytes`` is 0 because nothing was transferred."""
        record = RawRecord(
            sha256=sha256,
            url=url,
            status=304,
            source=source,
            board=board,
            fetched_at=(fetched_at or datetime.now(UTC)).astimezone(UTC),
            content_type=content_type,
            n_bytes=0,
            path=self.body_path(sha256),
        )
        self._append_record(record)
        return record

    def validator(self, url: str) -> dict[str, str] | None:
        """The cache validators (``etag``, ``last_modified``, ``sha256``) of the last 200 answer for ``url``,
        when its body is still in the store."""
        with self._lock:
            entry = self._validators().get(url)
        if entry and entry.get("sha256") in self:
            return entry
        return None

    def remember_validator(self, url: str, sha256: str, etag: str | None, last_modified: str | None) -> None:
        """Keep ``url``'s ETag / Last-Modified (from a 200 answer whose body has ``sha256``) for next time."""
        if not etag and not last_modified:
            return
        with self._lock:
            table = self._validators()
            table[url] = {k: v for k, v in (("etag", etag), ("last_modified", last_modified)) if v} | {
                "sha256": sha256
            }
            path = self.root / "validators.json"
            path.parent.mkdir(parents=True, exist_ok=True)
            tmp = path.with_suffix(".json.tmp")
            tmp.write_text(json.dumps(table, sort_keys=True), encoding="utf-8")
            os.replace(tmp, path)

    def _validators(self) -> dict[str, dict[str, str]]:
        path = self.root / "validators.json"
        if not path.is_file():
            return {}
        try:
            return json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {}  # a damaged cache only costs full downloads

    def read(self, sha256: str) -> bytes:
        """The raw body bytes with this sha256 (raises FileNotFoundError if it was never landed)."""
        with gzip.open(self.body_path(sha256), "rb") as fh:
            return fh.read()

    def __contains__(self, sha256: object) -> bool:
        return isinstance(sha256, str) and self.body_path(sha256).exists()

    def records(self, since: datetime | None = None) -> list[RawRecord]:
        """Fetch records in append order per day, oldest day first; only ``fetched_at >= since`` when given.

        ``since`` also skips whole day files before its date, so a run reading back its own records does
        not re-read the store's history.
        """
        out: list[RawRecord] = []
        folder = self.root / "records"
        if not folder.is_dir():
            return out
        first_day = since.astimezone(UTC).date().isoformat() if since else ""
        for file in sorted(folder.glob("*.jsonl")):
            if file.stem < first_day:
                continue
            for line in file.read_text(encoding="utf-8").splitlines():
                if line.strip():
                    row = json.loads(line)
                    row["fetched_at"] = datetime.fromisoformat(row["fetched_at"])
                    row["path"] = Path(row["path"])
                    if since is None or row["fetched_at"] >= since:
                        out.append(RawRecord(**row))
        return out

    def _append_record(self, record: RawRecord) -> None:
        row = record.to_row()
        row["fetched_at"] = record.fetched_at.isoformat()
        line = json.dumps(row, ensure_ascii=False, sort_keys=True) + "\n"
        log = self.root / "records" / f"{record.fetched_at.date().isoformat()}.jsonl"
        with self._lock:
            log.parent.mkdir(parents=True, exist_ok=True)
            with log.open("a", encoding="utf-8") as fh:
                fh.write(line)


def _atomic_write(path: Path, data: bytes) -> None:
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-", suffix=".gz")
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.replace(tmp, path)  # same bytes for the same name, so a race between two writers is harmless
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
