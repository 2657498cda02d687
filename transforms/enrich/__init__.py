"""Enrichment of postings: the one implementation behind ``jobpulse refresh`` and ``jobpulse enrich``.

``enrich(df)`` takes one row per posting with columns ``uid, title, company, location, description,
salary_text`` (any may be null) and returns the same rows, in the same order, with:

- ``description`` scrubbed of e-mail addresses and phone numbers (``pii.py``);
- ``is_ai_ml``, ``specialization`` (null iff not AI/ML), ``seniority``, ``role_reason`` (``roles.py``);
- ``experience_min_years`` (Int64, ``experience.py``);
- ``skills``: sorted unique taxonomy skill ids (``skills.py``);
- the salary columns of ``salary.py`` (amounts as stated, currency, period, kind, estimated flag, annual USD);
- ``country``, ``us_state``, ``is_us``, ``remote`` (``location.py``);
- ``domain`` (finance / healthcare / legal / null) and ``asks_domain_expertise`` (``domain.py``);
- parser versions: ``enrich_version``, ``taxonomy_version``, ``roles_version``, ``salary_version``,
  ``pii_version``, so a figure computed from these columns can be traced to the code that made it.

Pure: no I/O except reading the package's own data files once (cached). The input frame is not modified.
Every rule reads the original text; the scrub happens last, so a phone-like digit run can never hide a salary.
Every rule reads one posting at a time (no rule looks at the other rows of the batch): ``enrich`` relies on
it to enrich repeated postings once, and a test checks that a batch gives the rows each posting gets alone.
Speed: ``benchmarks/enrich.py``.
"""

from __future__ import annotations

import polars as pl

ENRICH_VERSION = "enrich-2026.11.2"
INPUT_COLUMNS: tuple[str, ...] = ("uid", "title", "company", "location", "description", "salary_text")

__all__ = ["ENRICH_VERSION", "INPUT_COLUMNS", "enrich"]


def _normalise_input(df: pl.DataFrame) -> pl.DataFrame:
    """The six input columns as String, in order; missing ones are added as nulls, extra ones dropped."""
    # One chunk per column: a frame read from JSONL comes in dozens of chunks, and some string kernels
    # compile their regex once per chunk (the salary candidate search ran four times slower).
    return df.select(
        [(pl.col(c) if c in df.columns else pl.lit(None)).cast(pl.String).alias(c) for c in INPUT_COLUMNS]
    ).rechunk()


def _distinct(df: pl.DataFrame, columns: list[str]) -> tuple[pl.DataFrame, pl.Series]:
    """The distinct rows of ``columns`` (in order of first occurrence) and, for each row of ``df``, the
    position of its distinct row (UInt32, for ``gather``)."""
    distinct = df.select(columns).unique(maintain_order=True)
    position = (
        df.select(columns)
        .join(
            distinct.with_row_index("_pos"), on=columns, how="left", nulls_equal=True, maintain_order="left"
        )
        .get_column("_pos")
    )
    return distinct, position


def enrich(df: pl.DataFrame) -> pl.DataFrame:
    """Input columns (description scrubbed) + role, experience, skill, salary, location, version columns."""
    # Imported here, not at module top: importing one submodule (e.g. transforms.enrich.fx) runs this
    # package file, and should not load every parser of the package.
    from transforms.enrich.domain import domain_frame
    from transforms.enrich.experience import experience_min_years
    from transforms.enrich.location import location_frame
    from transforms.enrich.pii import PII_VERSION, scrub_series
    from transforms.enrich.roles import roles_frame
    from transforms.enrich.salary import PARSER_VERSION as SALARY_VERSION
    from transforms.enrich.salary import salary_frame
    from transforms.enrich.skills import skills_list
    from transforms.enrich.taxonomy import load_taxonomy

    base = _normalise_input(df)
    # Reposts carry the same title and text under another uid (one posting in ten of the evaluation
    # corpus). Every rule reads one posting at a time, so the rules that read only title and text run once
    # per distinct pair and their rows are copied to the repeats.
    texts, text_of_row = _distinct(base, ["title", "description"])
    years_of_text = experience_min_years(texts).cast(pl.Int64)
    years = years_of_text.gather(text_of_row).alias("experience_min_years")
    roles = roles_frame(texts, years_of_text).select(pl.all().gather(text_of_row))
    skills = skills_list(texts).gather(text_of_row)
    domain = domain_frame(texts).select(pl.all().gather(text_of_row))
    location = location_frame(base)
    salary = salary_frame(base, location=location)
    tax = load_taxonomy()
    versions = {
        "enrich_version": ENRICH_VERSION,
        "taxonomy_version": tax.version,
        "roles_version": str(tax.roles.get("version")),
        "salary_version": SALARY_VERSION,
        "pii_version": PII_VERSION,
    }
    out = pl.concat(
        [
            base.with_columns(scrub_series(base["description"])),
            roles.select("is_ai_ml", "specialization", "seniority"),
            years.to_frame(),
            skills.to_frame(),
            salary,
            location,
            domain,
            roles.select("role_reason"),
        ],
        how="horizontal",
    )
    return out.with_columns([pl.lit(v, pl.String).alias(k) for k, v in versions.items()])
