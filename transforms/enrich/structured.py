"""Render a posting's structured pay (`Posting.salary_structured`) as the corpus's `salary_text` string.

The refresh path (postings from the extractors) and `jobpulse enrich` (corpus-shaped JSONL) then go through
one salary parser (`salary.py`). One function, `salary_text_from_structured(source, structured)`, returns a
string such as `USD 150000-180000 per-year-salary` (Lever), `salary_min=33000 salary_max=43000
salary_is_predicted=0` (Adzuna), `baseSalary: USD 192000-264000 per YEAR` (JSON-LD), or None when the source
gave no usable figure (placeholders such as 0/0 or 0.01 are dropped here, as the corpus does).

Shapes read (as stored by the extractors; amounts unconverted):

- greenhouse: `metadata_currency_range: [{name, value: {unit, min_value, max_value}}]` and
  `pay_input_ranges: [{min_cents, max_cents, currency_type, title}]` (cents)
- lever: `salaryRange: {currency, interval, min, max}`, `salaryDescription`
- ashby: `scrapeableCompensationSalarySummary`, `compensationTierSummary`,
  `salary_components: [{interval, currencyCode, minValue, maxValue}]`
- adzuna: `salary_min`, `salary_max`, `salary_is_predicted`, `currency_implied`
- remoteok: `salary_min`, `salary_max`
- remotive: `salary` (free text); hn: none (the comment text itself is parsed, as in the eval corpus)
- usajobs: `PositionRemuneration: [{MinimumRange, MaximumRange, RateIntervalCode, Description}]`
- jsonld: `{min, max, currency, period, estimated}`
- recruitee: `salary: {min, max, period, currency}`
- smartrecruiters: `compensation: {min, max, currency, ...}`
- import:* / jobspy: `{min, max, currency, period, text}`
"""

from __future__ import annotations

import re
from typing import Any

# Range names that are not base pay ranges (Greenhouse titles such as "Bonus Range", "Equity").
_NOT_PAY_NAME = re.compile(r"bonus|equity|stock|commission|sign[- ]?on|relocation|stipend", re.IGNORECASE)
_PERIOD_IN_NAME = (
    (re.compile(r"hour", re.IGNORECASE), "per hour"),
    (re.compile(r"month", re.IGNORECASE), "per month"),
    (re.compile(r"week", re.IGNORECASE), "per week"),
    (re.compile(r"\bday|daily", re.IGNORECASE), "per day"),
    (re.compile(r"annual|year", re.IGNORECASE), "per year"),
)
_ASHBY_INTERVAL = {"1 YEAR": "per year", "1 MONTH": "per month", "1 WEEK": "per week", "1 DAY": "per day",
                   "1 HOUR": "per hour"}  # fmt: skip


def _num(value: Any) -> float | None:
    """A number from an int, float or numeric string; None for missing, non-numeric or non-positive values."""
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        out = float(value)
    else:
        text = str(value).strip().replace(",", "")
        try:
            out = float(text)
        except ValueError:
            return None
    return out if out > 0 else None


def _fmt(value: float) -> str:
    """`152500.0` -> `152500`, `20.4` -> `20.4` (the corpus writes whole amounts without decimals)."""
    return str(int(value)) if value == int(value) else f"{value:.2f}".rstrip("0").rstrip(".")


def _span(low: float | None, high: float | None) -> str | None:
    if low is None and high is None:
        return None
    low, high = low or high, high or low
    assert low is not None and high is not None
    return _fmt(low) if low == high else f"{_fmt(min(low, high))}-{_fmt(max(low, high))}"


def _period_from_name(name: str) -> str:
    for rx, words in _PERIOD_IN_NAME:
        if rx.search(name):
            return " " + words
    return ""


def _greenhouse(s: dict[str, Any]) -> str | None:
    parts: list[str] = []
    for r in s.get("pay_input_ranges") or []:
        if not isinstance(r, dict):
            continue
        title = str(r.get("title") or "").strip()
        if _NOT_PAY_NAME.search(title):
            continue
        low, high = _num(r.get("min_cents")), _num(r.get("max_cents"))
        span = _span(low / 100 if low else None, high / 100 if high else None)
        # A cent amount below one unit (0.01 placeholders) is no figure.
        if span and max(x for x in (low, high) if x) >= 100:
            label = f"{title}: " if title else ""
            parts.append(f"{label}{r.get('currency_type') or ''} {span}{_period_from_name(title)}".strip())
    for r in s.get("metadata_currency_range") or []:
        if not isinstance(r, dict) or not isinstance(r.get("value"), dict):
            continue
        name = str(r.get("name") or "").strip()
        if _NOT_PAY_NAME.search(name):
            continue
        value = r["value"]
        low, high = _num(value.get("min_value")), _num(value.get("max_value"))
        span = _span(low, high)
        if span and max(x for x in (low, high) if x) >= 1:
            label = f"{name}: " if name else ""
            parts.append(f"{label}{value.get('unit') or ''} {span}{_period_from_name(name)}".strip())
    return "; ".join(parts) or None


def _lever(s: dict[str, Any]) -> str | None:
    r = s.get("salaryRange")
    if isinstance(r, dict):
        span = _span(_num(r.get("min")), _num(r.get("max")))
        if span:
            return f"{r.get('currency') or ''} {span} {r.get('interval') or ''}".strip()
    # The free-text salary note alone is read with the description, not as a salary field.
    return None


