"""The polite HTTP client every ``fetch_*`` function uses (sources.md §0.1).

What it guarantees, per request:

- **Politeness per real host**: at most ``per_host_concurrency`` requests in flight and at least
  ``min_spacing_s`` between request starts to the same host, across all threads sharing the client.
- **Timeouts**: connect/read timeouts, plus a wall-clock cap on one response so a slow-drip server cannot
  hang a run.
- **Retries** on 408/429/5xx, transport errors and timeouts, with exponential backoff and full jitter. A
  ``Retry-After`` header (seconds or HTTP-date) is honoured; when it asks for longer than
  ``max_retry_after_s`` the client gives up for this run rather than retry early.
- **Body cap on the decoded size**: the body is streamed after Content-Encoding is undone and counted; past
  ``max_body_bytes`` the download stops and :class:`BodyTooLarge` is raised (a gzip bomb is refused).
- **Raw landing first**: every body that arrives, error pages included, goes into the :class:`RawStore`
  before the caller sees it. Failures raise :mod:`extractors.errors` types carrying the URL, the number of
  attempts and the landed record.

**Replay.** The client takes an optional :class:`UrlRewriter`. :class:`BaseUrlRewriter` keeps path and
query and swaps scheme and host for a local base URL:
``https://boards-api.greenhouse.io/v1/boards/x/jobs?content=true`` becomes
``http://127.0.0.1:PORT/v1/boards/x/jobs?content=true``, and the real host travels in the
``X-Jobpulse-Host`` header so the replay server can still match on it. Everything else runs unchanged:
politeness keyed on the real host, retries, the cap, and the landing record, which stores the *real* URL.

Conditional requests: pass ``headers={"If-None-Match": etag}`` to :meth:`PoliteClient.get`; a ``304``
comes back as :class:`HttpStatusError` with ``status == 304`` (the store keeps no ETags itself).
"""

from __future__ import annotations

import email.utils
import random
import threading
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, fields
from datetime import UTC, datetime
from typing import Any, Protocol
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

import httpx

from extractors.errors import BodyTooLarge, FetchTimeout, HttpStatusError, TransportError
from extractors.raw_store import RawRecord, RawStore

#: Header carrying the real host when a request is rewritten to a replay server.
ORIGINAL_HOST_HEADER = "X-Jobpulse-Host"
#: Query parameters that carry secrets (Adzuna app_id/app_key, generic api_key): never landed or logged.
CREDENTIAL_PARAMS = frozenset({"app_id", "app_key", "api_key"})
RETRYABLE_STATUS = frozenset({408, 429, 500, 502, 503, 504})


@dataclass(frozen=True, slots=True)
class ClientConfig:
    """Politeness and robustness knobs (times in seconds, sizes in decoded bytes)."""

    per_host_concurrency: int = 2
    min_spacing_s: float = 1.0
    connect_timeout_s: float = 10.0
    read_timeout_s: float = 30.0
    total_timeout_s: float = 300.0  # wall clock for one response, headers to last byte
    max_body_bytes: int = 50 * 1024 * 1024
    max_retries: int = 3  # retries after the first attempt
    backoff_base_s: float = 1.0
    backoff_max_s: float = 60.0
    max_retry_after_s: float = 120.0
    user_agent: str = "jobpulse/0.1 (+https://github.com/jobpulse/jobpulse; contact: jobpulse@example.org)"

    @classmethod
    def from_object(cls, obj: Any) -> ClientConfig:
        """Copy the same-named attributes of a settings object (e.g. ``flows.settings.HttpPoliteness``)."""
        values = {f.name: getattr(obj, f.name) for f in fields(cls) if hasattr(obj, f.name)}
        return cls(**values)


@dataclass(frozen=True, slots=True)
class Fetched:
    """A successful (2xx) response: its landing record and the raw body bytes (decoded, as landed)."""

    record: RawRecord
    body: bytes


class UrlRewriter(Protocol):
    """Maps a real URL to ``(url actually requested, extra headers)``."""

    def __call__(self, url: str) -> tuple[str, dict[str, str]]: ...


@dataclass(frozen=True, slots=True)
class BaseUrlRewriter:
    """Send every request (or only those to ``hosts``) to ``base_url``, keeping path and query.

    The real host travels in :data:`ORIGINAL_HOST_HEADER`. ``base_url`` may carry a path prefix
    (``http://127.0.0.1:8080/prefix``), which is put in front of the real path.
    """

    base_url: str
    hosts: frozenset[str] | None = None

    def __call__(self, url: str) -> tuple[str, dict[str, str]]:
        real = urlsplit(url)
        host = (real.hostname or "").lower()
        if self.hosts is not None and host not in self.hosts:
            return url, {}
        base = urlsplit(self.base_url)
        path = base.path.rstrip("/") + real.path
        return urlunsplit((base.scheme, base.netloc, path, real.query, "")), {ORIGINAL_HOST_HEADER: host}


