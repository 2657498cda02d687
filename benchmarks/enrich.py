"""Throughput of ``transforms.enrich.enrich`` on the evaluation corpus, against a plain-Python skill baseline.

Usage (from the project root)::

    .venv/bin/python benchmarks/enrich.py [--corpus ../shared/eval/corpus.jsonl] [--repeat 3]

The parent process runs two child processes of this script: one with ``POLARS_MAX_THREADS=1`` (the one-core
figure) and one with Polars' default thread pool (all cores). Each child reports, separately:

- start-up: interpreter start plus imports (measured by the parent as child wall time minus the child's work);
- read: loading the JSONL into a Polars frame;
- enrich: the whole enrichment (best and median of ``--repeat`` runs, after one warm-up on 100 rows);
- split: each stage of ``enrich`` alone on every row (best of ``--repeat``), to see where the time goes
  (``enrich`` itself runs the title/text stages once per distinct title + text, so the parts can add up to
  more than the whole);
- skills: the vectorised skill matcher alone, and in the SAME process the baseline: one compiled Python regex
  per skill alias and a Python loop per posting (the straightforward way), so the ratio is like for like.

The baseline is slow (one regex per alias per posting), so it runs on the first ``--baseline-sample``
postings only and its rate is per posting of that sample. Figures are postings/s and MB/s of title +
description text. Nothing is asserted: speed is printed, not tested.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_CORPUS = ROOT.parent / "shared" / "eval" / "corpus.jsonl"


def _baseline_skills(titles: list[str], descriptions: list[str]) -> list[list[str]]:
    """Straightforward matcher: every alias compiled as its own regex, tried on every posting in turn."""
    import re

    from transforms.enrich.taxonomy import _to_python, load_taxonomy

    compiled = [
        (rule.skill_id, re.compile(_to_python(p), re.IGNORECASE))
        for rule in load_taxonomy().skills
        for p in rule.alias_patterns()
    ]
    out = []
    for title, desc in zip(titles, descriptions, strict=True):
        text = f"{title}\n{desc}"
        out.append(sorted({sid for sid, rx in compiled if rx.search(text)}))
    return out


def _timed(fn) -> float:
    t = time.perf_counter()
    fn()
    return time.perf_counter() - t


def _stages(df):
    """Each stage of ``enrich`` as a no-argument callable on the normalised frame (inputs precomputed)."""
    import polars as pl

    from transforms.enrich import _normalise_input
    from transforms.enrich.domain import domain_frame
    from transforms.enrich.experience import experience_min_years
    from transforms.enrich.location import location_frame
    from transforms.enrich.pii import scrub_series
    from transforms.enrich.roles import roles_frame
    from transforms.enrich.salary import salary_frame
    from transforms.enrich.skills import skills_list

    base = _normalise_input(df)
    years = experience_min_years(base).cast(pl.Int64)
    location = location_frame(base)
    return {
        "experience": lambda: experience_min_years(base),
        "roles": lambda: roles_frame(base, years),
        "skills": lambda: skills_list(base),
        "salary": lambda: salary_frame(base, location=location),
        "location": lambda: location_frame(base),
        "pii scrub": lambda: scrub_series(base["description"]),
        "domain": lambda: domain_frame(base),
    }


def child(corpus: Path, repeat: int, baseline_sample: int) -> dict:
    """Time the work inside one process (Polars' thread count comes from the environment)."""
    started = time.perf_counter()
    import polars as pl

    from transforms.enrich import INPUT_COLUMNS, enrich
    from transforms.enrich.skills import skills_list

    imported = time.perf_counter()
    df = pl.read_ndjson(corpus, infer_schema_length=None).select(
        [pl.col(c).cast(pl.String) for c in INPUT_COLUMNS]
    )
    read_s = time.perf_counter() - imported
    text_bytes = (
        pl.col("title").fill_null("").str.len_bytes() + pl.col("description").fill_null("").str.len_bytes()
    )
    text_mb = df.select(text_bytes.sum()).item() / 1e6
    enrich(df.head(100))  # warm-up: loads the taxonomy and compiles the regexes once
    enrich_runs = sorted(_timed(lambda: enrich(df)) for _ in range(repeat))
    skills_s = min(_timed(lambda: skills_list(df)) for _ in range(repeat))
    split = {name: min(_timed(fn) for _ in range(repeat)) for name, fn in _stages(df).items()}
    sample = df.head(baseline_sample)
    titles = sample["title"].fill_null("").to_list()
    descs = sample["description"].fill_null("").to_list()
    baseline_s = _timed(lambda: _baseline_skills(titles, descs))
    sample_mb = sum(len(t.encode()) + len(d.encode()) for t, d in zip(titles, descs, strict=True)) / 1e6
    return {
        "threads": pl.thread_pool_size(),
        "postings": df.height,
        "text_mb": text_mb,
        "import_s": imported - started,
        "read_s": read_s,
        "enrich_s": enrich_runs[0],
        "enrich_median_s": enrich_runs[len(enrich_runs) // 2],
        "split_s": split,
        "skills_s": skills_s,
        "baseline_skills_s": baseline_s,
        "baseline_postings": sample.height,
        "baseline_mb": sample_mb,
        "work_s": time.perf_counter() - started,
    }


def run_child(corpus: Path, repeat: int, threads: int | None, baseline_sample: int) -> dict:
    """Run ``child`` in a fresh interpreter (the thread count must be set before Polars is imported)."""
    env = dict(os.environ)
    if threads:
        env["POLARS_MAX_THREADS"] = str(threads)
    else:
        env.pop("POLARS_MAX_THREADS", None)
    env["PYTHONPATH"] = str(ROOT) + os.pathsep + env.get("PYTHONPATH", "")
    cmd = [sys.executable, __file__, "--child", "--corpus", str(corpus), "--repeat", str(repeat)]
    cmd += ["--baseline-sample", str(baseline_sample)]
    t = time.perf_counter()
    proc = subprocess.run(cmd, env=env, capture_output=True, text=True)
    wall = time.perf_counter() - t
    if proc.returncode != 0:
        sys.exit(f"benchmark child failed ({proc.returncode}):\n{proc.stderr[-3000:]}")
    result = json.loads(proc.stdout.strip().splitlines()[-1])
    result["startup_s"] = wall - result["work_s"] + result["import_s"]
    return result


def report(label: str, r: dict) -> None:
    """Print one child's figures."""
    n, mb = r["postings"], r["text_mb"]
    bn, bmb, bs = r["baseline_postings"], r["baseline_mb"], r["baseline_skills_s"]
    print(f"\n{label}: {r['threads']} Polars thread(s), {n} postings, {mb:.1f} MB of title+description text")
    print(f"  interpreter start-up + imports  {r['startup_s']:6.2f} s   (excluded below)")
    print(f"  read JSONL into a frame         {r['read_s']:6.2f} s   (excluded below)")
    for name, secs in (
        ("enrich (all columns), best", r["enrich_s"]),
        ("enrich, median", r["enrich_median_s"]),
    ):
        print(f"  {name:30s}  {secs:6.2f} s   {n / secs:9,.0f} postings/s  {mb / secs:6.1f} MB/s")
    print("  split (each stage alone on every row, best):")
    for name, secs in r["split_s"].items():
        print(f"    {name:28s}  {secs:6.2f} s")
    secs = r["skills_s"]
    name = "skills, vectorised"
    print(f"  {name:30s}  {secs:6.2f} s   {n / secs:9,.0f} postings/s  {mb / secs:6.1f} MB/s")
    label_b = "skills, baseline (regex/alias)"
    print(f"  {label_b:30s}  {bs:6.2f} s   {bn / bs:9,.0f} postings/s  {bmb / bs:6.1f} MB/s  (first {bn})")
    print(f"  vectorised skill matcher vs baseline (postings/s): {(n / r['skills_s']) / (bn / bs):.0f}x")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    ap.add_argument("--repeat", type=int, default=3, help="timed runs of enrich; the best is reported")
    ap.add_argument("--baseline-sample", type=int, default=1000, help="postings the slow baseline runs on")
    ap.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child:
        print(json.dumps(child(args.corpus, args.repeat, args.baseline_sample)))
        return
    size_mb = args.corpus.stat().st_size / 1e6
    print(f"corpus: {args.corpus} ({size_mb:.1f} MB on disk), cpu count: {os.cpu_count()}")
    report("one core", run_child(args.corpus, args.repeat, 1, args.baseline_sample))
    report("all cores", run_child(args.corpus, args.repeat, None, args.baseline_sample))


if __name__ == "__main__":
    main()
