"""schema.org ``JobPosting`` JSON-LD embedded in HTML job pages (sources.md §7).

Grain: one Posting per JobPosting node a page publishes (a page with one job plus "similar jobs" blocks keeps
only its own job, §7.5 #16). Key: source "jsonld", board = the page's host, native_id = ``identifier.value``
when given (the employer's requisition id, unique per host), else the posting URL, else a hash of page URL and
title.

``parse_jsonld`` is pure (bytes in, postings out) and tolerates every malformation of §7.5: entity-encoded
``type="application/ld&#x2B;json"`` attributes, top-level lists, ``@graph`` with ``@id`` references,
``ItemList``/``mainEntity`` wrappers, entity-escaped blocks, raw control characters, CDATA and comment
wrappers, trailing commas, comments, single quotes, bare keys and JS assignment wrappers.

``baseSalary`` in all its shapes (§7.3) becomes ``salary_structured`` =
``{min, max, currency, period, period_raw, kind, source, estimated, raw}``; ``estimatedSalary`` is kept
apart and flagged ``estimated`` (never advertised pay); a 0/0 placeholder is unknown.
``fetch_jsonld_pages`` and ``fetch_sitemap_urls`` do the I/O through the polite client and obey robots.txt.
"""

from __future__ import annotations

import hashlib
import html
import json
import re
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import replace
from datetime import UTC, date, datetime
from decimal import Decimal, InvalidOperation
from typing import Any
from urllib.parse import urlsplit

from bs4 import BeautifulSoup
from lxml import etree

from extractors.errors import FetchError
from extractors.hn_header import parse_salary_text
from extractors.html_text import html_to_text
from extractors.http_client import Fetched, PoliteClient
from extractors.posting import Posting
from extractors.robots import RobotsCache

SOURCE = "jsonld"

# --- 1. tolerant decoding of one script block ---------------------------------------------------------------

_WRAPPERS = (
    re.compile(r"^\s*(?://\s*)?<!\[CDATA\[", re.IGNORECASE),
    re.compile(r"(?://\s*)?\]\]>\s*$"),
    re.compile(r"^\s*<!--"),
    re.compile(r"-->\s*$"),
)
_ASSIGNMENT = re.compile(r"^\s*(?:(?:var|let|const)\s+)?[\w$.\[\]'\"]+\s*=\s*(?=[{\[])")
_BARE_WORD = re.compile(r"[A-Za-z_$@][\w$@-]*")


def strip_wrappers(text: str) -> str:
    """A block without CDATA/comment wrappers, a JS assignment prefix (``window.x = {…}``) and trailing
    semicolons."""
    out = text.strip()
    for pattern in _WRAPPERS:
        out = pattern.sub("", out).strip()
    out = _ASSIGNMENT.sub("", out, count=1)
    return out.rstrip().rstrip(";").strip()


def relax_json(text: str) -> str:
    """Relaxed JSON rewritten as strict JSON: ``//`` and ``/* */`` comments and trailing commas dropped,
    single-quoted strings and bare object keys double-quoted. Double-quoted strings are copied unchanged."""
    out: list[str] = []
    last = ""  # the last significant (non-space) character written, to tell keys from values
    i, n = 0, len(text)
    while i < n:
        ch = text[i]
        if ch == '"':
            j = i + 1
            while j < n and text[j] != '"':
                j += 2 if text[j] == "\\" else 1
            out.append(text[i : j + 1])
            last, i = '"', j + 1
        elif ch == "'":
            j, buf = i + 1, []
            while j < n and text[j] != "'":
                if text[j] == "\\" and j + 1 < n:
                    buf.append("'" if text[j + 1] == "'" else text[j : j + 2])
                    j += 2
                    continue
                buf.append('\\"' if text[j] == '"' else text[j])
                j += 1
            out.append('"' + "".join(buf) + '"')
            last, i = '"', j + 1
        elif text.startswith("//", i):
            end = text.find("\n", i)
            i = n if end == -1 else end
        elif text.startswith("/*", i):
            end = text.find("*/", i + 2)
            i = n if end == -1 else end + 2
        elif ch == ",":
            j = i + 1
            while j < n and (text[j].isspace() or text.startswith("//", j) or text.startswith("/*", j)):
                if text.startswith("//", j):
                    nl = text.find("\n", j)
                    j = n if nl == -1 else nl
                elif text.startswith("/*", j):
                    close = text.find("*/", j + 2)
                    j = n if close == -1 else close + 2
                else:
                    j += 1
            if j >= n or text[j] not in "}]":  # a trailing comma before } or ] is dropped
                out.append(ch)
                last = ch
            i += 1
        elif last in {"{", ","} and (word := _BARE_WORD.match(text, i)):
            rest = text[word.end() :].lstrip()
            out.append(f'"{word.group(0)}"' if rest.startswith(":") else word.group(0))
            last, i = "w", word.end()
        else:
            out.append(ch)
            if not ch.isspace():
                last = ch
            i += 1
    return "".join(out)


