"""A local HTTP server that answers real job-board URLs with recorded bodies (tests, demos, backfills).

It serves an index in the shared replay format (``shared/replay/README.md``): ``{"version": 1, "entries":
[...]}`` with ``snapshot, method, url, status, content_type, body, source, board, records``. ``body`` is a
path relative to the index's root, the parent of the folder holding ``index.json`` (``shared/`` for
``shared/replay/index.json``, the project root for ``demo/index.json``).

Matching: method + host + percent-decoded path + sorted ``parse_qsl`` query pairs, with the credential
parameters ``app_id``, ``app_key`` and ``api_key`` dropped. The host comes from the ``X-Jobpulse-Host``
header that :class:`~extractors.http_client.BaseUrlRewriter` sends, else from an absolute-form request line,
else from a ``Host`` header naming another server; with none of these, the host-less key is used (the
validator guarantees it is unique per snapshot).

Snapshots are served **as of** a date ``D``: per key, the entry with the greatest ``snapshot <= D`` (the
newest when ``D`` is None; only ``snapshot == D`` with ``exact=True``). Unknown URLs get
``404 {"error": "not in replay set"}`` and are recorded in :attr:`ReplayServer.misses`.
"""

from __future__ import annotations

import contextlib
import json
import threading
from dataclasses import dataclass
from datetime import date
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, unquote, urlsplit

from extractors.http_client import CREDENTIAL_PARAMS, ORIGINAL_HOST_HEADER, BaseUrlRewriter

_LOCAL_HOSTS = frozenset({"127.0.0.1", "localhost", "::1", ""})

Key = tuple[str, str, str, tuple[tuple[str, str], ...]]


@dataclass(frozen=True, slots=True)
class ReplayEntry:
    """One recorded response: the real URL it answers and where its body bytes are."""

    snapshot: date
    method: str
    url: str
    status: int
    content_type: str
    body_path: Path
    source: str
    board: str | None
    records: int | None


@dataclass(frozen=True, slots=True)
class Miss:
    """A request the replay set could not answer."""

    method: str
    host: str | None
    path: str
    query: str


