"""The validation runner and the publish gate.

:func:`validate` runs the Polars invariants and the three GX suites (postings, mart_skill_shares,
mart_salary_percentiles) over the run's frames and returns a :class:`ValidationReport`;
:func:`publish_decision` turns it into allow/block with one human-readable reason per failed critical
expectation (the run message). One ephemeral GX context is built per call, with a pandas data source: Polars
frames are converted with ``to_pandas()`` here, at the gate, and only the columns the suites read.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

import polars as pl

from expectations import invariants
from expectations.suites import POSTINGS, SALARY_PERCENTILES, SKILL_SHARES

Severity = str  # "critical" | "warn"
_SEVERITY = {"critical": "critical", "warning": "warn", "info": "warn"}
_OBSERVED_KEYS = (
    "element_count",
    "missing_count",
    "unexpected_count",
    "unexpected_percent",
    "observed_value",
    "partial_unexpected_list",
)


@dataclass(frozen=True, slots=True)
class ExpectationResult:
    """One expectation's outcome on one frame.

    ``expectation``: the GX expectation type (e.g. expect_column_values_to_not_be_null) or the name of a
    Polars invariant; ``column``: the column, ``a >= b`` for column pairs, or ``a, b, c`` for compound keys;
    ``observed``: JSON-ready facts (row counts, unexpected count/percent, a few unexpected values, errors).
    """

    suite: str
    expectation: str
    column: str | None
    severity: Severity
    success: bool
    observed: dict[str, Any] = field(default_factory=dict)

    def describe(self) -> str:
        """One line for a run message: which check failed and how badly."""
        where = f" [{self.column}]" if self.column else ""
        facts = self.observed
        if "error" in facts:
            detail = f"error: {facts['error']}"
        elif "unexpected_count" in facts and "element_count" in facts:
            detail = f"{facts['unexpected_count']} of {facts['element_count']} rows"
            sample = facts.get("partial_unexpected_list")
            if sample:
                detail += f", e.g. {sample[:3]}"
        elif "missing" in facts:
            detail = f"missing columns {facts['missing']}"
        elif "observed_value" in facts:
            detail = f"observed {facts['observed_value']}"
        else:
            detail = json.dumps(facts, default=str)
        return f"{self.suite}: {self.expectation}{where} failed ({detail})"


@dataclass(frozen=True, slots=True)
class ValidationReport:
    """All expectation results of one validation; ``success`` is False if any critical expectation failed."""

    success: bool
    results: list[ExpectationResult]

    @property
    def critical_failures(self) -> list[ExpectationResult]:
        return [r for r in self.results if r.severity == "critical" and not r.success]

    @property
    def warnings(self) -> list[ExpectationResult]:
        return [r for r in self.results if r.severity == "warn" and not r.success]


def publish_decision(report: ValidationReport) -> tuple[bool, list[str]]:
    """(allowed, reasons): publishing is allowed iff no critical expectation failed; ``reasons`` names each
    failed critical expectation (empty when allowed). Warnings never block; they stay in the report."""
    reasons = [r.describe() for r in report.critical_failures]
    return (not reasons, reasons)


def _json_ready(value: Any) -> Any:
    # GX results hold numpy scalars, tuples and NaN; the warehouse stores observed as JSON text.
    return json.loads(json.dumps(value, default=str))


def _column_label(kwargs: dict[str, Any]) -> str | None:
    if "column_A" in kwargs:
        return f"{kwargs['column_A']} >= {kwargs['column_B']}"
    if "column_list" in kwargs:
        return ", ".join(kwargs["column_list"])
    return kwargs.get("column")


def _from_gx(suite: str, gx_result: Any) -> ExpectationResult:
    config = gx_result.expectation_config
    severity = getattr(config, "severity", None)
    severity_name = getattr(severity, "value", severity) or "critical"
    observed = {k: gx_result.result[k] for k in _OBSERVED_KEYS if k in (gx_result.result or {})}
    if "partial_unexpected_list" in observed:
        observed["partial_unexpected_list"] = observed["partial_unexpected_list"][:5]
    info = gx_result.exception_info or {}
    if info.get("raised_exception"):
        observed["error"] = (info.get("exception_message") or "exception").splitlines()[0][:300]
    return ExpectationResult(
        suite=suite,
        expectation=config.type,
        column=_column_label(config.kwargs),
        severity=_SEVERITY.get(str(severity_name), "critical"),
        success=bool(gx_result.success),
        observed=_json_ready(observed),
    )


def _columns_read(suite: Any) -> set[str]:
    cols: set[str] = set()
    for expectation in suite.expectations:
        kwargs = expectation.configuration.kwargs
        for key in ("column", "column_A", "column_B"):
            if key in kwargs:
                cols.add(kwargs[key])
        cols.update(kwargs.get("column_list", []))
        condition = getattr(expectation, "row_condition", None)
        column = getattr(getattr(condition, "column", None), "name", None)
        if column:
            cols.add(column)
    return cols


def validate(
    postings_df: pl.DataFrame, skill_shares_df: pl.DataFrame, salary_percentiles_df: pl.DataFrame
) -> ValidationReport:
    """Run every check on the run's enriched postings (one row per posting key) and its two mart frames."""
    import great_expectations as gx
    from great_expectations.data_context.types.base import ProgressBarsConfig

    from expectations.suites import all_suites

    frames = {POSTINGS: postings_df, SKILL_SHARES: skill_shares_df, SALARY_PERCENTILES: salary_percentiles_df}
    results: list[ExpectationResult] = []
    for name, frame in frames.items():
        checks = [invariants.columns_present(name, frame)]
        if name != POSTINGS:
            checks += [
                invariants.has_rows(name, frame),
                invariants.suppressed_cells_hide_their_statistic(name, frame),
            ]
        results += [ExpectationResult(**{**c, "observed": _json_ready(c["observed"])}) for c in checks]

    context = gx.get_context(mode="ephemeral")
    context.variables.progress_bars = ProgressBarsConfig(globally=False)
    source = context.data_sources.add_pandas("jobpulse_run")
    for name, suite in all_suites().items():
        frame = frames[name]
        wanted = [c for c in frame.columns if c in _columns_read(suite)]
        batch_definition = source.add_dataframe_asset(name=name).add_batch_definition_whole_dataframe("run")
        batch = batch_definition.get_batch(batch_parameters={"dataframe": frame.select(wanted).to_pandas()})
        outcome = batch.validate(
            suite, result_format={"result_format": "SUMMARY", "partial_unexpected_count": 5}
        )
        results += [_from_gx(name, r) for r in outcome.results]

    success = not any(r.severity == "critical" and not r.success for r in results)
    return ValidationReport(success=success, results=results)