def _loads(text: str) -> Any | None:
    try:
        return json.loads(text, strict=False)  # strict=False: raw control characters inside strings (§7.5 #5)
    except ValueError:
        return None


def loads_ld_block(raw: str) -> Any | None:
    """The decoded value of one ld+json block, or None when no pass succeeds (strict after stripping
    wrappers; then once HTML-unescaped; then relaxed; then relaxed after unescaping)."""
    text = strip_wrappers(raw)
    if not text:
        return None
    for candidate in (text, strip_wrappers(html.unescape(text)) if "&" in text else None):
        if candidate is None:
            continue
        value = _loads(candidate)
        if value is None:
            value = _loads(relax_json(candidate))
        if value is not None:
            return value
    return None


# --- 2. finding the blocks and the JobPosting nodes ---------------------------------------------------------


def ld_json_blocks(page: bytes | str) -> list[str]:
    """Raw text of every ``<script type="application/ld+json">`` block, in page order.

    The type attribute is compared after entity decoding, case-insensitively and without parameters, so
    ``application/ld&#x2B;json`` (Built In) and ``application/ld+json; charset=utf-8`` count. Script text is
    raw (HTML parsers do not decode entities inside ``<script>``), so escaped blocks stay escaped until
    ``loads_ld_block`` decides.
    """
    soup = BeautifulSoup(page, "lxml")
    blocks = []
    for script in soup.find_all("script"):
        kind = html.unescape(str(script.get("type") or "")).split(";")[0].strip().lower()
        if kind == "application/ld+json":
            blocks.append(script.string if script.string is not None else script.get_text())
    return blocks


def _type_names(node: dict[str, Any]) -> set[str]:
    value = node.get("@type", [])
    names = value if isinstance(value, list) else [value]
    # "http://schema.org/JobPosting" and "schema:JobPosting" name the same type as "JobPosting".
    return {re.split(r"[/#:]", str(n))[-1].lower() for n in names if n}


def is_type(node: Any, name: str) -> bool:
    """Whether a JSON-LD node has @type ``name`` (case-insensitive, lists and full IRIs accepted)."""
    return isinstance(node, dict) and name.lower() in _type_names(node)


def iter_job_postings(data: Any) -> Iterator[dict[str, Any]]:
    """Every JobPosting node in a decoded block. Top-level lists, ``@graph``,
    ``ItemList.itemListElement[].item``, ``mainEntity``/``mainEntityOfPage`` and any other nesting are
    walked; JobPosting nodes themselves are not descended."""
    if isinstance(data, list):
        for item in data:
            yield from iter_job_postings(item)
    elif isinstance(data, dict):
        if is_type(data, "JobPosting"):
            yield data
            return
        for value in data.values():
            if isinstance(value, dict | list):
                yield from iter_job_postings(value)


def _id_index(data: Any, index: dict[str, dict[str, Any]] | None = None) -> dict[str, dict[str, Any]]:
    """``@id`` → node, for nodes that carry more than a bare reference."""
    index = {} if index is None else index
    if isinstance(data, list):
        for item in data:
            _id_index(item, index)
    elif isinstance(data, dict):
        if isinstance(data.get("@id"), str) and len(data) > 1:
            index.setdefault(data["@id"], data)
        for value in data.values():
            if isinstance(value, dict | list):
                _id_index(value, index)
    return index


def _resolve(value: Any, index: dict[str, dict[str, Any]]) -> Any:
    """A ``{"@id": …}`` reference replaced by the node it names in the same block (§7.5 #2)."""
    if isinstance(value, dict) and set(value) == {"@id"} and value["@id"] in index:
        return index[value["@id"]]
    if isinstance(value, list):
        return [_resolve(v, index) for v in value]
    return value


