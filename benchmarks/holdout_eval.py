"""Score ``jobpulse enrich`` on the project's held-out hand labels (tests/eval_holdout/), val and test halves.

Usage (from the project root)::

    .venv/bin/python benchmarks/holdout_eval.py [--cmd ".venv/bin/jobpulse enrich"] [--val-misses 100]

The labels are postings of ``shared/eval/corpus.jsonl`` that are in none of the ``*_dev.jsonl`` sets the
enrichment rules were tuned on (see tests/eval_holdout/README.md). This script tunes nothing: it runs the
shared scorer (``shared/tools/score_enrich.py``) twice, unchanged:

- on the ``*_val.jsonl`` files with their misses printed, so the team can look for general rule bugs;
- on the ``*_test.jsonl`` files with ``--show-misses 0``: only metrics, never the misses. Keep it that way,
  or the test half stops being an honest number.

Each run ends with the scorer's ``SCORE`` line; the script repeats both at the end as ``VAL SCORE ...`` and
``TEST SCORE ...``. Metrics are fractions of labelled postings (see the scorer for each definition).
"""

from __future__ import annotations

import argparse
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
HOLDOUT = ROOT / "tests" / "eval_holdout"
SCORER = ROOT.parent / "shared" / "tools" / "score_enrich.py"
KINDS = ("salary", "experience", "roles_skills")  # file-name prefixes the scorer recognises


def label_files(half: str) -> list[Path]:
    """The label files of one half (``val`` or ``test``), one per kind that exists."""
    return [p for k in KINDS if (p := HOLDOUT / f"{k}_{half}.jsonl").exists()]


def run_scorer(cmd: str, files: list[Path], show_misses: int) -> str:
    """Run the shared scorer on ``files`` and return its stdout (exits on failure with its stderr)."""
    argv = [sys.executable, str(SCORER), "--cmd", cmd, "--show-misses", str(show_misses), "--labels"]
    proc = subprocess.run([*argv, *map(str, files)], capture_output=True, text=True, cwd=ROOT)
    if proc.returncode != 0:
        sys.exit(f"scorer failed ({proc.returncode}):\n{proc.stdout[-2000:]}\n{proc.stderr[-3000:]}")
    return proc.stdout


def score_line(output: str) -> str:
    """The scorer's one-line summary (its last ``SCORE`` line)."""
    lines = [ln for ln in output.splitlines() if ln.startswith("SCORE ")]
    return lines[-1] if lines else "SCORE (missing)"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--cmd", default=".venv/bin/jobpulse enrich", help="enrich command (%(default)s)")
    ap.add_argument("--val-misses", type=int, default=100, help="misses printed per val label kind")
    args = ap.parse_args()

    summaries = {}
    for half, misses in (("val", args.val_misses), ("test", 0)):
        files = label_files(half)
        if not files:
            sys.exit(f"no {half} label files in {HOLDOUT}")
        print(f"===== {half.upper()}: {', '.join(p.name for p in files)}")
        out = run_scorer(args.cmd, files, misses)
        print(out, end="" if out.endswith("\n") else "\n")
        summaries[half] = score_line(out)
    print(f"VAL {summaries['val']}")
    print(f"TEST {summaries['test']}")


if __name__ == "__main__":
    main()
