"""validation_results: stored per run as bookkeeping (kept when the run's data rolls back)."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from warehouse.db import connect, run_transaction
from warehouse.load import write_validation


@dataclass(frozen=True)
class Result:  # the shape of expectations.gate.ExpectationResult, without importing GX here
    suite: str
    expectation: str
    column: str | None
    severity: str
    success: bool
    observed: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Report:
    success: bool
    results: list[Result]


def test_validation_results_are_replaced_per_run_and_survive_a_rollback(tmp_path: Path) -> None:
    failing = Result(
        "mart_salary_percentiles",
        "expect_column_pair_values_a_to_be_greater_than_b",
        "salary_p75_usd_annual >= salary_p50_usd_annual",
        "critical",
        False,
        {"unexpected_count": 1, "element_count": 4},
    )
    passing = Result("postings", "expect_column_values_to_not_be_null", "title", "warn", True)
    with connect(tmp_path / "w.duckdb") as con:
        assert write_validation(con, "r1", [passing]) == 1
        with pytest.raises(RuntimeError), run_transaction(con):
            assert write_validation(con, "r1", Report(False, [failing, passing])) == 2
            raise RuntimeError("crash after validation")
        rows = con.execute(
            'SELECT suite, "column", severity, success, observed FROM validation_results '
            "WHERE run_id = 'r1' ORDER BY suite"
        ).fetchall()
    assert [(s, c, sev, ok) for s, c, sev, ok, _ in rows] == [
        ("mart_salary_percentiles", "salary_p75_usd_annual >= salary_p50_usd_annual", "critical", False),
        ("postings", "title", "warn", True),
    ]
    assert json.loads(rows[0][4]) == {"unexpected_count": 1, "element_count": 4}