# --- 3. field mapping ---------------------------------------------------------------------------------------

_PERIODS = {
    "HOUR": "HOUR", "HOURLY": "HOUR", "PER_HOUR": "HOUR", "HR": "HOUR", "H": "HOUR",
    "DAY": "DAY", "DAILY": "DAY", "PER_DAY": "DAY",
    "WEEK": "WEEK", "WEEKLY": "WEEK", "PER_WEEK": "WEEK",
    "MONTH": "MONTH", "MONTHLY": "MONTH", "PER_MONTH": "MONTH", "MO": "MONTH",
    "YEAR": "YEAR", "YEARLY": "YEAR", "ANNUAL": "YEAR", "ANNUALLY": "YEAR", "PER_YEAR": "YEAR",
    "ANNUM": "YEAR", "PER_ANNUM": "YEAR", "YR": "YEAR",
    "P1Y": "YEAR", "P1M": "MONTH", "P1W": "WEEK", "P1D": "DAY", "PT1H": "HOUR",
}  # fmt: skip
_EMPLOYMENT = {
    "FULL_TIME": "FULL_TIME", "FULLTIME": "FULL_TIME", "FULL": "FULL_TIME", "VOLLZEIT": "FULL_TIME",
    "PERMANENT": "FULL_TIME", "PART_TIME": "PART_TIME", "PARTTIME": "PART_TIME", "TEILZEIT": "PART_TIME",
    "CONTRACTOR": "CONTRACTOR", "CONTRACT": "CONTRACTOR", "FREELANCE": "CONTRACTOR",
    "FREELANCER": "CONTRACTOR",
    "TEMPORARY": "TEMPORARY", "TEMP": "TEMPORARY", "INTERN": "INTERN", "INTERNSHIP": "INTERN",
    "VOLUNTEER": "VOLUNTEER", "PER_DIEM": "PER_DIEM", "OTHER": "OTHER",
}  # fmt: skip
_ESCAPED_TAG = re.compile(r"&(?:amp;)*lt;\s*/?\s*[a-zA-Z]")


def _text(value: Any) -> str | None:
    if isinstance(value, str):
        out = html.unescape(value).strip()
        return out or None
    if isinstance(value, int | float) and not isinstance(value, bool):
        return str(value)
    return None


def _number(value: Any) -> float | None:
    """A number from a JSON number or a string such as ``"120,000"``, ``"$120000.00"`` (§7.5 #9)."""
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, int | float):
        return float(value)
    if isinstance(value, str):
        digits = re.sub(r"[^\d.\-]", "", value.replace(",", ""))
        try:
            return float(Decimal(digits)) if digits not in {"", ".", "-"} else None
        except InvalidOperation:
            return None
    return None


def _period(raw: Any) -> str:
    key = re.sub(r"[\s-]+", "_", str(raw or "").strip().upper())
    return _PERIODS.get(key, "UNKNOWN")


def _amounts(obj: dict[str, Any], lo_keys: tuple[str, ...], hi_keys: tuple[str, ...]) -> tuple[Any, Any]:
    low = next((obj[k] for k in lo_keys if obj.get(k) is not None), None)
    high = next((obj[k] for k in hi_keys if obj.get(k) is not None), None)
    return low, high


