"""Role rules on real corpus postings outside the shared dev labels, labelled by the author of the rules.

Each case was judged by reading the posting (title + text) before looking at the rule output; the note says
why. They guard the generalisation fixes (research titles need ML text, coding-agent users are not AI
builders, AI gig work, scientist-lead titles).
"""

from __future__ import annotations

import json
from pathlib import Path

import polars as pl
import pytest

from transforms.enrich.roles import roles_frame
from transforms.enrich.skills import skills_list

# uid -> (is_ai_ml, specialization, seniority or None when not judged, note)
CASES: dict[str, tuple[bool, str | None, str | None, str]] = {
    "newgrad_ai_jobs_normalized:qualcomm-3091584": (
        False,
        None,
        None,
        "CPU micro-architecture research, no ML",
    ),
    "remotive_api:2091053": (False, None, "staff_principal", "product engineer who directs coding agents"),
    "newgrad_ai_jobs_normalized:qualcomm-3093794": (True, "llm_genai", None, "RAG, LLM fine-tuning, agents"),
    "glassdoor_ds_salary:441": (True, None, "manager", "Head Data Scientist, NLP lead at an AI lab"),
    "remoteok_api:1130752": (False, None, None, "freelance voice-evaluation gig for an AI agent"),
    "remotive_api:2091035": (False, None, "senior", "video editor who uses AI tools"),
    "tech_salary_radar_mit:skills_eval:9": (True, "safety_alignment", None, "alignment researcher"),
    "newgrad_ai_jobs_normalized:amazon-10509132": (False, None, None, "network capacity models, not ML"),
    "newgrad_ai_jobs_normalized:nvidia-JR2011473": (
        True,
        "research",
        "junior",
        "robotics research, PhD new grad",
    ),
    "newgrad_ai_jobs_normalized:qualcomm-3092879": (
        True,
        "research",
        None,
        "speech and audio research engineer",
    ),
}


@pytest.fixture(scope="module")
def postings(shared_dir: Path) -> pl.DataFrame:
    rows = []
    with (shared_dir / "eval" / "corpus.jsonl").open(encoding="utf-8") as f:
        for line in f:
            row = json.loads(line)
            if row["uid"] in CASES or row["uid"] == "usajobs_data_roles_csv:row273":
                rows.append({k: row[k] for k in ("uid", "title", "description")})
    return pl.DataFrame(rows)


@pytest.mark.shared
def test_roles_on_postings_labelled_for_this_project(postings: pl.DataFrame) -> None:
    df = postings.filter(pl.col("uid").is_in(list(CASES)))
    assert df.height == len(CASES)
    out = roles_frame(df, pl.Series([None] * df.height, dtype=pl.Int64))
    for uid, got in zip(df["uid"], out.iter_rows(named=True), strict=True):
        is_ai, lane, level, note = CASES[uid]
        assert got["is_ai_ml"] is is_ai, (uid, note, got["role_reason"])
        if lane is not None:
            assert got["specialization"] == lane, (uid, note, got["role_reason"])
        if level is not None:
            assert got["seniority"] == level, (uid, note, got["role_reason"])


@pytest.mark.shared
def test_a_city_code_is_not_jax(postings: pl.DataFrame) -> None:
    df = postings.filter(
        pl.col("uid") == "usajobs_data_roles_csv:row273"
    )  # "Program Analyst (DHS Career Expo-JAX)"
    assert "jax" not in skills_list(df).to_list()[0]
