"""Salary parsing: every pattern family on short real snippets (quoted from shared/eval/corpus.jsonl) and on
hand-written ones, the money that is not pay, the posting-level rules (field first, span, currency by place),
and the annual-USD columns."""

from __future__ import annotations

import polars as pl
import pytest

from transforms.enrich.fx import FxRate, FxTable
from transforms.enrich.salary import (
    ANNUAL_FACTOR,
    SCHEMA,
    infer_period,
    parse_salary_field,
    salary_frame,
    salary_of,
)
from transforms.enrich.salary_text import find_mentions, parse_number


def one(
    text: str, *, country: str | None = None, field: str | None = None, title: str | None = None
) -> tuple | None:
    """(min, max, currency, period) of a posting whose description is `text`."""
    from transforms.enrich.salary import candidate_lines

    df = pl.DataFrame(
        {"title": [title], "description": [text]}, schema={"title": pl.String, "description": pl.String}
    )
    titles, snippets = candidate_lines(df)
    s = salary_of(field, titles[0], snippets[0], country)
    return None if s is None else (s.min, s.max, s.currency, s.period)


# --- numbers ---


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("1.357,28", 1357.28),  # European decimals
        ("1,357.28", 1357.28),
        ("200.000", 200000.0),  # German thousands
        ("109,395", 109395.0),
        ("20,55", 20.55),
        ("32.2778", 32.2778),
        ("101, 125", 101125.0),  # stray space after the comma (real RemoteOK text)
        ("70\u00a0000", 70000.0),
    ],
)
def test_parse_number(text: str, value: float) -> None:
    assert parse_number(text) == pytest.approx(value)


# --- pattern families on real snippets ---


@pytest.mark.parametrize(
    ("snippet", "country", "want"),
    [
        # k shorthand applies to both ends
        ("$145 - $155k", "US", (145000, 155000, "USD", "YEAR")),
        ("£100-150k for robotics and software roles", "GB", (100000, 150000, "GBP", "YEAR")),
        ("Remote (UK/EU) | €60-100k", None, (60000, 100000, "EUR", "YEAR")),
        # full amounts, dashes, decimals and a period word
        ("Salary: $187,741.00-270,500.00 per annum", "US", (187741, 270500, "USD", "YEAR")),
        (
            "The salary range for this position is $60,675- $101, 125 annually",
            "US",
            (60675, 101125, "USD", "YEAR"),
        ),
        ("Local Pay Range $189,800—$256,160 USD", "US", (189800, 256160, "USD", "YEAR")),
        # hourly / weekly / monthly words, also German and Chinese
        ("Compensation $34.62/hour", "US", (34.62, 34.62, "USD", "HOUR")),
        ("Salary: 45-70 USD per hour, or 7560-11760 USD a month", None, (45, 70, "USD", "HOUR")),
        ("Stundenlohn zwischen 16 € und 20 € (je nach Erfahrung)", "DE", (16, 20, "EUR", "HOUR")),
        ("Gehalt zwischen 3000-3500€ mtl in VZ", "DE", (3000, 3500, "EUR", "MONTH")),
        ("Vergütung von 90.000 € bis 130.000 € / Jahr", "DE", (90000, 130000, "EUR", "YEAR")),
        ("Pay is <$100/wk", "AE", (100, 100, "USD", "WEEK")),
        ("100元/小时 兼职", "CN", (100, 100, "CNY", "HOUR")),
        ("薪资范围： USD 4,000 – 8,000 / 月", "AE", (4000, 8000, "USD", "MONTH")),
        ("月 20k-40k*13-15 薪 年 20-70 万", "CN", (20000, 40000, "CNY", "MONTH")),
        # ISO code beats the symbol; a bare $ is the local dollar in Canada
        ("Canadian employees: $178,600–223,200 CAD", "US", (178600, 223200, "CAD", "YEAR")),
        ("Salary: $120,000 - $150,000", "CA", (120000, 150000, "CAD", "YEAR")),
        # currency spelled out, Egyptian pounds, lakh
        ("Salary: L.E. 4500-6500", "EG", (4500, 6500, "EGP", "MONTH")),
        ("ML Engineer (15-20LPA INR) | Bangalore", "IN", (1500000, 2000000, "INR", "YEAR")),
        ("Salary: 11,000-13,000 AED per month", "AE", (11000, 13000, "AED", "MONTH")),
        # single figures
        ("Starting salary up to EGP 10,000", "EG", (10000, 10000, "EGP", "MONTH")),
        ("Salary floor for this role begins at $110,000+ per year", "US", (110000, 110000, "USD", "YEAR")),
        ("We pay up to $150/hr", "US", (150, 150, "USD", "HOUR")),
        # reversed range
        ("$100,000- $75,000 a year", "US", (75000, 100000, "USD", "YEAR")),
        # period from magnitude
        ("Pay Rate: $32.2778 to $38.0486 based on experience", "US", (32.2778, 38.0486, "USD", "HOUR")),
    ],
)
def test_text_families(snippet: str, country: str | None, want: tuple) -> None:
    got = one(snippet, country=country)
    assert got is not None, snippet
    assert got[:2] == pytest.approx(want[:2])
    assert got[2:] == want[2:]


