"""Plain-text headline figures (guide beside live) for the command line, read from the published snapshot."""

from __future__ import annotations

from pathlib import Path

from transforms.guide import guide_figures
from warehouse.export_tables import format_value
from warehouse.queries import headline, open_published, top_skills


def _usd(value: float | None) -> str:
    return format_value(value, "usd_annual")  # the same $195K rounding as the dashboard and exports


def headline_lines(published_path: Path, n_skills: int = 8) -> list[str]:
    """Lines comparing the guide's headline figures with the latest published live ones (n, interval)."""
    guide = guide_figures()
    con = open_published(published_path)
    try:
        head = headline(con)
        skills = top_skills(con, limit=n_skills)
    finally:
        con.close()
    if head is None:
        return ["No published salary figures yet."]
    lines = [
        f"Headline figures, snapshot {head.snapshot_date} (window {head.window_days} days, "
        f"methodology {head.methodology_version})"
    ]
    g_med = guide["headline"]["median_us_salary"]["guide_value"]
    g_med_text = format_value(g_med, "usd_annual", exact=True)  # as the guide states it: $187.5K
    g_lo, g_hi = guide["headline"]["middle_80_us_salary"]["guide_value"]
    if head.suppressed:
        lines.append(
            f"  Median US salary: guide {g_med_text} | live suppressed "
            f"({head.suppression_reason}), n={head.n}"
        )
    else:
        lo, hi = head.p50_ci
        lines.append(
            f"  Median US salary: guide {g_med_text} | live {_usd(head.p50)} "
            f"(95% CI {_usd(lo)}–{_usd(hi)}, n={head.n})"
        )
        lines.append(
            f"  Middle 80%:       guide {_usd(g_lo)}–{_usd(g_hi)} | live {_usd(head.p10)}–{_usd(head.p90)}"
        )
    lines.append("  Top skills (share of AI/ML postings, 95% Wilson interval):")
    for row in skills.iter_rows(named=True):
        if row["share"] is None:
            continue
        lines.append(
            f"    {row['skill']:<22}{row['share']:>6.0%}  "
            f"({row['share_ci_low']:.0%}–{row['share_ci_high']:.0%}, n={row['n_postings']})"
        )
    return lines