def salary_from_ld(value: Any, fallback_currency: str | None, *, estimated: bool) -> dict[str, Any] | None:
    """``baseSalary``/``estimatedSalary`` in any §7.3 shape → ``{min, max, currency, period, period_raw, kind,
    source, estimated, raw}`` (amounts in currency units per period; never converted). None when absent.

    A 0/0 (or all-zero) amount is a template placeholder: the dict is kept with min/max None and
    ``placeholder: "zero"`` so the caller can treat it as unknown (§0.4).
    """
    if value is None or value == "" or value == {}:
        return None
    if isinstance(value, list):
        parsed = [s for s in (salary_from_ld(v, fallback_currency, estimated=estimated) for v in value) if s]
        usable = [s for s in parsed if s["min"] is not None]
        chosen = (usable or parsed or [None])[0]
        if chosen is not None:
            chosen = {**chosen, "raw": value}
        return chosen
    low = high = None
    currency = fallback_currency
    period_raw: Any = None
    if isinstance(value, dict):
        currency = _text(value.get("currency")) or _text(value.get("priceCurrency")) or currency
        period_raw = value.get("unitText") or value.get("duration")  # MonetaryAmountDistribution: "P1Y"
        inner = value.get("value")
        if isinstance(inner, dict):  # Form A / A': QuantitativeValue
            low, high = _amounts(inner, ("minValue", "value"), ("maxValue", "value"))
            period_raw = inner.get("unitText") or period_raw
        elif isinstance(inner, str) and not re.fullmatch(r"[\d.,\s$€£]+", inner):
            low, high, text_currency, text_period = parse_salary_text(inner)  # "$120-150k" (§7.5 #15)
            currency = currency or text_currency
            period_raw = period_raw or text_period
        elif inner is not None:  # Form B: a scalar value, unitText on the outer object
            low = high = inner
        else:  # MonetaryAmount min/max directly, or a PriceSpecification (Form D)
            low, high = _amounts(value, ("minValue", "minPrice", "price"), ("maxValue", "maxPrice", "price"))
    elif isinstance(value, int | float) and not isinstance(value, bool):  # Form C, number
        low = high = value
    elif isinstance(value, str):  # Form C, string
        if re.fullmatch(r"[\d.,\s]+", value.strip()):
            low = high = value
        else:
            low, high, text_currency, text_period = parse_salary_text(value)
            currency = currency or text_currency
            period_raw = text_period
    else:
        return None
    lo, hi = _number(low), _number(high)
    if lo is not None and hi is not None and lo > hi:
        lo, hi = hi, lo
    out: dict[str, Any] = {
        "min": lo,
        "max": hi,
        "currency": currency.upper() if currency else None,
        "period": _period(period_raw),
        "period_raw": period_raw,
        "kind": "base",
        "source": "predicted" if estimated else "structured",
        "estimated": estimated,
        "raw": value,
    }
    if (lo in (None, 0.0)) and (hi in (None, 0.0)) and (lo == 0.0 or hi == 0.0):
        out.update({"min": None, "max": None, "placeholder": "zero"})
    return out


def _company(node: dict[str, Any]) -> str | None:
    org = node.get("hiringOrganization")
    if isinstance(org, list):
        org = org[0] if org else None
    if isinstance(org, dict):
        return _text(org.get("name")) or _text(org.get("legalName"))
    return _text(org)  # a bare string (§7.5 #11)


def _country(value: Any) -> str | None:
    if isinstance(value, dict):
        return _text(value.get("name")) or _text(value.get("identifier"))
    return _text(value)


def _locations(node: dict[str, Any]) -> tuple[str, ...]:
    """Each ``jobLocation`` as "locality, region, country" (§7.5 #12); remote-only jobs fall back to the
    ``applicantLocationRequirements`` names."""
    places = node.get("jobLocation")
    places = places if isinstance(places, list) else [places] if places else []
    out = []
    for place in places:
        address = place.get("address") if isinstance(place, dict) else place
        if isinstance(address, list):
            address = address[0] if address else None
        if isinstance(address, dict):
            parts = [
                _text(address.get("addressLocality")),
                _text(address.get("addressRegion")),
                _country(address.get("addressCountry")),
            ]
            text = ", ".join(p for p in parts if p)
        else:
            text = _text(address) or (_text(place.get("name")) if isinstance(place, dict) else None)
        if text:
            out.append(text)
    if not out:
        reqs = node.get("applicantLocationRequirements")
        reqs = reqs if isinstance(reqs, list) else [reqs] if reqs else []
        out = [n for n in (_country(r) for r in reqs) if n]
    return tuple(dict.fromkeys(out))


def _employment(value: Any) -> tuple[list[str], list[str]]:
    """(mapped Google enum values, raw values) of ``employmentType`` (§7.5 #10: free text → OTHER)."""
    raws = value if isinstance(value, list) else re.split(r"\s*,\s*", value) if isinstance(value, str) else []
    mapped = []
    for raw in raws:
        key = re.sub(r"[\s-]+", "_", str(raw).strip().upper())
        mapped.append(_EMPLOYMENT.get(key, _EMPLOYMENT.get(key.replace("_", ""), "OTHER")))
    return list(dict.fromkeys(mapped)), [str(r) for r in raws]


