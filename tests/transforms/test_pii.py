"""PII scrub: addresses and phones go; salaries, years and dates stay (hand-written and real HN text)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import polars as pl
import pytest

from transforms.enrich.pii import EMAIL_TOKEN, PHONE_TOKEN, scrub_series


def scrub(text: str) -> str:
    return scrub_series(pl.Series("d", [text])).to_list()[0]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Send a CV to jane.doe+jobs@acme.co.uk today", f"Send a CV to {EMAIL_TOKEN} today"),
        ("mailto:hr@acme.io", EMAIL_TOKEN),
        ("wfisher [at] mtahq [dot] org", EMAIL_TOKEN),
        ("jane (at) acme.com", EMAIL_TOKEN),
        ("careers [at] eigen (.) net", EMAIL_TOKEN),
        ("reach lecrubier at skydio dot com!", f"reach {EMAIL_TOKEN}!"),
        ("email alex at stainlessapi.com.", f"email {EMAIL_TOKEN}."),
        ("reach out at rob dot harbaugh [AT] $companyname dot com", f"reach out at {EMAIL_TOKEN}"),
        ("Call +1 (415) 555-0199", f"Call {PHONE_TOKEN}"),
        ("or 415-555-0199 / 415.555.0199", f"or {PHONE_TOKEN} / {PHONE_TOKEN}"),
        ("Tel +49 30 12345678", f"Tel {PHONE_TOKEN}"),
        ("电话 138-1234-5678", f"电话 {PHONE_TOKEN}"),
    ],
)
def test_addresses_and_phones_are_replaced(text: str, expected: str) -> None:
    assert scrub(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Salary $120,000 - $150,000 + equity",
        "150-200k, €70–90k, 12-18 LPA, 20k-40k/月",
        "3-5 years of experience; 2020-2024; 2024-07-01; 10/09/2023",
        "401(k) match, +10% bonus, 100-150-200 steps",
        "Apply at acme.com/careers or https://jobs.acme.io/ml",
        "Contact us at the office; we are at scale.",
        "",
    ],
)
def test_salaries_years_dates_and_urls_are_kept(text: str) -> None:
    assert scrub(text) == text


def test_nulls_stay_null() -> None:
    assert scrub_series(pl.Series("d", [None], dtype=pl.String)).to_list() == [None]


@pytest.mark.shared
def test_real_hacker_news_comments_lose_addresses_but_keep_money_and_years(shared_dir: Path) -> None:
    texts = []
    with (shared_dir / "eval" / "corpus.jsonl").open(encoding="utf-8") as f:
        for line in f:
            row = json.loads(line)
            if row["dataset"] == "hn_whoishiring_firebase":
                texts.append(row["description"])
    before = pl.Series("d", texts)
    after = scrub_series(before).to_list()
    plain = re.compile(r"[\w.+-]+@[\w-]+\.[\w.]+")
    bracketed = re.compile(r"\w\s*[\[(]\s*at\s*[\])]\s*\w", re.IGNORECASE)
    assert sum(bool(plain.search(t)) for t in texts) > 50  # the real comments do carry addresses
    assert not any(plain.search(t) or bracketed.search(t) for t in after)
    money_and_years = re.compile(r"[$€£]\s?\d[\d,.]*\s?[kK]?|\b\d{2,3}[kK]\b|\b(?:19|20)\d\d\b")
    for b, a in zip(texts, after, strict=True):
        assert money_and_years.findall(b) == money_and_years.findall(a)
