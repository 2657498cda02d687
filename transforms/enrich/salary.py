"""Salary of each posting: amounts as stated, currency, period, kind, board-estimate flag, and annual USD.

Grain: one row per input posting, in input order (`salary_frame`). Input columns: uid, title, company,
location, description, salary_text (any may be null). The salary field (`salary_text`, already rendered from
whatever the source gave, see `structured.py`) wins when it carries a figure; otherwise the title line and the
description are read. Several ranges are spanned (smallest min .. largest max) over the ranges in the currency
and period of the first one. Amounts stay as stated; the annual USD columns annualise (HOUR x2080, DAY x260,
WEEK x52, MONTH x12) and convert with the shipped dated rate table (`fx.py`), keeping the rate date.

Speed: Polars' native regex engine picks the few lines of each description that carry money; Python only
parses those lines.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

import polars as pl

from transforms.enrich.fx import FxTable, default_fx
from transforms.enrich.location import location_frame
from transforms.enrich.salary_text import ISO_CODES, Mention, find_mentions, parse_number

PARSER_VERSION = "salary-1"

ANNUAL_FACTOR: dict[str, float] = {"HOUR": 2080.0, "DAY": 260.0, "WEEK": 52.0, "MONTH": 12.0, "YEAR": 1.0}

# Currency of a country, for amounts written without one (and for a bare `$` in the dollar countries).
COUNTRY_CURRENCY: dict[str, str] = {
    "US": "USD", "CA": "CAD", "AU": "AUD", "NZ": "NZD", "SG": "SGD", "GB": "GBP", "CH": "CHF", "SE": "SEK",
    "NO": "NOK", "DK": "DKK", "PL": "PLN", "CZ": "CZK", "HU": "HUF", "RO": "RON", "IS": "ISK", "TR": "TRY",
    "IL": "ILS", "EG": "EGP", "SA": "SAR", "AE": "AED", "QA": "QAR", "IN": "INR", "CN": "CNY", "HK": "HKD",
    "JP": "JPY", "KR": "KRW", "MY": "MYR", "PH": "PHP", "TH": "THB", "ID": "IDR", "BR": "BRL", "MX": "MXN",
    "ZA": "ZAR",
    **{c: "EUR" for c in ("DE", "FR", "ES", "PT", "IT", "NL", "BE", "AT", "IE", "FI", "LU", "GR", "EE", "LV",
                          "LT", "SK", "SI", "CY", "MT", "HR")},
}  # fmt: skip
# A bare `$` is the local dollar only in these countries (eval policy); elsewhere it is USD.
DOLLAR_COUNTRIES = {"CA": "CAD", "AU": "AUD", "NZ": "NZD", "SG": "SGD"}

# Period from magnitude when no period word is written: amount < hour_max -> HOUR, < month_max -> MONTH,
# else YEAR. Thresholds are in the local currency because typical monthly pay differs by orders of magnitude.
# Egyptian, Gulf and mainland-Chinese salaries are quoted monthly even when the numbers are large.
PERIOD_BOUNDS: dict[str, tuple[float, float]] = {
    "INR": (2000, 300_000), "JPY": (10_000, 1_500_000), "KRW": (100_000, 15_000_000),
    "IDR": (500_000, 50_000_000),
    "HUF": (20_000, 2_000_000), "CZK": (1000, 300_000), "SEK": (1000, 200_000), "NOK": (1000, 200_000),
    "DKK": (1000, 200_000), "PLN": (300, 60_000), "MXN": (500, 150_000), "BRL": (300, 100_000),
    "ZAR": (500, 200_000), "TRY": (2000, 500_000), "ILS": (300, 100_000), "PHP": (2000, 500_000),
    "THB": (2000, 500_000), "CNY": (300, 150_000), "EGP": (100, 1_000_000), "SAR": (100, 1_000_000),
    "AED": (100, 1_000_000), "QAR": (100, 1_000_000),
}  # fmt: skip
DEFAULT_BOUNDS = (300.0, 20_000.0)

SCHEMA: dict[str, pl.DataType] = {
    "salary_min": pl.Float64(),
    "salary_max": pl.Float64(),
    "salary_currency": pl.String(),
    "salary_period": pl.String(),
    "salary_kind": pl.String(),
    "salary_estimated": pl.Boolean(),
    "salary_period_inferred": pl.Boolean(),
    "salary_snippet": pl.String(),
    "salary_source": pl.String(),
}


@dataclass(frozen=True)
class Salary:
    """The pay of one posting as stated: min <= max, ISO currency, period, kind and where it came from."""

    min: float
    max: float
    currency: str
    period: str
    kind: str
    estimated: bool
    period_inferred: bool
    snippet: str
    source: str  # 'structured' (a salary field) or 'text' (title / description)


# --- candidate selection (Polars, Rust regex) ---

_CODES = "|".join(ISO_CODES) + "|LPA"
# Rust-regex prefilter for money. Written without `\b`, `(?i)` and bounded repeats, which make the Rust
# engine an order of magnitude slower on 17 MB of text; the Python parser re-checks every candidate anyway.
_MONEYISH = (
    r"[$€£¥₹₩₪元] ?\d|\d ?[kK万元€£]|L\.E\.|" + _CODES
    + r"|\d ?(?:" + _CODES.lower() + r"|[Ee]uro|[Dd]ollar|[Ll]akh|[Pp]ound|[Ff]ranc|[Rr]iyal"
      r"|[Dd]irham|(?:[Ss]wiss )?[Ff]ranc)"
    + r"|(?:" + _CODES.lower() + r") ?\d"
    + r"|(?:[Ss]alar|SALAR|[Gg]ehalt|[Vv]ergütung|[Ll]ohn|[Cc]ompensation|COMPENSATION|[Ww]age|[Pp]ay[ :]|PAY"
    + r"|[Rr]ate:|薪|工资)[^\n]*\d"
)  # fmt: skip
# A sentence ends at ". " after a lower-case letter, digit or bracket (not after `L.E.` or `U.S.`).
SENTENCE_END = r"([a-z0-9)])\. "
# A money sentence and the sentence or line before it ("The base salary range for this position is:").
MONEY_LINES = r"(?:[^\n]*\n)?[^\n]*(?:" + _MONEYISH + r")[^\n]*"


def candidate_lines(df: pl.DataFrame) -> tuple[list[str | None], list[list[str]]]:
    """Per row: the title when it may carry money (else None), and the description snippets with money.

    Sentences are cut at ". " (SENTENCE_END) first so a snippet is a sentence or a line, not a whole unbroken
    page.
    """
    title = df["title"] if "title" in df.columns else pl.Series([None] * df.height, dtype=pl.String)
    desc = (
        df["description"] if "description" in df.columns else pl.Series([None] * df.height, dtype=pl.String)
    )
    frame = pl.DataFrame({"t": title.cast(pl.String), "d": desc.cast(pl.String)}).select(
        t=pl.when(pl.col("t").str.contains(_MONEYISH)).then(pl.col("t")),
        d=pl.col("d").str.replace_all(SENTENCE_END, "${1}.\n").str.extract_all(MONEY_LINES),
    )
    return frame["t"].to_list(), [x or [] for x in frame["d"].to_list()]


# --- structured field renderings ---

_KV_RE = re.compile(r"([A-Za-z_]+)=(\S+)")
_USAJOBS_PERIOD = {"PA": "YEAR", "PH": "HOUR", "PD": "DAY", "PW": "WEEK", "PM": "MONTH"}
_INTERVAL_PERIOD = {
    "yearly": "YEAR", "year": "YEAR", "monthly": "MONTH", "month": "MONTH", "weekly": "WEEK", "week": "WEEK",
    "daily": "DAY", "day": "DAY", "hourly": "HOUR", "hour": "HOUR",
}  # fmt: skip


def _num(value: str | None) -> float | None:
    if value is None or value.lower() in {"none", "nan", "null", ""}:
        return None
    try:
        return float(value)
    except ValueError:
        return parse_number(value)


def parse_salary_field(text: str, country: str | None) -> Salary | None:
    """A salary field as rendered in `salary_text` (key=value forms or a free-text string), or None."""
    estimated = bool(re.search(r"Glassdoor est\.|salary_is_predicted=1|estimatedSalary|estimated=1", text))
    kv = dict(_KV_RE.findall(text))
    lo_key = next((k for k in ("salary_min", "min_salary", "MinimumRange", "min_amount") if k in kv), None)
    hi_key = next((k for k in ("salary_max", "max_salary", "MaximumRange", "max_amount") if k in kv), None)
    if lo_key or hi_key:
        lo = _num(kv.get(lo_key)) if lo_key else None
        hi = _num(kv.get(hi_key)) if hi_key else None
        lo = lo if lo else None  # zero is a placeholder, not a figure
        hi = hi if hi else None
        if lo is None and hi is None:
            return None
        lo, hi = lo or hi, hi or lo
        assert lo is not None and hi is not None
        lo, hi = min(lo, hi), max(lo, hi)
        if "currency" in kv:
            currency = kv["currency"].upper()  # JobSpy / import files, or the Adzuna site currency
        elif "salary_is_predicted" in kv or lo_key in ("min_salary", "min_amount"):
            # Adzuna and Wuzzuf give no currency: the posting's country decides.
            currency = COUNTRY_CURRENCY.get(country or "", "USD")
        else:
            currency = "USD"  # RemoteOK and USAJobs numeric fields are US dollars
        period = None
        if "RateIntervalCode" in kv:
            period = _USAJOBS_PERIOD.get(kv["RateIntervalCode"].upper())
        elif "interval" in kv:
            period = _INTERVAL_PERIOD.get(kv["interval"].lower())
        inferred = period is None
        if period is None:
            period = infer_period((lo + hi) / 2, currency)
        return Salary(lo, hi, currency, period, "unknown", estimated, inferred, text.strip(), "structured")
    mentions = find_mentions(text, salary_field=True)
    if not mentions:
        return None
    return combine(mentions, country, estimated=estimated, source="structured", default_currency=None)


# --- choosing and spanning ---


def infer_period(amount: float, currency: str) -> str:
    """The evident period of an amount with no period word (see PERIOD_BOUNDS)."""
    hour_max, month_max = PERIOD_BOUNDS.get(currency, DEFAULT_BOUNDS)
    if amount < hour_max:
        return "HOUR"
    if amount < month_max:
        return "MONTH"
    return "YEAR"


def _resolve_currency(m: Mention, country: str | None, default_currency: str | None) -> str:
    if m.currency:
        return m.currency
    if m.dollar:
        return DOLLAR_COUNTRIES.get(country or "", "USD")
    if default_currency:
        return default_currency
    return COUNTRY_CURRENCY.get(country or "", "USD")


def combine(
    mentions: list[Mention],
    country: str | None,
    *,
    estimated: bool = False,
    source: str = "text",
    default_currency: str | None = None,
) -> Salary | None:
    """Span the mentions that share the currency and period of the first one."""
    if not mentions:
        return None
    if default_currency is None and country not in COUNTRY_CURRENCY:
        # No country: amounts without a currency take the one written elsewhere in the posting.
        default_currency = next((m.currency for m in mentions if m.currency), None)
    resolved: list[tuple[Mention, str, str, bool]] = []
    for m in mentions:
        cur = _resolve_currency(m, country, default_currency)
        period = m.period or infer_period((m.low + m.high) / 2, cur)
        resolved.append((m, cur, period, m.period is None))
    first, cur0, per0, inferred0 = resolved[0]
    # Span the ranges in the first one's currency and period; a range more than five times off the first
    # one's midpoint is a different thing (a garbled field, a yearly figure in a monthly list), not a zone.
    mid0 = (first.low + first.high) / 2
    same = [
        r
        for r in resolved
        if r[1] == cur0 and r[2] == per0 and mid0 / 5 <= (r[0].low + r[0].high) / 2 <= mid0 * 5
    ]
    low = min(r[0].low for r in same)
    high = max(r[0].high for r in same)
    kinds = [r[0].kind for r in same if r[0].kind != "unknown"]
    kind = kinds[0] if kinds else "unknown"
    return Salary(low, high, cur0, per0, kind, estimated, inferred0, first.snippet, source)


@lru_cache(maxsize=65536)
def _field_cached(text: str, country: str | None) -> Salary | None:
    return parse_salary_field(text, country)


def salary_of(
    salary_text: str | None,
    title: str | None,
    snippets: list[str],
    country: str | None,
    memo: dict[tuple[str, bool], list[Mention]] | None = None,
) -> Salary | None:
    """The salary of one posting from its field, title line and description money snippets.

    `memo` (optional, kept by the caller for one batch) holds the mentions of each snippet already read:
    reposts and company boilerplate repeat the same pay lines (a third of the money snippets of the
    evaluation corpus are repeats).
    """
    if salary_text:
        found = _field_cached(salary_text, country)
        if found is not None:
            return found
    mentions: list[Mention] = []
    if title:
        mentions.extend(_mentions(title, True, memo))
    for snip in snippets:
        mentions.extend(_mentions(snip, False, memo))
    return combine(mentions, country)


def _mentions(text: str, title: bool, memo: dict[tuple[str, bool], list[Mention]] | None) -> list[Mention]:
    if memo is None:
        return find_mentions(text, title=title)
    key = (text, title)
    if key not in memo:
        memo[key] = find_mentions(text, title=title)
    return memo[key]


def salary_frame(
    df: pl.DataFrame, fx: FxTable | None = None, location: pl.DataFrame | None = None
) -> pl.DataFrame:
    """One row per input posting (same order) with the salary columns; all null when no salary.

    Columns: salary_min, salary_max (as stated), salary_currency (ISO-4217), salary_period
    (HOUR|DAY|WEEK|MONTH|YEAR), salary_kind (base|ote|total|unknown), salary_estimated,
    salary_period_inferred, salary_snippet, salary_source ('structured'|'text'),
    salary_annual_usd_min/max/mid, fx_rate_date.

    `location` is `location_frame(df)` when the caller already has it (it feeds the currency rules).
    """
    fx = fx or default_fx()
    n = df.height
    countries = (location if location is not None else location_frame(df))["country"].to_list()
    st = df["salary_text"].cast(pl.String).to_list() if "salary_text" in df.columns else [None] * n
    # A salary field with a figure wins (`salary_of`), so money is looked for in the title and description
    # of the other postings only (about half of the evaluation corpus carries such a field).
    rows: list[Salary | None] = [
        _field_cached(text, country) if text else None for text, country in zip(st, countries, strict=True)
    ]
    text_rows = [i for i, found in enumerate(rows) if found is None]
    titles, snippets = candidate_lines(df.select(pl.all().gather(pl.Series(text_rows, dtype=pl.UInt32))))
    memo: dict[tuple[str, bool], list[Mention]] = {}
    for i, title, snips in zip(text_rows, titles, snippets, strict=True):
        rows[i] = salary_of(st[i], title, snips, countries[i], memo)
    out = pl.DataFrame(
        {
            "salary_min": [r.min if r else None for r in rows],
            "salary_max": [r.max if r else None for r in rows],
            "salary_currency": [r.currency if r else None for r in rows],
            "salary_period": [r.period if r else None for r in rows],
            "salary_kind": [r.kind if r else None for r in rows],
            "salary_estimated": [r.estimated if r else None for r in rows],
            "salary_period_inferred": [r.period_inferred if r else None for r in rows],
            "salary_snippet": [r.snippet if r else None for r in rows],
            "salary_source": [r.source if r else None for r in rows],
        },
        schema=SCHEMA,
    )
    return with_annual_usd(out, fx)


def with_annual_usd(salaries: pl.DataFrame, fx: FxTable) -> pl.DataFrame:
    """Add salary_annual_usd_min/max/mid and fx_rate_date (null when the currency has no rate)."""
    rates = fx.frame().select(
        pl.col("currency").alias("salary_currency"),
        pl.col("usd_per_unit").alias("_usd"),
        pl.col("rate_date").alias("fx_rate_date"),
    )
    factor = pl.col("salary_period").replace_strict(ANNUAL_FACTOR, default=None, return_dtype=pl.Float64)
    joined = salaries.join(rates, on="salary_currency", how="left", maintain_order="left")
    scale = factor * pl.col("_usd")
    return joined.with_columns(
        salary_annual_usd_min=pl.col("salary_min") * scale,
        salary_annual_usd_max=pl.col("salary_max") * scale,
        salary_annual_usd_mid=(pl.col("salary_min") + pl.col("salary_max")) / 2 * scale,
        fx_rate_date=pl.when(pl.col("salary_min").is_not_null()).then(pl.col("fx_rate_date")),
    ).select(
        *SCHEMA,
        "salary_annual_usd_min",
        "salary_annual_usd_max",
        "salary_annual_usd_mid",
        "fx_rate_date",
    )