def _posted(value: Any) -> datetime | None:
    """``datePosted`` as UTC: ISO date or datetime (a date is midnight UTC; a naive time is UTC); a few common
    non-ISO forms; else None."""
    text = _text(value)
    if not text:
        return None
    iso = text[:-1] + "+00:00" if text.endswith("Z") else text
    try:
        parsed = datetime.fromisoformat(iso)
    except ValueError:
        parsed = None
        for fmt in ("%B %d, %Y", "%b %d, %Y", "%d %B %Y", "%Y/%m/%d", "%Y-%m-%d %H:%M:%S %z"):
            try:
                parsed = datetime.strptime(text, fmt)
                break
            except ValueError:
                continue
        if parsed is None:
            return None
    if isinstance(parsed, date) and not isinstance(parsed, datetime):
        parsed = datetime(parsed.year, parsed.month, parsed.day)
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=UTC)
    return parsed.astimezone(UTC)


def _description(value: Any) -> str:
    """Plain text of ``description``: entity-escaped HTML is unescaped until no escaped tag is left (at most
    two passes, §7.5 #8), then converted once."""
    text = value if isinstance(value, str) else ""
    for _ in range(2):
        if _ESCAPED_TAG.search(text):
            text = html.unescape(text)
    return html_to_text(text)


def _identifier(node: dict[str, Any]) -> str | None:
    ident = node.get("identifier")
    if isinstance(ident, list):
        ident = ident[0] if ident else None
    if isinstance(ident, dict):
        return _text(ident.get("value")) or _text(ident.get("@id"))
    return _text(ident)


def _page_meta(soup: BeautifulSoup) -> tuple[str | None, str | None]:
    """(canonical URL, first ``<h1>`` text) of a page."""
    link = soup.find("link", rel=lambda v: v and "canonical" in (v if isinstance(v, list) else [v]))
    canonical = link.get("href") if link else None
    if not canonical:
        og = soup.find("meta", attrs={"property": "og:url"})
        canonical = og.get("content") if og else None
    h1 = soup.find("h1")
    return (str(canonical).strip() if canonical else None), (h1.get_text(" ", strip=True) if h1 else None)


def _pick_primary(
    found: list[tuple[int, bool, dict[str, Any]]], page_url: str | None, h1: str | None
) -> list[tuple[int, bool, dict[str, Any]]]:
    """Several top-level JobPostings on one page: keep the one whose url/@id is the page URL or whose title is
    the page ``<h1>`` (the others are "similar jobs", §7.5 #16). Lists (ItemList pages) are kept whole."""
    loose = [f for f in found if not f[1]]
    if len(loose) <= 1:
        return found

    def norm(u: Any) -> str:
        return str(u or "").split("#")[0].split("?")[0].rstrip("/").lower()

    for _block, _listed, node in loose:
        if page_url and norm(page_url) in {norm(node.get("url")), norm(node.get("@id"))}:
            return [f for f in found if f[1] or f[2] is node]
    for _block, _listed, node in loose:
        if h1 and _text(node.get("title")) and _text(node.get("title")).lower() == h1.strip().lower():
            return [f for f in found if f[1] or f[2] is node]
    return found


def _board_from(board: str, page_url: str | None) -> str:
    if board and "://" not in board:
        return board.lower()
    host = urlsplit(board if "://" in board else page_url or "").hostname
    return (host or board or "").lower()


def parse_jsonld(
    body: bytes,
    *,
    board: str,
    fetched_at: datetime,
    raw_sha256: str = "",
    company: str | None = None,
    page_url: str | None = None,
) -> list[Posting]:
    """Postings from one HTML page's JSON-LD (see the module docstring).

    ``board`` is the page host (a URL is accepted and reduced to its host); ``page_url`` defaults to the
    page's canonical link (or ``og:url``); ``company`` is the fallback when a posting names no hiring
    organisation. Blocks that no pass can decode are skipped and counted in ``extra["unparseable_blocks"]``.
    A page without JobPosting JSON-LD gives ``[]`` (not an error: many career pages carry none).
    """
    soup = BeautifulSoup(body, "lxml")
    canonical, h1 = _page_meta(soup)
    page_url = page_url or canonical or (board if "://" in board else None)
    host = _board_from(board, page_url)
    sha = raw_sha256 or hashlib.sha256(body).hexdigest()
    found: list[tuple[int, bool, dict[str, Any]]] = []
    unparseable = 0
    blocks = ld_json_blocks(body)
    for number, raw in enumerate(blocks):
        data = loads_ld_block(raw)
        if data is None:
            unparseable += 1
            continue
        index = _id_index(data)
        nodes = list(iter_job_postings(data))
        listed = len(nodes) > 1  # several jobs in one block: a listing page, keep them all
        for node in nodes:
            resolved = {k: _resolve(v, index) for k, v in node.items()}
            found.append((number, listed, resolved))
    postings = []
    for number, _listed, node in _pick_primary(found, page_url, h1):
        postings.append(_posting(node, number, host, page_url, fetched_at, sha, company, unparseable))
    return postings


