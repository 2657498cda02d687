"""Property tests: the salary parsers never raise on arbitrary text and always give min <= max."""

from __future__ import annotations

import polars as pl
from hypothesis import given, settings
from hypothesis import strategies as st

from transforms.enrich.salary import parse_salary_field, salary_frame
from transforms.enrich.salary_text import find_mentions, parse_number

# Text built from the characters salary snippets are made of, so the generator reaches the parser's branches.
money_alphabet = st.sampled_from(list("0123456789$€£¥₹kKmM.,-–— /+()%:;\n")) | st.sampled_from(
    [
        "USD",
        "EUR",
        "CAD",
        "per hour",
        "per year",
        "monthly",
        "salary",
        "equity",
        "401k",
        "LPA",
        "万",
        "元",
        "/月",
        "Glassdoor est.",
        "salary_min=",
        "salary_max=",
        "L.E.",
        "to",
        "bis",
        "and",
        "OTE",
        "base",
        "raised",
    ]
)
money_text = st.lists(money_alphabet, max_size=40).map("".join)
any_text = st.text(max_size=200)


@settings(max_examples=300, deadline=None)
@given(st.one_of(money_text, any_text), st.booleans(), st.booleans())
def test_find_mentions_never_raises_and_orders_bounds(text: str, field: bool, title: bool) -> None:
    for m in find_mentions(text, salary_field=field, title=title):
        assert 0 < m.low <= m.high


@settings(max_examples=300, deadline=None)
@given(st.one_of(money_text, any_text), st.sampled_from([None, "US", "CA", "FR", "EG", "CN", "IN"]))
def test_parse_salary_field_never_raises(text: str, country: str | None) -> None:
    s = parse_salary_field(text, country)
    if s is not None:
        assert s.min <= s.max
        assert s.period in {"HOUR", "DAY", "WEEK", "MONTH", "YEAR"}
        assert len(s.currency) == 3


@settings(max_examples=200, deadline=None)
@given(st.one_of(money_text, any_text))
def test_parse_number_never_raises(text: str) -> None:
    value = parse_number(text)
    assert value is None or value >= 0 or text.strip().startswith("-")


@settings(max_examples=50, deadline=None)
@given(st.lists(st.tuples(st.one_of(st.none(), money_text), st.one_of(st.none(), money_text)), max_size=6))
def test_salary_frame_keeps_rows_and_bounds(rows: list[tuple[str | None, str | None]]) -> None:
    df = pl.DataFrame(
        {"description": [r[0] for r in rows], "salary_text": [r[1] for r in rows]},
        schema={"description": pl.String, "salary_text": pl.String},
    )
    out = salary_frame(df)
    assert out.height == len(rows)
    bad = out.filter(pl.col("salary_min") > pl.col("salary_max"))
    assert bad.height == 0