def test_several_ranges_span_first_currency_and_period() -> None:
    text = (
        "The base salary range is 124,000 USD - 195,500 USD for Level 2, and 152,000 USD - "
        "241,500 USD for Level 3.\n"
        "Interns: 20 USD - 71 USD per hour."
    )
    assert one(text, country="US") == (124000, 241500, "USD", "YEAR")


def test_title_line_amounts_without_symbol() -> None:
    # HN header lines: `k` amounts need no pay word; the currency comes from the place named in the title.
    title = "Acme | Senior Engineer | Remote & NYC | 200K+"
    assert one(title, title=title, country="US") == (200000, 200000, "USD", "YEAR")


# --- money that is not pay ---


@pytest.mark.parametrize(
    "snippet",
    [
        "We raised $4.3M from great investors.",
        "We just crossed $300k ARR and are growing fast.",
        "Up to $25,000 Sign on Bonus",
        "Benefits: Unlimited PTO, $400/monthly for groceries&food",
        "Each sale is between $250 and $2,500.",
        "We just raised $220M at a $2.2B valuation.",
        "Matching 401K and profit sharing",
        "Equipment budget of $3,000 and a $100 monthly stipend",
        "Placeholder: $0.00 to $0.00",
        "Serving 12,000 team members and 80,000 employees",
        "$1B+ in gross food sales",
        "EARN UP TO $30,000 IN RECRUITMENT INCENTIVES",
        "The commission target of $75,000.00 applies to sales roles.",
    ],
)
def test_not_pay(snippet: str) -> None:
    assert one(snippet, country="US") is None, snippet


def test_equity_range_next_to_cash_range() -> None:
    assert one("£100k-£120k cash + $100k-$120k equity", country="GB") == (100000, 120000, "GBP", "YEAR")
    assert one("$75-150k base & 200k+ equity", country="US") == (75000, 150000, "USD", "YEAR")


def test_working_hours_are_not_the_pay_period() -> None:
    got = one("Compensation is $18- $22 an hour and a max of 40 hours per week", country="US")
    assert got == (18, 22, "USD", "HOUR")


# --- salary fields ---


@pytest.mark.parametrize(
    ("field", "country", "want", "estimated"),
    [
        ("$56K-$97K (Glassdoor est.)", "US", (56000, 97000, "USD", "YEAR"), True),
        ("$21-$34 Per Hour(Glassdoor est.)", "US", (21, 34, "USD", "HOUR"), True),
        ("Employer Provided Salary:$100K-$140K", "US", (100000, 140000, "USD", "YEAR"), False),
        ("$200K-$275K(Employer est.)", "US", (200000, 275000, "USD", "YEAR"), False),
        ("3,043 - 4,565 eur gross monthly", "LT", (3043, 4565, "EUR", "MONTH"), False),
        ("salary_min=30000 salary_is_predicted=0", "FR", (30000, 30000, "EUR", "YEAR"), False),
        (
            "salary_min=30000 salary_max=40000 salary_is_predicted=1",
            "GB",
            (30000, 40000, "GBP", "YEAR"),
            True,
        ),
        ("salary_min=30 salary_max=30", None, (30, 30, "USD", "HOUR"), False),
        ("min_salary=14000 max_salary=18000", "EG", (14000, 18000, "EGP", "MONTH"), False),
        (
            "MinimumRange=83528 MaximumRange=108584 RateIntervalCode=PA (Per Year)",
            "US",
            (83528, 108584, "USD", "YEAR"),
            False,
        ),
        ("USD 150000-180000 per-year-salary", "US", (150000, 180000, "USD", "YEAR"), False),
        ("baseSalary: USD 192000-264000 per YEAR", "US", (192000, 264000, "USD", "YEAR"), False),
        ("estimatedSalary: USD 90000-110000 per YEAR", "US", (90000, 110000, "USD", "YEAR"), True),
        ("OTE $25k - $35k", "US", (25000, 35000, "USD", "YEAR"), False),
        ("$4-$6usd/hour", "BR", (4, 6, "USD", "HOUR"), False),
    ],
)
def test_salary_fields(field: str, country: str | None, want: tuple, estimated: bool) -> None:
    s = parse_salary_field(field, country)
    assert s is not None
    assert (s.min, s.max) == pytest.approx(want[:2])
    assert (s.currency, s.period, s.estimated, s.source) == (want[2], want[3], estimated, "structured")