def _posting(
    node: dict[str, Any],
    block: int,
    host: str,
    page_url: str | None,
    fetched_at: datetime,
    sha: str,
    company: str | None,
    unparseable: int,
) -> Posting:
    title = _text(node.get("title")) or _text(node.get("name")) or ""
    url = _text(node.get("url")) or page_url
    ident = _identifier(node)
    native_id = (
        ident
        or url
        or _text(node.get("@id"))
        or hashlib.sha256(f"{page_url}|{title}".encode()).hexdigest()[:16]
    )
    currency = _text(node.get("salaryCurrency"))
    base = salary_from_ld(node.get("baseSalary"), currency, estimated=False)
    estimated = salary_from_ld(node.get("estimatedSalary"), currency, estimated=True)
    location_type = node.get("jobLocationType")
    types = [
        str(t).strip().upper()
        for t in (location_type if isinstance(location_type, list) else [location_type])
    ]
    telecommute = "TELECOMMUTE" in types
    locations = _locations(node)
    mapped, raw_types = _employment(node.get("employmentType"))
    extra: dict[str, Any] = {
        "jsonld_block": block,
        "identifier": ident,
        "employment_type": mapped,
        "employment_type_raw": raw_types,
        "job_location_type_raw": location_type,
        "hybrid_possible": telecommute and bool(node.get("jobLocation")),
        "valid_through": _text(node.get("validThrough")),  # often synthesised (§7.2): not a real deadline
        "date_posted_raw": _text(node.get("datePosted")),
        "direct_apply": node.get("directApply"),
        "experience_requirements": node.get("experienceRequirements"),
        "education_requirements": node.get("educationRequirements"),
        "occupational_category": node.get("occupationalCategory"),
        "skills": node.get("skills"),
        "estimated_salary": estimated,
        "unparseable_blocks": unparseable,
    }
    salary = base
    if base is not None and base.get("placeholder"):
        extra["salary_placeholder"] = base  # 0/0 template output: pay unknown, raw kept for audit
        salary = None
    if salary is None and estimated is not None and not estimated.get("placeholder"):
        salary = estimated  # flagged estimated=True, source="predicted": never mixed with posted pay
    return Posting(
        source=SOURCE,
        board=host,
        native_id=str(native_id),
        url=url,
        title=title,
        company=_company(node) or company,
        locations=locations,
        remote=True if telecommute else None,  # only TELECOMMUTE says remote; absence is unknown (§7.5 #13)
        description_text=_description(node.get("description")),
        posted_at=_posted(node.get("datePosted")),
        fetched_at=fetched_at,
        salary_structured=salary,
        raw_sha256=sha,
        extra=extra,
    )


def flag_template_salaries(postings: Iterable[Posting], share: float = 0.9, min_n: int = 5) -> list[Posting]:
    """Mark ``salary_structured["suspect_template"] = True`` where one (min, max, currency) appears on at
    least ``share`` of a host's postings that carry a salary (with at least ``min_n`` of them): a generator
    default such as a hard-coded "$40,000 - $80,000" (§7.4, §7.5 #9). Returns new postings; the input is not
    changed."""
    items = list(postings)
    by_host: dict[str, Counter[tuple[Any, ...]]] = {}
    for p in items:
        s = p.salary_structured
        if s and s.get("min") is not None:
            by_host.setdefault(p.board, Counter())[(s["min"], s["max"], s["currency"])] += 1
    suspect = set()
    for host, counts in by_host.items():
        total = sum(counts.values())
        value, top = counts.most_common(1)[0]
        if total >= min_n and top / total >= share:
            suspect.add((host, value))
    out = []
    for p in items:
        s = p.salary_structured
        if s and (p.board, (s.get("min"), s.get("max"), s.get("currency"))) in suspect:
            p = replace(p, salary_structured={**s, "suspect_template": True})
        out.append(p)
    return out


