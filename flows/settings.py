"""One settings object for the whole pipeline.

Precedence (highest first): ``JOBPULSE_*`` environment variables, then an optional ``jobpulse.toml``
(path from ``JOBPULSE_CONFIG`` or ``./jobpulse.toml``), then the defaults below. Nothing is read at import
time: call :func:`load_settings`.
"""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import Any

from warehouse.publish import published_path_for

PACKAGE_ROOT = Path(__file__).resolve().parent.parent


@dataclass(frozen=True, slots=True)
class HttpPoliteness:
    """How the extractors treat other people's servers (sources.md §0.1)."""

    per_host_concurrency: int = 2
    min_spacing_s: float = 1.0  # at most ~1 request/s per host
    connect_timeout_s: float = 10.0
    read_timeout_s: float = 30.0
    max_body_bytes: int = 50 * 1024 * 1024  # decoded size; also caps gzip bombs
    max_retries: int = 3
    backoff_base_s: float = 1.0
    max_retry_after_s: float = 120.0
    user_agent: str = "jobpulse/0.1 (+https://github.com/jobpulse/jobpulse; contact: jobpulse@example.org)"


@dataclass(frozen=True, slots=True)
class Settings:
    """Paths, sources and schedule. Paths are relative to the working directory unless absolute."""

    warehouse_path: Path = Path("data/jobpulse.duckdb")
    raw_store_path: Path = Path("data/raw")
    sources_file: Path = PACKAGE_ROOT / "flows" / "sources.toml"
    sources: tuple[str, ...] = ()  # restrict to these sources; empty = every source of the sources file
    http: HttpPoliteness = field(default_factory=HttpPoliteness)
    schedule_cron: str = "0 3 * * *"
    schedule_timezone: str = "UTC"
    window_days: int = 90
    # Secrets for keyed sources (issue 4); empty means the source is skipped with one clear line.
    adzuna_app_id: str = ""
    adzuna_app_key: str = ""
    usajobs_api_key: str = ""
    usajobs_email: str = ""

    @property
    def published_path(self) -> Path:
        """The read-only file the dashboard opens: the last validated snapshot, swapped in atomically."""
        return published_path_for(self.warehouse_path)


def _coerce(value: str, like: Any) -> Any:
    if isinstance(like, bool):
        return value.strip().lower() in {"1", "true", "yes", "on"}
    if isinstance(like, int):
        return int(value)
    if isinstance(like, float):
        return float(value)
    if isinstance(like, Path):
        return Path(value)
    if isinstance(like, tuple):
        return tuple(v.strip() for v in value.split(",") if v.strip())
    return value


def _apply(obj: Any, values: dict[str, Any], env_prefix: str) -> Any:
    changes: dict[str, Any] = {}
    for f in fields(obj):
        current = getattr(obj, f.name)
        if f.name == "http":
            sub = values.get("http", {}) if isinstance(values.get("http"), dict) else {}
            changes["http"] = _apply(current, sub, env_prefix + "HTTP_")
            continue
        env_value = os.environ.get(env_prefix + f.name.upper())
        if env_value is not None:
            changes[f.name] = _coerce(env_value, current)
        elif f.name in values:
            raw = values[f.name]
            changes[f.name] = (
                _coerce(",".join(raw), current)
                if isinstance(raw, list)
                else (_coerce(str(raw), current) if not isinstance(raw, type(current)) else raw)
            )
    return replace(obj, **changes)


def load_settings(config_file: Path | None = None) -> Settings:
    """Build the settings from defaults, ``jobpulse.toml`` and ``JOBPULSE_*`` variables."""
    path = config_file or Path(os.environ.get("JOBPULSE_CONFIG", "jobpulse.toml"))
    values: dict[str, Any] = {}
    if path.is_file():
        with path.open("rb") as fh:
            values = tomllib.load(fh)
    return _apply(Settings(), values, "JOBPULSE_")