def request_key(method: str, url: str, host: str | None = None) -> Key:
    """The matching key of a request or index entry (see module docstring); ``host`` overrides the URL's."""
    parts = urlsplit(url)
    query = tuple(
        sorted(
            (k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if k not in CREDENTIAL_PARAMS
        )
    )
    chosen = (host if host is not None else parts.hostname or "").lower().split(":")[0]
    return (method.upper(), chosen, unquote(parts.path), query)


def load_index(index_path: Path | str) -> list[ReplayEntry]:
    """Every entry of a replay index, body paths resolved to absolute paths."""
    index_path = Path(index_path).resolve()
    data = json.loads(index_path.read_text(encoding="utf-8"))
    root = index_path.parent.parent
    entries = []
    for raw in data["entries"]:
        body = root / raw["body"]
        if not body.exists() and (index_path.parent / raw["body"]).exists():
            body = (
                index_path.parent / raw["body"]
            )  # tolerate indexes whose paths are relative to their own folder
        entries.append(
            ReplayEntry(
                snapshot=date.fromisoformat(raw["snapshot"]),
                method=raw.get("method", "GET").upper(),
                url=raw["url"],
                status=int(raw.get("status", 200)),
                content_type=raw.get("content_type") or "application/json; charset=utf-8",
                body_path=body,
                source=raw["source"],
                board=raw.get("board"),
                records=raw.get("records"),
            )
        )
    return entries


def select_entries(
    entries: list[ReplayEntry], snapshot: date | None, exact: bool = False
) -> dict[Key, ReplayEntry]:
    """Per key, the entry served as of ``snapshot`` (see module docstring)."""
    chosen: dict[Key, ReplayEntry] = {}
    for entry in sorted(entries, key=lambda e: e.snapshot):
        if snapshot is not None and (entry.snapshot > snapshot or (exact and entry.snapshot != snapshot)):
            continue
        chosen[request_key(entry.method, entry.url)] = entry  # later (newer) snapshots overwrite older ones
    return chosen


class ReplayServer:
    """Threaded replay server on 127.0.0.1 (free port by default). Use as a context manager::

    with ReplayServer(index, date(2025, 11, 5)) as server:
        client = PoliteClient(store, config, rewriter=server.rewriter())
    """

    def __init__(
        self,
        index_path: Path | str,
        snapshot: date | str | None = None,
        exact: bool = False,
        *,
        host: str = "127.0.0.1",
        port: int = 0,
    ) -> None:
        self.index_path = Path(index_path)
        self.snapshot = date.fromisoformat(snapshot) if isinstance(snapshot, str) else snapshot
        self.exact = exact
        self.entries = load_index(self.index_path)
        self._table = select_entries(self.entries, self.snapshot, exact)
        self._hostless: dict[Key, ReplayEntry] = {
            (m, "", p, q): e for (m, _h, p, q), e in self._table.items()
        }
        self._misses: list[Miss] = []
        self._served: list[ReplayEntry] = []
        self._lock = threading.Lock()
        self._httpd = ThreadingHTTPServer((host, port), self._handler_class())
        self._httpd.daemon_threads = True
        self._thread: threading.Thread | None = None

    # -- public API ------------------------------------------------------------
    @property
    def base_url(self) -> str:
        host, port = self._httpd.server_address[:2]
        return f"http://{host}:{port}"

    @property
    def misses(self) -> list[Miss]:
        """Requests answered 404 so far, in arrival order."""
        with self._lock:
            return list(self._misses)

    @property
    def served(self) -> list[ReplayEntry]:
        """Entries answered so far, in arrival order."""
        with self._lock:
            return list(self._served)

    def boards(self, source: str | None = None) -> list[tuple[str, str]]:
        """Sorted distinct ``(source, board)`` pairs served as of the snapshot (entries with a board only)."""
        pairs = {
            (e.source, e.board)
            for e in self._table.values()
            if e.board is not None and (source is None or e.source == source)
        }
        return sorted(pairs)

    def current_entries(self) -> list[ReplayEntry]:
        """The entries this server answers with as of its snapshot (one per request key)."""
        return list(self._table.values())

    def entry_for(self, url: str, method: str = "GET") -> ReplayEntry | None:
        """The entry this server would answer ``url`` with (None for a miss)."""
        return self._table.get(request_key(method, url))

    def rewriter(self) -> BaseUrlRewriter:
        """A URL rewriter that sends every client request here (the real host travels in a header)."""
        return BaseUrlRewriter(self.base_url)

    def start(self) -> ReplayServer:
        if self._thread is None:
            # A short poll interval makes stop() quick (tests start and stop many servers).
            self._thread = threading.Thread(
                target=self._httpd.serve_forever,
                kwargs={"poll_interval": 0.05},
                name="replay-server",
                daemon=True,
            )
            self._thread.start()
        return self

    def stop(self) -> None:
        if self._thread is not None:
            self._httpd.shutdown()
            self._thread.join()
            self._thread = None
        self._httpd.server_close()

    def serve_forever(self) -> None:
        """Serve in the calling thread until interrupted (CLI use)."""
        try:
            self._httpd.serve_forever()
        finally:
            self._httpd.server_close()

    def __enter__(self) -> ReplayServer:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    # -- request handling ------------------------------------------------------------
    def _lookup(self, method: str, raw_path: str, headers: Any) -> ReplayEntry | Miss:
        host = headers.get(ORIGINAL_HOST_HEADER)
        if raw_path.startswith(("http://", "https://")):  # absolute-form request line (proxy style)
            parts = urlsplit(raw_path)
            host = host or parts.hostname
            raw_path = parts.path + (f"?{parts.query}" if parts.query else "")
        if not host:
            header_host = (headers.get("Host") or "").split(":")[0].lower()
            host = None if header_host in _LOCAL_HOSTS else header_host
        key = request_key(method, raw_path, host or "")
        entry = self._table.get(key) if host else self._hostless.get(key)
        if entry is not None:
            return entry
        parts = urlsplit(raw_path)
        return Miss(method=method.upper(), host=host, path=unquote(parts.path), query=parts.query)

    def _handler_class(self) -> type[BaseHTTPRequestHandler]:
        server = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"
            # Headers and body go out in separate writes; with Nagle on, keep-alive clients wait ~40 ms for
            # a delayed ACK on every request.
            disable_nagle_algorithm = True

            def _answer(self) -> None:
                found = server._lookup(self.command, self.path, self.headers)
                if isinstance(found, Miss):
                    with server._lock:
                        server._misses.append(found)
                    self._send(404, "application/json; charset=utf-8", b'{"error": "not in replay set"}')
                    return
                with server._lock:
                    server._served.append(found)
                self._send(found.status, found.content_type, found.body_path.read_bytes())

            def _send(self, status: int, content_type: str, body: bytes) -> None:
                self.send_response(status)
                self.send_header("Content-Type", content_type)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                if self.command != "HEAD":
                    self.wfile.write(body)

            do_GET = _answer
            do_HEAD = _answer
            do_POST = _answer

            def log_message(self, format: str, *args: Any) -> None:  # quiet: misses are recorded instead
                return

        return Handler


def run_replay_server(
    index: Path | str, snapshot: date | str | None = None, port: int = 8765, host: str = "127.0.0.1"
) -> None:
    """Serve ``index`` as of ``snapshot`` on ``host:port`` until interrupted (for ``jobpulse replay-server``).

    Point a client at it with ``BaseUrlRewriter(f"http://{host}:{port}")``.
    """
    server = ReplayServer(index, snapshot, host=host, port=port)
    print(
        f"replaying {len(server._table)} URLs from {index} as of {server.snapshot or 'newest'} "
        f"at {server.base_url}",
        flush=True,
    )
    with contextlib.suppress(KeyboardInterrupt):
        server.serve_forever()
