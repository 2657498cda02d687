"""Check the knobs of the role rules (lane and is_ai_ml) on the project's labels with seeded k-fold
cross-validation, and compare the lane rule with a small logistic-regression model on the same evidence.

Usage (from the project root)::

    .venv/bin/python scripts/tune_lanes.py [--folds 5] [--seed 20261126] [--misses]

Labels (never the test half): ``shared/eval/roles_skills_dev.jsonl``, ``tests/eval_holdout/
roles_skills_val.jsonl`` and ``tests/eval_holdout/roles_lanes_train.jsonl``. Grain: one labelled posting.
Nothing is written; the script prints the cross-validated accuracies and the knobs it would choose.

1. The production rules (``transforms.enrich.roles.role_features`` with years from the experience parser)
   run once on the labelled postings; the script keeps their signals: lane evidence (``lane_evidence``:
   mentions of each lane's words, title flags, length factor) and the is_ai_ml signals.
2. Every setting of a small grid of interpretable knobs is scored with the rules' arithmetic in numpy
   (checked against the production functions for the current knobs and for the chosen ones):
   ``LANE_GRID`` (title bonus, weak-title bonus, the score a lane needs to leave ml_general, a common scale
   of the lanes' minimum mentions, ml_general's own minimum) and ``AI_GRID`` (the ML-mention bars for
   AI-hint and generic titles, whether the hint bar scales with text length, the scientist model-building
   bar).
3. Nested cross-validation: postings are dealt into ``--folds`` folds (seeded, stratified by label); for
   each fold the knobs are chosen on the other folds and the held-out fold is scored. The mean over folds
   is the honest estimate of "rules + fitting"; the current knobs are scored on the same folds.
4. Knobs are chosen by plateau: the mean accuracy of a setting and its one-step grid neighbours (not a
   lucky spike), ties to the setting nearest the current knobs.
5. A multinomial logistic regression (numpy/scipy, L2, features: lane mentions per length, title flags)
   is cross-validated on the same folds, its L2 strength chosen inside each training part.

Accuracies: ``specialization`` is the scorer's ``specialization_accuracy`` (over postings labelled AI/ML,
the predicted specialization equals the label; a posting the rules call not-AI/ML is a miss);
``is_ai_ml`` is over all labelled postings.
"""

from __future__ import annotations

import argparse
import itertools
import json
import random
import sys
from pathlib import Path

import numpy as np
import polars as pl
from scipy.optimize import minimize

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from transforms.enrich.experience import experience_min_years  # noqa: E402
from transforms.enrich.roles import LANES_FALLBACK, lane_choice, lane_evidence, role_features  # noqa: E402
from transforms.enrich.taxonomy import load_taxonomy  # noqa: E402

SHARED = ROOT.parent / "shared" / "eval"
LABEL_FILES: dict[str, Path] = {
    "dev": SHARED / "roles_skills_dev.jsonl",
    "val": ROOT / "tests" / "eval_holdout" / "roles_skills_val.jsonl",
    "train": ROOT / "tests" / "eval_holdout" / "roles_lanes_train.jsonl",
}
SEED = 20261126
# min_body_scale multiplies every lane's min_body except ml_general's, which is its own knob.
LANE_GRID: dict[str, list[float]] = {
    "title_weight": [0.5, 0.75, 1.0, 1.25, 1.5],
    "weak_title_weight": [0.3, 0.6, 0.9],
    "min_score": [0.5, 0.6, 0.7, 0.8, 0.9, 1.0, 1.2],
    "min_body_scale": [0.6, 0.8, 1.0, 1.25, 1.5],
    "ml_general_min_body": [3.0, 4.0, 5.0, 6.0, 8.0, 12.0],
}
AI_GRID: dict[str, list[float]] = {
    "hint_title": [3.0, 4.0, 5.0, 6.0],
    "other_title": [6.0, 8.0, 10.0, 12.0],
    "scale_by_length": [0.0, 1.0],
    "min_model_work": [3.0, 4.0, 5.0, 6.0],
}
L2_STRENGTHS = [0.03, 0.1, 0.3, 1.0, 3.0]


