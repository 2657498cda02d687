"""is_ai_ml, specialization and seniority rules (eval README section 4 conventions), hand-written and real."""

from __future__ import annotations

import json
from pathlib import Path

import polars as pl
import pytest

from transforms.enrich.roles import role_features, roles_frame, years_to_seniority

ML_BODY = (
    "You will train and deploy machine learning models, build deep learning pipelines in PyTorch, "
    "run model training at scale and ship ML systems to production. "
)
LLM_BODY = (
    "Build LLM agents and RAG pipelines; prompt engineering; agentic workflows on large language models. " * 2
)


def classify(title: str, description: str = "", years: int | None = None) -> dict:
    df = pl.DataFrame({"title": [title], "description": [description]})
    return roles_frame(df, pl.Series([years], dtype=pl.Int64)).to_dicts()[0]


@pytest.mark.parametrize(
    ("title", "body", "is_ai"),
    [
        ("Account Executive - AI Platform", ML_BODY, False),
        ("Technical Program Manager, Research", ML_BODY * 3, False),
        ("AI Training for Writers", ML_BODY, False),
        ("Adaptive ML ($20m Seed) | ML Developer Advocate | NYC", ML_BODY, False),
        ("Data Labeling Specialist", ML_BODY, False),
        ("Senior Machine Learning Engineer", "", True),
        ("Computer Vision Engineer", "", True),
        ("Research Scientist, LLMs", "", True),
        ("Acme | Senior Backend Engineer | Remote", "Our product uses ML. Go and Postgres.", False),
        ("Software Engineer, Agentic AI", LLM_BODY, True),
        ("Software Engineer, Edge AI", "Embedded C drivers, RTOS, board bring-up.", False),
        ("Data Scientist", ML_BODY + "predictive models, regression, classification.", True),
        (
            "Data Scientist, Product",
            "Dashboards, reports, metrics, KPIs, A/B experiments, stakeholders insights.",
            False,
        ),
        ("Praktikum Online-Marketing [KI / AI]", ML_BODY, False),
    ],
)
def test_is_ai_ml(title: str, body: str, is_ai: bool) -> None:
    out = classify(title, body)
    assert out["is_ai_ml"] is is_ai, out["role_reason"]
    assert (out["specialization"] is None) is (not is_ai)


@pytest.mark.parametrize(
    ("title", "body", "lane"),
    [
        ("Computer Vision Engineer", ML_BODY, "computer_vision"),
        ("Research Scientist, Generative AI", ML_BODY, "research"),
        ("Senior Machine Learning Engineer (MLOps)", ML_BODY, "mlops_platform"),
        ("ML Inference Engineer", ML_BODY, "inference"),
        ("AI Safety Researcher", ML_BODY, "safety_alignment"),
        ("Machine Learning Engineer", ML_BODY, "ml_general"),
        ("Machine Learning Engineer", ML_BODY + LLM_BODY, "llm_genai"),
        (
            "Machine Learning Engineer",
            ML_BODY + "CUDA kernels, TensorRT, quantization, GPU latency. " * 2,
            "inference",
        ),
        ("AI Engineer", ML_BODY + "We use an LLM for search.", "llm_genai"),
        ("AI Engineer", ML_BODY, "ml_general"),
    ],
)
def test_specialization_lane(title: str, body: str, lane: str) -> None:
    out = classify(title, body)
    assert out["specialization"] == lane, out["role_reason"]