# --- 4. discovery and fetching ------------------------------------------------------------------------------

_SITEMAP_NS = re.compile(r"^\{[^}]*\}")


def parse_sitemap(body: bytes) -> list[str]:
    """The ``<loc>`` URLs of a sitemap (``urlset``) or sitemap index (``sitemapindex``), in document order.

    gzip bodies are accepted; namespaces are ignored; whitespace around URLs is trimmed. Malformed XML is read
    as far as the parser can recover. Use ``sitemap_kind`` to tell an index from a page list.
    """
    root = _sitemap_root(body)
    if root is None:
        return []
    urls = []
    for element in root.iter():
        if isinstance(element.tag, str) and _SITEMAP_NS.sub("", element.tag) == "loc" and element.text:
            urls.append(html.unescape(element.text.strip()))
    return urls


def sitemap_kind(body: bytes) -> str | None:
    """``"urlset"``, ``"sitemapindex"`` or None (not a sitemap)."""
    root = _sitemap_root(body)
    name = _SITEMAP_NS.sub("", root.tag).lower() if root is not None and isinstance(root.tag, str) else None
    return name if name in {"urlset", "sitemapindex"} else None


def _sitemap_root(body: bytes) -> Any:
    if body[:2] == b"\x1f\x8b":
        import gzip

        body = gzip.decompress(body)
    parser = etree.XMLParser(recover=True, resolve_entities=False, no_network=True, huge_tree=False)
    try:
        return etree.fromstring(body, parser=parser)
    except etree.XMLSyntaxError:
        return None


def fetch_sitemap_urls(
    client: PoliteClient,
    sitemap_url: str,
    robots: RobotsCache,
    url_pattern: str | None = None,
    max_urls: int = 500,
    max_sitemaps: int = 20,
) -> list[str]:
    """Page URLs listed by a sitemap (following a sitemap index one level down), filtered by ``url_pattern``
    (a regex, e.g. ``/jobs?/``), capped at ``max_urls``. Sitemaps robots.txt disallows are not fetched."""
    host = urlsplit(sitemap_url).hostname or ""
    queue, seen, pages = [sitemap_url], set(), []
    pattern = re.compile(url_pattern) if url_pattern else None
    while queue and len(seen) < max_sitemaps and len(pages) < max_urls:
        url = queue.pop(0)
        if url in seen or not robots.allowed(url):
            continue
        seen.add(url)
        body = client.get(url, source=SOURCE, board=host).body
        if sitemap_kind(body) == "sitemapindex":
            queue.extend(parse_sitemap(body))
            continue
        pages.extend(u for u in parse_sitemap(body) if pattern is None or pattern.search(u))
    return list(dict.fromkeys(pages))[:max_urls]


def fetch_jsonld_pages(
    client: PoliteClient, urls: Iterable[str], robots: RobotsCache
) -> tuple[list[Fetched], list[str]]:
    """(fetched pages, skipped URLs). Each page is fetched only when robots.txt allows it for our user agent;
    pages that fail after the client's retries are skipped too (one bad page must not stop a host)."""
    fetched, skipped = [], []
    for url in urls:
        if not robots.allowed(url):
            skipped.append(url)
            continue
        try:
            fetched.append(client.get(url, source=SOURCE, board=urlsplit(url).hostname))
        except FetchError:
            skipped.append(url)
    return fetched, skipped


def fetch_jsonld(client: PoliteClient, board: str, *, urls: Iterable[str] = ()) -> list[Fetched]:
    """Registry fetch. With ``urls``, those job pages (``board`` is then their host, the posting key's board);
    otherwise ``board`` is a job-page URL or a sitemap URL (``….xml``/``.xml.gz``). Every fetch obeys
    robots.txt through a cache built on the same client."""
    robots = RobotsCache(client)
    if urls:
        pages = list(urls)
    elif re.search(r"\.xml(?:\.gz)?(?:\?|$)", board):
        pages = fetch_sitemap_urls(client, board, robots)
    else:
        pages = [board]
    return fetch_jsonld_pages(client, pages, robots)[0]
