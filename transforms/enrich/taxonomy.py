"""The project's taxonomy (``transforms/data/taxonomy.yaml``) loaded once and compiled for matching.

The YAML holds the canonical skill ids of ``shared/spec/taxonomy.yaml`` with the project's alias lists,
context rules and traps, plus the keyword lists of the role rules. This module turns it into:

- one combined regex over every plain alias (``str.extract_all``: one pass finds every alias);
- a resolver from a matched string back to its skill id (run once per distinct matched string, cached);
- per-skill context and trap regexes (each a vectorised ``str.contains`` / ``str.count_matches``).

Regexes run on Polars' Rust engine, which has no look-around; word boundaries are ASCII
(``(?-u:\\b)``) so that Latin words glued to CJK text (``熟悉Python``) still have a boundary.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import yaml

TAXONOMY_PATH = Path(__file__).resolve().parent.parent / "data" / "taxonomy.yaml"
ASCII_B = r"(?-u:\b)"


@dataclass(frozen=True)
class SkillRule:
    """Matching rule of one taxonomy skill id (the header of taxonomy.yaml explains each list)."""

    skill_id: str
    aliases: tuple[str, ...]
    raw: tuple[str, ...]
    context: tuple[str, ...]
    traps: tuple[str, ...]
    needs: tuple[str, ...] = ()

    def alias_patterns(self) -> list[str]:
        """Every alias as a self-contained regex fragment (boundaries added to plain aliases)."""
        return [f"{ASCII_B}(?:{a}){ASCII_B}" for a in self.aliases] + [f"(?:{r})" for r in self.raw]


@dataclass(frozen=True)
class Taxonomy:
    """The compiled taxonomy: skill rules in file order, the combined alias regex and the role vocabulary."""

    version: str
    skills: tuple[SkillRule, ...]
    combined_alias_regex: str
    lowercase_alias_regex: str
    cased_alias_regex: str | None
    roles: dict[str, Any]

    def skill(self, skill_id: str) -> SkillRule:
        return next(s for s in self.skills if s.skill_id == skill_id)


@cache
def load_taxonomy(path: Path = TAXONOMY_PATH) -> Taxonomy:
    """Read and compile the taxonomy file (cached: the file is read once per process)."""
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    rules = []
    for skill_id, spec in data["skills"].items():
        spec = spec or {}
        rules.append(
            SkillRule(
                skill_id=skill_id,
                aliases=tuple(spec.get("aliases", ())),
                raw=tuple(spec.get("raw", ())),
                context=tuple(_ascii_boundaries(p) for p in spec.get("context", ())),
                traps=tuple(_ascii_boundaries(p) for p in spec.get("traps", ())),
                needs=tuple(spec.get("needs", ())),
            )
        )
    fragments = [p for r in rules for p in r.alias_patterns()]
    # Longest-looking fragments first so "machine learning" wins over a shorter alias at the same position.
    fragments.sort(key=len, reverse=True)
    combined = "(?i)(?:" + "|".join(fragments) + ")"
    # The same split for speed: case-sensitive aliases ("RAG", "CI") on the text as written, every other alias
    # without (?i) on the lower-cased text (the Rust engine is markedly faster without case folding).
    cased = [f for f in fragments if "(?-i:" in f]
    folded = [f for f in fragments if "(?-i:" not in f]
    for r in rules:  # fail at load time, not mid-run, on a malformed rule
        for p in (*r.alias_patterns(), *r.context, *r.traps):
            re.compile(_to_python(p))
    return Taxonomy(
        version=str(data["version"]),
        skills=tuple(rules),
        combined_alias_regex=combined,
        lowercase_alias_regex=_alternation(folded),
        cased_alias_regex=_alternation(cased) if cased else None,
        roles=data.get("roles", {}),
    )


def _alternation(fragments: list[str]) -> str:
    """One regex trying ``fragments`` in order, with the boundaries of consecutive bounded fragments shared.

    ``\\b(?:a)\\b|\\b(?:b)\\b`` and ``\\b(?:a|b)\\b`` match the same text at the same positions (the
    alternatives are still tried in the same order), but the first form gives the Rust engine one
    look-around per alias: with ~300 aliases its lazy DFA outgrows its cache and the combined search runs
    about three times slower.
    """
    parts: list[str] = []
    run: list[str] = []  # inner patterns of consecutive bounded fragments
    for f in fragments:
        inner = f[len(ASCII_B) : -len(ASCII_B)]
        if f.startswith(ASCII_B) and f.endswith(ASCII_B) and ASCII_B not in inner:
            run.append(inner)
            continue
        if run:
            parts.append(f"{ASCII_B}(?:{'|'.join(run)}){ASCII_B}")
            run = []
        parts.append(f)
    if run:
        parts.append(f"{ASCII_B}(?:{'|'.join(run)}){ASCII_B}")
    return "(?:" + "|".join(parts) + ")"


def _ascii_boundaries(pattern: str) -> str:
    """``\\b`` written in the YAML as an ASCII boundary: same result on Latin text, several times faster on
    the Rust engine (a Unicode boundary forces a slower matcher), and a boundary next to CJK text."""
    return pattern.replace("\\b", ASCII_B)


def _to_python(pattern: str) -> str:
    """Translate the Rust-regex spelling used in the YAML to Python ``re`` (ASCII boundaries only)."""
    return pattern.replace(ASCII_B, r"\b").replace("(?-u:", "(?:")


@cache
def _python_alias_matchers() -> tuple[tuple[str, re.Pattern[str]], ...]:
    """Per skill, one Python regex that fully matches any of its aliases (for resolving a matched string)."""
    tax = load_taxonomy()
    out = []
    for r in tax.skills:
        pats = [_to_python(p) for p in r.alias_patterns()]
        if pats:
            out.append((r.skill_id, re.compile("(?i)(?:" + "|".join(pats) + ")")))
    return tuple(out)


@cache
def resolve_alias(matched: str) -> str | None:
    """The skill id whose alias list fully matches ``matched`` (first rule in file order), else None.

    Python ``re`` has Unicode ``\\b`` where Polars uses ASCII; the fullmatch makes boundaries irrelevant here.
    """
    for skill_id, rx in _python_alias_matchers():
        if rx.fullmatch(matched):
            return skill_id
    return None


@cache
def resolve_match(matched: str) -> tuple[str, ...]:
    """Every skill id a matched string stands for: its own id plus ids of aliases nested inside it.

    The combined regex takes the longest alias at a position, so "LLM-as-a-judge" (evaluation) hides "LLM"
    (llm) and "evaluation of ML models" hides "ML"; the nested search gives those back.
    """
    primary = resolve_alias(matched)
    if primary is None:
        return ()
    nested = [sid for sid, rx in _python_alias_matchers() if sid != primary and rx.search(matched)]
    return (primary, *nested)
