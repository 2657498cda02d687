"""is_ai_ml, specialization and seniority of each posting, with the reason for each decision.

Grain: one row per posting (input order). Rules, not a model; their vocabulary lives in the ``roles`` section
of ``transforms/data/taxonomy.yaml`` and follows shared/eval/README.md section 4:

- **role title**: for ``Company | Role | Place`` titles (Hacker News) the first segment naming a role, so a
  company called "Adaptive ML" does not make every role at it an ML role.
- **is_ai_ml**: a title of a role that uses or sells AI (sales, TPM, analyst, rater, devrel...) -> false; a
  title naming ML work -> true; otherwise the description must mention ML work often enough (``ai_work``
  occurrences), with a lower bar when the title hints at AI ("AI", "Data Scientist") than for a generic title;
  the hint bar scales down for short texts. Web addresses in titles ("acme.ai") are not title words.
  Scientist titles instead need ML model building: model-building mentions that include ML-specific words
  (bare "modeling"/"algorithms" also describe simulation) or a duty that builds ML models outright. An
  infrastructure title whose text says it serves ML teams or workloads is ML infrastructure.
- **specialization** (AI/ML postings only): the dominant lane. Each lane scores its text mentions over its
  minimum (scaled down for short texts) plus a bonus when the role title names it (a smaller one for weak
  title words); ``ml_general`` competes with classic-ML text evidence; the best score from ``min_score`` up
  wins (ties: YAML order), else ``ml_general``. The knobs were checked by seeded k-fold cross-validation on
  the dev, val and lane-training labels (``scripts/tune_lanes.py``): no other grid setting did better.
- **seniority**: level words of the role title (intern, manager, staff/principal/lead, senior, junior, level
  II/III) else the required years (0-1 junior, 2-4 mid, 5-7 senior, 8+ staff_principal) else mid. A "manager"
  title whose text says individual contributor falls through to the years; "Program Manager" is no level,
  nor are level words about the people a recruiter hires ("Campus Recruiter", "Recruiter, Interns").

``role_reason`` records which rule fired and the words that made it fire.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache

import polars as pl

from transforms.enrich.taxonomy import ASCII_B, load_taxonomy

LANES_FALLBACK = "ml_general"
OUTPUT_COLUMNS = ("is_ai_ml", "specialization", "seniority", "role_reason")
# URLs and bare domain names in titles (Hacker News: "Acme | Engineer | https://acme.ai/").
WEB_ADDRESS = r"(?i)\bhttps?://\S+|\b[\w.-]+\.(?:ai|com|io|co|xyz|dev|so|app|net|org|tech)\b/?\S*"


def _rx(fragment: str, cjk: str | None = None) -> str:
    """Case-insensitive regex for a keyword fragment, on ASCII word boundaries.

    ``cjk``: an optional fragment matched without boundaries (CJK text has no word boundaries).
    """
    return "(?i)" + _rx_lower(fragment, cjk)


def _rx_lower(fragment: str, cjk: str | None = None) -> str:
    """Regex for lower-cased text (the YAML writes these fragments in lower case); faster without (?i)."""
    bounded = f"{ASCII_B}(?:{fragment}){ASCII_B}"
    return f"(?:{bounded}|{cjk})" if cjk else bounded


@cache
def _rules() -> dict:
    return load_taxonomy().roles


def role_title() -> pl.Expr:
    """The role part of the title: for pipe-separated titles the first segment that names a role.

    Web addresses are dropped first: a company site "acme.ai" is not an "AI" word of the role."""
    noun = _rx(_rules()["role_noun"])
    title = pl.col("title").fill_null("").str.replace_all(WEB_ADDRESS, " ")
    segments = title.str.split("|")
    role = segments.list.eval(pl.element().filter(pl.element().str.contains(noun))).list.first()
    return (
        pl.when((segments.list.len() > 1) & role.is_not_null()).then(role).otherwise(title).str.strip_chars()
    )


def years_to_seniority(years: pl.Expr) -> pl.Expr:
    """Seniority implied by required years (README section 4): 0-1 junior, 2-4 mid, 5-7 senior, 8+ staff."""
    return (
        pl.when(years.is_null())
        .then(None)
        .when(years <= 1)
        .then(pl.lit("junior"))
        .when(years <= 4)
        .then(pl.lit("mid"))
        .when(years <= 7)
        .then(pl.lit("senior"))
        .otherwise(pl.lit("staff_principal"))
    )


def roles_frame(df: pl.DataFrame, years: pl.Series) -> pl.DataFrame:
    """is_ai_ml (bool), specialization (str, null iff not AI/ML), seniority (str), role_reason (str).

    ``df`` has ``title`` and ``description``; ``years`` is experience_min_years (Int64, nullable) per row.
    """
    return role_features(df, years).select(OUTPUT_COLUMNS)


def role_features(df: pl.DataFrame, years: pl.Series) -> pl.DataFrame:
    """The role decisions plus every intermediate signal (columns starting with ``_``), for tracing a label.

    Signals: ``_rt`` role title, ``_neg``/``_pos`` matched title words, ``_hint`` (the title hints at AI),
    ``_short`` (length factor of the text), ``_work``/``_thr`` ML-work mentions and the bar they had to
    reach, ``_model``/``_analytics``/``_ml_evidence``/``_ml_duty`` for scientist titles, ``_ml_infra``,
    ``_scores`` lane scores (lane order of the YAML), ``_title_lanes``, ``_lane``, ``_title_level``.
    """
    r = _rules()
    ai = r["is_ai_ml"]
    desc = pl.col("_desc_lower")
    rt = pl.col("_rt")
    base = (
        df.select("title", "description")
        .with_row_index("_i")
        .with_columns(
            role_title().alias("_rt"),
            years.alias("_years"),
            pl.col("description").fill_null("").str.to_lowercase().alias("_desc_lower"),
        )
    )

    neg_word = rt.str.extract(_rx(ai["not_ai_ml_title"]), 0)
    pos_word = rt.str.extract(_rx(ai["ai_ml_title"], ai.get("ai_ml_title_cjk")), 0)
    hint = rt.str.contains(_rx(ai["hint_title"]))
    ds = rt.str.contains(_rx(ai["data_scientist_title"]))
    need = ai["min_ai_work"]
    # Short texts (HN comments, Adzuna snippets) cannot repeat ML words as often as a full description: for
    # a title that hints at AI the bars scale with the text length like the lane minimums (never below
    # min_length_factor of themselves). A generic title keeps its full bar: short company blurbs of AI
    # startups ("we build AI for ...") would otherwise make every role there an AI/ML role.
    short = (desc.str.len_chars() / r["full_length_chars"]).clip(r["min_length_factor"], 1.0)
    scale = short if ai.get("scale_by_length") else pl.lit(1.0)
    threshold = pl.when(hint).then(need["hint_title"] * scale).otherwise(need["other_title"])
    work = desc.str.count_matches(_rx_lower(ai["ai_work"], ai.get("ai_work_cjk"))) + desc.str.count_matches(
        _rx_lower(ai["ai_work_intl"])
    )
    base = base.with_columns(
        _neg=neg_word, _pos=pos_word, _ds=ds, _hint=hint, _short=short, _work=work, _thr=threshold
    )
    # The model-building signals matter only for scientist titles: counted on those rows alone (speed).
    base = _on_rows(
        base,
        pl.col("_ds"),
        {
            "_model": desc.str.count_matches(_rx_lower(ai["model_work"])),
            "_analytics": desc.str.count_matches(_rx_lower(ai["analytics_work"])),
            "_ml_evidence": desc.str.count_matches(_rx_lower(ai["ml_evidence"])),
            "_ml_duty": desc.str.contains(_rx_lower(ai["ml_model_duty"])),
        },
        {"_model": 0, "_analytics": 0, "_ml_evidence": 0, "_ml_duty": False},
    )
    builds_models = (
        (pl.col("_model") >= ai["min_model_work"])
        & (2 * pl.col("_model") >= pl.col("_analytics"))
        & (pl.col("_ml_evidence") >= ai["min_ml_evidence"])
    ) | pl.col("_ml_duty")
    # Scientist titles are left to the model-building test: contract scientists also quote hourly rates.
    gig = (desc.str.count_matches(_rx_lower(ai["gig_work"])) >= ai["min_gig_work"]) & ~ds
    base = base.with_columns(_gig=gig)
    base = _on_rows(
        base,
        rt.str.contains(_rx(ai["infra_title"])),
        {"_ml_infra": desc.str.count_matches(_rx_lower(ai["ml_infra"])) >= ai["min_ml_infra"]},
        {"_ml_infra": False},
    )
    body_says = (
        pl.when(pl.col("_gig"))
        .then(False)
        .when(pl.col("_ds"))
        .then(builds_models)
        .otherwise((pl.col("_work") >= pl.col("_thr")) | pl.col("_ml_infra"))
    )
    base = base.with_columns(is_ai_ml=pl.col("_neg").is_null() & (pl.col("_pos").is_not_null() | body_says))
    ai_reason = (
        pl.when(pl.col("_neg").is_not_null())
        .then(pl.format("not AI/ML: title '{}' (uses or sells AI)", pl.col("_neg")))
        .when(pl.col("_pos").is_not_null())
        .then(pl.format("AI/ML: title '{}'", pl.col("_pos")))
        .when(pl.col("_pos").is_null() & pl.col("_gig"))
        .then(pl.lit("not AI/ML: gig work around AI (freelance rating/recording/annotation wording)"))
        .when(pl.col("_ds"))
        .then(
            pl.format(
                "{}: data-science title, {} model-building ({} ML-specific) vs {} analytics mentions{}",
                pl.when(pl.col("is_ai_ml")).then(pl.lit("AI/ML")).otherwise(pl.lit("not AI/ML")),
                pl.col("_model"),
                pl.col("_ml_evidence"),
                pl.col("_analytics"),
                pl.when(pl.col("_ml_duty")).then(pl.lit(", builds ML models")).otherwise(pl.lit("")),
            )
        )
        .when(pl.col("is_ai_ml") & (pl.col("_work") < pl.col("_thr")))
        .then(pl.lit("AI/ML: infrastructure title serving ML teams or workloads"))
        .when(pl.col("is_ai_ml"))
        .then(pl.format("AI/ML: {} ML-work mentions (>= {})", pl.col("_work"), pl.col("_thr")))
        .otherwise(pl.format("not AI/ML: {} ML-work mentions (< {})", pl.col("_work"), pl.col("_thr")))
    )

    # Lanes are scored on the AI/ML rows only (a small share of all postings; the counts are the costly part).
    base = _on_rows(base, pl.col("is_ai_ml"), _lane_columns, {})
    specialization = pl.when(pl.col("is_ai_ml")).then(pl.col("_lane"))
    spec_reason = (
        pl.when(~pl.col("is_ai_ml"))
        .then(pl.lit(""))
        .when(pl.col("_best_score") >= r["lane_scoring"]["min_score"])
        .then(
            pl.format(
                "; lane {}: dominant, score {} (title lanes: {})",
                pl.col("_lane"),
                pl.col("_best_score").round(2),
                pl.col("_title_lanes").replace("", "none"),
            )
        )
        .otherwise(
            pl.format("; lane ml_general: no lane dominant (best score {})", pl.col("_best_score").round(2))
        )
    )

    levels = r["seniority_title"]
    level_title = rt.str.replace_all(_rx(r["not_level_title"]), " ")
    cjk_levels = r.get("seniority_title_cjk", {})
    level_word = {
        name: level_title.str.extract(_rx(p, cjk_levels.get(name)), 0) for name, p in levels.items()
    }
    ic = desc.str.contains(_rx_lower(r["individual_contributor"]))
    title_level = pl.coalesce(
        [
            pl.when(level_word[name].is_not_null() & ~((pl.lit(name) == "manager") & ic)).then(pl.lit(name))
            for name in levels
        ]
    )
    title_word = pl.coalesce([level_word[name] for name in levels])
    base = base.with_columns(
        _title_level=title_level, _title_word=title_word, _years_level=years_to_seniority(pl.col("_years"))
    )
    seniority = pl.coalesce(pl.col("_title_level"), pl.col("_years_level"), pl.lit("mid"))
    sen_reason = (
        pl.when(pl.col("_title_level").is_not_null())
        .then(pl.format("; {}: title '{}'", pl.col("_title_level"), pl.col("_title_word")))
        .when(pl.col("_years_level").is_not_null())
        .then(pl.format("; {}: {} years required", pl.col("_years_level"), pl.col("_years")))
        .otherwise(pl.lit("; mid: no level word, no years"))
    )
    return base.with_columns(
        specialization.alias("specialization"),
        seniority.alias("seniority"),
        pl.concat_str([ai_reason, spec_reason, sen_reason]).alias("role_reason"),
    )


def _lane_columns(sub: pl.DataFrame) -> pl.DataFrame:
    """Lane scores of the rows of ``sub`` (AI/ML postings): ``_scores`` (lane order of the YAML),
    ``_title_lanes``, ``_lane`` (the dominant lane, else ml_general) and ``_best_score``."""
    r = _rules()
    return lane_choice(lane_evidence(sub), r["lanes"], r["lane_scoring"])


def lane_evidence(sub: pl.DataFrame) -> pl.DataFrame:
    """The text and title evidence of each lane, one row per row of ``sub`` (columns ``_i``, ``_rt``,
    ``_desc_lower``): ``_lf`` the length factor (text length over ``full_length_chars``, clipped to
    ``[min_length_factor, 1]``), and per lane ``n:<lane>`` (mentions of its body words), ``t:<lane>`` (the
    role title names it) and ``w:<lane>`` (a weak title word, with at least one mention in the text)."""
    r = _rules()
    lanes: dict[str, dict] = r["lanes"]
    desc = pl.col("_desc_lower")
    rt = pl.col("_rt")
    cols: dict[str, pl.Expr] = {
        # Short texts (HN comments, snippets) cannot repeat lane words as often as a full job description.
        "_lf": (desc.str.len_chars() / r["full_length_chars"]).clip(r["min_length_factor"], 1.0),
    }
    for name, spec in lanes.items():
        count = desc.str.count_matches(_rx_lower(spec["body"], spec.get("body_cjk")))
        cols[f"n:{name}"] = count
        title = spec.get("title")
        cols[f"t:{name}"] = rt.str.contains(_rx(title, spec.get("title_cjk"))) if title else pl.lit(False)
        weak = spec.get("weak_title")
        cols[f"w:{name}"] = (rt.str.contains(_rx(weak)) & (count > 0)) if weak else pl.lit(False)
    return sub.select("_i", **cols)


def lane_choice(ev: pl.DataFrame, lanes: dict[str, dict], scoring: dict) -> pl.DataFrame:
    """The dominant lane of each row of ``lane_evidence`` output, under the knobs ``lanes`` (per lane
    ``min_body``) and ``scoring`` (``title_weight``, ``weak_title_weight``, ``min_score``).

    Each lane scores its text mentions over its minimum (scaled by the length factor) plus ``title_weight``
    when the role title names it (``weak_title_weight`` for a weak title word); ``ml_general`` competes with
    its own text evidence (classic ML), so one LLM duty among several classic-ML duties does not make an
    LLM role. The best score from ``min_score`` up wins, else ``ml_general``; ties go to the earlier lane
    of ``lanes``. Separate from the evidence so the knobs can be fitted on labels (scripts/tune_lanes.py).
    """
    lf = pl.col("_lf")
    scores = []
    for name, spec in lanes.items():
        score = pl.col(f"n:{name}") / (spec["min_body"] * lf)
        score = score + pl.when(pl.col(f"t:{name}")).then(scoring["title_weight"]).otherwise(0.0)
        score = score + pl.when(pl.col(f"w:{name}")).then(scoring["weak_title_weight"]).otherwise(0.0)
        scores.append(score.alias(name))
    title_lanes = pl.concat_str(
        [pl.when(pl.col(f"t:{n}")).then(pl.lit(n)) for n in lanes], separator=",", ignore_nulls=True
    )
    out = ev.with_columns(_title_lanes=title_lanes, _scores=pl.concat_list(scores))
    index_to_lane = dict(enumerate(lanes))
    best = pl.col("_scores").list.arg_max().replace_strict(index_to_lane, return_dtype=pl.String)
    best_score = pl.col("_scores").list.max()
    out = out.with_columns(
        _lane=pl.when(best_score >= scoring["min_score"]).then(best).otherwise(pl.lit(LANES_FALLBACK)),
        _best_score=best_score,
    )
    return out.select("_i", "_title_lanes", "_scores", "_lane", "_best_score")


def _on_rows(
    frame: pl.DataFrame,
    mask: pl.Expr,
    compute: dict[str, pl.Expr] | Callable[[pl.DataFrame], pl.DataFrame],
    fill: dict[str, object],
) -> pl.DataFrame:
    """``frame`` with columns computed only on the rows where ``mask`` holds (costly text counts that matter
    for a few rows); other rows get ``fill`` (or null). ``frame`` carries the row index ``_i``."""
    sub = frame.filter(mask)
    out = sub.select("_i", **compute) if isinstance(compute, dict) else compute(sub)
    joined = frame.join(out, on="_i", how="left", maintain_order="left")
    return joined.with_columns(pl.col(k).fill_null(v) for k, v in fill.items()) if fill else joined
