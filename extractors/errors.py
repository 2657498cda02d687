"""Typed extractor errors. Fetch errors carry the URL, the attempts made and the landed raw record (when a
body
arrived), so a flow can log exactly what failed and a human can re-read the body from the raw store."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from extractors.raw_store import RawRecord


class ExtractorError(Exception):
    """Base class for everything the extractors raise on purpose."""


class FetchError(ExtractorError):
    """A fetch did not produce a usable 2xx body."""

    def __init__(self, message: str, *, url: str, attempts: int, raw: RawRecord | None = None) -> None:
        super().__init__(f"{message} [url={url} attempts={attempts}]")
        self.url = url
        self.attempts = attempts
        self.raw = raw


class HttpStatusError(FetchError):
    """The server answered with a non-2xx status (after retries, for retryable ones)."""

    def __init__(self, status: int, *, url: str, attempts: int, raw: RawRecord | None = None) -> None:
        super().__init__(f"HTTP {status}", url=url, attempts=attempts, raw=raw)
        self.status = status


class FetchTimeout(FetchError):
    """Connecting or reading timed out on every attempt."""


class BodyTooLarge(FetchError):
    """The decoded body passed the size cap (e.g. a gzip bomb); nothing past the cap was kept."""

    def __init__(self, limit: int, *, url: str, attempts: int) -> None:
        super().__init__(f"body larger than {limit} decoded bytes", url=url, attempts=attempts)
        self.limit = limit


class TransportError(FetchError):
    """The connection failed (refused, reset, DNS, TLS, protocol error) on every attempt."""


class ParseError(ExtractorError):
    """A body could not be parsed into postings (malformed JSON or an unexpected shape)."""

    def __init__(self, message: str, *, source: str, board: str | None, raw_sha256: str = "") -> None:
        where = f"{source}/{board}" if board else source
        suffix = f" raw_sha256={raw_sha256}" if raw_sha256 else ""
        super().__init__(f"{where}: {message}{suffix}")
        self.source = source
        self.board = board
        self.raw_sha256 = raw_sha256
