"""transforms.enrich.domain: business domain and the domain-expertise ask, on hand-written snippets."""

from __future__ import annotations

import polars as pl
import pytest

from transforms.enrich import enrich
from transforms.enrich.domain import domain_frame, load_vocabulary


def classify(description: str, title: str = "Machine Learning Engineer") -> tuple[str | None, bool]:
    out = domain_frame(pl.DataFrame({"title": [title], "description": [description]}))
    return out["domain"][0], out["asks_domain_expertise"][0]


@pytest.mark.parametrize(
    ("text", "domain"),
    [
        ("We build trading systems for hedge funds and capital markets desks.", "finance"),
        ("Our payments platform moves money for banks; you will model credit risk.", "finance"),
        ("Join an insurer: pricing models on insurance claims and underwriting data.", "finance"),
        ("Models that read clinical notes so physicians spend more time with patients.", "healthcare"),
        ("A biotech company using ML for drug discovery and medical imaging.", "healthcare"),
        ("Legal tech for law firms: contract review and e-discovery with LLMs.", "legal"),
        ("We build recommendation systems for an online marketplace.", None),
    ],
)
def test_domain_from_business_and_subject(text: str, domain: str | None) -> None:
    assert classify(text)[0] == domain


def test_one_cue_is_not_enough_but_a_title_cue_counts_twice() -> None:
    assert classify("We sometimes work with a bank.")[0] is None
    assert classify("Forecasting demand.", title="ML Engineer, Banking")[0] == "finance"


def test_benefit_boilerplate_is_not_a_domain() -> None:
    text = (
        "Build ranking models for our retail app. Benefits: medical, dental and vision insurance, "
        "health insurance, life insurance, healthcare benefits and a health savings account."
    )
    assert classify(text) == (None, False)


def test_ties_go_to_the_domain_listed_first() -> None:
    first = load_vocabulary().domains[0]
    # two finance cues and two healthcare cues
    text = "Clients include banks, fintech startups, hospitals and clinicians."
    assert classify(text)[0] == first


@pytest.mark.parametrize(
    "text",
    [
        "Experience in healthcare is required.",
        "A background in finance or capital markets is a plus.",
        "Financial services experience preferred.",
        "Knowledge of clinical workflows and EHR data.",
        "Pharmaceutical industry preferred.",
        "Experience applying ML in a retail environment.",
        "Strong domain expertise.",
        "Two years of modelling, preferably in a health plan.",
        "Regulated utility experience.",
    ],
)
def test_asks_for_domain_expertise(text: str) -> None:
    assert classify(text)[1] is True


@pytest.mark.parametrize(
    "text",
    [
        "Strong domain knowledge of machine learning and statistics.",
        "You will develop deep domain expertise about our users.",
        "A finance background is not required.",
        "No healthcare experience needed; we will teach you.",
        "Our team has deep experience in healthcare.",
        "Experience with PyTorch and distributed training.",
        "Insurance\nExperience: 5 years of Python.",
        "",
    ],
)
def test_does_not_ask_for_domain_expertise(text: str) -> None:
    assert classify(text)[1] is False


def test_nulls_and_empty_frames() -> None:
    out = domain_frame(pl.DataFrame({"title": [None, "Data Scientist"], "description": [None, None]}))
    assert out.to_dicts() == [
        {"domain": None, "asks_domain_expertise": False},
        {"domain": None, "asks_domain_expertise": False},
    ]
    empty = domain_frame(pl.DataFrame(schema={"title": pl.String, "description": pl.String}))
    assert empty.height == 0 and empty.columns == ["domain", "asks_domain_expertise"]


def test_enrich_carries_both_columns_per_posting_in_order() -> None:
    df = pl.DataFrame(
        {
            "uid": ["a", "b", "c"],
            "title": ["Data Scientist", "ML Engineer", "Data Scientist"],
            "description": [
                "Hospital analytics for patients and clinicians. Healthcare experience preferred.",
                "Recommendation models for a video app.",
                "Hospital analytics for patients and clinicians. Healthcare experience preferred.",
            ],
        }
    )
    out = enrich(df)
    assert out["uid"].to_list() == ["a", "b", "c"]
    assert out["domain"].to_list() == ["healthcare", None, "healthcare"]
    assert out["asks_domain_expertise"].to_list() == [True, False, True]
    assert out.schema["asks_domain_expertise"] == pl.Boolean
