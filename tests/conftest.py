"""Fixtures shared by every test package.

``shared_dir``: the read-only ``../shared`` folder of real recordings. When ``JOBPULSE_SHARED`` is set (CI sets
it) and the folder is missing, the test fails loudly instead of skipping.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

PROJECT_ROOT = Path(__file__).resolve().parent.parent


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
        pytest.skip("../shared is not present and JOBPULSE_SHARED is unset (CI sets it; this never skips there)")
    return path


@pytest.fixture(scope="session")
def replay_index(shared_dir: Path) -> Path:
    index = shared_dir / "replay" / "index.json"
    assert index.is_file(), f"{index} missing from the shared folder"
    return index
