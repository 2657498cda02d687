"""Business domain of each posting and whether it asks for domain (industry) expertise.

Grain: one row per posting (input order), read from title + description (nulls count as empty):

- ``domain`` (String, null when none): ``finance`` | ``healthcare`` | ``legal`` - the employer's business or
  the role's subject matter (trading, banking, payments, insurance, fintech; clinical, patients, hospitals,
  pharma, biotech, medical imaging, EHR; legal tech, law firms). The domain with the most cue phrases wins
  when it has at least ``min_cues`` (a cue in the title counts ``title_weight`` times); ties go to the domain
  listed first in the vocabulary; fewer cues give null. Benefit boilerplate ("health insurance", "medical,
  dental") is swallowed by ``noise`` phrases before it can count.
- ``asks_domain_expertise`` (Boolean, never null): the posting asks the candidate for experience or knowledge
  of an industry or application sector (any sector, not only the three above): "experience in healthcare",
  "background in capital markets", "financial services experience", "pharmaceutical industry preferred",
  "domain expertise"; but not "domain knowledge of machine learning" (the craft itself) and not a negated ask
  ("no finance background required").

Rules, not a model: the vocabulary is data (``transforms/data/domains.yaml``, whose header says how each list
is used). How, all on Polars' Rust regex engine (no Python loop over postings):

1. the text is lower-cased once; one combined cue regex (noise phrases first, so at one position a noise
   phrase wins over the cue inside it) and one combined ask regex give every occurrence (``extract_all``);
2. each DISTINCT matched string is resolved once in Python (which domain's cue, or whether an ask match is
   negated or generic-about-ML), so the Python work grows with the vocabulary, not with the postings;
3. per posting, cue occurrences are counted per domain and asks are OR-ed.

Measured precision/recall on blind hand labels: ``benchmarks/domain_eval.py`` (tests/eval_holdout/).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import polars as pl
import yaml

from transforms.enrich.taxonomy import ASCII_B

DOMAINS_PATH = Path(__file__).resolve().parent.parent / "data" / "domains.yaml"
OUTPUT_COLUMNS = ("domain", "asks_domain_expertise")
_ROW, _M = "row", "m"
_NOISE = ""  # resolution of a noise phrase: counts for no domain

# One word of an ask phrase: letters, digits and the joiners of compound words. No punctuation that ends a
# clause (",", ";", ":", ".", parentheses), so an ask never reaches across a list or a sentence.
_WORD = r"[a-z0-9'&/+-]+"
# Space within a line: an ask never spans a line break (list items and headings are separate statements,
# "Insurance\nExperience: 5 years" is a heading and a requirement, not "insurance experience").
_SP = r"[ \t\xa0]+"
_LINKS = r"(?:in|with|within|of|across|from|on|to)"
_ARTICLE = r"(?:(?:the|a|an)[ \t\xa0]+)"
_AFTER_IND = r"(?:industry|industries|sector|domain|space|vertical)"
_WHAT = r"(?:experience|background|knowledge|expertise|exposure|familiarity)"
_PLUS = r"(?:preferred|a plus|is a plus|highly desired|desired|required|strongly preferred|an advantage)"
_OWNER = re.compile(r"\b(?:our|your|their)\b")
_NEG_TAIL = r"(?:[ \t\xa0]+(?:(?:is|are)[ \t\xa0]+)?not[ \t\xa0]+(?:required|necessary|needed|a requirement))"


@dataclass(frozen=True, slots=True)
class DomainVocabulary:
    """The compiled vocabulary of domains.yaml (Rust regexes for the frame, Python ones for resolving)."""

    version: str
    domains: tuple[str, ...]
    min_cues: int
    title_weight: int
    cue_regex: str
    cue_resolvers: tuple[tuple[str, re.Pattern[str]], ...]  # (domain or _NOISE, full-match pattern)
    ask_regexes: tuple[str, ...]
    negated_ask_regex: str
    negation: re.Pattern[str]
    generic: re.Pattern[str]
    not_domain: re.Pattern[str]

    def resolve_cue(self, match: str) -> str:
        """The domain a matched cue string stands for, or '' for a noise phrase."""
        for name, pattern in self.cue_resolvers:
            if pattern.fullmatch(match):
                return name
        return _NOISE  # unreachable for strings the cue regex produced; safe default

    def resolve_ask(self, match: str) -> bool:
        """Whether a matched ask string is a real ask: not negated, and a generic "domain knowledge" not
        followed by the craft itself ("... of machine learning")."""
        if self.negation.match(match) or re.search(_NEG_TAIL + "$", match) or _OWNER.search(match):
            return False
        generic = self.generic.search(match)
        if generic is not None:
            tail = match[generic.end() :]
            return not self.not_domain.search(tail)
        return True


def _alt(fragments: list[str]) -> str:
    return "|".join(f"(?:{f})" for f in fragments)


@cache
def load_vocabulary(path: Path = DOMAINS_PATH) -> DomainVocabulary:
    """domains.yaml compiled (cached)."""
    data = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
    domains: dict[str, list[str]] = data["domains"]
    noise = _alt(data["noise"])
    # Noise first: the regex engine takes the first alternative that matches at a position.
    cue_parts = [noise] + [_alt(frags) for frags in domains.values()]
    cue_regex = _alt([f"{ASCII_B}(?:{p}){ASCII_B}" for p in cue_parts])
    resolvers = [(_NOISE, re.compile(noise))] + [(d, re.compile(_alt(f))) for d, f in domains.items()]

    exp = data["expertise"]
    ask, ind = _alt(exp["ask_words"]), _alt(exp["industries"])
    generic, neg, learn = _alt(exp["generic"]), _alt(exp["negations"]), _alt(exp["learn_verbs"])
    # No optional lead-in word before a pattern: a pattern that may start with "no" or "not" loses the regex
    # engine's literal prefilter and runs several times slower. Negations are caught after the fact instead
    # (a "not required" tail here, a preceding "no" or learn verb by _preceded_by in domain_frame).
    patterns = [
        # "experience [working] in/with [the] [x y] <industry>"
        rf"(?:{ask})(?:{_SP}{_WORD}){{0,4}}?{_SP}{_LINKS}{_SP}{_ARTICLE}?(?:{_WORD}{_SP})?(?:{ind})",
        # "preferably in a health plan"
        rf"(?:preferably|ideally|especially|particularly){_SP}{_LINKS}{_SP}{_ARTICLE}?(?:{_WORD}{_SP}){{0,2}}?(?:{ind})",
        # "domain expertise [in the x y]" - the tail is checked against not_domains
        rf"(?:{generic})(?:{_SP}(?:of|in|with|within|for){_SP}{_ARTICLE}?{_WORD}(?:{_SP}{_WORD})?)?",
    ]
    # "<industry> [industry] experience", "<industry> industry preferred": one regex per industries list.
    # Led by all the industry words at once, the regex has too many literal starts for the engine's fast
    # prefilter and scans every byte; split by list, each keeps the prefilter (55 ms -> 33 ms on the corpus).
    tail = rf"(?:{_AFTER_IND}{_SP})?{_WHAT}|{_AFTER_IND}{_SP}(?:experience{_SP})?(?:is{_SP})?{_PLUS}"
    led = [rf"(?:{group}){_SP}(?:{tail})" for group in exp["industries"]]
    ask_regexes = tuple(f"{ASCII_B}(?:{p}){ASCII_B}(?:{_NEG_TAIL})?" for p in [_alt(patterns), *led])
    # Asks that are not asks: "no healthcare experience", "develop deep domain expertise" (negated or a duty),
    # and the employer describing itself: "our team has deep experience in healthcare".
    lead = rf"(?:{neg}|{learn}){_SP}(?:(?:deep|strong|prior|previous|any|more|some){_SP})?"
    not_asked = rf"{lead}(?:(?:{ind}){_SP}(?:{_AFTER_IND}{_SP})?{_WHAT}|{generic})"
    self_described = rf"(?:our|we)(?:{_SP}{_WORD}){{0,3}}{_SP}(?:{ask}){_SP}{_LINKS}"
    negated = rf"{ASCII_B}(?:{not_asked}|{self_described}){ASCII_B}"
    return DomainVocabulary(
        version=str(data["version"]),
        domains=tuple(domains),
        min_cues=int(data["min_cues"]),
        title_weight=int(data["title_weight"]),
        cue_regex=cue_regex,
        cue_resolvers=tuple(resolvers),
        ask_regexes=ask_regexes,
        negated_ask_regex=negated,
        negation=re.compile(rf"(?:{neg}|{learn})\s"),
        generic=re.compile(generic),
        not_domain=re.compile(rf"\b(?:{_alt(exp['not_domains'])})\b"),
    )


def _occurrences(lower: pl.Series, regex: str) -> pl.DataFrame:
    """One row (``row`` index, matched string ``m``) per occurrence of ``regex`` in ``lower``."""
    found = lower.str.extract_all(regex).alias(_M).to_frame().with_row_index(_ROW)
    return found.explode(_M).drop_nulls(_M)


def _resolved(occ: pl.DataFrame, resolve, dtype: pl.DataType) -> pl.Series:
    """``resolve`` applied to each distinct matched string once, spread back over the occurrences."""
    if occ.height == 0:  # replace_strict with an empty mapping keeps the input dtype, not return_dtype
        return pl.Series(_M, [], dtype=dtype)
    mapping = {m: resolve(m) for m in occ[_M].unique().to_list()}
    return occ[_M].replace_strict(mapping, return_dtype=dtype)


def domain_frame(df: pl.DataFrame) -> pl.DataFrame:
    """``domain`` and ``asks_domain_expertise`` per row of ``df`` (columns ``title``, ``description``)."""
    vocab = load_vocabulary()
    title = df["title"].cast(pl.String).fill_null("").str.to_lowercase()
    desc = df["description"].cast(pl.String).fill_null("").str.to_lowercase()
    lower = title + "\n" + desc
    rows = pl.DataFrame({_ROW: pl.arange(0, df.height, dtype=pl.UInt32, eager=True)})

    # Cues of the whole text count once; cues of the title count title_weight - 1 more times.
    cue_text = _occurrences(lower, vocab.cue_regex).with_columns(w=pl.lit(1, pl.Int64))
    cue_title = _occurrences(title, vocab.cue_regex).with_columns(w=pl.lit(vocab.title_weight - 1, pl.Int64))
    cues = pl.concat([cue_text, cue_title])
    cues = cues.with_columns(d=_resolved(cues, vocab.resolve_cue, pl.String)).filter(pl.col("d") != _NOISE)
    rank = {d: i for i, d in enumerate(vocab.domains)}
    best = (
        cues.group_by(_ROW, "d")
        .agg(pl.col("w").sum().alias("n"))
        .filter(pl.col("n") >= vocab.min_cues)
        .with_columns(pl.col("d").replace_strict(rank, return_dtype=pl.Int64).alias("rank"))
        .sort(_ROW, "n", "rank", descending=[False, True, False])
        .unique(_ROW, keep="first")
        .select(_ROW, pl.col("d").alias("domain"))
    )

    asks = pl.concat([_occurrences(lower, rx) for rx in vocab.ask_regexes])
    asks = asks.with_columns(a=_resolved(asks, vocab.resolve_ask, pl.Boolean))
    n_asks = asks.group_by(_ROW).agg(pl.col("a").sum().alias("n")).filter(pl.col("n") > 0)
    # Negated asks are counted only on the few postings with an ask (a pattern that starts with "no" or
    # "not" has no selective literal to search for, so it is slow on every posting).
    n_negated = lower.gather(n_asks[_ROW]).str.count_matches(vocab.negated_ask_regex)
    asked = n_asks.filter(pl.col("n") > n_negated).select(_ROW, pl.lit(True).alias("asks_domain_expertise"))

    return (
        rows.join(best, on=_ROW, how="left", maintain_order="left")
        .join(asked, on=_ROW, how="left", maintain_order="left")
        .select(
            pl.col("domain"),
            pl.col("asks_domain_expertise").fill_null(False),
        )
    )


def domain_version() -> str:
    """The vocabulary's version string (domains.yaml ``version``)."""
    return load_vocabulary().version
