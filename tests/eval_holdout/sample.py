"""Seeded, stratified sample of held-out postings for the hand-labelled evaluation sets.

Usage (from the project root)::

    .venv/bin/python tests/eval_holdout/sample.py [--corpus ../shared/eval/corpus.jsonl] [--kind salary]

Reads the shared corpus (one posting per line, grain = one posting, keyed by ``uid``), drops every uid that
appears in any ``shared/eval/*_dev.jsonl`` file (the sets the enrichment rules were tuned on), and draws, per
label kind, an ordered candidate list stratified by source group. Candidates come out in labelling order.
The labeller walks the list in order and labels or skips (ambiguous) each posting. The kept labels
are then split into halves by alternation in this order (first -> ``val``, second -> ``test``, ...);
the list runs group by group, so every group is split evenly to within one.
Output: one line per candidate, ``kind group uid``. Nothing is written to disk.

The draw is deterministic: a fixed seed, candidates sorted by uid before shuffling.
"""

from __future__ import annotations

import argparse
import json
import random
import re
from collections.abc import Callable
from pathlib import Path

SEED = 20261126
ROOT = Path(__file__).resolve().parents[2]
EVAL = ROOT.parent / "shared" / "eval"

# Source groups (several corpus datasets share one group) and, per kind, the labels each group should get.
GROUPS: dict[str, tuple[str, ...]] = {
    "hn": ("hn_whoishiring_firebase", "hn_whoishiring_eval_mit"),
    "glassdoor": ("glassdoor_ds_salary", "glassdoor_uncleaned_ds_jobs"),
    "newgrad": ("newgrad_ai_jobs_normalized",),
    "remote_boards": ("remotive_api", "remoteok_api"),
    "adzuna": ("adzuna_api",),
    "usajobs": ("usajobs_data_roles_csv", "usajobs_api"),
    "wuzzuf": ("wuzzuf_postings_skills",),
    "builtin_ats": ("html_job_pages", "ats_api_fixtures_small", "tech_salary_radar_mit"),
    "arbeitnow": ("arbeitnow_api",),
    "themuse": ("themuse_api",),
    "jobspy": ("jobspy_format_linkedin",),
    "cn": ("cn_ruanyf_whoishiring",),
}
QUOTA: dict[str, dict[str, int]] = {
    "salary": {
        "hn": 14,
        "glassdoor": 12,
        "newgrad": 6,
        "remote_boards": 10,
        "adzuna": 10,
        "usajobs": 8,
        "wuzzuf": 8,
        "builtin_ats": 6,
        "arbeitnow": 5,
        "themuse": 6,
        "jobspy": 5,
        "cn": 10,
    },
    "experience": {
        "hn": 10,
        "glassdoor": 8,
        "newgrad": 8,
        "remote_boards": 8,
        "adzuna": 6,
        "usajobs": 6,
        "wuzzuf": 6,
        "builtin_ats": 6,
        "arbeitnow": 5,
        "themuse": 6,
        "jobspy": 4,
        "cn": 7,
    },
    "roles_skills": {
        "hn": 5,
        "glassdoor": 6,
        "newgrad": 6,
        "remote_boards": 5,
        "adzuna": 2,
        "usajobs": 3,
        "wuzzuf": 3,
        "builtin_ats": 5,
        "arbeitnow": 3,
        "themuse": 5,
        "jobspy": 3,
        "cn": 4,
    },
}
# Second role/skill stratum, drawn after the first: the first draw's cue (any "AI"/"ML" word in the text)
# matched almost every posting and gave only 10 AI/ML roles in 53, so these candidates need an AI/ML word in
# the *title*. Group -> labels wanted; the group is printed as "<group>+ai_title".
AI_TITLE_QUOTA: dict[str, int] = {
    "hn": 3,
    "glassdoor": 6,
    "newgrad": 8,
    "remote_boards": 5,
    "usajobs": 1,
    "wuzzuf": 2,
    "builtin_ats": 3,
    "themuse": 2,
    "jobspy": 2,
    "cn": 2,
}
AI_TITLE = re.compile(
    r"\b(?:machine learning|ML|AI|LLM|GenAI|deep learning|data scientist|computer vision|NLP|MLOps|"
    r"applied scientist|research scientist|perception|inference)\b|机器学习|算法|大模型|深度学习",
    re.IGNORECASE,
)
OVERDRAW = 2.5  # candidates per quota slot, so skipped (ambiguous) postings can be replaced in order

