"""Taxonomy skill ids mentioned by each posting.

Grain: one list per posting (input order), sorted, unique taxonomy skill ids (``shared/spec/taxonomy.yaml``).
A skill counts when any alias occurs anywhere in title + description (requirements, nice-to-haves, company
boilerplate alike: the statistic is "share of postings that mention").

How (all on Polars' Rust regex engine, no Python loop over postings):
1. one combined alias regex -> ``str.extract_all`` gives every alias occurrence of a posting;
2. each distinct matched string is resolved once to its skill id(s) (a dict), then mapped over the lists;
3. skills with traps keep their id only when alias occurrences outnumber trap occurrences
   (``str.count_matches``); e.g. ``X-ray`` is an occurrence of "ray" that is a trap;
4. context rules (Go, R, Ray, Node, HF Transformers) are extra ``str.contains`` patterns that add the id.
"""

from __future__ import annotations

import polars as pl

from transforms.enrich.taxonomy import load_taxonomy, resolve_match


def posting_text() -> pl.Expr:
    """Title and description joined: the text every skill and role rule reads (nulls become empty)."""
    return pl.concat_str([pl.col("title").fill_null(""), pl.col("description").fill_null("")], separator="\n")


def skills_list(df: pl.DataFrame) -> pl.Series:
    """Sorted unique skill ids per row of ``df`` (columns ``title``, ``description``); dtype list[str]."""
    tax = load_taxonomy()
    text = df.select(posting_text().alias("text")).to_series()
    matches = text.str.extract_all(tax.combined_alias_regex)
    distinct = matches.explode().drop_nulls().unique().to_list()
    # One string per distinct match: its ids joined by "," (a match can stand for several ids).
    mapping = {m: ",".join(resolve_match(m)) or None for m in distinct}
    frame = pl.DataFrame({"text": text, "m": matches}).with_columns(
        ids=pl.col("m")
        .list.eval(pl.element().replace_strict(mapping, default=None, return_dtype=pl.String))
        .list.drop_nulls()
        .list.join(",")
        .str.split(",")
    )
    exprs: list[pl.Expr] = []
    for rule in tax.skills:
        present = pl.col("ids").list.contains(rule.skill_id)
        if rule.traps:
            n_alias = pl.col("ids").list.eval((pl.element() == rule.skill_id).sum()).list.first()
            n_trap = pl.sum_horizontal([pl.col("text").str.count_matches("(?i)" + t) for t in rule.traps])
            present = n_alias > n_trap
        for ctx in rule.context:
            present = present | pl.col("text").str.contains(ctx)
        exprs.append(pl.when(present).then(pl.lit(rule.skill_id)).otherwise(None))
    # Rules are in file order and the YAML is alphabetical-agnostic, so sort at the end.
    out = frame.select(skills=pl.concat_list(exprs).list.drop_nulls().list.unique().list.sort())
    return out.to_series().alias("skills")