def _ashby(s: dict[str, Any]) -> str | None:
    for key in ("scrapeableCompensationSalarySummary", "compensationTierSummary"):
        if isinstance(s.get(key), str) and s[key].strip():
            return s[key].strip()
    comps = s.get("salary_components") or [
        c
        for tier in s.get("tiers") or []
        if isinstance(tier, dict)
        for c in tier.get("salary_components") or []
    ]
    for c in comps:
        if not isinstance(c, dict):
            continue
        span = _span(_num(c.get("minValue")), _num(c.get("maxValue")))
        if span:
            period = _ASHBY_INTERVAL.get(str(c.get("interval") or "").upper(), "")
            return f"{c.get('currencyCode') or ''} {span} {period}".strip()
    return None


def _min_max(s: dict[str, Any], lo_key: str, hi_key: str) -> tuple[float | None, float | None]:
    return _num(s.get(lo_key)), _num(s.get(hi_key))


def _adzuna(s: dict[str, Any]) -> str | None:
    low, high = _min_max(s, "salary_min", "salary_max")
    if low is None and high is None:
        return None
    parts = [f"salary_min={_fmt(low)}" if low else "", f"salary_max={_fmt(high)}" if high else ""]
    parts.append(f"salary_is_predicted={s.get('salary_is_predicted') or 0}")
    if s.get("currency_implied"):
        parts.append(f"currency={s['currency_implied']}")
    return " ".join(p for p in parts if p)


def _remoteok(s: dict[str, Any]) -> str | None:
    low, high = _min_max(s, "salary_min", "salary_max")
    if low is None and high is None:
        return None
    return " ".join(
        p for p in (f"salary_min={_fmt(low)}" if low else "", f"salary_max={_fmt(high)}" if high else "") if p
    )


def _usajobs(s: dict[str, Any]) -> str | None:
    pay = s.get("PositionRemuneration")
    for r in pay if isinstance(pay, list) else [pay]:
        if not isinstance(r, dict):
            continue
        low, high = _min_max(r, "MinimumRange", "MaximumRange")
        if low is None and high is None:
            continue
        code = str(r.get("RateIntervalCode") or "").strip()
        desc = str(r.get("Description") or "").strip()
        tail = f" RateIntervalCode={code}" + (f" ({desc})" if desc else "") if code else ""
        return f"MinimumRange={_fmt(low or high)} MaximumRange={_fmt(high or low)}{tail}"  # type: ignore[arg-type]
    return None


def _jsonld(s: dict[str, Any]) -> str | None:
    span = _span(_num(s.get("min")), _num(s.get("max")))
    if not span:
        return None
    label = "estimatedSalary" if s.get("estimated") else "baseSalary"
    period = str(s.get("period") or "").upper()
    period_part = f" per {period}" if period and period != "UNKNOWN" else ""
    return f"{label}: {s.get('currency') or ''} {span}{period_part}".replace(":  ", ": ")


def _generic(s: dict[str, Any]) -> str | None:
    """Import files, JobSpy, Recruitee, SmartRecruiters: `{min, max, currency, period}` or free text."""
    inner = s.get("salary") if isinstance(s.get("salary"), dict) else s.get("compensation")
    d = inner if isinstance(inner, dict) else s
    low = _num(d.get("min") if d.get("min") is not None else d.get("min_amount"))
    high = _num(d.get("max") if d.get("max") is not None else d.get("max_amount"))
    if low is not None or high is not None:
        parts = [f"min_amount={_fmt(low or high)}", f"max_amount={_fmt(high or low)}"]  # type: ignore[arg-type]
        if d.get("currency"):
            parts.append(f"currency={str(d['currency']).upper()}")
        period = d.get("period") or d.get("interval")
        if period:
            parts.append(f"interval={str(period).lower()}")
        if d.get("estimated") or s.get("estimated"):
            parts.append("estimated=1")  # a board's estimate (import files can say so)
        return " ".join(parts)
    for key in ("text", "salary", "header_salary", "summary"):
        if isinstance(s.get(key), str) and s[key].strip():
            return s[key].strip()
    return None


def _hn(_structured: dict[str, Any]) -> None:
    """HN has no salary field: the header salary is our own reading of the comment, whose text the salary
    parser reads anyway (with its not-pay rules), exactly as for the eval corpus, where HN has no
    salary_text. Rendering it as a field would trust perks in the header ("$400/month for groceries")."""
    return None


_RENDERERS = {
    "hn": _hn,
    "greenhouse": _greenhouse,
    "lever": _lever,
    "ashby": _ashby,
    "adzuna": _adzuna,
    "remoteok": _remoteok,
    "usajobs": _usajobs,
    "jsonld": _jsonld,
}


def salary_text_from_structured(source: str, structured: dict[str, Any] | None) -> str | None:
    """The corpus-style `salary_text` for a posting's structured pay, or None when it holds no figure."""
    if not isinstance(structured, dict) or not structured:
        return None
    renderer = _RENDERERS.get((source or "").split(":")[0].lower(), _generic)
    try:
        return renderer(structured)
    except (TypeError, ValueError, AttributeError):
        return None  # a malformed field is no figure; the description is still read
