"""Deduplication of postings across sources and reposts: one cluster per job, every source URL kept.

What "the same job" means here (the labelled sample in tests/transforms/fixtures_dedup/ follows it): the same
employer advertising the same opening at the same place. A repost (a new id for the same ad, on the same or
a later date), the same ad on a job board and on the employer's ATS, and a duplicated row of a scrape are the
same job. The same title at the same employer in another city or country is a different job (pay and market
differ by place, and a one-per-city template usually stands for one opening per city); two ads for the same
title and place whose texts describe different work are different jobs.

Method (pure; Polars for the frame work, rapidfuzz for string similarity):

1. Normalise (:func:`company_key`, :func:`title_key`, :func:`level_tokens`, :func:`place_segments`): ASCII
   fold, lower case, punctuation out; company without legal suffixes, web domains and "(YC S22)" notes; title
   without gender markers ("(h/f)", "(m/w/d)") and with abbreviations expanded ("sr" -> senior).
2. Block on the company key (postings without a company are never merged). Blocks larger than
   :data:`MAX_BLOCK` are split by title key, so a 2,000-posting ATS board compares only equal titles.
3. Compare every pair of a block (:func:`same_job`): seniority words equal, places compatible
   (:func:`places_compatible`), requisition ids not different, and either (a) titles match and the texts
   (when both have one) agree loosely, or (b) one title contains the other and the texts are a close repost.
4. Cluster: connected components of the matched pairs (union-find), except that a posting with a vague
   location (none, or only a country) joins a cluster of specific places only when it matches exactly one,
   and a cluster never holds two different requisition ids (:func:`_clusters`). ``cluster_id`` is "dup-" +
   the first 12 hex digits of sha1 of the smallest member key, so it is stable while that member exists.
5. Representative: per cluster, the posting with a posted salary, then the longest text, then the smallest
   key (:func:`_representative_order`); :func:`one_per_job` is what the marts use to count each job once.

Identifiers: ``requisition_id`` (the employer's) and ``internal_job_id`` (Greenhouse's job, shared by the
posts of one job) come from ``Posting.extra`` through the warehouse table posting_extra. Equal ids are
evidence of one opening; different requisition ids separate openings; placeholder requisitions
('EVERGREEN', one id over many titles) prove nothing (:func:`_real_requisitions`).
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

import polars as pl
from rapidfuzz import fuzz

# Sources whose postings are whole comments (HN: one posting per comment): their "title" is the comment's
# header or the role list parsed from it, which a monthly repost edits (a role swapped, pay added, a new
# tracking link), so a repost is recognised by its text alone (rule (c) of same_job).
HEADER_TITLE_SOURCES = ("hn",)
MAX_BLOCK = 200  # all-pairs within a block up to this size (200 -> 19,900 comparisons)
_KEY = ("source", "board", "native_id")

_LEGAL = {
    "inc", "llc", "ltd", "limited", "corp", "corporation", "gmbh", "ag", "sa", "sas", "sarl", "plc", "co",
    "company", "the", "bv", "nv", "pty", "srl", "spa", "lp", "llp",
}  # fmt: skip
_DOMAIN = re.compile(r"\b([a-z0-9-]+)\.(?:com|io|ai|co|dev|org|net|tech|app|chat|fm|xyz|so)\b")
_PAREN = re.compile(r"\([^)]*\)")
_GENDER = re.compile(
    r"\(?\b(?:h\s*/\s*f|f\s*/\s*h|m\s*/\s*w\s*/\s*d|w\s*/\s*m\s*/\s*d|m\s*/\s*f|f\s*/\s*m)\b\)?"
)
_NON_WORD = re.compile(r"[^a-z0-9+#]+")
_ABBREV = {
    "sr": "senior", "snr": "senior", "jr": "junior", "eng": "engineer", "engr": "engineer", "mgr": "manager",
    "swe": "software engineer", "sde": "software development engineer", "ml": "machine learning",
    "dev": "developer", "devs": "developers", "mle": "machine learning engineer",
}  # fmt: skip
# Words that set the level of a role: two postings differing in them are different jobs.
_LEVEL = {
    "intern", "internship", "junior", "senior", "staff", "principal", "lead", "head", "director", "manager",
    "vp", "chief", "ii", "iii", "iv", "associate", "graduate", "entry", "confirme", "stage", "alternance",
    "1", "2", "3", "4", "5", "6",  # "Data Engineer 4" vs "Data Engineer 5", "Sys 3" vs "Sys 5"
}  # fmt: skip
_COUNTRY = {
    "us": "us", "usa": "us", "united states": "us", "united states of america": "us", "america": "us",
    "uk": "uk", "united kingdom": "uk", "england": "uk", "canada": "canada", "france": "france",
    "germany": "germany", "deutschland": "germany", "india": "india", "ireland": "ireland",
    "netherlands": "netherlands", "spain": "spain", "egypt": "egypt", "australia": "australia",
    "japan": "japan", "singapore": "singapore", "israel": "israel", "poland": "poland",
    "portugal": "portugal",
    "switzerland": "switzerland", "sweden": "sweden", "brazil": "brazil", "mexico": "mexico",
    "united arab emirates": "uae", "uae": "uae", "china": "china", "georgia country": "georgia",
    # Multi-country regions sit at the same level: 'LATAM - Remote' and 'US - Remote' are different markets.
    "latam": "latam", "apac": "apac", "emea": "emea", "europe": "europe", "eu": "europe",
}  # fmt: skip
# Words of a location string that name no place.
_PLACE_NOISE = {
    "remote", "hybrid", "onsite", "on", "site", "office", "in", "or", "and", "only", "of", "the", "hq",
    "anywhere", "based", "first", "fully", "full", "time", "area", "bay", "city", "county", "state", "region",
    "metro", "greater", "global", "worldwide",
}  # fmt: skip


def _fold(text: str | None) -> str:
    """ASCII-folded, lower-cased text ('' for None)."""
    if not text:
        return ""
    decomposed = unicodedata.normalize("NFKD", text)
    return decomposed.encode("ascii", "ignore").decode("ascii").lower()


def company_key(company: str | None) -> str:
    """Normalised employer name: 'Quatt.io' -> 'quatt', 'Kombo.dev (YC S22)' -> 'kombo', 'SolutionIT, Inc.' ->
    'solutionit'. '' when nothing is left (such postings are never merged)."""
    text = _DOMAIN.sub(r"\1", _PAREN.sub(" ", _fold(company)))
    words = [w for w in _NON_WORD.sub(" ", text).split() if w not in _LEGAL]
    return " ".join(words)


def _title_words(title: str | None) -> list[str]:
    text = _GENDER.sub(" ", _fold(title)).replace("&", " and ")
    words: list[str] = []
    for word in _NON_WORD.sub(" ", text).split():
        words.extend(_ABBREV.get(word, word).split())
    return words


def title_key(title: str | None) -> str:
    """Normalised title: gender markers out, abbreviations expanded, punctuation removed.

    French paired forms ("Chef de projet/Cheffe de projet") keep both halves; they are equal on both sides of
    a duplicate, so no special case is needed.
    """
    return " ".join(_title_words(title))


# Only the head of a title is read for level words: some sources (HN comments without a paragraph break) glue
# the whole text to the title, and a "stage" or "lead" in the body is not the role's level.
_LEVEL_WINDOW = 12


def level_tokens(title: str | None) -> frozenset[str]:
    """The seniority words among the first 12 words of a title ('senior', 'staff', 'ii', 'manager', ...)."""
    return frozenset(w for w in _title_words(title)[:_LEVEL_WINDOW] if w in _LEVEL)


_LOC_SPLIT = re.compile(r"\s+-\s+|[;,|/()]|\bor\b|\band\b")


def place_segments(location: str | None) -> tuple[tuple[str, ...], frozenset[str]]:
    """(place segments, countries) of a location string, most specific first.

    Segments are the parts between commas, semicolons, pipes, slashes, parentheses and " - ", folded, with
    words that name no place ('remote', 'hybrid', 'office', ...) removed; segments that are a country name go
    to the countries. 'Seattle, Washington, USA' -> (('seattle', 'washington'), {'us'}); 'Remote US' -> ((),
    {'us'}); 'San Francisco, CA | New York City, NY' -> (('san francisco', 'ca', 'new york city', 'ny'), {}).
    """
    places: list[str] = []
    countries: set[str] = set()
    for part in _LOC_SPLIT.split(_fold(location)):
        words = [w for w in _NON_WORD.sub(" ", part).split() if w not in _PLACE_NOISE and not w.isdigit()]
        segment = " ".join(words)
        if not segment:
            continue
        if segment in _COUNTRY:
            countries.add(_COUNTRY[segment])
        elif len(segment) > 1 and segment not in places:
            places.append(segment)
    return tuple(places), frozenset(countries)


def is_specific(location: str | None) -> bool:
    """Whether a location names a place below country level (a city, region or state)."""
    return bool(place_segments(location)[0])


def places_compatible(a: str | None, b: str | None) -> bool:
    """Whether two locations can be the same place of work.

    Both name places: the most specific place of one must appear among the other's places ('San Francisco,
    CA' and 'San Francisco, California, USA' agree; 'West Reading, PA' and 'West Grove, PA' do not). Otherwise
    (unknown, or only a country on one side): compatible unless both name countries and none is shared.
    """
    places_a, countries_a = place_segments(a)
    places_b, countries_b = place_segments(b)
    if places_a and places_b:
        return places_a[0] in places_b or places_b[0] in places_a
    if countries_a and countries_b:
        return bool(countries_a & countries_b)
    return True


@dataclass(frozen=True, slots=True)
class DedupConfig:
    """Similarity thresholds (rapidfuzz scores, 0..100) and the text lengths used by :func:`same_job`.

    Set by reading the labelled pairs (tests/transforms/fixtures_dedup/pairs.jsonl), so the benchmark on the
    whole sample is optimistic; ``benchmarks/dedup_eval.py --tune`` re-picks them on one seeded half of the
    pairs and prints the other half (same figures as with these values). ``title_min`` 92 keeps 'Consultant
    SAP PP' apart from 'Consultant SAP QM'; ``text_confirm`` 70 separates two different 'Data analyst' ads of
    one employer and place; ``text_repost`` 80 accepts a repost with a sentence or two reworded. Texts shorter
    than ``min_text_chars`` are not compared (too little to tell roles apart).

    Deliberately limited to HN comments (rule (c) of :func:`same_job`): merging merely *related* titles on
    near-identical text. For ATS and board ads it mostly merged sibling roles that share an employer's
    boilerplate ('Senior iOS' / 'Senior Android Software Development Engineer', one template per city), which
    costs the market figures more than a missed repost; an HN "title" is a comment's role list, not a role.
    """

    title_min: float = 92.0
    title_contained: float = 99.5
    text_confirm: float = 70.0
    text_repost: float = 80.0
    min_text_chars: int = 200
    confirm_chars: int = 3000
    repost_chars: int = 2000


@dataclass(frozen=True, slots=True)
class _Item:
    key: str
    company: str
    title_norm: str
    levels: frozenset[str]
    location: str | None
    specific: bool
    text: str
    requisition_filed: str | None  # the requisition id as the source gave it (placeholders included)
    requisition: str | None  # the same, placeholders removed (:func:`_real_requisitions`)
    job_id: str | None  # the ATS's own job id ("source:internal_job_id"), shared by the posts of one job
    posted_salary: bool  # the posting states a salary posted by the employer (representative choice)
    header_title: bool  # a comment source: the "title" is a header or role list, not one role (HN)


def _norm_text(text: str | None) -> str:
    return " ".join(_fold(text).split())


def same_job(a: _Item, b: _Item, config: DedupConfig = DedupConfig()) -> bool:
    """The pair rule for two postings of one company block (module docstring, step 3).

    Seniority words must be equal and the places compatible. Different requisition ids mean different
    openings (the employer filed them apart; an 'EVERGREEN' pipeline ad is not the numbered opening it
    resembles). Then one of: (a) titles match (token-sort ratio >= ``title_min``) and either a text is too
    short to compare, or the two are one opening (equal requisition ids that are not placeholders, see
    :func:`_real_requisitions`, or the same ATS job id: Greenhouse posts of one job share
    ``internal_job_id``), or the texts agree
    loosely (token-set ratio >= ``text_confirm``); (b) one title's words contain the other's (an HN header
    against a header glued to its body, 'Data Scientist' re-titled 'Data Scientist - NLP') and the texts are a
    close repost (ratio of the first 2,000 characters >= ``text_repost``); (c) both are comments whose
    title is a header or role list (:data:`HEADER_TITLE_SOURCES`: HN), and the texts are a close repost as
    in (b), whatever the titles say (a repost edits its header: pay added, a role swapped, a new link).
    """
    if a.levels != b.levels or not places_compatible(a.location, b.location):
        return False
    if a.requisition_filed and b.requisition_filed and a.requisition_filed != b.requisition_filed:
        return False
    same_opening = bool(
        (a.requisition and a.requisition == b.requisition) or (a.job_id and a.job_id == b.job_id)
    )
    title_sort = 100.0 if a.title_norm == b.title_norm else fuzz.token_sort_ratio(a.title_norm, b.title_norm)
    shortest = min(len(a.text), len(b.text))
    if title_sort >= config.title_min:
        if shortest < config.min_text_chars or same_opening:
            return True
        confirm = fuzz.token_set_ratio(a.text[: config.confirm_chars], b.text[: config.confirm_chars])
        return confirm >= config.text_confirm
    if shortest < config.min_text_chars:
        return False
    if not (a.header_title and b.header_title) and (
        fuzz.token_set_ratio(a.title_norm, b.title_norm) < config.title_contained
    ):
        return False
    return fuzz.ratio(a.text[: config.repost_chars], b.text[: config.repost_chars]) >= config.text_repost


def _optional(postings: pl.DataFrame, name: str) -> pl.Expr:
    if name in postings.columns:
        return pl.col(name).cast(pl.String)
    return pl.lit(None, dtype=pl.String)


# A requisition id shared by this many distinct titles of one employer is a placeholder ('EVERGREEN', 'See
# Opening ID', a pipeline number), not the id of one opening. Three: one opening rarely carries more than two
# titles (a re-titled repost), while the recorded placeholders span dozens.
_PLACEHOLDER_TITLES = 3
_HAS_DIGIT = re.compile(r"\d")


def _real_requisitions(rows: list[dict]) -> set[tuple[str, str]]:
    """(company key, requisition) pairs that identify one opening: the id has a digit (word placeholders such
    as 'EVERGREEN', 'ONE', 'MULTI', 'TBD' have none) and fewer than :data:`_PLACEHOLDER_TITLES` distinct
    titles of the employer carry it."""
    titles: dict[tuple[str, str], set[str]] = defaultdict(set)
    for r in rows:
        if r["requisition"] and _HAS_DIGIT.search(r["requisition"]):
            titles[(r["company"], r["requisition"])].add(r["title_norm"])
    return {k for k, v in titles.items() if len(v) < _PLACEHOLDER_TITLES}


def _items(postings: pl.DataFrame) -> list[_Item]:
    location = (
        pl.col("locations").list.join("; ")
        if "locations" in postings.columns
        else _optional(postings, "location")
    )
    salary = (
        pl.col("has_posted_salary").cast(pl.Boolean).fill_null(False)
        if "has_posted_salary" in postings.columns
        else pl.lit(False)
    )
    frame = postings.select(
        pl.concat_str([pl.col(c).cast(pl.String) for c in _KEY], separator="/").alias("key"),
        pl.col("source").cast(pl.String),
        pl.col("company").cast(pl.String),
        pl.col("title").cast(pl.String),
        location.cast(pl.String).alias("location"),
        _optional(postings, "description_text").alias("text"),
        _optional(postings, "requisition_id").str.strip_chars().alias("requisition"),
        _optional(postings, "internal_job_id").str.strip_chars().alias("job_id"),
        salary.alias("posted_salary"),
    )
    rows = [
        {**r, "company": company_key(r["company"]), "title_norm": title_key(r["title"])}
        for r in frame.iter_rows(named=True)
    ]
    real = _real_requisitions(rows)
    return [
        _Item(
            key=r["key"],
            company=r["company"],
            title_norm=r["title_norm"],
            levels=level_tokens(r["title"]),
            location=r["location"],
            specific=is_specific(r["location"]),
            text=_norm_text(r["text"]),
            requisition_filed=r["requisition"] or None,
            requisition=r["requisition"] if (r["company"], r["requisition"]) in real else None,
            job_id=f"{r['source']}:{r['job_id']}" if r["job_id"] else None,
            posted_salary=bool(r["posted_salary"]),
            header_title=r["source"].startswith(HEADER_TITLE_SOURCES),
        )
        for r in rows
    ]


def _blocks(items: list[_Item]) -> Iterable[list[_Item]]:
    by_company: dict[str, list[_Item]] = defaultdict(list)
    for item in items:
        if item.company:
            by_company[item.company].append(item)
    for company in sorted(by_company):
        block = by_company[company]
        if len(block) <= MAX_BLOCK:
            yield block
            continue
        by_title: dict[str, list[_Item]] = defaultdict(list)
        for item in block:
            by_title[item.title_norm].append(item)
        yield from (by_title[t] for t in sorted(by_title))


def _matches(items: list[_Item], config: DedupConfig) -> list[tuple[_Item, _Item]]:
    out = []
    for block in _blocks(items):
        for i, a in enumerate(block):
            for b in block[i + 1 :]:
                if a.key != b.key and same_job(a, b, config):
                    out.append((a, b) if a.key < b.key else (b, a))
    return sorted(out, key=lambda p: (p[0].key, p[1].key))


def matched_pairs(postings: pl.DataFrame, config: DedupConfig = DedupConfig()) -> list[tuple[str, str]]:
    """Every pair of posting keys ('source/board/native_id', smaller first) that :func:`same_job` accepts,
    sorted. Pairs across blocks are never compared."""
    return [(a.key, b.key) for a, b in _matches(_items(postings), config)]


class _UnionFind:
    """Disjoint sets of keys; the root of a set is its smallest key (so roots are stable).

    ``labels`` (a key's filed requisition id, or None) are cannot-link constraints: two sets whose labels
    differ are never joined, so a set holds at most one requisition.
    """

    def __init__(self, keys: Iterable[str], labels: dict[str, str | None] | None = None) -> None:
        self.parent = {k: k for k in keys}
        self.label = dict(labels or {})

    def find(self, k: str) -> str:
        root = k
        while self.parent[root] != root:
            root = self.parent[root]
        while self.parent[k] != root:  # path compression
            self.parent[k], k = root, self.parent[k]
        return root

    def union(self, a: str, b: str) -> bool:
        """Join the sets of ``a`` and ``b`` unless their labels conflict; whether they are now one set."""
        ra, rb = self.find(a), self.find(b)
        if ra == rb:
            return True
        la, lb = self.label.get(ra), self.label.get(rb)
        if la and lb and la != lb:
            return False
        root, child = min(ra, rb), max(ra, rb)
        self.parent[child] = root
        self.label[root] = la or lb
        return True


def _strong(pair: tuple[_Item, _Item]) -> bool:
    a, b = pair
    return bool((a.requisition and a.requisition == b.requisition) or (a.job_id and a.job_id == b.job_id))


def _clusters(items: list[_Item], pairs: list[tuple[_Item, _Item]]) -> dict[str, str]:
    """Each key -> the smallest key of its job cluster.

    Matching is not transitive, so two guards keep one posting from chaining different jobs together:

    - A posting with a vague location (none, or only a country) matches postings of several cities without
      contradiction ('Remote - US' bridging Phoenix and Boise). Clusters are built in two steps: first from
      pairs whose two sides are both specific or both vague; then each vague cluster joins a specific cluster
      only when all its matches fall in exactly one.
    - A copy without a requisition id (an aggregator's, or an HN repost) can match two openings of one
      title and place that the employer filed under different requisitions. A cluster holds at most one
      filed requisition: pairs that share an opening id are joined first, then the others in key order, and
      a join that would bring two requisitions together is skipped (the copy stays with the first opening it
      matched, in key order).
    """
    uf = _UnionFind((i.key for i in items), {i.key: i.requisition_filed for i in items})
    mixed = []
    for a, b in sorted(pairs, key=lambda p: not _strong(p)):  # stable: key order within each group
        if a.specific == b.specific:
            uf.union(a.key, b.key)
        else:
            mixed.append((a, b) if not a.specific else (b, a))  # (vague, specific)
    targets: dict[str, set[str]] = defaultdict(set)
    for vague, specific in mixed:
        targets[uf.find(vague.key)].add(uf.find(specific.key))
    for vague_root, specific_roots in sorted(targets.items()):
        if len(specific_roots) == 1:
            uf.union(vague_root, next(iter(specific_roots)))
    return {i.key: uf.find(i.key) for i in items}


def cluster_id(root_key: str) -> str:
    """'dup-' + the first 12 hex digits of sha1(root key)."""
    return "dup-" + hashlib.sha1(root_key.encode("utf-8")).hexdigest()[:12]


def _representative_order(item: _Item) -> tuple[bool, int, str]:
    """Sort key within a cluster, best first: a posted salary, then the longest text, then the smallest key.

    Why: the posting that stands for a job in the marts should carry the most of what the marts measure. A
    posted salary is the scarcest field (a job board's copy often drops the pay an ATS page shows) and the
    only input of the salary marts; a longer text mentions at least as many skills as a truncated aggregator
    copy. The key breaks ties so the choice is deterministic.
    """
    return (not item.posted_salary, -len(item.text), item.key)


def posting_clusters(postings: pl.DataFrame, config: DedupConfig = DedupConfig()) -> pl.DataFrame:
    """One row per input posting with the job cluster it belongs to.

    Input: one row per posting with ``source``, ``board``, ``native_id``, ``company``, ``title``; optionally
    ``locations`` (list of strings, the Posting contract) or ``location`` (string), ``description_text``,
    ``url``, ``requisition_id`` and ``internal_job_id`` (strings: Greenhouse's ids, from Posting.extra) and
    ``has_posted_salary`` (Boolean: the enrichment found an employer-posted salary). Output grain: posting
    (source, board, native_id), sorted by key. Columns: the key, ``cluster_id`` (String, stable while the
    cluster's smallest key exists), ``cluster_size`` (Int64, postings in the cluster), ``cluster_urls``
    (List[String]: every distinct non-null URL of the cluster, sorted; empty without a url column),
    ``representative_rank`` (Int64, 1..cluster_size in :func:`_representative_order`) and
    ``is_representative`` (Boolean, rank 1: counting representatives counts jobs).
    """
    items = _items(postings)
    roots = _clusters(items, _matches(items, config))
    members: dict[str, list[_Item]] = defaultdict(list)
    for item in items:
        members[roots[item.key]].append(item)
    ranks = {
        item.key: rank
        for group in members.values()
        for rank, item in enumerate(sorted(group, key=_representative_order), start=1)
    }
    key_expr = pl.concat_str([pl.col(c).cast(pl.String) for c in _KEY], separator="/")
    frame = postings.select(
        *_KEY,
        key_expr.alias("_key"),
        (pl.col("url").cast(pl.String) if "url" in postings.columns else pl.lit(None, dtype=pl.String)).alias(
            "_url"
        ),
    )
    assigned = pl.DataFrame(
        {
            "_key": list(roots),
            "_root": list(roots.values()),
            "representative_rank": [ranks[k] for k in roots],
        },
        schema={"_key": pl.String, "_root": pl.String, "representative_rank": pl.Int64},
    )
    frame = frame.join(assigned, on="_key", how="left")
    urls = frame.group_by("_root").agg(
        pl.col("_url").drop_nulls().unique().sort().alias("cluster_urls"),
        pl.len().cast(pl.Int64).alias("cluster_size"),
    )
    roots_frame = pl.DataFrame(
        {"_root": sorted(members), "cluster_id": [cluster_id(r) for r in sorted(members)]},
        schema={"_root": pl.String, "cluster_id": pl.String},
    )
    return (
        frame.join(urls, on="_root", how="left")
        .join(roots_frame, on="_root", how="left")
        .with_columns((pl.col("representative_rank") == 1).alias("is_representative"))
        .sort("_key")
        .select(
            *_KEY, "cluster_id", "cluster_size", "cluster_urls", "representative_rank", "is_representative"
        )
    )


def one_per_job(postings: pl.DataFrame) -> pl.DataFrame:
    """The rows of ``postings`` with each job counted once: per ``cluster_id``, the row of lowest
    ``representative_rank`` present (``is_representative`` first when there is no rank column).

    Meant to run last, after the window (transforms.population.active_postings) and the statistic's own
    population filters: the representative may have closed before the window while a repost is still open,
    or lack the text or the salary a statistic needs while a copy has it, and the job must then count through
    that copy; when the representative is in the frame this is exactly "keep the representatives". A frame
    without ``cluster_id`` is returned unchanged; rows with a null cluster_id (not clustered yet) each count
    as their own job. Grain and columns unchanged (a row subset, in the input order).
    """
    if "cluster_id" not in postings.columns or postings.is_empty():
        return postings
    if "representative_rank" in postings.columns:
        rank = pl.col("representative_rank").fill_null(1)
    elif "is_representative" in postings.columns:
        rank = pl.when(pl.col("is_representative").fill_null(True)).then(1).otherwise(2)
    else:
        rank = pl.lit(1)
    row = "__one_per_job_row"
    job = pl.coalesce(pl.col("cluster_id"), pl.col(row).cast(pl.String))
    keep = (
        postings.with_row_index(row)
        .select(row, job.alias("_job"), rank.alias("_rank"))
        .sort("_rank", row)
        .unique(subset="_job", keep="first")
        .get_column(row)
    )
    return postings.with_row_index(row).filter(pl.col(row).is_in(keep.implode())).drop(row)
