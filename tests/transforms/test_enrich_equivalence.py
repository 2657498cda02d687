"""The shortcuts taken for speed give the same result as the straightforward computation.

- the combined alias regex shares word boundaries between aliases: same matches as one pair per alias;
- ``scrub_series`` replaces only in the texts that carry contact data: same text as every replacement on all;
- ``enrich`` runs the title/text rules once per distinct title + text: same rows as enriching each alone;
- skill traps and context rules read only the rows they can change: a posting's skills do not depend on the
  other postings of the batch;
- ``salary_frame`` looks for money in the text only when no salary field carries a figure: same salaries as
  ``salary_of`` on every posting with its field, title and snippets.
"""

from __future__ import annotations

import polars as pl
from polars.testing import assert_frame_equal, assert_series_equal

from transforms.enrich import INPUT_COLUMNS, enrich
from transforms.enrich.location import location_frame
from transforms.enrich.pii import scrub_pii, scrub_series
from transforms.enrich.salary import candidate_lines, salary_frame, salary_of
from transforms.enrich.skills import skills_list
from transforms.enrich.taxonomy import load_taxonomy

TEXTS = [
    "Senior ML Engineer | Python, Go and Rust; PyTorch/TensorFlow, LLM-as-a-judge evals, RAG with LangChain",
    "Machine learning-to-rank and large language models on AWS SageMaker; X-ray imaging, not Ray",
    "熟悉Python和机器学习，大语言模型微调，推荐系统与排序，AB实验",
    "Spark joy! Use Apache Spark, dbt (not DBT therapy), CI/CD and confidence intervals (CI) in R or Python",
    "We fine-tune hyperparameters; evaluation frameworks for models; Hugging Face Transformers, PyTorch",
    "gpt-4o, GPT-4.1-mini, Node.js and Node, React/Node backend; Weights & Biases, W&B, C++, a | b testing",
    "",
]


def test_shared_boundary_alias_regex_matches_like_one_boundary_pair_per_alias() -> None:
    tax = load_taxonomy()
    fragments = sorted((p for r in tax.skills for p in r.alias_patterns()), key=len, reverse=True)
    one_pair_each = "(?:" + "|".join(f for f in fragments if "(?-i:" not in f) + ")"
    lower = pl.Series(TEXTS).str.to_lowercase()
    assert lower.str.extract_all(tax.lowercase_alias_regex).to_list() == (
        lower.str.extract_all(one_pair_each).to_list()
    )


def test_scrub_series_equals_every_replacement_on_every_text() -> None:
    texts = pl.Series(
        "d",
        [
            "Mail jane.doe+jobs@acme.co.uk or call (415) 555-0199",
            "jane [at] acme [dot] com, +49 30 1234 5678, 138-1234-5678",
            "No contact data here: $120,000 - $150,000, 2020-2024, 401(k)",
            None,
            "apply at acme.com/careers; reach jane at acme dot com",
        ],
        dtype=pl.String,
    )
    expected = pl.select(scrub_pii(pl.lit(texts))).to_series().alias("d")
    assert_series_equal(scrub_series(texts), expected)
    clean = texts.gather([2])
    assert_series_equal(scrub_series(clean), clean)


def test_reposts_get_the_rows_they_would_get_alone() -> None:
    rows = [
        {
            "uid": f"u{i}",
            "title": "ML Engineer" if i % 2 else "Data Scientist",
            "company": "Acme",
            "location": ["Toronto, ON", "London", None][i % 3],
            "description": TEXTS[i % 3] + " 5+ years of experience. Salary $150k-$200k. jane@acme.com",
            "salary_text": None if i % 4 else "USD 100000-120000 per year",
        }
        for i in range(8)
    ]
    batch = enrich(pl.DataFrame(rows, schema=dict.fromkeys(INPUT_COLUMNS, pl.String)))
    alone = pl.concat(
        [enrich(pl.DataFrame([row], schema=dict.fromkeys(INPUT_COLUMNS, pl.String))) for row in rows]
    )
    assert_frame_equal(batch, alone)


def test_skills_of_a_posting_do_not_depend_on_the_batch() -> None:
    frame = pl.DataFrame({"title": ["Engineer"] * len(TEXTS), "description": TEXTS})
    batch = skills_list(frame).to_list()
    alone = [skills_list(frame.slice(i, 1)).to_list()[0] for i in range(frame.height)]
    assert batch == alone
    assert "go" in batch[0] and "ray" not in batch[1] and "recommender_systems" in batch[2]


def test_salary_frame_reads_the_text_only_without_a_field_figure() -> None:
    frame = pl.DataFrame(
        {
            "title": ["ML Engineer | Remote | $150k", "Data Scientist", "Engineer", "Analyst", None],
            "description": [
                "Salary: $120,000 - $140,000 per year.",
                "Base pay 90k-110k EUR.",
                "No pay stated here.",
                "Compensation: £55,000 - £65,000",
                "Pay $40/hour",
            ],
            "location": ["New York, NY", "Berlin", None, "London", "Toronto, ON"],
            "salary_text": ["USD 100000-120000 per year", None, "salary_min=0", "none", "CAD 60000-70000"],
        }
    )
    location = location_frame(frame)
    titles, snippets = candidate_lines(frame)
    expected = [
        salary_of(field, title, snips, country)
        for field, title, snips, country in zip(
            frame["salary_text"], titles, snippets, location["country"], strict=True
        )
    ]
    got = salary_frame(frame, location=location)
    assert got["salary_min"].to_list() == [s.min if s else None for s in expected]
    assert got["salary_source"].to_list() == [s.source if s else None for s in expected]
    assert got["salary_snippet"].to_list() == [s.snippet if s else None for s in expected]
    assert {"structured", "text"} <= set(got["salary_source"].drop_nulls())