def test_placeholder_fields_are_no_salary() -> None:
    assert parse_salary_field("salary_min=0 salary_max=0", "US") is None
    assert parse_salary_field("competitive base salary", "US") is None


def test_field_wins_over_text_and_kind() -> None:
    got = salary_of("OTE $25k - $35k", None, ["Average first year OTE: 25K-35K (US) Annually"], "US")
    assert got is not None and got.kind == "ote" and (got.min, got.max) == (25000, 35000)


def test_infer_period_uses_local_magnitudes() -> None:
    assert infer_period(25, "USD") == "HOUR"
    assert infer_period(2500, "EUR") == "MONTH"
    assert infer_period(85000, "GBP") == "YEAR"
    assert infer_period(50000, "INR") == "MONTH"
    assert infer_period(18000, "EGP") == "MONTH"


# --- the frame ---


def test_salary_frame_shape_order_and_annual_usd() -> None:
    fx = FxTable(
        {
            "USD": FxRate("USD", 1.0, "2026-10-30", "identity"),
            "EUR": FxRate("EUR", 1.1, "2026-10-30", "test rate"),
        }
    )
    df = pl.DataFrame(
        {
            "uid": ["a", "b", "c", "d"],
            "title": ["ML Engineer", "Data Scientist", None, "Analyst"],
            "company": [None, None, None, None],
            "location": ["Austin, TX", "Paris, France", None, "Berlin"],
            "description": ["Pay: $30-$40 per hour", "", None, "No pay stated."],
            "salary_text": [None, "€3,000 - €4,000 monthly", None, None],
        }
    )
    out = salary_frame(df, fx)
    assert out.height == 4
    assert list(out.columns)[: len(SCHEMA)] == list(SCHEMA)
    a, b, c, d = out.iter_rows(named=True)
    assert (a["salary_min"], a["salary_max"], a["salary_currency"], a["salary_period"]) == (
        30,
        40,
        "USD",
        "HOUR",
    )
    assert a["salary_annual_usd_mid"] == pytest.approx(35 * ANNUAL_FACTOR["HOUR"])
    assert a["fx_rate_date"] == "2026-10-30" and a["salary_source"] == "text"
    assert b["salary_annual_usd_min"] == pytest.approx(3000 * 12 * 1.1)
    assert b["salary_source"] == "structured"
    assert c["salary_min"] is None and c["fx_rate_date"] is None
    assert d["salary_min"] is None and d["salary_annual_usd_mid"] is None


def test_own_labelled_postings() -> None:
    """Hand-labelled postings written for this project (not the shared dev set)."""
    cases = [
        (
            "Senior ML Engineer | London | £90k-£110k + options",
            "London, UK",
            None,
            (90000, 110000, "GBP", "YEAR"),
        ),
        (
            "Data Engineer",
            "Toronto, ON, CA",
            "Base pay: $95,000 to $120,000 per year.",
            (95000, 120000, "CAD", "YEAR"),
        ),
        ("Praktikum", "München", "Vergütung: 1.800 € brutto monatlich", (1800, 1800, "EUR", "MONTH")),
        ("Backend", "Remote (US)", "We raised $12M. Salary: $140k - $170k.", (140000, 170000, "USD", "YEAR")),
        ("Support", "Cairo, Egypt", "Salary: 8,000 - 12,000 EGP", (8000, 12000, "EGP", "MONTH")),
    ]
    df = pl.DataFrame(
        {
            "title": [c[0] for c in cases],
            "location": [c[1] for c in cases],
            "description": [c[2] or c[0] for c in cases],
            "salary_text": [None] * len(cases),
        }
    )
    out = salary_frame(df)
    for row, case in zip(out.iter_rows(named=True), cases, strict=True):
        got = (row["salary_min"], row["salary_max"], row["salary_currency"], row["salary_period"])
        assert got == case[3], case