# Pay cue: a currency sign/code or a pay word; used to over-sample postings that state pay (salary kind).
PAY = re.compile(
    r"[$€£¥₹]|\b(?:USD|EUR|GBP|EGP|CAD|AUD|INR|L\.E\.|salary|pay|compensation|per hour|/hr|/yr|lpa|gehalt)\b"
    r"|薪|万|元|\d\s?[kK]\b",
    re.IGNORECASE,
)
# Wuzzuf descriptions say "competitive salary" almost everywhere, so there the cue is a salary field or an
# amount written next to a currency (checked after the first draw showed 1 paying posting in 20).
PAY_FIGURE = re.compile(
    r"(?:[$€£]|\b(?:USD|EUR|GBP|EGP|AED|SAR|L\.E\.|LE)\b)\s?\d|\d[\d,.]*\s?(?:[kK]\s?)?(?:USD|EUR|EGP|AED|SAR|LE|L\.E\.)\b",
)
STRICT_PAY_GROUPS = {"wuzzuf"}
# Experience cue: a number of years (any language); used so most experience candidates state some years.
YEARS = re.compile(r"\byears?\b|\byrs?\b|jahre?n?\b|年", re.IGNORECASE)
# AI/ML cue: used so roughly two thirds of role candidates are plausible AI/ML roles, the rest controls.
AIML = re.compile(
    r"\b(?:machine learning|ML|AI|LLMs?|deep learning|data scientist|computer vision|NLP)\b|机器学习|算法"
)


def read_jsonl(path: Path) -> list[dict]:
    """Rows of a JSONL file, one dict per non-empty line."""
    with path.open(encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def dev_uids() -> set[str]:
    """Every uid that has a dev label of any kind (excluded from the hold-out)."""
    return {row["uid"] for f in sorted(EVAL.glob("*_dev.jsonl")) for row in read_jsonl(f)}


def text_of(p: dict) -> str:
    return "\n".join(str(p.get(k) or "") for k in ("title", "description", "salary_text"))


def cue_share(kind: str, group: str) -> tuple[Callable[[dict], bool], float]:
    """The cue over-sampled for a kind (and group) and the share of candidates that should carry it."""
    if kind == "salary" and group in STRICT_PAY_GROUPS:
        return (lambda p: bool(p.get("salary_text")) or bool(PAY_FIGURE.search(text_of(p)))), 2 / 3
    rx, share = {"salary": (PAY, 2 / 3), "experience": (YEARS, 0.8), "roles_skills": (AIML, 2 / 3)}[kind]
    return (lambda p: bool(rx.search(text_of(p)))), share


def draw(kind: str, pool: dict[str, list[dict]], rng: random.Random) -> list[tuple[str, str]]:
    """Ordered candidates (group, uid) for one kind; cue/no-cue interleaved at the target share."""
    out: list[tuple[str, str]] = []
    for group, quota in QUOTA[kind].items():
        cue, share = cue_share(kind, group)
        rows = pool[group]
        if kind == "roles_skills":  # role labels need a real description to read
            rows = [p for p in rows if len(p.get("description") or "") > 400]
        with_cue = [p for p in rows if cue(p)]
        without = [p for p in rows if not cue(p)]
        rng.shuffle(with_cue)
        rng.shuffle(without)
        n = min(int(quota * OVERDRAW), len(rows))
        picked: list[dict] = []
        while len(picked) < n and (with_cue or without):
            # keep the running share of cue postings at or above the target
            n_cue = sum(1 for q in picked if cue(q))
            want_cue = not without or (bool(with_cue) and n_cue < share * (len(picked) + 1))
            picked.append((with_cue if want_cue else without).pop())
        out.extend((group, p["uid"]) for p in picked)
    if kind == "roles_skills":
        out.extend(draw_ai_title(pool, rng, {uid for _, uid in out}))
    return out


def draw_ai_title(pool: dict[str, list[dict]], rng: random.Random, taken: set[str]) -> list[tuple[str, str]]:
    """Extra role/skill candidates whose title names an AI/ML role (second stratum, same seeded stream)."""
    out: list[tuple[str, str]] = []
    for group, quota in AI_TITLE_QUOTA.items():
        rows = [
            p
            for p in pool[group]
            if p["uid"] not in taken
            and len(p.get("description") or "") > 400
            and AI_TITLE.search(p["title"] or "")
        ]
        rng.shuffle(rows)
        out.extend((f"{group}+ai_title", p["uid"]) for p in rows[: int(quota * OVERDRAW)])
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--corpus", type=Path, default=EVAL / "corpus.jsonl")
    ap.add_argument("--kind", choices=sorted(QUOTA), action="append", help="label kind(s) (default: all)")
    args = ap.parse_args()

    excluded = dev_uids()
    corpus = sorted((p for p in read_jsonl(args.corpus) if p["uid"] not in excluded), key=lambda p: p["uid"])
    group_of = {ds: g for g, dss in GROUPS.items() for ds in dss}
    pool: dict[str, list[dict]] = {g: [] for g in GROUPS}
    for p in corpus:
        if p["dataset"] in group_of:
            pool[group_of[p["dataset"]]].append(p)
    for kind in args.kind or sorted(QUOTA):
        rng = random.Random(f"{SEED}:{kind}")  # one stream per kind, so kinds do not shift each other
        for group, uid in draw(kind, pool, rng):
            print(kind, group, uid)


if __name__ == "__main__":
    main()
