"""Skill matching: aliases, inflections, vendor products, context rules and the traps of eval README §4."""

from __future__ import annotations

import json
from pathlib import Path

import polars as pl
import pytest

from transforms.enrich.skills import skills_list
from transforms.enrich.taxonomy import load_taxonomy, resolve_alias


def skills_of(description: str, title: str = "Engineer") -> list[str]:
    return skills_list(pl.DataFrame({"title": [title], "description": [description]})).to_list()[0]


def test_every_canonical_id_of_the_shared_taxonomy_is_in_the_project_taxonomy(shared_dir: Path) -> None:
    import yaml

    shared = yaml.safe_load((shared_dir / "spec" / "taxonomy.yaml").read_text(encoding="utf-8"))
    ours = {r.skill_id for r in load_taxonomy().skills}
    assert set(shared["skills"]) <= ours


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Experience with LLMs and fine-tuned models", {"llm", "fine_tuning"}),
        ("Services are containerized and run on EKS", {"docker", "kubernetes"}),
        ("We train on SageMaker, store data in S3 and query Redshift", {"aws"}),
        ("BigQuery and Vertex AI pipelines", {"gcp"}),
        ("CI/CD with GitHub Actions", {"ci_cd"}),
        ("Python/Go microservices", {"python", "go"}),
        ("Golang backend", {"go"}),
        ("Fluency in Python, R and SQL", {"python", "r_lang", "sql"}),
        ("Dashboards built in R Shiny", {"r_lang"}),
        ("Distributed jobs on Ray Serve and Anyscale", {"ray"}),
        ("Spark, Dask and Ray for preprocessing", {"spark", "ray"}),
        ("JAX/Flax research code", {"jax"}),
        ("Apache Spark and PySpark pipelines", {"spark"}),
        ("ML/DL models; CNN and RNN architectures", {"machine_learning", "deep_learning"}),
        ("MLOps practices", {"machine_learning"}),
        ("LLMOps tooling", {"llm"}),
        ("Built with GPT-4 and Claude", {"llm"}),
        ("RAG over a Pinecone vector database", {"rag", "vector_database"}),
        ("Agentic workflows with tool calling", {"agents"}),
        ("Build evaluation frameworks and LLM-as-a-judge pipelines", {"evaluation", "llm"}),
        ("A/B testing and hypothesis testing", {"statistics"}),
        ("Tensor and pipeline parallelism on multi-node, multi-GPU training", {"distributed_training"}),
        ("Write compute kernels for GPUs in CUDA", {"cuda"}),
        ("Quantization (INT8, FP8) with TensorRT-LLM", {"quantization", "tensorrt", "llm"}),
        ("Modern C++ and Rust", {"cpp", "rust"}),
        ("Node.js and TypeScript", {"typescript"}),
        ("熟悉Python和机器学习，了解深度学习", {"python", "machine_learning", "deep_learning"}),
        ("负责推荐系统与排序，AB实验", {"recommender_systems", "statistics"}),
        ("Weights & Biases for tracking, MLflow registry", {"weights_and_biases", "mlflow"}),
        ("Content recommendations and search ranking", {"recommender_systems"}),
        ("Feature store built on Feast", {"feature_store"}),
    ],
)
def test_aliases_inflections_and_vendor_products_count(text: str, expected: set[str]) -> None:
    assert expected <= set(skills_of(text))


@pytest.mark.parametrize(
    ("text", "absent"),
    [
        ("Own our go-to-market and GTM motion; go live in May", "go"),
        ("Good communication. Let's go.", "go"),
        ("Lead R&D programmes", "r_lang"),
        ("HTML and CSS", "machine_learning"),
        ("What sparked your interest?", "spark"),
        ("A broad array of skills; chest X-ray reading; Ray Tracing on GPUs", "ray"),
        ("Our code lives on GitHub and GitLab", "git"),
        ("Text2SQL and NoSQL stores", "sql"),
        ("Make recommendations to stakeholders", "recommender_systems"),
        ("Customer segmentation and audience segmentation", "computer_vision"),
        ("Fine-tune hyperparameters to optimize results", "fine_tuning"),
        ("We work with vLLMs (vision LLMs)", "vllm"),
        ("Spark MLlib", "tensorflow"),
        ("Pipelines in TFX", "tensorflow"),
        ("Languages: C/C , Java", "cpp"),
        ("Provides the planning department with necessary statistics", "statistics"),
        ("Jaxon will onboard you", "jax"),
        ("Rank a series of responses written by the model", "recommender_systems"),
    ],
)
def test_traps_do_not_count(text: str, absent: str) -> None:
    assert absent not in skills_of(text)


def test_output_is_sorted_unique_and_null_safe() -> None:
    df = pl.DataFrame(
        {"title": ["ML Engineer", None, ""], "description": ["python Python PYTHON sql", None, ""]}
    )
    out = skills_list(df).to_list()
    assert out[0] == sorted(set(out[0])) == ["machine_learning", "python", "sql"]
    assert out[1] == [] and out[2] == []


def test_resolve_alias_maps_a_matched_string_to_its_id() -> None:
    assert resolve_alias("PyTorch") == "pytorch"
    assert resolve_alias("k8s") == "kubernetes"
    assert resolve_alias("no such skill") is None


@pytest.mark.shared
def test_skills_match_the_hand_labels_on_real_postings(shared_dir: Path) -> None:
    """Real postings labelled by hand (shared/eval): micro F1 and each ambiguous id's F1 reach the targets."""
    eval_dir = shared_dir / "eval"
    corpus = {}
    with (eval_dir / "corpus.jsonl").open(encoding="utf-8") as f:
        for line in f:
            row = json.loads(line)
            corpus[row["uid"]] = row
    labels = [
        json.loads(x) for x in (eval_dir / "roles_skills_dev.jsonl").read_text(encoding="utf-8").splitlines()
    ]
    df = pl.DataFrame([{k: corpus[lab["uid"]][k] for k in ("title", "description")} for lab in labels])
    got = skills_list(df).to_list()
    tp = fp = fn = 0
    per: dict[str, list[int]] = {}
    for lab, have in zip(labels, got, strict=True):
        want, have_s = set(lab["skills"]), set(have)
        tp, fp, fn = tp + len(want & have_s), fp + len(have_s - want), fn + len(want - have_s)
        for s in want | have_s:
            c = per.setdefault(s, [0, 0, 0])
            c[0] += s in want and s in have_s
            c[1] += s in have_s and s not in want
            c[2] += s in want and s not in have_s
    assert 2 * tp / (2 * tp + fp + fn) >= 0.97
    for s in (
        "go",
        "r_lang",
        "ray",
        "jax",
        "spark",
        "machine_learning",
        "llm",
        "rag",
        "agents",
        "evaluation",
    ):
        if s in per:
            t, p, n = per[s]
            assert 2 * t / (2 * t + p + n) >= 0.90, s
