"""Taxonomy skill ids mentioned by each posting.

Grain: one list per posting (input order), sorted, unique taxonomy skill ids (``shared/spec/taxonomy.yaml``).
A skill counts when any alias occurs anywhere in title + description (requirements, nice-to-haves, company
boilerplate alike: the statistic is "share of postings that mention").

How (all on Polars' Rust regex engine, no Python loop over postings):
1. one combined alias regex -> ``str.extract_all`` gives every alias occurrence of a posting (run on the
   lower-cased text, plus a small regex of the case-sensitive aliases on the text as written);
2. each distinct matched string is resolved once to its skill id(s) (a dict), giving one (posting, skill id)
   row per alias occurrence;
3. skills with traps keep their id only when alias occurrences outnumber trap occurrences
   (``str.count_matches``); e.g. ``X-ray`` is an occurrence of "ray" that is a trap;
4. context rules (Go, R, Ray, Node, HF Transformers) are extra ``str.contains`` patterns that add the id.

Steps 3 and 4 read only the postings they can change (an alias occurrence for traps; no alias yet for
context rules), which are usually a few percent of them.
"""

from __future__ import annotations

import polars as pl

from transforms.enrich.taxonomy import SkillRule, Taxonomy, load_taxonomy, resolve_match

_ROW, _ID = "row", "skill_id"


def posting_text() -> pl.Expr:
    """Title and description joined: the text every skill and role rule reads (nulls become empty)."""
    return pl.concat_str([pl.col("title").fill_null(""), pl.col("description").fill_null("")], separator="\n")


def skills_list(df: pl.DataFrame) -> pl.Series:
    """Sorted unique skill ids per row of ``df`` (columns ``title``, ``description``); dtype list[str]."""
    tax = load_taxonomy()
    text = df.select(posting_text().alias("text")).to_series()
    lower = text.str.to_lowercase()
    found = alias_hits(text, tax, lower)  # (row, skill_id), one row per alias occurrence
    with_traps = {r.skill_id for r in tax.skills if r.traps}
    plain = found.filter(~pl.col(_ID).is_in(with_traps)).unique()
    kept = [_trap_kept(text, found, rule) for rule in tax.skills if rule.traps]
    present = pl.concat([plain, *kept])
    context = [_context_hits(text, lower, present, rule) for rule in tax.skills if rule.context]
    pairs = pl.concat([present, *context]).unique()
    per_row = pairs.group_by(_ROW).agg(pl.col(_ID).sort())
    out = (
        pl.DataFrame({_ROW: pl.arange(0, df.height, dtype=pl.UInt32, eager=True)})
        .join(per_row, on=_ROW, how="left", maintain_order="left")
        .select(pl.col(_ID).fill_null(pl.lit([], dtype=pl.List(pl.String))))
    )
    return out.to_series().alias("skills")


def alias_hits(text: pl.Series, tax: Taxonomy, lower: pl.Series | None = None) -> pl.DataFrame:
    """One row (``row`` index into ``text``, ``skill_id``) per alias occurrence and id it stands for.

    A matched string can stand for several ids (``resolve_match``: "LLM-as-a-judge" is evaluation and llm).
    ``lower`` is ``text`` lower-cased, when the caller has it.
    """
    lower = text.str.to_lowercase() if lower is None else lower
    matches = lower.str.extract_all(tax.lowercase_alias_regex).alias("m").to_frame()
    if tax.cased_alias_regex:
        cased = text.str.extract_all(tax.cased_alias_regex).alias("m").to_frame()
        matches = pl.concat([matches.with_row_index(_ROW), cased.with_row_index(_ROW)])
    else:
        matches = matches.with_row_index(_ROW)
    occurrences = matches.explode("m").drop_nulls("m")
    # Each distinct matched string is resolved once; its ids joined by "," (a string may stand for several).
    mapping = {m: ",".join(resolve_match(m)) for m in occurrences["m"].unique().to_list()}
    return (
        occurrences.select(
            _ROW, pl.col("m").replace_strict(mapping, return_dtype=pl.String).str.split(",").alias(_ID)
        )
        .explode(_ID)
        .filter(pl.col(_ID) != "")  # a string that resolves to no id
    )


def _trap_kept(text: pl.Series, found: pl.DataFrame, rule: SkillRule) -> pl.DataFrame:
    """(row, skill_id) for the rows where the skill's alias occurrences outnumber its trap occurrences.

    Trap regexes run only on the rows where the skill's alias occurs.
    """
    n_alias = found.filter(pl.col(_ID) == rule.skill_id).group_by(_ROW).len("n").sort(_ROW)
    subset = text.gather(n_alias[_ROW])
    n_trap = pl.select(
        pl.sum_horizontal([pl.lit(subset).str.count_matches("(?i)" + t) for t in rule.traps])
    ).to_series()
    return n_alias.filter(pl.col("n") > n_trap).select(_ROW, pl.lit(rule.skill_id).alias(_ID))


def _context_hits(text: pl.Series, lower: pl.Series, present: pl.DataFrame, rule: SkillRule) -> pl.DataFrame:
    """(row, skill_id) for the rows without the skill so far where one of its context rules matches.

    Rows that already have the skill cannot change, so they are not searched. When the rule lists ``needs``
    literals, the regexes run only on postings containing one of them. Each context regex runs on the rows
    no earlier one matched (kept separate: joined into one regex they lose the engine's literal prefilter
    and run several times slower).
    """
    have = present.filter(pl.col(_ID) == rule.skill_id)[_ROW]
    rows = pl.arange(0, text.len(), dtype=pl.UInt32, eager=True)
    candidates = pl.DataFrame({_ROW: rows, "t": text, "lower": lower})
    candidates = candidates.filter(~pl.col(_ROW).is_in(have.implode()))
    if rule.needs:
        needs = list(rule.needs)
        if all(n.isascii() for n in needs):
            # A plain search of the lower-cased text finds every row an ASCII-case-insensitive search finds
            # (several times faster than the latter on every row); the exact test then runs on those rows.
            in_lower = [pl.col("lower").str.contains(n.lower(), literal=True) for n in needs]
            candidates = candidates.filter(pl.any_horizontal(in_lower).fill_null(False))
        candidates = candidates.filter(
            pl.col("t").str.contains_any(needs, ascii_case_insensitive=True).fill_null(False)
        )
    hits: list[pl.Series] = []
    for pattern in rule.context:
        matched = candidates["t"].str.contains(pattern).fill_null(False)
        hits.append(candidates.filter(matched)[_ROW])
        candidates = candidates.filter(~matched)
    rows = pl.concat(hits) if hits else pl.Series(_ROW, [], dtype=pl.UInt32)
    return rows.to_frame().with_columns(pl.lit(rule.skill_id).alias(_ID))
