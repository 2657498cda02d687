"""Precision and recall of the domain rules (transforms/enrich/domain.py) on blind hand labels.

Usage (from the project root)::

    .venv/bin/python benchmarks/domain_eval.py            # score both halves (val misses printed)
    .venv/bin/python benchmarks/domain_eval.py --sample   # print the seeded candidate list (labelling order)

Labels: tests/eval_holdout/domain_labels.jsonl, one line per posting of ``shared/eval/corpus.jsonl`` (uid,
``domain`` = finance | healthcare | legal | null, ``asks_domain_expertise`` bool, ``stratum``, a one-line
``note``; no posting text). They were written by reading each posting before the rules were run on it.

The draw (``--sample``): postings with at least 400 characters of description, in no
``shared/eval/*_dev.jsonl`` file and in no other ``tests/eval_holdout/*.jsonl`` file, sorted by uid and
shuffled with a fixed seed; three strata, in this order: ``ai_title`` (an AI/ML word in the title, 60),
``ai_title+industry`` (an AI/ML title and a broad industry word in the text - bank, financ, health, clinic,
patient, insur, pharma, legal, law - 30, so the set holds enough positives to measure precision), ``any``
(30). 120 candidates were read; 10 were skipped (8 near-duplicate texts of an earlier candidate, 2
ambiguous), leaving 110 labels. Recall is measured on a sample that over-represents industry words;
precision is per predicted positive and depends less on that.

Halves: the labels are split by a seeded shuffle of their uids into ``val`` (rules may be tuned on it: its
misses are printed) and ``test`` (only its numbers are printed; nobody tunes on it).
Output: per half, for ``asks_domain_expertise`` and for each domain value, TP/FP/FN, precision and recall.
"""

from __future__ import annotations

import argparse
import json
import random
import re
from pathlib import Path

import polars as pl

ROOT = Path(__file__).resolve().parent.parent
EVAL = ROOT.parent / "shared" / "eval"
LABELS = ROOT / "tests" / "eval_holdout" / "domain_labels.jsonl"
SEED = 20261126
SPLIT_SEED = 7
QUOTA = {"ai_title": 60, "ai_title+industry": 30, "any": 30}
DOMAINS = ("finance", "healthcare", "legal")

AI_TITLE = re.compile(
    r"\b(?:machine learning|ML|AI|LLM|GenAI|deep learning|data scientist|computer vision|NLP|MLOps|"
    r"applied scientist|research scientist|perception|inference)\b|机器学习|算法|大模型|深度学习",
    re.IGNORECASE,
)
INDUSTRY = re.compile(r"bank|financ|health|clinic|patient|insur|pharma|legal|\blaw\b", re.IGNORECASE)


def _excluded_uids() -> set[str]:
    files = [*EVAL.glob("*_dev.jsonl"), *(ROOT / "tests" / "eval_holdout").glob("*.jsonl")]
    out: set[str] = set()
    for path in files:
        if path.name.startswith("domain_"):
            continue
        with path.open(encoding="utf-8") as fh:
            out.update(json.loads(line)["uid"] for line in fh if line.strip())
    return out


def sample(corpus: Path) -> list[tuple[str, str]]:
    """(stratum, uid) candidates in labelling order (module docstring)."""
    excluded = _excluded_uids()
    with corpus.open(encoding="utf-8") as fh:
        rows = [json.loads(line) for line in fh if line.strip()]
    pool = sorted(
        (r for r in rows if r["uid"] not in excluded and len(r.get("description") or "") >= 400),
        key=lambda r: r["uid"],
    )
    rng = random.Random(SEED)
    rng.shuffle(pool)
    taken: set[str] = set()
    out: list[tuple[str, str]] = []

    def want(stratum: str, row: dict) -> bool:
        ai = bool(AI_TITLE.search(row.get("title") or ""))
        if stratum == "ai_title":
            return ai
        if stratum == "ai_title+industry":
            return ai and bool(INDUSTRY.search(row.get("description") or ""))
        return True

    for stratum, quota in QUOTA.items():
        got = 0
        for row in pool:
            if got == quota:
                break
            if row["uid"] not in taken and want(stratum, row):
                taken.add(row["uid"])
                out.append((stratum, row["uid"]))
                got += 1
    return out


