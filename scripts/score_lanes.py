"""Score ``jobpulse enrich`` on the lane training labels (``tests/eval_holdout/roles_lanes_train.jsonl``).

Usage (from the project root)::

    .venv/bin/python scripts/score_lanes.py [--cmd ".venv/bin/jobpulse enrich"] [--misses]

The shared scorer (``shared/tools/score_enrich.py``) cannot read this file: a ``roles_skills_*`` file must
carry ``skills`` labels, and these labels have none (they were written to fit the lane rule). This scorer
runs the enrich command the same way (JSONL in, JSONL out) on the labelled postings of
``shared/eval/corpus.jsonl`` and prints, with the scorer's definitions:

- ``is_ai_ml_accuracy`` over all labels;
- ``specialization_accuracy`` over labels with ``is_ai_ml`` true (a posting called not-AI/ML is a miss);
- ``seniority_accuracy`` over labels whose ``seniority`` is not null (null = not judged: two levels in
  the title or years that depend on the degree).

Grain: one labelled posting. These labels are *training* labels (the lane knobs were checked on them), so
the figures are in-sample; the honest figures are the cross-validated ones of ``scripts/tune_lanes.py``.
"""

from __future__ import annotations

import argparse
import json
import shlex
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LABELS = ROOT / "tests" / "eval_holdout" / "roles_lanes_train.jsonl"
CORPUS = ROOT.parent / "shared" / "eval" / "corpus.jsonl"
INPUT_KEYS = ("uid", "title", "company", "location", "description", "salary_text")


def read_jsonl(path: Path) -> list[dict]:
    with path.open(encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def run_enrich(cmd: str, postings: list[dict]) -> dict[str, dict]:
    """Output rows of the enrich command, by uid."""
    with tempfile.TemporaryDirectory() as tmp:
        src, dst = Path(tmp) / "in.jsonl", Path(tmp) / "out.jsonl"
        src.write_text("".join(json.dumps(p, ensure_ascii=False) + "\n" for p in postings), encoding="utf-8")
        proc = subprocess.run(
            [*shlex.split(cmd), str(src), "--output", str(dst)], cwd=ROOT, capture_output=True
        )
        if proc.returncode != 0:
            sys.exit(f"enrich failed ({proc.returncode}): {proc.stderr.decode()[-2000:]}")
        return {row["uid"]: row for row in read_jsonl(dst)}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--cmd", default=".venv/bin/jobpulse enrich")
    ap.add_argument("--misses", action="store_true", help="print the specialization misses")
    args = ap.parse_args()

    labels = read_jsonl(LABELS)
    wanted = {lab["uid"] for lab in labels}
    postings = [{k: p.get(k) for k in INPUT_KEYS} for p in read_jsonl(CORPUS) if p["uid"] in wanted]
    out = run_enrich(args.cmd, postings)
    ai = [lab for lab in labels if lab["is_ai_ml"]]
    judged = [lab for lab in labels if lab["seniority"] is not None]
    metrics = {
        "is_ai_ml_accuracy": sum(out[x["uid"]]["is_ai_ml"] == x["is_ai_ml"] for x in labels) / len(labels),
        "specialization_accuracy": sum(out[x["uid"]]["specialization"] == x["specialization"] for x in ai)
        / len(ai),
        "seniority_accuracy": sum(out[x["uid"]]["seniority"] == x["seniority"] for x in judged) / len(judged),
    }
    print(f"labels {len(labels)} (AI/ML {len(ai)}, seniority judged {len(judged)})")
    for name, value in metrics.items():
        print(f"{name:<26} {value:.3f}")
    if args.misses:
        for x in ai:
            got = out[x["uid"]]["specialization"]
            if got != x["specialization"]:
                print(f"  miss {x['uid']}: label {x['specialization']}, got {got}")


if __name__ == "__main__":
    main()
