"""Seeded, stratified sample of postings for the lane training labels (``roles_lanes_train.jsonl``).

Usage (from the project root)::

    .venv/bin/python tests/eval_holdout/sample_lanes.py [--corpus ../shared/eval/corpus.jsonl]

Grain: one candidate posting per output line, ``group stratum uid``, in labelling order. Nothing is written.

Why a third set: the lane rule (``specialization``) has only a few dozen AI/ML labels in dev + val to fit its
knobs on. This draw adds about 200 postings, about three quarters of them AI/ML, so the knobs can be fitted
with cross-validation. The draw:

- drops every uid of ``shared/eval/*_dev.jsonl`` and of ``tests/eval_holdout/*.jsonl`` (other than the
  training file itself), and every posting whose text repeats one of those (reposts would leak labels);
- keeps descriptions over 400 characters (the lane is read from the duties) and one posting per repeated
  text (Glassdoor and the new-grad tracker repeat postings);
- stratum ``ai_title``: the title has an AI/ML word (``LANE_TITLE``, wider than ``sample.AI_TITLE``: it also
  names the lanes, e.g. "inference", "GenAI", "perception", "researcher");
- stratum ``ai_text``: no such title word but an AI/ML word in the text (``sample.AIML``): controls and
  AI/ML roles under generic titles;
- candidates of all groups are interleaved round-robin (group order of ``sample.GROUPS``), so a labeller who
  stops early still has every group represented.
- second pass, stratum ``ai_role`` (printed after the whole first list): the first list gave only 55 AI/ML
  roles in about 150 kept labels, because ``LANE_TITLE`` also matches company names (".ai" domains in Hacker
  News titles) and words like "vision" or "speech" in unrelated jobs. This pass needs an ML role word
  (``ML_ROLE``) in the role part of the title (for Hacker News the segments after the company) and takes
  what each group has left, up to ``ROLE_QUOTA``.
- third pass, stratum ``ds_title`` (printed last): Glassdoor "Data Scientist" titles, up to
  ``DS_QUOTA``, drawn to bring the AI/ML labels towards 150 (the other groups had no AI/ML titles left).
  About half of such postings are AI/ML (model building) and half analytics, the hardest is_ai_ml call.

Deterministic: fixed seed, candidates sorted by uid before shuffling, one random stream for this draw.
"""

from __future__ import annotations

import argparse
import random
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from sample import AIML, EVAL, GROUPS, SEED, read_jsonl, text_of

HOLDOUT = Path(__file__).resolve().parent
TRAIN_FILE = "roles_lanes_train.jsonl"
LANE_TITLE = re.compile(
    r"\b(?:machine learning|ML|MLE|MLOps|AI|KI|IA|LLMs?|GenAI|Gen AI|generative|agentic|deep learning|"
    r"data scien\w*|computer vision|vision|perception|NLP|natural language|speech|applied scientist|"
    r"research (?:scientist|engineer)|researcher|inference|CUDA|GPU|alignment|interpretability|"
    r"recommend\w*|personali[sz]ation|artificial intelligence)\b|机器学习|算法|大模型|深度学习|人工智能|视觉",
    re.IGNORECASE,
)
# Candidates per group and stratum: most groups have few AI-titled postings left, so they give all they
# have; Glassdoor (mostly "Data Scientist" titles) and HN are capped so they do not swamp the set.
QUOTA: dict[str, dict[str, int]] = {
    "ai_title": {
        "hn": 55,
        "glassdoor": 55,
        "newgrad": 25,
        "remote_boards": 10,
        "adzuna": 4,
        "usajobs": 6,
        "wuzzuf": 4,
        "builtin_ats": 6,
        "arbeitnow": 5,
        "themuse": 3,
        "jobspy": 3,
        "cn": 14,
    },
    "ai_text": {
        "hn": 8,
        "glassdoor": 6,
        "newgrad": 12,
        "remote_boards": 6,
        "adzuna": 3,
        "usajobs": 1,
        "wuzzuf": 4,
        "builtin_ats": 6,
        "arbeitnow": 3,
        "themuse": 2,
        "jobspy": 2,
        "cn": 4,
    },
}