@pytest.mark.parametrize(
    ("title", "years", "level"),
    [
        ("Machine Learning Intern", 5, "intern"),
        ("Data Analyst en Alternance", None, "intern"),
        ("Advisor I - HSSE", 4, "junior"),
        ("Software Engineer I (Remote)", None, "junior"),
        ("Praktikum Data Science", None, "intern"),
        ("AI Engineer - New College Grad 2026", 3, "junior"),
        ("Junior Computer Vision Engineer", None, "junior"),
        ("Associate Machine Learning Engineer", None, "junior"),
        ("Software Engineer II", 5, "mid"),
        ("Data Scientist 3", None, "mid"),
        ("Senior Data Scientist", 2, "senior"),
        ("Sr. ML Engineer", None, "senior"),
        ("Staff Machine Learning Engineer", None, "staff_principal"),
        ("Principal Scientist", None, "staff_principal"),
        ("Lead Data Engineer", None, "staff_principal"),
        ("Director of Machine Learning", None, "manager"),
        ("Head of AI", None, "manager"),
        ("Engineering Manager, ML Platform", None, "manager"),
        ("Technical Program Manager", 5, "senior"),
        ("Machine Learning Engineer", None, "mid"),
        ("Machine Learning Engineer", 1, "junior"),
        ("Machine Learning Engineer", 3, "mid"),
        ("Machine Learning Engineer", 6, "senior"),
        ("Machine Learning Engineer", 10, "staff_principal"),
        ("Acme | Senior ML Engineer | Remote", None, "senior"),
    ],
)
def test_seniority_title_first_then_years(title: str, years: int | None, level: str) -> None:
    out = classify(title, ML_BODY, years)
    assert out["seniority"] == level, out["role_reason"]


def test_manager_title_of_an_individual_contributor_falls_back_to_years() -> None:
    out = classify("Infrastructure Manager", "This is an individual contributor role.", 2)
    assert out["seniority"] == "mid"


def test_years_mapping_boundaries() -> None:
    years = pl.Series([None, 0, 1, 2, 4, 5, 7, 8, 20], dtype=pl.Int64)
    got = pl.select(years_to_seniority(pl.lit(years))).to_series().to_list()
    assert got == [
        None,
        "junior",
        "junior",
        "mid",
        "mid",
        "senior",
        "senior",
        "staff_principal",
        "staff_principal",
    ]


def test_every_decision_is_explained() -> None:
    df = pl.DataFrame(
        {"title": ["Senior Machine Learning Engineer", "Sales Lead"], "description": [ML_BODY, ""]}
    )
    out = role_features(df, pl.Series([None, None], dtype=pl.Int64))
    reasons = out["role_reason"].to_list()
    assert "title 'Machine Learning'" in reasons[0] and "senior: title 'Senior'" in reasons[0]
    assert reasons[1].startswith("not AI/ML: title 'Sales'")


@pytest.mark.shared
def test_roles_reach_the_targets_on_the_hand_labels(shared_dir: Path) -> None:
    """The labelled real postings of shared/eval, with years from the project's experience parser."""
    from transforms.enrich.experience import experience_min_years

    eval_dir = shared_dir / "eval"
    corpus = {}
    with (eval_dir / "corpus.jsonl").open(encoding="utf-8") as f:
        for line in f:
            row = json.loads(line)
            corpus[row["uid"]] = row
    labels = [
        json.loads(x) for x in (eval_dir / "roles_skills_dev.jsonl").read_text(encoding="utf-8").splitlines()
    ]
    cols = ("uid", "title", "company", "location", "description", "salary_text")
    df = pl.DataFrame(
        [{k: corpus[lab["uid"]][k] for k in cols} for lab in labels], schema=dict.fromkeys(cols, pl.String)
    )
    out = roles_frame(df, experience_min_years(df)).to_dicts()
    ai_ok = sum(o["is_ai_ml"] == lab["is_ai_ml"] for o, lab in zip(out, labels, strict=True)) / len(labels)
    ai_labels = [(o, lab) for o, lab in zip(out, labels, strict=True) if lab["is_ai_ml"]]
    spec_ok = sum(o["specialization"] == lab["specialization"] for o, lab in ai_labels) / len(ai_labels)
    sen_ok = sum(o["seniority"] == lab["seniority"] for o, lab in zip(out, labels, strict=True)) / len(labels)
    assert ai_ok >= 0.95
    assert spec_ok >= 0.85
    assert sen_ok >= 0.90


