"""The guide's stated figures (transforms/data/guide_figures.yaml), for showing beside the live ones.

Pure: reads only the package's own data file. Salaries in USD per year, shares as fractions.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

import yaml

GUIDE_FIGURES_PATH = Path(__file__).resolve().parent / "data" / "guide_figures.yaml"


@cache
def guide_figures() -> dict[str, Any]:
    """The parsed guide figures file (cached; treat as read-only)."""
    with GUIDE_FIGURES_PATH.open(encoding="utf-8") as fh:
        return yaml.safe_load(fh)