def redact_url(url: str) -> str:
    """``url`` without its credential query parameters (:data:`CREDENTIAL_PARAMS`), query order kept."""
    parts = urlsplit(url)
    if not parts.query:
        return url
    pairs = parse_qsl(parts.query, keep_blank_values=True)
    kept = [(k, v) for k, v in pairs if k not in CREDENTIAL_PARAMS]
    if len(kept) == len(pairs):
        return url
    return urlunsplit((parts.scheme, parts.netloc, parts.path, urlencode(kept), parts.fragment))


class _HostGate:
    """Concurrency limit plus minimum spacing of request starts for one host."""

    def __init__(self, concurrency: int, spacing_s: float) -> None:
        self._slots = threading.BoundedSemaphore(max(1, concurrency))
        self._lock = threading.Lock()
        self._spacing = max(0.0, spacing_s)
        self._next_start = 0.0

    def __enter__(self) -> _HostGate:
        self._slots.acquire()
        with self._lock:
            now = time.monotonic()
            start = max(now, self._next_start)
            self._next_start = start + self._spacing  # reserve our start; the next caller queues behind it
        if start > now:
            time.sleep(start - now)
        return self

    def __exit__(self, *exc: object) -> None:
        self._slots.release()


def parse_retry_after(value: str | None, now: datetime | None = None) -> float | None:
    """Seconds to wait for a ``Retry-After`` value (delta-seconds or HTTP-date); None if absent/invalid."""
    if value is None or not value.strip():
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max(0.0, (when - (now or datetime.now(UTC))).total_seconds())


