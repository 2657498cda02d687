"""Canonical postings → the enrichment's input frame (the shape ``jobpulse enrich`` reads from JSONL).

Grain: one row per posting. ``uid`` is ``source:board:native_id``; ``location`` joins the raw location strings
with "; " (as the eval corpus does); ``salary_text`` renders the source's structured pay fields so that the
refresh path and ``jobpulse enrich`` go through the one salary parser.
"""

from __future__ import annotations

from collections.abc import Sequence

import polars as pl

from extractors.posting import Posting
from transforms.enrich.structured import salary_text_from_structured

ENRICH_INPUT_SCHEMA: dict[str, pl.DataType] = {
    "source": pl.String(),
    "board": pl.String(),
    "native_id": pl.String(),
    "uid": pl.String(),
    "title": pl.String(),
    "company": pl.String(),
    "location": pl.String(),
    "description": pl.String(),
    "salary_text": pl.String(),
}


def enrich_input(postings: Sequence[Posting]) -> pl.DataFrame:
    """The enrichment input frame for ``postings`` (see module docstring)."""
    rows = {name: [] for name in ENRICH_INPUT_SCHEMA}
    for p in postings:
        rows["source"].append(p.source)
        rows["board"].append(p.board)
        rows["native_id"].append(p.native_id)
        rows["uid"].append(f"{p.source}:{p.board}:{p.native_id}")
        rows["title"].append(p.title)
        rows["company"].append(p.company)
        rows["location"].append("; ".join(p.locations) or None)
        rows["description"].append(p.description_text)
        rows["salary_text"].append(salary_text_from_structured(p.source, p.salary_structured))
    return pl.DataFrame(rows, schema=ENRICH_INPUT_SCHEMA)
