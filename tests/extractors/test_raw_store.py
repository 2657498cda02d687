"""RawStore: content addressing, gzip, idempotence, records."""

from __future__ import annotations

import gzip
import hashlib
from datetime import UTC, datetime
from pathlib import Path

import pytest

from extractors.raw_store import RawStore


def test_put_read_roundtrip_and_idempotence(tmp_path: Path) -> None:
    store = RawStore(tmp_path)
    body = '{"jobs": [{"title": "Ingénieur ML"}]}'.encode()
    when = datetime(2026, 11, 25, 3, 0, tzinfo=UTC)
    a = store.put(body, url="https://x/1", status=200, source="greenhouse", board="acme", fetched_at=when)
    b = store.put(body, url="https://x/1", status=200, source="greenhouse", board="acme", fetched_at=when)
    assert a.sha256 == b.sha256 == hashlib.sha256(body).hexdigest()
    assert a.n_bytes == len(body) and a.path == store.body_path(a.sha256)
    assert store.read(a.sha256) == body
    assert gzip.decompress(a.path.read_bytes()) == body
    assert len(list((tmp_path / "bodies").rglob("*.gz"))) == 1  # one file per distinct body
    assert store.records() == [a, b]  # one record per fetch
    assert a.sha256 in store


def test_error_bodies_are_recorded_with_their_error(tmp_path: Path) -> None:
    store = RawStore(tmp_path)
    rec = store.put(b"oops", url="https://x", status=500, source="lever", board=None, error="HTTP 500")
    assert rec.error == "HTTP 500" and rec.status == 500 and store.records()[0].error == "HTTP 500"


def test_read_unknown_sha_raises(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError):
        RawStore(tmp_path).read("0" * 64)


def test_records_since_skips_older_days(tmp_path: Path) -> None:
    store = RawStore(tmp_path)
    old = store.put(
        b"a", url="u", status=200, source="s", board=None, fetched_at=datetime(2026, 11, 1, tzinfo=UTC)
    )
    new = store.put(
        b"b", url="u", status=200, source="s", board=None, fetched_at=datetime(2026, 11, 25, tzinfo=UTC)
    )
    assert store.records() == [old, new]
    assert store.records(since=datetime(2026, 11, 24, tzinfo=UTC)) == [new]
