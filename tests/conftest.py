"""Fixtures shared by every test package.

``shared_dir``: the read-only ``../shared`` folder of real recordings. When ``JOBPULSE_SHARED`` is set (CI
sets it) and the folder is missing, the test fails loudly instead of skipping.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

PROJECT_ROOT = Path(__file__).resolve().parent.parent
# Prefect's test server must not try to reach the internet (telemetry) from an offline machine.
os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")


def _shared_path() -> Path | None:
    env = os.environ.get("JOBPULSE_SHARED")
    if env:
        path = Path(env)
        if not path.is_absolute():
            path = (PROJECT_ROOT / path).resolve()
        if not path.is_dir():
            raise RuntimeError(f"JOBPULSE_SHARED={env!r} is set but {path} is not a folder")
        return path
    default = PROJECT_ROOT.parent / "shared"
    return default if default.is_dir() else None


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    path = _shared_path()
    if path is None:
        pytest.skip(
            "../shared is not present and JOBPULSE_SHARED is unset (CI sets it; this never skips there)"
        )
    return path


@pytest.fixture(scope="session")
def replay_index(shared_dir: Path) -> Path:
    index = shared_dir / "replay" / "index.json"
    assert index.is_file(), f"{index} missing from the shared folder"
    return index


@pytest.fixture(scope="session")
def prefect_harness():
    """Prefect's test harness (a temporary local API) for the whole session, started on first use."""
    from prefect.testing.utilities import prefect_test_harness

    with prefect_test_harness(server_startup_timeout=120):
        yield


@pytest.fixture(scope="session")
def demo_warehouse(prefect_harness, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A warehouse refreshed from the project's demo recordings (both snapshots), published."""
    import json

    from flows.refresh import refresh

    root = tmp_path_factory.mktemp("demo")
    warehouse = root / "jobpulse.duckdb"
    saved = {k: os.environ.get(k) for k in ("JOBPULSE_RAW_STORE_PATH", "JOBPULSE_HTTP_MIN_SPACING_S")}
    os.environ["JOBPULSE_RAW_STORE_PATH"] = str(root / "raw")
    os.environ["JOBPULSE_HTTP_MIN_SPACING_S"] = "0"
    try:
        index = PROJECT_ROOT / "demo" / "index.json"
        for snapshot in sorted({e["snapshot"] for e in json.loads(index.read_text())["entries"]}):
            report = refresh(replay_index=str(index), snapshot=snapshot, warehouse_path=str(warehouse))
            assert report.status == "succeeded", report.message
    finally:
        for k, v in saved.items():
            if v is None:
                os.environ.pop(k, None)
            else:
                os.environ[k] = v
    return warehouse