def load_labels(path: Path = LABELS) -> list[dict]:
    """The hand labels, one dict per posting."""
    with path.open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def split(labels: list[dict]) -> dict[str, list[dict]]:
    """Seeded halves: uids sorted, shuffled with SPLIT_SEED, first half val, the rest test."""
    uids = sorted(lab["uid"] for lab in labels)
    random.Random(SPLIT_SEED).shuffle(uids)
    val = set(uids[: len(uids) // 2])
    return {
        "val": [lab for lab in labels if lab["uid"] in val],
        "test": [lab for lab in labels if lab["uid"] not in val],
    }


def predict(corpus: Path, uids: set[str]) -> dict[str, dict]:
    """The rules' domain and asks_domain_expertise for each uid (the rules alone, on title + description)."""
    from transforms.enrich.domain import domain_frame

    frame = pl.read_ndjson(corpus, infer_schema_length=None).filter(pl.col("uid").is_in(list(uids)))
    frame = frame.select("uid", "title", "company", "description")
    out = pl.concat([frame.select("uid"), domain_frame(frame)], how="horizontal")
    return {r["uid"]: r for r in out.iter_rows(named=True)}


def _pr(tp: int, fp: int, fn: int) -> str:
    prec = f"{tp / (tp + fp):.3f}" if tp + fp else "n/a"
    rec = f"{tp / (tp + fn):.3f}" if tp + fn else "n/a"
    return f"tp={tp:3d} fp={fp:3d} fn={fn:3d} precision={prec} recall={rec}"


def score(half: str, labels: list[dict], pred: dict[str, dict], show_misses: bool) -> None:
    """Print precision/recall of both classifiers on one half (and its misses when asked)."""
    print(f"== {half}: {len(labels)} labelled postings")
    counts = {"asks": [0, 0, 0], **{d: [0, 0, 0] for d in DOMAINS}}
    misses = []
    for lab in labels:
        got = pred[lab["uid"]]
        pairs = [("asks", bool(lab["asks_domain_expertise"]), bool(got["asks_domain_expertise"]))]
        pairs += [(d, lab["domain"] == d, got["domain"] == d) for d in DOMAINS]
        for key, truth, guess in pairs:
            c = counts[key]
            c[0] += truth and guess
            c[1] += guess and not truth
            c[2] += truth and not guess
        asks_miss = bool(lab["asks_domain_expertise"]) != bool(got["asks_domain_expertise"])
        if asks_miss or lab["domain"] != got["domain"]:
            misses.append((lab, got))
    print(f"  asks_domain_expertise  {_pr(*counts['asks'])}")
    for d in DOMAINS:
        print(f"  domain={d:<11}    {_pr(*counts[d])}")
    any_dom = [sum(counts[d][i] for d in DOMAINS) for i in range(3)]
    print(f"  domain (any of three)  {_pr(*any_dom)}")
    fin_health = [counts["finance"][i] + counts["healthcare"][i] for i in range(3)]
    print(f"  domain finance|health  {_pr(*fin_health)}")
    if show_misses:
        for lab, got in misses:
            print(
                f"  MISS {lab['uid']}: label ({lab['domain']}, {lab['asks_domain_expertise']}) "
                f"rules ({got['domain']}, {got['asks_domain_expertise']}) | {lab['note']}"
            )


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--corpus", type=Path, default=EVAL / "corpus.jsonl")
    ap.add_argument("--sample", action="store_true", help="print the candidate list and exit")
    args = ap.parse_args()
    if args.sample:
        for stratum, uid in sample(args.corpus):
            print(stratum, uid)
        return
    labels = load_labels()
    pred = predict(args.corpus, {lab["uid"] for lab in labels})
    halves = split(labels)
    for half, part in halves.items():
        score(half, part, pred, show_misses=half == "val")
    score("all (val + test)", labels, pred, show_misses=False)
    ai = [lab for lab in labels if lab["stratum"] != "any"]
    score("AI/ML-title strata only (val + test)", ai, pred, show_misses=False)


if __name__ == "__main__":
    main()
