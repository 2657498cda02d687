"""File import: the real JobSpy sample (JSON, and the same rows written as JobSpy CSV), and the shared
Glassdoor / new-grad / Wuzzuf datasets loaded through column mappings."""

from __future__ import annotations

import csv
import json
from collections import Counter
from datetime import UTC, datetime
from pathlib import Path

import pytest

from extractors.file_import import JOBSPY_MAPPING, import_file, markdown_to_text, read_json_rows, stable_id

SAVED = datetime(2026, 6, 17, tzinfo=UTC)


def _jobspy_path(shared_dir: Path) -> Path:
    return shared_dir / "data/jobspy_format_linkedin/linkedin_jobs_jobspy.json"


def test_jobspy_json_sample(shared_dir: Path) -> None:
    postings = import_file(_jobspy_path(shared_dir), "jobspy", "jobspy-il", fetched_at=SAVED)
    assert len(postings) == 28
    assert {(p.source, p.board) for p in postings} == {("import:jobspy", "jobspy-il")}
    assert len({p.native_id for p in postings}) == 28
    assert Counter(p.extra["site"] for p in postings) == {"linkedin": 20, "redhat": 8}
    assert sum(p.remote is True for p in postings) == 2 and all(p.remote is not None for p in postings)
    assert all(p.salary_structured is None for p in postings)  # every salary field is null in this sample

    first = postings[0]
    assert first.native_id == "li-4424859991"
    assert (
        first.url == "https://il.linkedin.com/jobs/view/research-development-team-lead-at-truvify-4424859991"
    )
    assert (first.title, first.company) == ("Research Development Team Lead", "Truvify")
    assert first.locations == ("Tel Aviv-Yafo, Tel Aviv District, Israel",)
    assert first.remote is True and first.posted_at == datetime(2026, 6, 12, tzinfo=UTC)
    assert first.description_text.startswith("R&D Team Lead @ Truvify\n\nAbout Us")  # markdown ** removed
    assert "**" not in first.description_text
    assert first.extra["job_type"] == "fulltime" and first.extra["job_level"] == "mid-senior level"

    assert (postings[1].native_id, postings[1].title, postings[1].company) == (
        "li-4329136914",
        "Staff Engineer",
        "Yotpo",
    )
    assert min(p.posted_at for p in postings) == datetime(2026, 5, 24, tzinfo=UTC)


def test_jobspy_csv_matches_json(shared_dir: Path, tmp_path: Path) -> None:
    """JobSpy's CSV output (same columns, values as text) imports to the same postings as its JSON."""
    rows = json.loads(_jobspy_path(shared_dir).read_text())
    path = tmp_path / "jobs.csv"
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows({k: "" if v is None else v for k, v in row.items()} for row in rows)
    from_csv = import_file(path, "jobspy", "jobspy-il", fetched_at=SAVED)
    from_json = import_file(_jobspy_path(shared_dir), "jobspy", "jobspy-il", fetched_at=SAVED)
    fields = ("native_id", "url", "title", "company", "locations", "remote", "posted_at", "description_text")
    assert [tuple(getattr(p, f) for f in fields) for p in from_csv] == [
        tuple(getattr(p, f) for f in fields) for p in from_json
    ]


def test_jobspy_salary_fields(tmp_path: Path) -> None:
    row = {"id": "in-1", "site": "indeed", "job_url": "https://example.com/j/1", "title": "ML Engineer",
           "company": "Acme", "location": "Austin, TX, US", "date_posted": "2026-05-01", "interval": "hourly",
           "min_amount": 55.0, "max_amount": 70.0, "currency": "USD", "is_remote": False,
           "salary_source": "direct_data", "description": "Build \\*things\\*"}  # fmt: skip
    path = tmp_path / "jobs.jsonl"
    path.write_text(json.dumps(row) + "\n")
    (posting,) = import_file(path, "jobspy", "indeed-us", fetched_at=SAVED)
    assert posting.salary_structured == {"min": 55.0, "max": 70.0, "currency": "USD", "period": "HOUR",
                                         "period_raw": "hourly", "text": None}  # fmt: skip
    assert posting.extra["salary_source"] == "direct_data" and posting.remote is False
    assert posting.description_text == "Build *things*"


