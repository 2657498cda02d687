"""Precision and recall of transforms.dedup on the project's labelled posting pairs.

    .venv/bin/python benchmarks/dedup_eval.py [--shared ../shared] [--errors]

Population: every posting of shared/eval/corpus.jsonl plus every distinct Greenhouse post of the replay
bodies (shared/replay/bodies/greenhouse/*/*.json), clustered together in one run of
:func:`transforms.dedup.posting_clusters`, so transitive merges count. Labels:
tests/transforms/fixtures_dedup/pairs.jsonl (uids and a reason, no posting text). A pair is predicted "same
job" when both postings land in one cluster. Prints the confusion counts, precision, recall and F1 overall
and per stratum; ``--errors`` lists the misjudged pairs (uids and the label's reason).

HN comments carry no company field in the corpus; the benchmark takes the first "|" segment of the header
line as the company, as the HN extractor's header parser does for the first segment nothing else claims.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path

import polars as pl

PROJECT_ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT_ROOT))

from transforms.dedup import posting_clusters  # noqa: E402

PAIRS = PROJECT_ROOT / "tests" / "transforms" / "fixtures_dedup" / "pairs.jsonl"


def _shared_default() -> Path:
    env = os.environ.get("JOBPULSE_SHARED")
    return Path(env) if env else PROJECT_ROOT.parent / "shared"


def corpus_postings(shared: Path) -> list[dict]:
    """Corpus rows as dedup input rows (source = dataset, native_id = uid)."""
    rows = []
    with (shared / "eval" / "corpus.jsonl").open(encoding="utf-8") as fh:
        for line in fh:
            r = json.loads(line)
            company = r["company"]
            if company is None and r["dataset"].startswith("hn_"):
                company = (r["title"] or "").split("|")[0].strip() or None
            rows.append(
                {
                    "source": r["dataset"],
                    "board": "",
                    "native_id": r["uid"],
                    "company": company,
                    "title": r["title"],
                    "location": r["location"],
                    "description_text": r["description"],
                    "url": None,
                    "requisition_id": None,
                }
            )
    return rows


def greenhouse_postings(shared: Path) -> list[dict]:
    """Each distinct (board, post id) of the Greenhouse replay bodies, first snapshot wins; no description
    (the recordings were made without content=true)."""
    seen: dict[tuple[str, str], dict] = {}
    for path in sorted((shared / "replay" / "bodies" / "greenhouse").glob("*/*.json")):
        board = path.stem
        for job in json.loads(path.read_text(encoding="utf-8"))["jobs"]:
            key = (board, str(job["id"]))
            if key in seen:
                continue
            seen[key] = {
                "source": "greenhouse_replay",
                "board": board,
                "native_id": f"greenhouse_replay:{board}:{job['id']}",
                "company": job.get("company_name") or board,
                "title": job.get("title"),
                "location": (job.get("location") or {}).get("name"),
                "description_text": None,
                "url": job.get("absolute_url"),
                "requisition_id": job.get("requisition_id"),
            }
    return list(seen.values())


def evaluate(frame: pl.DataFrame, pairs: list[dict], *, show_errors: bool) -> None:
    """Cluster ``frame`` and print the confusion table of ``pairs`` (overall and per stratum)."""
    started = time.perf_counter()
    clusters = posting_clusters(frame)
    elapsed = time.perf_counter() - started
    cluster_of = dict(zip(clusters["native_id"], clusters["cluster_id"], strict=True))
    multi = clusters.filter(pl.col("cluster_size") > 1)
    print(
        f"postings {frame.height:,}  clusters {clusters['cluster_id'].n_unique():,}  "
        f"postings in multi-posting clusters {multi.height:,}  dedup time {elapsed:.1f}s"
    )

    counts: dict[str, Counter] = defaultdict(Counter)
    errors = []
    for p in pairs:
        predicted = cluster_of[p["a"]] == cluster_of[p["b"]]
        cell = ("tp" if predicted else "fn") if p["same"] else ("fp" if predicted else "tn")
        counts["ALL"][cell] += 1
        counts[p["stratum"]][cell] += 1
        if cell in ("fp", "fn"):
            errors.append((cell, p))

    def line(name: str, c: Counter) -> str:
        precision = c["tp"] / (c["tp"] + c["fp"]) if c["tp"] + c["fp"] else float("nan")
        recall = c["tp"] / (c["tp"] + c["fn"]) if c["tp"] + c["fn"] else float("nan")
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else float("nan")
        return (
            f"{name:<46}{c['tp']:>4}{c['fp']:>4}{c['fn']:>4}{c['tn']:>4}"
            f"{precision:>11.3f}{recall:>8.3f}{f1:>7.3f}"
        )

    print(f"\n{'stratum':<46}{'tp':>4}{'fp':>4}{'fn':>4}{'tn':>4}{'precision':>11}{'recall':>8}{'f1':>7}")
    for name in sorted(k for k in counts if k != "ALL"):
        print(line(name, counts[name]))
    print(line(f"ALL ({len(pairs)} labelled pairs)", counts["ALL"]))
    if show_errors:
        print()
        for cell, p in errors:
            print(f"{cell}  {p['a']}  {p['b']}  [{p['stratum']}] {p['reason']}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=_shared_default())
    parser.add_argument("--errors", action="store_true", help="list misjudged pairs")
    args = parser.parse_args()

    rows = corpus_postings(args.shared) + greenhouse_postings(args.shared)
    frame = pl.DataFrame(rows, schema={k: pl.String for k in rows[0]})
    with PAIRS.open(encoding="utf-8") as fh:
        pairs = [json.loads(line) for line in fh]
    print("== with Greenhouse requisition ids (needs the extractor to carry requisition_id) ==")
    evaluate(frame, pairs, show_errors=args.errors)
    print("\n== without requisition ids (what the Posting contract carries today) ==")
    evaluate(frame.drop("requisition_id"), pairs, show_errors=args.errors)


if __name__ == "__main__":
    main()
