"""Taxonomy skill ids mentioned by each posting.

Grain: one list per posting (input order), sorted, unique taxonomy skill ids (``shared/spec/taxonomy.yaml``).
A skill counts when any alias occurs anywhere in title + description (requirements, nice-to-haves, company
boilerplate alike: the statistic is "share of postings that mention").

How (all on Polars' Rust regex engine, no Python loop over postings):
1. one combined alias regex -> ``str.extract_all`` gives every alias occurrence of a posting (run on the
   lower-cased text, plus a small regex of the case-sensitive aliases on the text as written);
2. each distinct matched string is resolved once to its skill id(s) (a dict), then mapped over the lists;
3. skills with traps keep their id only when alias occurrences outnumber trap occurrences
   (``str.count_matches``); e.g. ``X-ray`` is an occurrence of "ray" that is a trap;
4. context rules (Go, R, Ray, Node, HF Transformers) are extra ``str.contains`` patterns that add the id.
"""

from __future__ import annotations

import polars as pl

from transforms.enrich.taxonomy import Taxonomy, load_taxonomy, resolve_match


def posting_text() -> pl.Expr:
    """Title and description joined: the text every skill and role rule reads (nulls become empty)."""
    return pl.concat_str([pl.col("title").fill_null(""), pl.col("description").fill_null("")], separator="\n")


def skills_list(df: pl.DataFrame) -> pl.Series:
    """Sorted unique skill ids per row of ``df`` (columns ``title``, ``description``); dtype list[str]."""
    tax = load_taxonomy()
    text = df.select(posting_text().alias("text")).to_series()
    matches = text.str.to_lowercase().str.extract_all(tax.lowercase_alias_regex)
    if tax.cased_alias_regex:
        matches = pl.select(
            pl.concat_list(pl.lit(matches), pl.lit(text.str.extract_all(tax.cased_alias_regex)))
        ).to_series()
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
    frame = frame.with_columns(_trap_verdicts(frame, tax) + _context_hits(text, tax))
    exprs: list[pl.Expr] = []
    for rule in tax.skills:
        present = pl.col("ids").list.contains(rule.skill_id)
        if rule.traps:
            present = pl.col(f"_keep_{rule.skill_id}")
        if rule.context:
            present = present | pl.col(f"_ctx_{rule.skill_id}")
        exprs.append(pl.when(present).then(pl.lit(rule.skill_id)).otherwise(None))
    # Rules are in file order and the YAML is alphabetical-agnostic, so sort at the end.
    out = frame.select(skills=pl.concat_list(exprs).list.drop_nulls().list.unique().list.sort())
    return out.to_series().alias("skills")


def _trap_verdicts(frame: pl.DataFrame, tax: Taxonomy) -> list[pl.Series]:
    """Per skill with traps, whether its alias occurrences outnumber its trap occurrences (bool per row).

    Trap regexes run only on the rows where the skill's alias occurs (usually a few percent of postings).
    """
    out = []
    for rule in tax.skills:
        if not rule.traps:
            continue
        n_alias = frame.select(
            pl.col("ids").list.eval((pl.element() == rule.skill_id).sum()).list.first().fill_null(0)
        ).to_series()
        rows = (n_alias > 0).arg_true()
        subset = frame["text"].gather(rows)
        n_trap = pl.select(
            pl.sum_horizontal([pl.lit(subset).str.count_matches("(?i)" + t) for t in rule.traps])
        ).to_series()
        keep = pl.Series(f"_keep_{rule.skill_id}", [False] * frame.height, dtype=pl.Boolean)
        keep = keep.scatter(rows, n_alias.gather(rows) > n_trap)
        out.append(keep)
    return out


def _context_hits(text: pl.Series, tax: Taxonomy) -> list[pl.Series]:
    """Per skill with context rules, whether any of them matches (bool per row).

    When the rule lists ``needs`` literals, the regexes run only on postings containing one of them.
    """
    out = []
    for rule in tax.skills:
        if not rule.context:
            continue
        if rule.needs:
            rows = (
                text.str.contains_any(list(rule.needs), ascii_case_insensitive=True)
                .fill_null(False)
                .arg_true()
            )
        else:
            rows = pl.Series(range(text.len()), dtype=pl.UInt32)
        subset = text.gather(rows)
        hit = pl.select(pl.any_horizontal([pl.lit(subset).str.contains(c) for c in rule.context])).to_series()
        flags = pl.Series(f"_ctx_{rule.skill_id}", [False] * text.len(), dtype=pl.Boolean)
        out.append(flags.scatter(rows, hit.fill_null(False)))
    return out