def test_glassdoor_csv_via_mapping(shared_dir: Path) -> None:
    mapping = {
        "native_id": "",  # the unnamed index column
        "title": "Job Title",
        "company": "Company Name",
        "location": "Location",
        "description": "Job Description",
        "salary_text": "Salary Estimate",
        "salary_estimated": {"const": True},  # Glassdoor's "(Glassdoor est.)": never advertised pay
        "extra": ["Rating", "Industry"],
    }
    path = shared_dir / "data/glassdoor_ds_salary/glassdoor_jobs.csv"
    postings = import_file(path, "csv", "glassdoor-2020", mapping, fetched_at=SAVED)
    assert len(postings) == 956  # SOURCE.txt: 956 raw rows
    assert {(p.source, p.board) for p in postings} == {("import:csv", "glassdoor-2020")}
    first = postings[0]
    assert (first.native_id, first.title, first.company, first.locations) == (
        "0",
        "Data Scientist",
        "Tecolote Research",  # the "\n3.8" rating suffix is not part of the name
        ("Albuquerque, NM",),
    )
    assert first.salary_structured["text"] == "$53K-$91K (Glassdoor est.)"
    assert first.salary_structured["estimated"] is True and first.salary_structured["min"] is None
    assert first.extra["Rating"] == "3.8"
    # "-1" is the file's code for "no estimate": those rows carry no salary at all.
    assert sum(p.salary_structured is None for p in postings) == 214


def test_newgrad_csv_and_json_via_mapping(shared_dir: Path) -> None:
    mapping = {
        "native_id": "job_id",
        "url": "application_url",
        "title": "title",
        "company": "company",
        "location": "location",
        "remote": "workplace_type",
        "description": "description",
        "posted_at": "date_posted",
    }
    folder = shared_dir / "data/newgrad_ai_jobs_normalized"
    from_csv = import_file(folder / "active_jobs.csv", "csv", "newgrad-2027", mapping, fetched_at=SAVED)
    from_json = import_file(folder / "active_jobs.json", "jsonl", "newgrad-2027", mapping, fetched_at=SAVED)
    assert len(from_csv) == len(from_json) == 347  # SOURCE.txt: 347 postings
    adobe = from_csv[0]
    assert (adobe.native_id, adobe.title, adobe.company, adobe.locations) == (
        "adobe-R165453",
        "Applied Scientist",
        "Adobe",
        ("San Jose",),
    )
    assert adobe.posted_at == datetime(2026, 7, 24, tzinfo=UTC)
    assert [p.native_id for p in from_csv] == [p.native_id for p in from_json]


def test_wuzzuf_tilde_csv_via_mapping(shared_dir: Path) -> None:
    mapping = {
        "title": "job_title",
        "company": "company_name",
        "location": "Location_Part1",
        "description": "job_description",
        "salary_min": "min_salary",
        "salary_max": "max_salary",
        "salary_currency": {"const": "EGP"},
        "salary_period": {"const": "MONTH"},
    }
    path = shared_dir / "data/wuzzuf_postings_skills/job_postings_data_final.csv"
    postings = import_file(path, "csv", "wuzzuf-2023", mapping, delimiter="~", fetched_at=SAVED)
    assert len(postings) == 1947  # SOURCE.txt: 1,947 postings, no two with the same title+company+location
    assert sum(p.salary_structured is not None for p in postings) == 99  # SOURCE.txt: 99 rows with values
    first = postings[0]
    assert (first.title, first.company, first.locations) == (
        "DLP Engineer (Symantec)",
        "Help AG",
        ("Riyadh",),
    )
    assert first.native_id == stable_id(None, "DLP Engineer (Symantec)", "Help AG", "Riyadh")
    paid = next(p for p in postings if p.salary_structured)
    assert paid.salary_structured["currency"] == "EGP" and paid.salary_structured["period"] == "MONTH"
    assert paid.salary_structured["min"] > 0


def test_duplicate_keys_keep_first_and_title_required(tmp_path: Path) -> None:
    path = tmp_path / "x.csv"
    path.write_text("id;title;company\n7;ML Engineer;A\n7;ML Engineer again;A\n8;;B\n9;Data Scientist;C\n")
    postings = import_file(path, "csv", "x", {"native_id": "id", "title": "title", "company": "company"})
    assert [(p.native_id, p.title) for p in postings] == [("7", "ML Engineer"), ("9", "Data Scientist")]
    with pytest.raises(ValueError):
        import_file(path, "csv", "x", {"company": "company"})
    with pytest.raises(ValueError):
        import_file(path, "xml", "x", {"title": "title"})  # type: ignore[arg-type]


def test_small_helpers() -> None:
    assert (
        markdown_to_text("**Role**\n\n* one\n* two\n\n\n\nend \\- ok") == "Role\n\n- one\n- two\n\nend - ok"
    )
    assert read_json_rows(b'{"generated_at": "x", "jobs": [{"a": 1}]}') == [{"a": 1}]
    assert read_json_rows(b'{"a": 1}\n{"a": 2}\n') == [{"a": 1}, {"a": 2}]
    assert stable_id("u", "t") == stable_id("u", "t") != stable_id("u", "t2")
    assert JOBSPY_MAPPING["native_id"] == "id"
