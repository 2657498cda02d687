"""The source registry of terms: what each job source allows and asks of us, as data.

Grain of :data:`TERMS`: one :class:`SourceTerms` per source name (the ``Posting.source`` value). The figures
come from sources.md §0.1 and each source's section; where a source documents nothing, the project's
politeness default applies (1 request/s per host; 2 s for undocumented, merely tolerated endpoints). Fetchers
read their limits from here, the flow reads cadence, key needs and the default on/off switch, and the
dashboard and exports show ``attribution`` (with a link to ``site_url``) for every source whose
``link_back_required`` is true.

Limits are ceilings for our own pacing, in calls to the source (one HTTP request = one call). ``None`` means
the source states no limit for that window.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

Cadence = Literal["6h", "12h", "daily", "weekly"]

#: Hours between scheduled fetches for each cadence value.
CADENCE_HOURS: dict[str, int] = {"6h": 6, "12h": 12, "daily": 24, "weekly": 168}


@dataclass(frozen=True, slots=True)
class SourceTerms:
    """The terms of one source.

    - ``link_back_required``: the terms ask every page that shows the data to link to the source's own job URL
      (kept in ``Posting.url``) and name the source; ``attribution`` is the text to show.
    - ``max_calls_per_*``: ceilings on our requests to the source in that window; ``min_spacing_s``: the least
      time between two requests to its host.
    - ``default_cadence``: how often the nightly deployment should fetch it (never more often than the limits
      allow).
    - ``requires_key``: the source needs credentials from settings (skipped with one clear line when missing).
    - ``enabled_by_default``: part of a fresh install's source list.
    - ``per_board``: the source is fetched per configured board/company (nothing runs until boards are
      listed).
    """

    source: str
    display_name: str
    site_url: str
    terms_url: str | None
    link_back_required: bool
    attribution: str | None
    default_cadence: Cadence
    requires_key: bool
    enabled_by_default: bool
    per_board: bool
    min_spacing_s: float = 1.0
    max_calls_per_minute: int | None = None
    max_calls_per_hour: int | None = None
    max_calls_per_day: int | None = None
    max_calls_per_week: int | None = None
    max_calls_per_month: int | None = None
    data_delay_hours: int = 0
    notes: str = ""

    @property
    def cadence_hours(self) -> int:
        """Hours between scheduled fetches."""
        return CADENCE_HOURS[self.default_cadence]


def _terms(*rows: SourceTerms) -> dict[str, SourceTerms]:
    return {row.source: row for row in rows}


TERMS: dict[str, SourceTerms] = _terms(
    SourceTerms(
        source="greenhouse",
        display_name="Greenhouse",
        site_url="https://www.greenhouse.io",
        terms_url="https://developers.greenhouse.io/job-board.html",
        link_back_required=False,
        attribution=None,
        default_cadence="daily",
        requires_key=False,
        enabled_by_default=True,
        per_board=True,
        notes="Public Job Board API; GET needs no auth. Whole board in one request.",
    ),
    SourceTerms(
        source="lever",
        display_name="Lever",
        site_url="https://www.lever.co",
        terms_url="https://github.com/lever/postings-api",
        link_back_required=False,
        attribution=None,
        default_cadence="daily",
        requires_key=False,
        enabled_by_default=True,
        per_board=True,
    ),
    SourceTerms(
        source="ashby",
        display_name="Ashby",
        site_url="https://www.ashbyhq.com",
        terms_url="https://developers.ashbyhq.com/docs/public-job-posting-api",
        link_back_required=False,
        attribution=None,
        default_cadence="daily",
        requires_key=False,
        enabled_by_default=True,
        per_board=True,
    ),
    SourceTerms(
        source="smartrecruiters",
        display_name="SmartRecruiters",
        site_url="https://www.smartrecruiters.com",
        terms_url="https://dev.smartrecruiters.com/customer-api/posting-api/endpoints/postings/",
        link_back_required=False,
        attribution=None,
        default_cadence="daily",
        requires_key=False,
        enabled_by_default=True,
        per_board=True,
        min_spacing_s=2.0,
        notes="Keyless access is tolerated, not promised: disable on 401/403. "
        "One detail call per AI/ML title.",
    ),
    SourceTerms(
        source="workable",
        display_name="Workable",
        site_url="https://www.workable.com",
        terms_url=None,
        link_back_required=False,
        attribution=None,
        default_cadence="daily",
        requires_key=False,
        enabled_by_default=True,
        per_board=True,
        min_spacing_s=2.0,
        notes="Undocumented careers-widget endpoint (tolerated); CDN-cached, "
        "so frequent polling gains nothing.",
    ),
    SourceTerms(
        source="recruitee",
        display_name="Recruitee",
        site_url="https://recruitee.com",
        terms_url="https://docs.recruitee.com/reference/careers-site-api",
        link_back_required=False,
        attribution=None,
        default_cadence="daily",
        requires_key=False,
        enabled_by_default=True,
        per_board=True,
    ),
    SourceTerms(
        source="personio",
        display_name="Personio",
        site_url="https://www.personio.com",
        terms_url="https://support.personio.de/hc/en-us/articles/207576365",
        link_back_required=False,
        attribution=None,
        default_cadence="daily",
        requires_key=False,
        enabled_by_default=True,
        per_board=True,
        notes="XML feed exists only where the employer enabled it.",
    ),
    SourceTerms(
        source="remoteok",
        display_name="Remote OK",
        site_url="https://remoteok.com",
        terms_url="https://remoteok.com/legal",
        link_back_required=True,
        attribution="Jobs from Remote OK (remoteok.com); each job links to its Remote OK page.",
        default_cadence="daily",
        requires_key=False,
        enabled_by_default=True,
        per_board=False,
        min_spacing_s=1.0,
        data_delay_hours=24,
        notes="Followed (not nofollow) link back to the job URL and the name 'Remote OK' required; no logo. "
        "robots.txt Crawl-delay 1. The feed is a fixed window of about 100 recent jobs.",
    ),
    SourceTerms(
        source="remotive",
        display_name="Remotive",
        site_url="https://remotive.com",
        terms_url="https://remotive.com/api-documentation",
        link_back_required=True,
        attribution="Jobs from Remotive (remotive.com); each job links to its Remotive page.",
        default_cadence="6h",
        requires_key=False,
        enabled_by_default=False,
        per_board=False,
        min_spacing_s=30.0,
        max_calls_per_minute=2,
        max_calls_per_day=4,
        data_delay_hours=24,
        notes="Max 4 calls a day; more than 2 a minute is blocked. "
        "Jobs must not be resubmitted to third-party job sites. "
        "Statistics use is not addressed: off by default until clearance.",
    ),
    SourceTerms(
        source="arbeitnow",
        display_name="Arbeitnow",
        site_url="https://www.arbeitnow.com",
        terms_url="https://www.arbeitnow.com/blog/job-board-api",
        link_back_required=True,
        attribution="Jobs from Arbeitnow (arbeitnow.com); each job links to its Arbeitnow page.",
        default_cadence="daily",
        requires_key=False,
        enabled_by_default=True,
        per_board=False,
        notes="'Please do not abuse'; a link back is requested. x-ratelimit-limit 50 with no stated window.",
    ),
    SourceTerms(
        source="himalayas",
        display_name="Himalayas",
        site_url="https://himalayas.app",
        terms_url="https://himalayas.app/api",
        link_back_required=True,
        attribution="Jobs from Himalayas (himalayas.app); each job links to its Himalayas page.",
        default_cadence="daily",
        requires_key=False,
        enabled_by_default=False,
        per_board=False,
        max_calls_per_minute=20,
        max_calls_per_hour=400,
        notes="Limits are a third party's self-imposed ones (the source states none). No extractor yet.",
    ),
    SourceTerms(
        source="themuse",
        display_name="The Muse",
        site_url="https://www.themuse.com",
        terms_url="https://www.themuse.com/developers/api/v2",
        link_back_required=False,
        attribution="Jobs from The Muse (themuse.com).",
        default_cadence="daily",
        requires_key=False,
        enabled_by_default=True,
        per_board=False,
        max_calls_per_hour=500,
        notes="500 requests/h without a key (3600/h with one); a hit limit answers 403. Full terms unread.",
    ),
    SourceTerms(
        source="usajobs",
        display_name="USAJOBS",
        site_url="https://www.usajobs.gov",
        terms_url="https://developer.usajobs.gov",
        link_back_required=False,
        attribution="Federal jobs from USAJOBS (usajobs.gov).",
        default_cadence="daily",
        requires_key=True,
        enabled_by_default=False,
        per_board=False,
        notes="Authorization-Key header plus the registered e-mail as User-Agent. 10 000 rows per query.",
    ),
    SourceTerms(
        source="adzuna",
        display_name="Adzuna",
        site_url="https://www.adzuna.com",
        terms_url="https://developer.adzuna.com/docs/terms_of_service",
        link_back_required=True,
        attribution="Jobs by Adzuna (adzuna.com); each job links to its Adzuna page.",
        default_cadence="daily",
        requires_key=True,
        enabled_by_default=False,
        per_board=False,
        max_calls_per_minute=25,
        max_calls_per_day=250,
        max_calls_per_week=1000,
        max_calls_per_month=2500,
        notes="Default access limits per the ToS as cited by third parties. Salaries with "
        "salary_is_predicted='1' are Adzuna estimates.",
    ),
    SourceTerms(
        source="hn",
        display_name="Hacker News",
        site_url="https://news.ycombinator.com",
        terms_url="https://github.com/HackerNews/API",
        link_back_required=False,
        attribution="Posts from Hacker News 'Who is hiring?' threads.",
        default_cadence="daily",
        requires_key=False,
        enabled_by_default=False,
        per_board=False,
        max_calls_per_hour=10000,
        notes="Algolia search allows 10 000 requests/h per IP; Firebase states no limit.",
    ),
)


def terms_for(source: str) -> SourceTerms:
    """The terms of one source; a KeyError names the known sources when it is missing."""
    try:
        return TERMS[source]
    except KeyError:
        raise KeyError(f"no terms for source {source!r}; known: {', '.join(sorted(TERMS))}") from None


def attributions(sources: Iterable[str]) -> dict[str, str]:
    """``source -> attribution text`` for those of ``sources`` whose terms require attribution, by name."""
    out: dict[str, str] = {}
    for source in sorted(set(sources)):
        row = TERMS.get(source)
        if row is not None and row.link_back_required and row.attribution:
            out[source] = row.attribution
    return out


def min_interval_s(source: str) -> float:
    """Least seconds between two requests to this source implied by its spacing and per-minute ceiling."""
    row = terms_for(source)
    per_minute = 60.0 / row.max_calls_per_minute if row.max_calls_per_minute else 0.0
    return max(row.min_spacing_s, per_minute)


def scheduled_calls(source: str, calls_per_run: int) -> dict[str, float]:
    """Calls the default cadence makes per day, week and month (30 days) at ``calls_per_run`` each run."""
    per_day = calls_per_run * 24 / terms_for(source).cadence_hours
    return {"day": per_day, "week": per_day * 7, "month": per_day * 30}


def schedule_violations(source: str, calls_per_run: int) -> list[str]:
    """Which daily/weekly/monthly ceilings the default cadence would break at ``calls_per_run`` (empty: none).

    Per-minute and per-hour ceilings are pacing, not scheduling: the client's spacing (:func:`min_interval_s`)
    keeps those.
    """
    row = terms_for(source)
    planned = scheduled_calls(source, calls_per_run)
    ceilings = {
        "day": row.max_calls_per_day,
        "week": row.max_calls_per_week,
        "month": row.max_calls_per_month,
    }
    return [
        f"{source}: {planned[window]:g} calls per {window} > {limit}"
        for window, limit in ceilings.items()
        if limit is not None and planned[window] > limit
    ]
