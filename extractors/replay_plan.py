"""What to fetch when replaying an index with no sources file: the boards and queries the index holds.

Grain: one :class:`BoardRef` per fetch unit the recordings cover, as of the replay date. The index names its
sources after the recordings (``hn_firebase``, ``html_jsonld``, ``html_ats``); this maps them onto the
extractors and, where a recording was made with particular query parameters (Adzuna's ``what`` searches, the
SmartRecruiters ``limit``, the USAJobs page size), passes those as fetch options, so the live code path asks
for exactly what was recorded. Credentials are not part of any recorded URL (replay ignores them).
"""

from __future__ import annotations

from collections import defaultdict
from urllib.parse import parse_qsl, urlsplit

from extractors.replay import ReplayEntry
from extractors.sources_config import BoardRef

#: index source -> extractor source
SOURCE_OF_RECORDING = {"hn_firebase": "hn", "html_jsonld": "jsonld", "html_ats": "jsonld"}
#: aggregate feeds: one BoardRef with board "" however many pages were recorded
FEEDS = frozenset({"remoteok", "remotive", "arbeitnow", "themuse", "usajobs", "hn"})


def _query(entry: ReplayEntry) -> dict[str, str]:
    return dict(parse_qsl(urlsplit(entry.url).query, keep_blank_values=True))


def replay_boards(entries: list[ReplayEntry], known_sources: set[str]) -> list[BoardRef]:
    """The fetch units for ``entries`` (the index as served at the replay date), sorted by source and board.

    ``known_sources``: sources that have an extractor; recordings of other sources are left out.
    """
    by_source: dict[str, list[ReplayEntry]] = defaultdict(list)
    for e in entries:
        source = SOURCE_OF_RECORDING.get(e.source, e.source)
        if source in known_sources:
            by_source[source].append(e)

    refs: list[BoardRef] = []
    for source, group in sorted(by_source.items()):
        if source in FEEDS:
            options: dict = {}
            if source == "usajobs":
                # recorded as one small page with no filters
                sizes = {int(_query(e).get("ResultsPerPage", "0") or 0) for e in group}
                options = {"params": {}, "results_per_page": max(sizes)}
            refs.append(BoardRef(source, "", None, options))
        elif source == "jsonld":
            pages: dict[str, list[str]] = defaultdict(list)
            for e in group:
                pages[(urlsplit(e.url).hostname or "").lower()].append(e.url)
            refs.extend(
                BoardRef(source, host, None, {"urls": sorted(urls)}) for host, urls in sorted(pages.items())
            )
        elif source == "adzuna":
            for country in sorted({e.board for e in group if e.board}):
                whats = sorted({_query(e).get("what", "") for e in group if e.board == country} - {""})
                refs.append(BoardRef(source, country, None, {"queries": tuple(whats)}))
        elif source == "smartrecruiters":
            for board in sorted({e.board for e in group if e.board}):
                limits = {int(_query(e).get("limit", "0") or 0) for e in group if e.board == board}
                refs.append(BoardRef(source, board, None, {"limit": max(limits)}))
        else:
            refs.extend(BoardRef(source, board) for board in sorted({e.board for e in group if e.board}))
    return refs
