"""``jobpulse enrich`` file door: the shared/eval/README.md section 5 contract on small JSONL files."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from flows.cli import app
from flows.enrich_file import enrich_jsonl

CONTRACT_KEYS = {
    "uid",
    "is_ai_ml",
    "specialization",
    "seniority",
    "experience_min_years",
    "skills",
    "salary",
    "salary_annual_usd_mid",
}
GOOD = {
    "uid": "t:1",
    "dataset": "test",
    "title": "Machine Learning Engineer",
    "company": "Acme",
    "location": "Austin, TX",
    "description": "Train PyTorch models; 3+ years. Pay: $150,000 - $200,000 per year.",
    "salary_text": None,
}


def write_lines(path: Path, lines: list[str]) -> Path:
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def read_out(path: Path) -> list[dict]:
    return [json.loads(x) for x in path.read_text(encoding="utf-8").splitlines()]


def test_one_line_per_input_line_with_the_contract_keys(tmp_path: Path) -> None:
    rows = [GOOD, {**GOOD, "uid": "t:2", "title": "Account Executive", "description": "Sell software."}]
    src = write_lines(tmp_path / "in.jsonl", [json.dumps(r) for r in rows] * 3)
    stats = enrich_jsonl(src, tmp_path / "out.jsonl", progress=False, batch_size=4)
    out = read_out(tmp_path / "out.jsonl")
    assert [o["uid"] for o in out] == ["t:1", "t:2"] * 3
    assert stats.lines == stats.written == 6 and stats.bad_lines == 0 and stats.ai_ml == 3
    first = out[0]
    assert set(first) >= CONTRACT_KEYS
    assert first["is_ai_ml"] is True and first["seniority"] == "mid" and first["experience_min_years"] == 3
    assert first["salary"] == {
        "min": 150000.0,
        "max": 200000.0,
        "currency": "USD",
        "period": "YEAR",
        "kind": "unknown",
        "estimated": False,
    }
    assert first["salary_annual_usd_mid"] == pytest.approx(175000.0)
    assert "pytorch" in first["skills"] and "role_reason" in first and "enrich_version" in first
    assert out[1]["is_ai_ml"] is False and out[1]["specialization"] is None and out[1]["salary"] is None


def test_bad_lines_are_reported_and_written_with_nulls(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    lines = [
        json.dumps(GOOD),
        '{"uid": "t:broken", "title": "ML Engineer", "description": "cut off',
        "[1, 2, 3]",
        "",
        json.dumps({**GOOD, "uid": "t:3", "title": 42, "description": None, "company": ["a", "b"]}),
    ]
    src = write_lines(tmp_path / "in.jsonl", lines)
    stats = enrich_jsonl(src, tmp_path / "out.jsonl", progress=False)
    out = read_out(tmp_path / "out.jsonl")
    assert [o["uid"] for o in out] == ["t:1", "t:broken", None, "t:3"]
    assert stats.bad_lines == 2 and stats.written == 4
    broken = out[1]
    assert all(broken[k] is None for k in CONTRACT_KEYS - {"uid"})
    assert out[3]["seniority"] is not None  # odd types are read as text, not rejected
    err = capsys.readouterr().err
    assert "line 2" in err and "line 3" in err


def test_cli_command_writes_the_output(tmp_path: Path) -> None:
    src = write_lines(tmp_path / "in.jsonl", [json.dumps(GOOD)])
    result = CliRunner().invoke(
        app, ["enrich", str(src), "--output", str(tmp_path / "o.jsonl"), "--no-progress"]
    )
    assert result.exit_code == 0, result.output
    assert read_out(tmp_path / "o.jsonl")[0]["uid"] == "t:1"
