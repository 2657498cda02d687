"""The guide's headline figures in the short shape the dashboard and ``jobpulse demo`` read.

Derived from the figure registry (transforms/data/figure_registry.yaml via :func:`transforms.figures.
figure_registry`), the one place the guide's values live. Salaries in USD per year, shares as fractions.
"""

from __future__ import annotations

from functools import cache
from typing import Any

from transforms.figures import FigureSpec, figure_registry

# Dashboard keys of the headline figures (registry ids).
_HEADLINE_IDS = ("median_us_salary", "middle_80_us_salary", "share_5plus_years")


def _value(spec: FigureSpec) -> float | list[float]:
    return spec.guide_low if spec.guide_low == spec.guide_high else [spec.guide_low, spec.guide_high]


@cache
def guide_figures() -> dict[str, Any]:
    """{'headline': {id: {label, guide_value, source}}, 'skill_shares': {skill id: {label, guide_value}},
    'specialization_bands': {lane: [low, high]}} (cached; treat as read-only).

    skill_shares holds each single-skill share figure under its skill id; when the guide quotes one skill
    twice (Python: 98% and "60-65%"), the registry's first figure wins. A range value is a [low, high] list.
    """
    specs = figure_registry()
    by_id = {s.id: s for s in specs}
    headline = {
        fid: {"label": by_id[fid].label, "guide_value": _value(by_id[fid]), "source": by_id[fid].guide_source}
        for fid in _HEADLINE_IDS
    }
    skill_shares: dict[str, dict[str, Any]] = {}
    for spec in specs:
        if spec.group == "skill_share" and len(spec.skills) == 1 and spec.skills[0] not in skill_shares:
            skill_shares[spec.skills[0]] = {"label": spec.label, "guide_value": _value(spec)}
    bands = {
        spec.filter["specialization"]: [spec.guide_low, spec.guide_high]
        for spec in specs
        if spec.group == "specialization_band"
    }
    return {"headline": headline, "skill_shares": skill_shares, "specialization_bands": bands}
