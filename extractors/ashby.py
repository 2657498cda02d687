"""Ashby public Job Posting API (sources.md §3):
``https://api.ashbyhq.com/posting-api/job-board/{name}?includeCompensation=true`` (no pagination).

The body is ``{"apiVersion": "1", "jobs": [...]}``; each *listed* job becomes one :class:`Posting` keyed by
its
UUID ``id`` (``isListed == false`` jobs are hidden postings and are dropped).

Field rules: description from ``descriptionHtml`` (``descriptionPlain`` as fallback); ``publishedAt`` is the
posted date; ``isRemote`` gives remote (``workplaceType`` when it is absent); locations are ``location`` then
``secondaryLocations`` (objects or bare strings). Pay: ``compensation`` is per job; ``salary_structured``
keeps
the components whose ``compensationType == "Salary"`` (chosen by type, never by position) from
``summaryComponents`` and from each tier (with the tier title), plus the two summary strings. Equity, bonus
and commission components are not pay and are left out. Ashby has no company field: pass ``company``.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any
from urllib.parse import quote

from extractors._common import clean_str, iso_to_utc, load_json, require
from extractors.html_text import html_to_text
from extractors.http_client import Fetched, PoliteClient
from extractors.posting import Posting

SOURCE = "ashby"
API_BASE = "https://api.ashbyhq.com/posting-api/job-board"
_WORKPLACE = {"remote": True, "onsite": False, "hybrid": False}


def ashby_url(board: str) -> str:
    """The job-board URL for an Ashby board name, compensation included."""
    return f"{API_BASE}/{quote(board, safe='')}?includeCompensation=true"


def fetch_ashby(client: PoliteClient, board: str) -> list[Fetched]:
    """Fetch one board's full job list (one request)."""
    return [client.get(ashby_url(board), source=SOURCE, board=board)]


def parse_ashby(
    body: bytes,
    *,
    board: str,
    fetched_at: datetime,
    raw_sha256: str = "",
    company: str | None = None,
) -> list[Posting]:
    """Listed postings in an Ashby job-board body; ParseError on any other shape."""
    ctx = {"source": SOURCE, "board": board, "raw_sha256": raw_sha256}
    data = load_json(body, **ctx)
    require(
        isinstance(data, dict) and isinstance(data.get("jobs"), list),
        "expected an object with a 'jobs' list",
        **ctx,
    )
    postings = []
    for i, job in enumerate(data["jobs"]):
        require(isinstance(job, dict), f"jobs[{i}] is not an object", **ctx)
        require(clean_str(job.get("id")) is not None, f"jobs[{i}] has no id", **ctx)
        require(clean_str(job.get("title")) is not None, f"jobs[{i}] (id {job['id']}) has no title", **ctx)
        if job.get("isListed") is False:
            continue
        postings.append(
            _posting(job, board=board, fetched_at=fetched_at, raw_sha256=raw_sha256, company=company)
        )
    return postings


def _posting(
    job: dict[str, Any], *, board: str, fetched_at: datetime, raw_sha256: str, company: str | None
) -> Posting:
    locations: list[str] = []
    if primary := clean_str(job.get("location")):
        locations.append(primary)
    for extra_loc in job.get("secondaryLocations") or []:
        name = clean_str(extra_loc.get("location")) if isinstance(extra_loc, dict) else clean_str(extra_loc)
        if name and name not in locations:
            locations.append(name)
    workplace = clean_str(job.get("workplaceType"))
    if isinstance(job.get("isRemote"), bool):
        remote: bool | None = job["isRemote"]
    else:
        remote = _WORKPLACE.get(workplace.lower()) if workplace else None
    html_desc = job.get("descriptionHtml")
    description = (
        html_to_text(html_desc)
        if isinstance(html_desc, str) and html_desc.strip()
        else (
            (job.get("descriptionPlain") or "").strip()
            if isinstance(job.get("descriptionPlain"), str)
            else ""
        )
    )
    postal = (job.get("address") or {}).get("postalAddress") if isinstance(job.get("address"), dict) else None
    return Posting(
        source=SOURCE,
        board=board,
        native_id=str(job["id"]).strip(),
        url=clean_str(job.get("jobUrl")),
        title=str(job["title"]).strip(),
        company=company,
        locations=tuple(locations),
        remote=remote,
        description_text=description,
        posted_at=iso_to_utc(job.get("publishedAt")),
        fetched_at=fetched_at,
        salary_structured=_salary(job.get("compensation")),
        raw_sha256=raw_sha256,
        extra={
            "department": job.get("department"),
            "team": job.get("team"),
            "employment_type": job.get("employmentType"),
            "workplace_type": workplace,
            "postal_address": postal if isinstance(postal, dict) else None,
            "apply_url": job.get("applyUrl"),
        },
    )


def _salary_components(components: Any) -> list[dict[str, Any]]:
    return [c for c in components or [] if isinstance(c, dict) and c.get("compensationType") == "Salary"]


def _salary(compensation: Any) -> dict[str, Any] | None:
    """Salary components (by type) and summary strings; None when the job shows no salary at all."""
    if not isinstance(compensation, dict):
        return None
    out: dict[str, Any] = {}
    summary = _salary_components(compensation.get("summaryComponents"))
    if summary:
        out["salary_components"] = summary
    tiers = []
    for tier in compensation.get("compensationTiers") or []:
        if isinstance(tier, dict) and (comps := _salary_components(tier.get("components"))):
            tiers.append(
                {
                    "title": tier.get("title"),
                    "tierSummary": tier.get("tierSummary"),
                    "salary_components": comps,
                }
            )
    if tiers:
        out["tiers"] = tiers
    for key in ("compensationTierSummary", "scrapeableCompensationSalarySummary"):
        if text := clean_str(compensation.get(key)):
            out[key] = text
    return out or None