def read_jsonl(path: Path) -> list[dict]:
    """Rows of a JSONL file."""
    with path.open(encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def load_labelled() -> pl.DataFrame:
    """One row per labelled posting: ``uid, set, lab_ai, lab_lane``, the rules' decisions ``pred_ai``, their
    is_ai_ml signals (``_neg`` ... ``_ml_duty``) and the lane evidence (``_lf``, ``n:/t:/w:<lane>``)."""
    labels = [
        {"uid": row["uid"], "set": name, "lab_ai": row["is_ai_ml"], "lab_lane": row["specialization"]}
        for name, path in LABEL_FILES.items()
        for row in read_jsonl(path)
    ]
    uids = {lab["uid"] for lab in labels}
    corpus = {
        row["uid"]: {"title": row["title"], "description": row["description"]}
        for row in read_jsonl(SHARED / "corpus.jsonl")
        if row["uid"] in uids
    }
    schema = {"title": pl.String, "description": pl.String}
    posts = pl.DataFrame([corpus[lab["uid"]] for lab in labels], schema=schema)
    feats = role_features(posts, experience_min_years(posts).cast(pl.Int64))
    signals = feats.select(
        "_hint", "_short", "_work", "_ml_infra", "_gig", "_ds", "_model", "_analytics", "_ml_evidence",
        "_ml_duty", pred_ai="is_ai_ml", neg=pl.col("_neg").is_not_null(), pos=pl.col("_pos").is_not_null(),
    )  # fmt: skip
    evidence = lane_evidence(feats.select("_i", "_rt", "_desc_lower"))
    return pl.concat([pl.DataFrame(labels), signals, evidence], how="horizontal")


def lanes_of() -> list[str]:
    return list(load_taxonomy().roles["lanes"])


# --- the rules' arithmetic under a knob setting -------------------------------------------------------


def lane_config(knobs: dict[str, float]) -> tuple[dict[str, dict], dict[str, float]]:
    """``lanes`` and ``scoring`` arguments of ``lane_choice`` for a lane-knob setting (YAML lanes as base)."""
    lanes = {}
    for name, spec in load_taxonomy().roles["lanes"].items():
        own = knobs["ml_general_min_body"] if name == LANES_FALLBACK else None
        lanes[name] = {**spec, "min_body": own or spec["min_body"] * knobs["min_body_scale"]}
    return lanes, {k: knobs[k] for k in ("title_weight", "weak_title_weight", "min_score")}


def predict_lanes(f: pl.DataFrame, knobs: dict[str, float]) -> np.ndarray:
    """Lane index (YAML order) per posting, with ``lane_choice``'s arithmetic."""
    lanes, scoring = lane_config(knobs)
    lf = f["_lf"].to_numpy()
    scores = np.stack(
        [
            f[f"n:{n}"].to_numpy() / (spec["min_body"] * lf)
            + scoring["title_weight"] * f[f"t:{n}"].to_numpy()
            + scoring["weak_title_weight"] * f[f"w:{n}"].to_numpy()
            for n, spec in lanes.items()
        ],
        axis=1,
    )
    fallback = list(lanes).index(LANES_FALLBACK)  # argmax takes the first maximum: YAML order breaks ties
    return np.where(scores.max(axis=1) >= scoring["min_score"], scores.argmax(axis=1), fallback)


def predict_ai(f: pl.DataFrame, knobs: dict[str, float]) -> np.ndarray:
    """is_ai_ml per posting under an is_ai_ml knob setting, with ``role_features``' arithmetic."""
    ai = load_taxonomy().roles["is_ai_ml"]
    col = {c: f[c].to_numpy() for c in f.columns if c.startswith("_") or c in ("neg", "pos")}
    scale = np.where(knobs["scale_by_length"] > 0, col["_short"], 1.0)
    thr = np.where(col["_hint"], knobs["hint_title"] * scale, knobs["other_title"])
    builds = (
        (col["_model"] >= knobs["min_model_work"])
        & (2 * col["_model"] >= col["_analytics"])
        & (col["_ml_evidence"] >= ai["min_ml_evidence"])
    ) | col["_ml_duty"]
    body = ~col["_gig"] & np.where(col["_ds"], builds, (col["_work"] >= thr) | col["_ml_infra"])
    return ~col["neg"] & (col["pos"] | body)


def current_lane_knobs() -> dict[str, float]:
    roles = load_taxonomy().roles
    return {
        **{k: float(v) for k, v in roles["lane_scoring"].items()},
        "min_body_scale": 1.0,
        "ml_general_min_body": float(roles["lanes"][LANES_FALLBACK]["min_body"]),
    }


def current_ai_knobs() -> dict[str, float]:
    ai = load_taxonomy().roles["is_ai_ml"]
    return {
        "hint_title": float(ai["min_ai_work"]["hint_title"]),
        "other_title": float(ai["min_ai_work"]["other_title"]),
        "scale_by_length": float(bool(ai.get("scale_by_length"))),
        "min_model_work": float(ai["min_model_work"]),
    }


def check_against_production(f: pl.DataFrame, lane_knobs: dict[str, float]) -> None:
    """The numpy copies must reproduce the production functions."""
    lanes, scoring = lane_config(lane_knobs)
    names = list(lanes)
    prod = lane_choice(f, lanes, scoring)["_lane"].to_list()
    if prod != [names[i] for i in predict_lanes(f, lane_knobs)]:
        sys.exit("numpy lane scoring differs from lane_choice")
    if not np.array_equal(predict_ai(f, current_ai_knobs()), f["pred_ai"].to_numpy()):
        sys.exit("numpy is_ai_ml differs from role_features")


# --- cross-validation ----------------------------------------------------------------------------------


def settings_of(grid: dict[str, list[float]]) -> list[dict[str, float]]:
    return [dict(zip(grid, values, strict=True)) for values in itertools.product(*grid.values())]


def plateau_choice(correct: np.ndarray, rows: np.ndarray, grid: dict[str, list[float]], current: dict) -> int:
    """Index of the setting with the best mean accuracy over itself and its one-step grid neighbours on
    ``rows``; then its own accuracy; then the fewest grid steps from ``current``."""
    settings = settings_of(grid)
    index = {tuple(s.values()): i for i, s in enumerate(settings)}
    acc = correct[:, rows].mean(axis=1)
    plateau = np.empty(len(settings))
    steps = np.empty(len(settings))
    for i, s in enumerate(settings):
        near = [i]
        for key, values in grid.items():
            pos = values.index(s[key])
            near += [
                index[tuple({**s, key: values[p]}.values())]
                for p in (pos - 1, pos + 1)
                if 0 <= p < len(values)
            ]
        plateau[i] = acc[near].mean()
        steps[i] = sum(
            abs(values.index(s[k]) - values.index(current[k]))
            for k, values in grid.items()
            if current[k] in values
        )
    return int(np.lexsort((steps, -np.round(acc, 9), -np.round(plateau, 9)))[0])


def deal_folds(keys: list[str], k: int, seed: int) -> np.ndarray:
    """Fold per posting: seeded shuffle within each label value, dealt round-robin (stratified)."""
    rng = random.Random(seed)
    fold = np.empty(len(keys), dtype=int)
    start = 0
    for key in sorted(set(keys)):
        rows = [i for i, x in enumerate(keys) if x == key]
        rng.shuffle(rows)
        for j, i in enumerate(rows):
            fold[i] = (start + j) % k
        start += len(rows)
    return fold


def nested_cv(
    correct: np.ndarray, rows: np.ndarray, fold: np.ndarray, grid: dict[str, list[float]], current: dict
) -> list[tuple[float, float, dict]]:
    """Per fold: (held-out accuracy of the knobs chosen on the other folds, of the current knobs, knobs)."""
    settings = settings_of(grid)
    now = settings.index(current) if current in settings else None
    out = []
    for k in range(fold.max() + 1):
        train = rows[fold[rows] != k]
        test = rows[fold[rows] == k]
        pick = plateau_choice(correct, train, grid, current)
        base = float(correct[now, test].mean()) if now is not None else float("nan")
        out.append((float(correct[pick, test].mean()), base, settings[pick]))
    return out


# --- logistic regression on the lane evidence -------------------------------------------------------


def lane_features(f: pl.DataFrame, lanes: list[str]) -> np.ndarray:
    """Per lane: mentions per full-length text (count / length factor, /5) and the title flag."""
    lf = f["_lf"].to_numpy()
    cols = []
    for n in lanes:
        cols += [f[f"n:{n}"].to_numpy() / lf / 5, f[f"t:{n}"].to_numpy().astype(float)]
    return np.stack(cols, axis=1)


def fit_softmax(x: np.ndarray, y: np.ndarray, classes: int, l2: float) -> np.ndarray:
    """Multinomial logistic regression (weights incl. an intercept row), L-BFGS from zeros: deterministic."""
    xb = np.hstack([x, np.ones((len(x), 1))])

    def loss(w: np.ndarray) -> tuple[float, np.ndarray]:
        wm = w.reshape(xb.shape[1], classes)
        z = xb @ wm
        z -= z.max(axis=1, keepdims=True)
        p = np.exp(z)
        p /= p.sum(axis=1, keepdims=True)
        value = -np.log(p[np.arange(len(y)), y] + 1e-12).sum() + l2 * (wm[:-1] ** 2).sum()
        p[np.arange(len(y)), y] -= 1
        grad = xb.T @ p
        grad[:-1] += 2 * l2 * wm[:-1]
        return value, grad.ravel()

    res = minimize(loss, np.zeros(xb.shape[1] * classes), jac=True, method="L-BFGS-B")
    return res.x.reshape(xb.shape[1], classes)


def softmax_predict(w: np.ndarray, x: np.ndarray) -> np.ndarray:
    return (np.hstack([x, np.ones((len(x), 1))]) @ w).argmax(axis=1)


def logistic_cv(
    f: pl.DataFrame, lanes: list[str], rows: np.ndarray, fold: np.ndarray
) -> list[tuple[float, float]]:
    """Per fold: (held-out specialization accuracy, L2 strength chosen by an inner 3-fold split)."""
    x = lane_features(f, lanes)
    y = np.array([lanes.index(v) if v else -1 for v in f["lab_lane"].to_list()])
    pred_ai = f["pred_ai"].to_numpy()

    def acc(train: np.ndarray, test: np.ndarray, l2: float) -> float:
        w = fit_softmax(x[train], y[train], len(lanes), l2)
        return float(((softmax_predict(w, x[test]) == y[test]) & pred_ai[test]).mean())

    out = []
    for k in range(fold.max() + 1):
        train = rows[fold[rows] != k]
        test = rows[fold[rows] == k]
        inner = np.arange(len(train)) % 3
        best = max(
            L2_STRENGTHS,
            key=lambda l2: np.mean([acc(train[inner != j], train[inner == j], l2) for j in range(3)]),
        )
        out.append((acc(train, test, best), best))
    return out


# --- report ------------------------------------------------------------------------------------------


def summary(name: str, per_fold: list[float]) -> str:
    a = np.array(per_fold)
    return f"{name}: mean {a.mean():.3f} (sd {a.std():.3f}) per fold {' '.join(f'{v:.3f}' for v in a)}"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--folds", type=int, default=5)
    ap.add_argument("--seed", type=int, default=SEED)
    ap.add_argument(
        "--misses", action="store_true", help="print the specialization misses of the chosen knobs"
    )
    args = ap.parse_args()

    f = load_labelled()
    lanes = lanes_of()
    lane_now, ai_now = current_lane_knobs(), current_ai_knobs()
    check_against_production(f, lane_now)
    is_ai = f["lab_ai"].to_numpy()
    sets = f["set"].to_numpy()
    print(
        f"labelled postings: {f.height}, AI/ML {int(is_ai.sum())}; per set",
        dict(f.group_by("set", maintain_order=True).len().iter_rows()),
    )

    def per_set(correct_row: np.ndarray, mask: np.ndarray) -> str:
        return " ".join(f"{s} {correct_row[mask & (sets == s)].mean():.3f}" for s in LABEL_FILES)

    # specialization: lane knobs (is_ai_ml decisions as the rules make them)
    lab = np.array([lanes.index(v) if v else -1 for v in f["lab_lane"].to_list()])
    pred_ai = f["pred_ai"].to_numpy()
    lane_settings = settings_of(LANE_GRID)
    lane_ok = np.stack([(predict_lanes(f, s) == lab) & pred_ai for s in lane_settings])
    ai_rows = np.flatnonzero(is_ai)
    spec_fold = np.full(f.height, -1)
    spec_fold[ai_rows] = deal_folds([v for v in f["lab_lane"].to_list() if v], args.folds, args.seed)
    cv = nested_cv(lane_ok, ai_rows, spec_fold, LANE_GRID, lane_now)
    print("\n== specialization (lane knobs), nested CV over", len(ai_rows), "AI/ML-labelled postings")
    print(summary("fitted knobs (chosen inside each fold)", [c[0] for c in cv]))
    print(summary("current knobs", [c[1] for c in cv]))
    for k, (_, _, knobs) in enumerate(cv):
        print(f"  fold {k} chose {knobs}")
    lr = logistic_cv(f, lanes, ai_rows, spec_fold)
    print(summary("logistic regression on lane evidence", [c[0] for c in lr]), "L2", [c[1] for c in lr])
    final = lane_settings[plateau_choice(lane_ok, ai_rows, LANE_GRID, lane_now)]
    check_against_production(f, final)
    now_ok = lane_ok[lane_settings.index(lane_now)]
    print(f"current knobs in-sample: {now_ok[ai_rows].mean():.3f} ({per_set(now_ok, is_ai)})")
    final_ok = lane_ok[lane_settings.index(final)]
    print(
        f"plateau choice on all labels: {final}",
        f"in-sample {final_ok[ai_rows].mean():.3f} ({per_set(final_ok, is_ai)})",
    )

    # is_ai_ml knobs
    ai_settings = settings_of(AI_GRID)
    ai_ok = np.stack([predict_ai(f, s) == is_ai for s in ai_settings])
    all_rows = np.arange(f.height)
    ai_fold = deal_folds([str(v) for v in is_ai], args.folds, args.seed)
    cv_ai = nested_cv(ai_ok, all_rows, ai_fold, AI_GRID, ai_now)
    print("\n== is_ai_ml (ML-mention bars), nested CV over", f.height, "labelled postings")
    print(summary("fitted knobs (chosen inside each fold)", [c[0] for c in cv_ai]))
    print(summary("current knobs", [c[1] for c in cv_ai]))
    for k, (_, _, knobs) in enumerate(cv_ai):
        print(f"  fold {k} chose {knobs}")
    now_ai = ai_ok[ai_settings.index(ai_now)]
    print(f"current knobs in-sample: {now_ai.mean():.3f} ({per_set(now_ai, np.ones(f.height, bool))})")
    pick = ai_settings[plateau_choice(ai_ok, all_rows, AI_GRID, ai_now)]
    print(f"plateau choice on all labels: {pick} in-sample {ai_ok[ai_settings.index(pick)].mean():.3f}")

    if args.misses:
        pred = predict_lanes(f, final)
        for i in np.flatnonzero(is_ai & ~final_ok):
            row = f.row(i, named=True)
            got = lanes[pred[i]] if row["pred_ai"] else "not AI/ML"
            print(f"  miss [{row['set']}] {row['uid']}: label {row['lab_lane']}, got {got}")


if __name__ == "__main__":
    main()