def test_find_mentions_keeps_the_snippet() -> None:
    m = find_mentions("The base salary range for this position is: $190,800 — $267,100 USD")
    assert len(m) == 1 and m[0].kind == "base" and "$190,800" in m[0].snippet


@pytest.mark.parametrize(
    ("snippet", "country", "want"),
    [
        # schedules are not the pay period (real HN headers)
        ("Engineer | HYBRID/ONSITE 2x/week | Redwood City, Bay Area CA | $152K - $229K |", "US",
         (152000, 229000, "USD", "YEAR")),
        ("Hybrid (3 days/week) in Berlin (salary ranges for each job 70k-130k, up to 0.75% equity).", "DE",
         (70000, 130000, "EUR", "YEAR")),
        # a pay word right after the figure wins over perks named later
        ("Competitive Salary up to £75,000 base Bonus Car Allowance & Benefits Package", "GB",
         (75000, 75000, "GBP", "YEAR")),
        ("- Competitive wages: $65,000 - $80,000 + bonus opportunities", "US", (65000, 80000, "USD", "YEAR")),
        ("Staff API Engineer | Boston, MA | Full-time | $160-$180k w/ 10% bonus + equity", "US",
         (160000, 180000, "USD", "YEAR")),
        ("The annual base salary range for this role is USD 143,800.00 To USD 230,000.00 As a valued member",
         "US", (143800, 230000, "USD", "YEAR")),
        ("Rémunération proposée : entre 32k et 36k Statut : cadre", "FR", (32000, 36000, "EUR", "YEAR")),
        ("Salaire : 35 000 € - 40 000 € brut annuel", "FR", (35000, 40000, "EUR", "YEAR")),
        ("CTC: ₹12,00,000 - ₹18,00,000 per annum", "IN", (1200000, 1800000, "INR", "YEAR")),
        ("Salary: CHF 120'000 – 140'000", "CH", (120000, 140000, "CHF", "YEAR")),
        ("薪资待遇：5000 — 8000美元", "CN", (5000, 8000, "USD", "MONTH")),
        ("资深基础架构工程师、量化研究员岗位，薪酬范围40k-80k", "CN", (40000, 80000, "CNY", "MONTH")),
    ],
)  # fmt: skip
def test_regressions_from_the_corpus(snippet: str, country: str, want: tuple) -> None:
    assert one(snippet, country=country) == want


@pytest.mark.parametrize(
    "snippet",
    [
        "closed our biggest subscription to date at $2k/month last week.",
        "Rémunération : 50% des bénéfices par membre, capés à 200€ par nouveau membre",
        "I wouldn't go near those places rent wise. $3500/month for a 2 bedroom is high",
        "As a Staff Software Engineer on the mobile team, I make a bit over $200k base, in addition to bonus",
        "- 2023: 50% of our first year Sales Specialists earned $100,000+",
        "- Unlimited earnings potential: Top 10% of Sales Specialists earn $300,000+",
        "Ten years in and over 30K commits later, our technology has been battle tested.",
        "Spend three months to build and pitch for your first €100K, while getting paid to do it.",
        "工作餐：免费提供午餐 & 晚餐；早餐以 20元/天 餐补形式发放",
    ],
)
def test_regressions_not_pay(snippet: str) -> None:
    assert one(snippet, country="US") is None


def test_shipped_fx_table_is_dated_and_complete() -> None:
    from datetime import date

    from transforms.enrich.fx import default_fx

    fx = default_fx()
    needed = {
        "USD",
        "EUR",
        "GBP",
        "CAD",
        "AUD",
        "NZD",
        "SGD",
        "INR",
        "CHF",
        "SEK",
        "NOK",
        "DKK",
        "PLN",
        "JPY",
    }
    needed |= {"CNY", "EGP", "SAR", "AED", "BRL", "MXN", "ILS", "ZAR", "HKD", "KRW"}
    assert needed <= set(fx.currencies())
    for code in fx.currencies():
        rate = fx.rate(code)
        assert rate is not None and rate.usd_per_unit > 0 and rate.source
        date.fromisoformat(rate.rate_date)  # a real ISO date on every row
    assert fx.to_usd(100, "USD") == 100
    assert fx.to_usd(1, "XXX") is None
    # every currency the parser can name has a rate
    from transforms.enrich.salary import COUNTRY_CURRENCY

    assert set(COUNTRY_CURRENCY.values()) <= set(fx.currencies())