def test_chinese_titles_and_text() -> None:
    """CJK has no word boundaries: the Chinese keyword lists are matched without them."""
    algo = classify("【北京】算法工程师（大模型方向）", "负责大模型训练与推理，机器学习与深度学习。")
    assert algo["is_ai_ml"] is True and algo["specialization"] == "llm_genai"
    assert classify("计算机视觉算法实习生", "图像识别")["seniority"] == "intern"
    backend = classify("资深Java研发", "Java 后端")
    assert backend["is_ai_ml"] is False and backend["seniority"] == "senior"


def test_statistical_inference_is_not_the_inference_lane() -> None:
    body = ML_BODY + "Bayesian inference, statistical inference and causal inference; regression models."
    assert classify("Data Scientist - Algorithms & Inference", body)["specialization"] == "ml_general"
    assert classify("ML Inference Engineer", body)["specialization"] == "inference"


# --- Generalisation families (held-out val misses), hand-written snippets ---

CLASSIC_ML_DUTIES = (
    "Build and integrate models for risk analysis, anomaly detection and fraud detection. "
    "Design recommendation engines and churn forecasting with gradient boosting and time-series models. "
)


def test_one_llm_duty_among_classic_ml_duties_is_not_the_llm_lane() -> None:
    """The lane is the dominant one of the duties: a single LLM feature does not outweigh classic ML."""
    body = ML_BODY + CLASSIC_ML_DUTIES + "Develop LLM-based capabilities."
    assert classify("Senior AI Developer", body)["specialization"] == "ml_general"


def test_research_title_with_training_stack_performance_duties_is_inference() -> None:
    """Section 4: ML-systems performance work on training stacks (kernels, parallelism) is inference."""
    body = (
        "Optimise the pre-training stack: write GPU kernels, tune tensor and pipeline parallelism, improve "
        "throughput and latency of data loading, profile GPUs and accelerators, cut runtime costs. "
        "Work with researchers on large model training."
    )
    out = classify("AI Research Engineer, Pre-Training", ML_BODY + body)
    assert out["specialization"] == "inference", out["role_reason"]
    papers = "Publish papers at NeurIPS and ICML; novel architectures; state-of-the-art research agenda. " * 2
    assert classify("AI Research Engineer", ML_BODY + papers)["specialization"] == "research"


@pytest.mark.parametrize(
    ("body", "is_ai"),
    [
        (
            "Design, develop and evaluate mathematical models and algorithms; modeling and simulation of "
            "physics-based sensor systems; numerical optimization; modeling tools; algorithm development.",
            False,
        ),
        (
            "Optimize company performance with algorithms, experimentation and dashboards. "
            "Lead the development and optimization of machine learning models.",
            True,
        ),
        ("Our DS team builds models. Design and implement ML models on high-cardinality data.", True),
    ],
)
def test_data_scientist_needs_ml_model_building_not_modelling_in_general(body: str, is_ai: bool) -> None:
    out = classify("Data Scientist", body)
    assert out["is_ai_ml"] is is_ai, out["role_reason"]


def test_infrastructure_serving_ml_teams_is_ml_infrastructure() -> None:
    body = (
        "Support day-to-day operations for the ML/AI team by monitoring the HPC cluster. Develop deployment "
        "plans for the AI researchers. Manage Slurm job schedulers and GPU clusters."
    )
    out = classify("HPC Engineer", body)
    assert out["is_ai_ml"] is True and out["specialization"] == "mlops_platform", out["role_reason"]
    generic = "Run our AWS cloud, Kubernetes and CI/CD. Partner with the ML team on releases."
    assert classify("DevOps Engineer", generic)["is_ai_ml"] is False


@pytest.mark.parametrize(
    ("title", "years", "level"),
    [
        ("Campus Recruiter, Machine Learning and Quantitative Research", 8, "staff_principal"),
        ("Campus Sourcer", 2, "mid"),
        ("Recruiter, Interns & New Grads", None, "mid"),
        ("Finance Graduate Program", None, "junior"),
        ("University Grad Software Engineer", None, "junior"),
    ],
)
def test_level_words_about_the_people_hired_are_not_the_roles_level(
    title: str, years: int | None, level: str
) -> None:
    assert classify(title, "", years)["seniority"] == level