ML_ROLE = re.compile(
    r"\b(?:machine learning|ML|MLE|MLOps|LLMs?|GenAI|Gen AI|generative|deep learning|computer vision|"
    r"perception|NLP|natural language|speech|applied scientist|research scientist|research engineer|"
    r"AI (?:engineer|researcher|scientist|developer)|inference|CUDA|alignment|recommend\w*|ranking|"
    r"AI/ML|ML/AI|artificial intelligence)\b|机器学习|算法|大模型|深度学习|视觉",
    re.IGNORECASE,
)
ROLE_QUOTA: dict[str, int] = {"glassdoor": 60, "hn": 22, "newgrad": 5, "cn": 5, "remote_boards": 5}
DS_TITLE = re.compile(r"\bdata scien\w*", re.IGNORECASE)
DS_QUOTA = 45


def role_part(p: dict) -> str:
    """The title without the company: Hacker News titles are "Company | Role | ..." (segments 2-3)."""
    title = p["title"] or ""
    return "|".join(title.split("|")[1:3]) if p["dataset"].startswith("hn_") else title


def labelled_uids() -> set[str]:
    """uids that already carry a label (dev sets and the val/test hold-out halves)."""
    files = [*EVAL.glob("*_dev.jsonl"), *(p for p in HOLDOUT.glob("*.jsonl") if p.name != TRAIN_FILE)]
    return {row["uid"] for f in sorted(files) for row in read_jsonl(f)}


def text_key(p: dict) -> str:
    """Identity of a posting's text for spotting reposts: the first 600 letters/digits of the description."""
    return re.sub(r"\W+", "", (p.get("description") or "").lower())[:600]


def draw(corpus: list[dict]) -> list[tuple[str, str, str]]:
    """Ordered candidates (group, stratum, uid), groups interleaved round-robin."""
    taken = labelled_uids()
    seen = {text_key(p) for p in corpus if p["uid"] in taken}
    group_of = {ds: g for g, dss in GROUPS.items() for ds in dss}
    per_group: dict[str, list[tuple[str, str]]] = {g: [] for g in GROUPS}
    rng = random.Random(f"{SEED}:lanes")
    for stratum, quota in QUOTA.items():
        for group in GROUPS:
            rows = [
                p
                for p in corpus
                if group_of.get(p["dataset"]) == group
                and p["uid"] not in taken
                and len(p.get("description") or "") > 400
                and bool(LANE_TITLE.search(p["title"] or "")) == (stratum == "ai_title")
                and (stratum == "ai_title" or AIML.search(text_of(p)))
            ]
            rng.shuffle(rows)
            picked = 0
            for p in rows:
                if picked >= quota[group]:
                    break
                key = text_key(p)
                if key in seen:
                    continue
                seen.add(key)
                picked += 1
                per_group[group].append((stratum, p["uid"]))
    out: list[tuple[str, str, str]] = []
    depth = max(len(v) for v in per_group.values())
    for i in range(depth):
        for group, cands in per_group.items():
            if i < len(cands):
                out.append((group, *cands[i]))
    drawn = {uid for _, _, uid in out}
    for group, quota in ROLE_QUOTA.items():
        rows = [
            p
            for p in corpus
            if group_of.get(p["dataset"]) == group
            and p["uid"] not in taken | drawn
            and len(p.get("description") or "") > 400
            and ML_ROLE.search(role_part(p))
        ]
        rng.shuffle(rows)
        picked = 0
        for p in rows:
            key = text_key(p)
            if picked >= quota or key in seen:
                continue
            seen.add(key)
            picked += 1
            out.append((group, "ai_role", p["uid"]))
    drawn = {uid for _, _, uid in out}
    rows = [
        p
        for p in corpus
        if group_of.get(p["dataset"]) == "glassdoor"
        and p["uid"] not in taken | drawn
        and len(p.get("description") or "") > 400
        and DS_TITLE.search(p["title"] or "")
    ]
    rng.shuffle(rows)
    for p in rows:
        key = text_key(p)
        if len(out) - len(drawn) >= DS_QUOTA or key in seen:
            continue
        seen.add(key)
        out.append(("glassdoor", "ds_title", p["uid"]))
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--corpus", type=Path, default=EVAL / "corpus.jsonl")
    args = ap.parse_args()
    corpus = sorted(read_jsonl(args.corpus), key=lambda p: p["uid"])
    for group, stratum, uid in draw(corpus):
        print(group, stratum, uid)


if __name__ == "__main__":
    main()