class PoliteClient:
    """Synchronous, thread-safe polite client that lands every body in a :class:`RawStore`.

    ``transport`` is for tests (``httpx.MockTransport``); ``sleep`` and ``clock`` are injectable so tests can
    observe waits without waiting and a replayed backfill can stamp ``fetched_at`` with the snapshot time.
    Use as a context manager or call :meth:`close`.
    """

    def __init__(
        self,
        store: RawStore,
        config: ClientConfig | None = None,
        *,
        rewriter: UrlRewriter | None = None,
        transport: httpx.BaseTransport | None = None,
        sleep: Callable[[float], None] = time.sleep,
        clock: Callable[[], datetime] | None = None,
        seed: int | None = None,
        host_spacing_s: Mapping[str, float] | None = None,
        conditional: bool = True,
    ) -> None:
        self.store = store
        # Send If-None-Match / If-Modified-Since from the last 200 of the same URL (see get()).
        self.conditional = conditional
        # Per-host minimum spacing from a source's terms (e.g. 2 s for SmartRecruiters); the larger of it and
        # the global ``min_spacing_s`` applies.
        self.host_spacing_s = dict(host_spacing_s or {})
        self.config = config or ClientConfig()
        self.rewriter = rewriter
        self._sleep = sleep
        self._clock = clock or (lambda: datetime.now(UTC))
        self._rng = random.Random(seed)
        self._gates: dict[str, _HostGate] = {}
        self._gates_lock = threading.Lock()
        cfg = self.config
        self._http = httpx.Client(
            timeout=httpx.Timeout(
                connect=cfg.connect_timeout_s, read=cfg.read_timeout_s, write=cfg.read_timeout_s, pool=None
            ),
            headers={"User-Agent": cfg.user_agent, "Accept-Encoding": "gzip, deflate"},
            follow_redirects=True,
            transport=transport,
            limits=httpx.Limits(max_connections=64, max_keepalive_connections=16),
        )

    def __enter__(self) -> PoliteClient:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self._http.close()

    def get(
        self,
        url: str,
        *,
        source: str,
        board: str | None,
        headers: Mapping[str, str] | None = None,
    ) -> Fetched:
        """GET ``url`` politely; land every body; return the 2xx body or raise a :class:`FetchError` subclass.

        ``url`` is the real public URL (query included); it is what the landing record stores.
        """
        cfg = self.config
        target, extra = self.rewriter(url) if self.rewriter else (url, {})
        # Landing records, errors and logs carry the URL without credentials (Adzuna's app_key is a query
        # parameter); the request itself still sends them.
        shown = redact_url(url)
        request_headers = {**extra, **(headers or {})}
        # Conditional GET: an unchanged body costs one cheap 304 (sources that send ETag/Last-Modified).
        cached = self.store.validator(shown) if self.conditional and headers is None else None
        if cached:
            if "etag" in cached:
                request_headers["If-None-Match"] = cached["etag"]
            if "last_modified" in cached:
                request_headers["If-Modified-Since"] = cached["last_modified"]
        host = (urlsplit(url).hostname or "").lower()
        gate = self._gate(host)
        attempts = 0
        while True:
            attempts += 1
            retry_wait: float | None
            try:
                with gate:
                    status, body, content_type, retry_after, validators = self._one_request(
                        target, request_headers, shown
                    )
            except BodyTooLarge:
                # Not retried: the same URL would send the same oversized body again.
                raise BodyTooLarge(cfg.max_body_bytes, url=shown, attempts=attempts) from None
            except httpx.TimeoutException as exc:
                if attempts > cfg.max_retries:
                    raise FetchTimeout(
                        f"timed out ({exc.__class__.__name__})", url=shown, attempts=attempts
                    ) from exc
                retry_wait = self._backoff(attempts)
            except httpx.HTTPError as exc:  # transport failures: refused, reset, TLS, protocol, bad gzip
                if attempts > cfg.max_retries:
                    raise TransportError(
                        f"{exc.__class__.__name__}: {exc}", url=shown, attempts=attempts
                    ) from exc
                retry_wait = self._backoff(attempts)
            else:
                if status == 304 and cached:
                    record = self.store.put_unchanged(
                        cached["sha256"],
                        url=shown,
                        source=source,
                        board=board,
                        content_type=content_type,
                        fetched_at=self._clock(),
                    )
                    return Fetched(record=record, body=self.store.read(cached["sha256"]))
                ok = 200 <= status < 300
                record = self.store.put(
                    body,
                    url=shown,
                    status=status,
                    source=source,
                    board=board,
                    content_type=content_type,
                    fetched_at=self._clock(),
                    error=None if ok else f"HTTP {status}",
                )
                if ok:
                    self.store.remember_validator(shown, record.sha256, *validators)
                    return Fetched(record=record, body=body)
                if status not in RETRYABLE_STATUS or attempts > cfg.max_retries:
                    raise HttpStatusError(status, url=shown, attempts=attempts, raw=record)
                asked = parse_retry_after(retry_after)
                if asked is not None and asked > cfg.max_retry_after_s:
                    # Retrying sooner than the server asked would be rude; give up for this run.
                    raise HttpStatusError(status, url=shown, attempts=attempts, raw=record)
                retry_wait = asked if asked is not None else self._backoff(attempts)
            self._sleep(retry_wait)

    def _gate(self, host: str) -> _HostGate:
        with self._gates_lock:
            gate = self._gates.get(host)
            if gate is None:
                spacing = max(self.config.min_spacing_s, self.host_spacing_s.get(host, 0.0))
                gate = _HostGate(self.config.per_host_concurrency, spacing)
                self._gates[host] = gate
            return gate

    def _backoff(self, attempt: int) -> float:
        """Full jitter: uniform in [0, min(max, base * 2**(attempt-1))]."""
        cfg = self.config
        ceiling = min(cfg.backoff_max_s, cfg.backoff_base_s * (2 ** (attempt - 1)))
        return self._rng.uniform(0.0, ceiling)

    def _one_request(
        self, target: str, headers: dict[str, str], real_url: str
    ) -> tuple[int, bytes, str | None, str | None, tuple[str | None, str | None]]:
        """One attempt: (status, decoded body, content type, Retry-After, (ETag, Last-Modified)); raises
        httpx errors, BodyTooLarge."""
        cfg = self.config
        deadline = time.monotonic() + cfg.total_timeout_s
        with self._http.stream("GET", target, headers=headers) as response:
            declared = response.headers.get("Content-Length")
            encoded = response.headers.get("Content-Encoding", "identity").lower() not in {"", "identity"}
            if declared and declared.isdigit() and not encoded and int(declared) > cfg.max_body_bytes:
                raise BodyTooLarge(cfg.max_body_bytes, url=real_url, attempts=1)
            chunks: list[bytes] = []
            size = 0
            for chunk in response.iter_bytes():  # decoded chunks: the cap holds after gunzip too
                size += len(chunk)
                if size > cfg.max_body_bytes:
                    raise BodyTooLarge(cfg.max_body_bytes, url=real_url, attempts=1)
                if time.monotonic() > deadline:
                    raise httpx.ReadTimeout(f"response took longer than {cfg.total_timeout_s}s")
                chunks.append(chunk)
            return (
                response.status_code,
                b"".join(chunks),
                response.headers.get("Content-Type"),
                response.headers.get("Retry-After"),
                (response.headers.get("ETag"), response.headers.get("Last-Modified")),
            )
