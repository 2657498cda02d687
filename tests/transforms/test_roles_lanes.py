"""The lane decision (specialization) and the is_ai_ml bars on hand-written duty snippets.

``lane_choice`` is tested with explicit knobs (the same function ``scripts/tune_lanes.py`` fits), the full
rules through ``roles_frame`` with the knobs of ``transforms/data/taxonomy.yaml``.
"""

from __future__ import annotations

import polars as pl
import pytest

from transforms.enrich.roles import LANES_FALLBACK, lane_choice, roles_frame

LANES = {
    "inference": {"min_body": 5},
    "llm_genai": {"min_body": 6},
    LANES_FALLBACK: {"min_body": 5},
}
SCORING = {"title_weight": 1.0, "weak_title_weight": 0.6, "min_score": 1.0}


def evidence(lf: float = 1.0, **cells: float | bool) -> pl.DataFrame:
    """One evidence row (``lane_evidence`` shape) with zero counts and no title flags unless given."""
    row: dict[str, object] = {"_i": 0, "_lf": lf}
    for lane in LANES:
        row[f"n:{lane}"] = 0
        row[f"t:{lane}"] = False
        row[f"w:{lane}"] = False
    row.update({k.replace("__", ":"): v for k, v in cells.items()})
    return pl.DataFrame([row])


def choose(ev: pl.DataFrame, **scoring: float) -> dict:
    return lane_choice(ev, LANES, {**SCORING, **scoring}).to_dicts()[0]


def test_a_lane_needs_its_minimum_of_mentions_to_leave_ml_general() -> None:
    assert choose(evidence(n__llm_genai=6))["_lane"] == "llm_genai"
    assert choose(evidence(n__llm_genai=5))["_lane"] == LANES_FALLBACK
    # the threshold to leave ml_general is a knob
    assert choose(evidence(n__llm_genai=5), min_score=0.8)["_lane"] == "llm_genai"


def test_short_texts_need_fewer_mentions() -> None:
    """A text at 40 % of full length reaches the minimum with 40 % of the mentions."""
    assert choose(evidence(lf=0.4, n__inference=2))["_lane"] == "inference"
    assert choose(evidence(lf=1.0, n__inference=2))["_lane"] == LANES_FALLBACK


def test_title_bonus_and_weak_title_bonus() -> None:
    assert choose(evidence(n__inference=1, t__inference=True))["_lane"] == "inference"
    assert choose(evidence(n__inference=1, t__inference=True), title_weight=0.5)["_lane"] == LANES_FALLBACK
    assert choose(evidence(n__llm_genai=3, w__llm_genai=True))["_lane"] == "llm_genai"  # 0.5 + 0.6


def test_ml_general_competes_with_its_own_evidence() -> None:
    """Classic-ML duties outweigh one lane that only just reaches its minimum."""
    ev = evidence(n__llm_genai=6, **{"n__ml_general": 10})
    assert choose(ev)["_lane"] == LANES_FALLBACK
    assert choose(evidence(n__llm_genai=12, **{"n__ml_general": 10}))["_lane"] == "llm_genai"


def test_ties_go_to_the_earlier_lane() -> None:
    assert choose(evidence(n__inference=5, n__llm_genai=6))["_lane"] == "inference"


# --- the full rules on duty snippets --------------------------------------------------------------------

MLOPS_DUTIES = (
    "Own the machine learning lifecycle from training to serving. Build CI/CD for ML models and deploy ML "
    "models on Kubernetes. Run model monitoring and the model registry; improve ML pipelines. "
)
CLASSIC_DUTIES = (
    "Build predictive models for churn, fraud detection and anomaly detection; forecasting with gradient "
    "boosting and time-series models; classification and regression with scikit-learn. "
)


def classify(title: str, description: str) -> dict:
    df = pl.DataFrame({"title": [title], "description": [description]})
    return roles_frame(df, pl.Series([None], dtype=pl.Int64)).to_dicts()[0]


@pytest.mark.parametrize(
    ("title", "body", "lane"),
    [
        ("Machine Learning Engineer", MLOPS_DUTIES * 2, "mlops_platform"),
        ("Machine Learning Engineer", CLASSIC_DUTIES * 2 + "We deploy on Kubernetes.", "ml_general"),
        # fraud/anomaly "detection" is classic ML, not the computer-vision lane
        ("Data Scientist", "Machine learning models. " + CLASSIC_DUTIES * 2, "ml_general"),
        (
            "Machine Learning Engineer",
            "Train machine learning models for object detection, segmentation and tracking in video and "
            "lidar point clouds; camera perception with CNNs. " * 2,
            "computer_vision",
        ),
    ],
)
def test_lane_of_duties(title: str, body: str, lane: str) -> None:
    out = classify(title, body)
    assert out["specialization"] == lane, out["role_reason"]


def test_ai_hint_bar_is_lower_for_a_snippet() -> None:
    """A 500-character snippet under an "AI" title cannot repeat ML words four times."""
    snippet = ("Développer et entraîner des modèles de Machine Learning / Deep Learning. " + "x " * 200)[:500]
    assert classify("Ingénieur IA", snippet)["is_ai_ml"] is True
    long_text = snippet + " Python, SQL, tableaux de bord, reporting." * 60
    assert classify("Ingénieur IA", long_text)["is_ai_ml"] is False


def test_generic_title_keeps_its_full_bar_on_short_texts() -> None:
    blurb = "Acme builds AI for retail with machine learning. We use ML and LLMs. Go, Postgres, React."
    assert classify("Acme | Backend Engineer | Remote", blurb)["is_ai_ml"] is False


def test_a_web_address_is_not_an_ai_title_word() -> None:
    blurb = "We build AI with machine learning and deep learning for drug discovery. Hiring engineers."
    assert classify("Acme Labs | Berlin | https://www.acme.ai/", blurb)["is_ai_ml"] is False
    assert classify("Acme Labs | AI Researcher | https://www.acme.ai/", blurb)["is_ai_ml"] is True


def test_account_exec_abbreviation_is_sales() -> None:
    out = classify("Sr. Enterprise Account Exec - Data Science / ML", CLASSIC_DUTIES * 3)
    assert out["is_ai_ml"] is False, out["role_reason"]
