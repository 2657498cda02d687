"""Replay a recorded index month by month through the real refresh flow and print what each run did.

The shared replay set holds month-end snapshots (Nov 2025 – Aug 2026) of ML-heavy Greenhouse boards;
replaying them in date order is the real-churn test of lifecycle (new, closed, reopened) and builds the
published mart history the trends read. Prints, per snapshot date: seconds, boards, postings, new, closed,
failed boards, whether it published; then the totals.

    .venv/bin/python benchmarks/replay_history.py --index ../shared/replay/index.json --workdir /tmp/history
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from datetime import date
from pathlib import Path


def month_ends(index: Path) -> list[date]:
    """The last recorded snapshot date of each month in the index, oldest first."""
    dates = sorted({date.fromisoformat(e["snapshot"]) for e in json.loads(index.read_text())["entries"]})
    last: dict[tuple[int, int], date] = {}
    for d in dates:
        last[(d.year, d.month)] = d
    return sorted(last.values())


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--index", type=Path, required=True)
    parser.add_argument("--workdir", type=Path, required=True, help="warehouse and raw store go here")
    parser.add_argument("--since", type=date.fromisoformat, default=None, help="skip snapshots before it")
    args = parser.parse_args()
    args.workdir.mkdir(parents=True, exist_ok=True)
    os.environ["JOBPULSE_RAW_STORE_PATH"] = str(args.workdir / "raw")
    os.environ.setdefault("PREFECT_LOGGING_LEVEL", "WARNING")
    from flows.refresh import refresh  # after the environment is set

    warehouse = args.workdir / "jobpulse.duckdb"
    header = f"{'snapshot':<12}{'secs':>7}{'boards':>8}{'postings':>10}{'new':>8}{'closed':>8}{'failed':>8}"
    print(header + "  published")
    total_s = 0.0
    for snap in month_ends(args.index):
        if args.since and snap < args.since:
            continue
        started = time.perf_counter()
        report = refresh(
            replay_index=str(args.index), snapshot=snap.isoformat(), warehouse_path=str(warehouse)
        )
        secs = time.perf_counter() - started
        total_s += secs
        b = report.boards
        print(
            f"{snap.isoformat():<12}{secs:>7.1f}{len(b):>8}{sum(x.postings for x in b):>10}"
            f"{sum(x.new for x in b):>8}{sum(x.closed for x in b):>8}{sum(x.error is not None for x in b):>8}"
            f"  {report.published}"
        )
        sys.stdout.flush()
    print(f"total {total_s:.1f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
