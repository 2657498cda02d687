"""Skill rules for the phrasing families found on the held-out val misses: stack lists, CJK-glued words,
lower-case language names, domain lists versus ranking applications, training parallelism, rater gigs and
Chinese prompt-engineering terms. Snippets are hand-written or short quotes of real postings ("real")."""

from __future__ import annotations

import polars as pl
import pytest

from transforms.enrich.skills import skills_list


def skills_of(description: str, title: str = "Engineer") -> set[str]:
    return set(skills_list(pl.DataFrame({"title": [title], "description": [description]})).to_list()[0])


@pytest.mark.parametrize(
    ("text", "skill"),
    [
        ("Stack: Typescript/React, Go and PostgreSQL.", "go"),  # real
        ("Postgres / Go / React / TypeScript", "go"),  # real
        ("其他岗位也同时开放招聘（服务端开发（Go语言）、大模型开发（Python））", "go"),  # real
        ("高级 Go 后端工程师 (Message Platform)", "go"),  # real
        ("熟悉Go，了解 Kubernetes", "go"),
        ("standard data science tools (such as R or python)", "r_lang"),  # real
        ("in the same quarter you might build an AI phone agent for one customer", "agents"),  # real
        (
            "kernel development, training data loading, parallelism, networking, and fault-tolerance",
            "distributed_training",
        ),  # real
        ("Choose the parallelism for large training runs across thousands of GPUs.", "distributed_training"),
        ("通过提示与上下文工程、工具设计以及Agent系统架构的持续优化", "prompt_engineering"),  # real
        ("具备提示工程、工具调用、工作流编排经验更佳", "prompt_engineering"),  # real
        ("Own search, ads, and recommendations for the marketplace.", "recommender_systems"),
        (
            "vision-language models, video diffusion models, recommendation, and speech workloads",
            "recommender_systems",
        ),  # real
        ("You will evaluate LLM agents and build evaluation harnesses.", "evaluation"),
        ("Train and evaluate models for fraud detection.", "evaluation"),
    ],
)
def test_family_counts(text: str, skill: str) -> None:
    assert skill in skills_of(text)


@pytest.mark.parametrize(
    ("text", "skill"),
    [
        ("We move fast. Go and see the team; let's go live.", "go"),
        (
            "Methods that transfer to any domain: robotics, biology, audio, video, recommendations, etc.",
            "recommender_systems",
        ),  # real
        ("Document findings, recommendations, and business impact.", "recommender_systems"),  # real
        ("participate in developing recommendations for operational models", "recommender_systems"),  # real
        (
            "Make calls with an AI agent. The goal is to evaluate how well the agent understands speech.",
            "evaluation",
        ),  # real
        ("This project offers exposure to AI evaluation workflows.", "evaluation"),  # real
        ("The R&D team parallelises builds; parallelism in CI.", "distributed_training"),
        ("R&D or Python", "r_lang"),
    ],
)
def test_family_traps(text: str, skill: str) -> None:
    assert skill not in skills_of(text)
