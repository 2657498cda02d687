"""schema.org JobPosting JSON-LD: the 10 recorded Built In pages, the recorded ATS pages, one hand-written
page per malformation of sources.md §7.5, every baseSalary shape of §7.3, sitemaps, and fetching under
robots.txt."""

from __future__ import annotations

import gzip
import json
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

import httpx
import pytest

from extractors.http_client import ClientConfig, PoliteClient
from extractors.jsonld import (
    fetch_jsonld,
    fetch_jsonld_pages,
    fetch_sitemap_urls,
    flag_template_salaries,
    ld_json_blocks,
    loads_ld_block,
    parse_jsonld,
    parse_sitemap,
    salary_from_ld,
    sitemap_kind,
)
from extractors.raw_store import RawStore
from extractors.replay import ReplayServer
from extractors.robots import RobotsCache

FIXTURES = Path(__file__).parent / "fixtures_hn_jsonld"
FETCHED = datetime(2026, 6, 16, tzinfo=UTC)


def _page(name: str, board: str = "careers.example.org"):
    return parse_jsonld((FIXTURES / name).read_bytes(), board=board, fetched_at=FETCHED)


# --- the 10 recorded Built In pages -------------------------------------------------------------------------

# (native_id = identifier.value, title, company, salary min, max) per page; None where the page has no salary.
BUILTIN = {
    "9383286": ("Senior Technical Program Manager, Growth", "Superhuman", 192000.0, 264000.0),
    "9383295": ("Staff Technical Program Manager, Coda", "Superhuman", 232000.0, 319000.0),
    "8419332": ("Technical Program Manager, Infrastructure", "Anthropic", 290000.0, 365000.0),
    "8630727": ("Sr. Staff Technical Program Manager - Reliability", "Databricks", 189800.0, 256160.0),
    "9408262": ("Senior/Staff Technical Program Manager - Autonomy Operations", "Zoox", 186000.0, 284000.0),
    "8466981": (
        "Senior Technical Program Manager - Autonomous Platform",
        "Bright Machines",
        170000.0,
        220000.0,
    ),
    "8638596": ("Technical Program Manager, Research", "Luma AI", None, None),
    "7023300": ("Senior Technical Program Manager", "EchoTwin AI", None, None),
    "5395203": (
        "Program Management - Principal / Sr. Principal Technical Program Manager (Semiconductor)",
        "Eliyan Corporation",
        None,
        None,
    ),
    "9330767": ("Staff Technical Program Manager", "Affirm", 169000.0, 240000.0),
}


def _entries(replay_index: Path, source: str) -> list[dict]:
    return [e for e in json.loads(replay_index.read_text())["entries"] if e["source"] == source]


def test_builtin_pages_yield_their_job_posting(shared_dir: Path, replay_index: Path) -> None:
    entries = _entries(replay_index, "html_jsonld")
    assert len(entries) == 10
    got = {}
    for entry in entries:
        body = (shared_dir / entry["body"]).read_bytes()
        assert b'type="application/ld&#x2B;json"' in body  # the entity-encoded attribute form
        postings = parse_jsonld(body, board=entry["board"], fetched_at=FETCHED, page_url=entry["url"])
        assert len(postings) == entry["records"] == 1
        got[postings[0].native_id] = (postings[0], entry["url"])
    assert set(got) == set(BUILTIN)
    for native_id, (title, company, low, high) in BUILTIN.items():
        posting, url = got[native_id]
        assert (posting.source, posting.board) == ("jsonld", "www.builtinsf.com")
        assert (posting.title, posting.company) == (title, company)
        assert posting.url == url
        if low is None:
            assert posting.salary_structured is None
        else:
            salary = posting.salary_structured
            assert (salary["min"], salary["max"], salary["currency"], salary["period"]) == (
                low,
                high,
                "USD",
                "YEAR",
            )
            assert salary["estimated"] is False and salary["source"] == "structured"
        assert posting.description_text and "<p>" not in posting.description_text
    assert sum(p.salary_structured is not None for p, _ in got.values()) == 7  # SOURCE.txt: 7 of 10
    assert got["9383286"][0].posted_at == datetime(2026, 6, 13, tzinfo=UTC)
    assert got["5395203"][0].posted_at == datetime(2026, 6, 14, tzinfo=UTC)
    assert got["8630727"][0].locations == ("Mountain View, California, USA", "San Francisco, California, USA")
    # TELECOMMUTE marks remote on three pages; the others say nothing (unknown, not on-site).
    assert {nid for nid, (p, _) in got.items() if p.remote} == {"8638596", "5395203", "9330767"}
    assert all(
        p.remote is None for nid, (p, _) in got.items() if nid not in {"8638596", "5395203", "9330767"}
    )
    assert got["9330767"][0].description_text.startswith("Affirm is reinventing credit")


def test_recorded_ats_pages_only_ashby_carries_jsonld(shared_dir: Path, replay_index: Path) -> None:
    found = {}
    for entry in _entries(replay_index, "html_ats"):
        body = (shared_dir / entry["body"]).read_bytes()
        for posting in parse_jsonld(body, board=entry["url"], fetched_at=FETCHED, page_url=entry["url"]):
            found[posting.native_id] = posting
    assert {(p.board, p.title, p.company) for p in found.values()} == {
        ("jobs.ashbyhq.com", "Senior Technical Program Manager, Growth", "Superhuman"),
        ("jobs.ashbyhq.com", "Staff Technical Program Manager, Coda", "Superhuman"),
        ("jobs.ashbyhq.com", "Senior Technical Program Manager", "EchoTwin AI"),
    }
    assert found["700c8d97-6ee3-4cb3-afff-b1e2fa157b1c"].posted_at == datetime(2026, 5, 4, tzinfo=UTC)


# --- one hand-written page per malformation (§7.5) ----------------------------------------------------------


def test_top_level_list() -> None:
    (posting,) = _page("top_level_list.html")
    assert (posting.title, posting.company, posting.native_id) == (
        "Machine Learning Engineer",
        "Quillfeather Labs",
        "1042",  # a numeric identifier.value becomes the string key
    )
    assert posting.locations == ("Austin, TX, US",)
    assert posting.description_text == "Train ranking models."


def test_graph_resolves_id_reference_to_organization() -> None:
    (posting,) = _page("graph_with_id_refs.html")
    assert posting.company == "Northwind Analytics"
    assert posting.native_id == "https://careers.example.org/jobs/data-scientist#job"
    assert posting.locations == ("Lyon, France",)  # address given as a plain string
    assert posting.posted_at == datetime(2026, 2, 10, 14, 30, tzinfo=UTC)  # -05:00 converted to UTC


def test_itemlist_wrapper_and_zero_placeholder_salary() -> None:
    inspector, operator = _page("itemlist_placeholder_zero.html")
    assert (inspector.title, inspector.native_id, operator.title, operator.native_id) == (
        "Quality Inspector",
        "42",
        "CNC Operator",
        "43",
    )
    assert inspector.salary_structured is None  # 0/0 is a template placeholder: unknown, not zero
    assert inspector.extra["salary_placeholder"]["placeholder"] == "zero"
    assert inspector.extra["salary_placeholder"]["raw"]["currency"] == "INR"
    assert inspector.remote is None and inspector.extra["job_location_type_raw"] == "ON_SITE"
    assert inspector.extra["valid_through"] == "2025-08-01"
    assert operator.company == "Durable Fastener Pvt Ltd"  # hiringOrganization as a bare string
    salary = operator.salary_structured
    assert (salary["min"], salary["max"], salary["currency"], salary["period"]) == (
        18000.0,
        25000.0,
        "INR",
        "MONTH",
    )


def test_entity_escaped_block_and_double_escaped_description() -> None:
    (posting,) = _page("entity_escaped_block.html")
    assert posting.title == "NLP Engineer" and posting.company == "Lumen & Rye"
    assert posting.description_text == "Build LLM evals."


def test_raw_control_characters_inside_strings() -> None:
    (posting,) = _page("control_characters.html")
    assert posting.title == "Computer Vision Engineer"
    assert posting.description_text == "Line one with a tab and a raw newline inside the string"


def test_cdata_wrapper_and_trailing_semicolon_with_scalar_salary() -> None:
    (posting,) = _page("cdata_wrapper.html")
    assert posting.title == "MLOps Engineer"
    salary = posting.salary_structured
    assert (salary["min"], salary["max"], salary["currency"], salary["period"]) == (
        65000.0,
        65000.0,
        "EUR",
        "YEAR",
    )


def test_trailing_commas_comments_and_unit_synonym() -> None:
    (posting,) = _page("trailing_commas_comments.html")
    assert posting.company == "Tamarind AI"
    salary = posting.salary_structured
    assert (salary["min"], salary["max"], salary["period"], salary["period_raw"]) == (
        150000.0,
        210000.0,
        "YEAR",
        "annual",
    )
    assert posting.extra["employment_type"] == ["FULL_TIME"]  # "Full-time" and "Vollzeit" both map
    assert posting.extra["employment_type_raw"] == ["Full-time", "Vollzeit"]


def test_js_wrapper_single_quotes_bare_keys_and_telecommute() -> None:
    (posting,) = _page("js_wrapper_single_quotes.html")
    assert (posting.title, posting.company) == ("Applied Scientist", "Kestrel Maps")
    assert posting.remote is True  # "telecommute", any case
    assert posting.locations == ("Canada", "New York")  # applicantLocationRequirements when no jobLocation
    assert posting.extra["hybrid_possible"] is False


def test_main_entity_iri_type_location_list_and_free_text_fields() -> None:
    (posting,) = _page("main_entity_iri_type.html")
    assert posting.title == "Data Engineer"
    assert posting.locations == ("Toronto, CA", "Montreal, CA")  # addressCountry as an object, and as text
    assert posting.remote is None and posting.extra["job_location_type_raw"] == "HYBRID"
    assert posting.extra["employment_type"] == ["CONTRACTOR", "PART_TIME"]
    assert posting.posted_at == datetime(2026, 6, 3, tzinfo=UTC)  # "June 3, 2026"


def test_similar_jobs_keep_the_page_own_posting() -> None:
    (posting,) = _page("similar_jobs.html")
    assert posting.title == "ML Platform Lead"
    assert posting.native_id == posting.url == "https://jobs.example.com/postings/ml-platform-lead"
    salary = posting.salary_structured
    assert (salary["min"], salary["max"], salary["currency"]) == (185000.0, 185000.0, "USD")  # "$185,000"


def test_estimated_salary_is_flagged_and_broken_block_counted() -> None:
    (posting,) = _page("estimated_only_and_broken_block.html")
    salary = posting.salary_structured
    assert salary["estimated"] is True and salary["source"] == "predicted"
    assert (salary["min"], salary["max"], salary["period"]) == (120000.0, 160000.0, "YEAR")
    assert posting.extra["unparseable_blocks"] == 1


def test_page_without_jsonld_gives_nothing() -> None:
    assert _page("no_jsonld.html") == []
    assert ld_json_blocks((FIXTURES / "no_jsonld.html").read_bytes()) == []


def test_unrecoverable_block_is_none() -> None:
    assert loads_ld_block('{"@type": "JobPosting", "title": ') is None
    assert loads_ld_block("   ") is None


# --- baseSalary shapes (§7.3) -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "fallback", "expected"),
    [
        (  # Form A
            {"@type": "MonetaryAmount", "currency": "USD",
             "value": {"@type": "QuantitativeValue", "minValue": 120000, "maxValue": 150000,
                       "unitText": "YEAR"}},
            None, (120000.0, 150000.0, "USD", "YEAR"),
        ),
        (  # Form A'
            {"@type": "MonetaryAmount", "currency": "USD",
             "value": {"@type": "QuantitativeValue", "value": 120000, "unitText": "YEAR"}},
            None, (120000.0, 120000.0, "USD", "YEAR"),
        ),
        ({"@type": "MonetaryAmount", "currency": "EUR", "value": 65000, "unitText": "YEAR"}, None,
         (65000.0, 65000.0, "EUR", "YEAR")),  # Form B
        (65000, "GBP", (65000.0, 65000.0, "GBP", "UNKNOWN")),  # Form C number, salaryCurrency fallback
        ("$120,000 - $150,000 a year", None, (120000.0, 150000.0, "USD", "YEAR")),  # Form C string
        ({"@type": "PriceSpecification", "price": 45, "priceCurrency": "USD", "unitText": "HOUR"}, None,
         (45.0, 45.0, "USD", "HOUR")),  # Form D
        ({"@type": "MonetaryAmount", "currency": "USD",
          "value": {"minValue": "120,000", "maxValue": "140,000.00", "unitText": "per_year"}}, None,
         (120000.0, 140000.0, "USD", "YEAR")),  # numbers as strings, unit synonym
        ({"@type": "MonetaryAmount", "currency": "USD", "value": "$120-150k"}, None,
         (120000.0, 150000.0, "USD", "UNKNOWN")),  # shorthand: k applies to both ends (§7.5 #15)
        ({"@type": "MonetaryAmount", "currency": "USD",
          "value": {"minValue": 50, "maxValue": 70, "unitText": "hourly"}}, None,
         (50.0, 70.0, "USD", "HOUR")),
        ({"@type": "MonetaryAmount", "currency": "usd",
          "value": {"minValue": 90000, "maxValue": 100000, "unitText": "fortnight"}}, None,
         (90000.0, 100000.0, "USD", "UNKNOWN")),  # unknown unit: UNKNOWN, raw kept
        ([{"@type": "MonetaryAmount", "currency": "USD", "value": {"minValue": 0, "maxValue": 0}},
          {"@type": "MonetaryAmount", "currency": "USD",
           "value": {"minValue": 10, "maxValue": 20, "unitText": "HOUR"}}],
         None, (10.0, 20.0, "USD", "HOUR")),  # a list: the first usable amount
    ],
)  # fmt: skip
def test_salary_shapes(value: object, fallback: str | None, expected: tuple) -> None:
    salary = salary_from_ld(value, fallback, estimated=False)
    assert salary is not None
    assert (salary["min"], salary["max"], salary["currency"], salary["period"]) == expected
    assert salary["raw"] == value and salary["kind"] == "base" and salary["estimated"] is False


def test_zero_placeholder_and_absent_salary() -> None:
    placeholder = {"currency": "INR", "value": {"minValue": 0, "maxValue": 0, "unitText": "MONTH"}}
    zero = salary_from_ld(placeholder, None, estimated=False)
    assert zero is not None and zero["placeholder"] == "zero" and zero["min"] is None and zero["max"] is None
    assert salary_from_ld(None, "USD", estimated=False) is None
    assert salary_from_ld({}, "USD", estimated=True) is None


def test_template_default_salary_is_flagged_per_host() -> None:
    page = FIXTURES / "cdata_wrapper.html"
    base = parse_jsonld(page.read_bytes(), board="tmpl.example", fetched_at=FETCHED)[0]
    template = {**base.salary_structured, "min": 40000.0, "max": 80000.0, "currency": "USD"}
    same = [replace(base, native_id=str(i), salary_structured=template) for i in range(9)]
    other = replace(base, native_id="x", salary_structured={**template, "min": 90000.0, "max": 120000.0})
    flagged = flag_template_salaries([*same, other])
    assert sum(bool(p.salary_structured.get("suspect_template")) for p in flagged) == 9
    assert "suspect_template" not in flagged[-1].salary_structured
    assert "suspect_template" not in same[0].salary_structured  # input not mutated
    assert not any(p.salary_structured.get("suspect_template") for p in flag_template_salaries(same[:3]))


# --- sitemaps -----------------------------------------------------------------------------------------------


def test_parse_sitemap_index_urlset_and_gzip() -> None:
    index = (FIXTURES / "sitemap_index.xml").read_bytes()
    jobs = (FIXTURES / "sitemap_jobs.xml").read_bytes()
    assert sitemap_kind(index) == "sitemapindex" and sitemap_kind(jobs) == "urlset"
    assert parse_sitemap(index) == [
        "https://careers.example.org/sitemap-jobs.xml",
        "https://careers.example.org/sitemap-pages.xml",
    ]
    assert parse_sitemap(gzip.compress(jobs)) == [
        "https://careers.example.org/jobs/data-scientist",
        "https://careers.example.org/jobs/ml-engineer?src=sitemap&lang=en",
        "https://careers.example.org/about",
    ]
    assert parse_sitemap(b"not xml at all") == [] and sitemap_kind(b"<html></html>") is None


# --- fetching under robots.txt ------------------------------------------------------------------------------


def _mock_client(tmp_path: Path, routes: dict[str, tuple[int, bytes]], asked: list[str]) -> PoliteClient:
    def handler(request: httpx.Request) -> httpx.Response:
        url = str(request.url)
        asked.append(url)
        status, body = routes.get(url, (404, b"not found"))
        return httpx.Response(status, content=body)

    config = ClientConfig(min_spacing_s=0.0, max_retries=0)
    return PoliteClient(RawStore(tmp_path / "raw"), config, transport=httpx.MockTransport(handler))


def test_sitemap_discovery_and_robots_are_obeyed(tmp_path: Path) -> None:
    page = (FIXTURES / "graph_with_id_refs.html").read_bytes()
    routes = {
        "https://careers.example.org/robots.txt": (200, b"User-agent: *\nDisallow: /jobs/ml-engineer\n"),
        "https://careers.example.org/sitemap.xml": (200, (FIXTURES / "sitemap_index.xml").read_bytes()),
        "https://careers.example.org/sitemap-jobs.xml": (200, (FIXTURES / "sitemap_jobs.xml").read_bytes()),
        "https://careers.example.org/sitemap-pages.xml": (200, b"<urlset></urlset>"),
        "https://careers.example.org/jobs/data-scientist": (200, page),
    }
    asked: list[str] = []
    with _mock_client(tmp_path, routes, asked) as client:
        robots = RobotsCache(client)
        urls = fetch_sitemap_urls(
            client, "https://careers.example.org/sitemap.xml", robots, url_pattern=r"/jobs/"
        )
        assert urls == [
            "https://careers.example.org/jobs/data-scientist",
            "https://careers.example.org/jobs/ml-engineer?src=sitemap&lang=en",
        ]
        fetched, skipped = fetch_jsonld_pages(client, urls, robots)
        assert skipped == ["https://careers.example.org/jobs/ml-engineer?src=sitemap&lang=en"]
        assert [f.record.url for f in fetched] == ["https://careers.example.org/jobs/data-scientist"]
        via_registry = fetch_jsonld(client, "https://careers.example.org/sitemap.xml")
    assert asked.count("https://careers.example.org/robots.txt") == 2  # once per RobotsCache, not per page
    assert "https://careers.example.org/jobs/ml-engineer?src=sitemap&lang=en" not in asked
    page_fetch = fetched[0]
    (posting,) = parse_jsonld(
        page_fetch.body,
        board="careers.example.org",
        fetched_at=page_fetch.record.fetched_at,
        raw_sha256=page_fetch.record.sha256,
    )
    assert posting.company == "Northwind Analytics" and posting.raw_sha256 == fetched[0].record.sha256
    assert [f.record.url for f in via_registry] == ["https://careers.example.org/jobs/data-scientist"]


def test_robots_missing_allows_and_unreachable_disallows(tmp_path: Path) -> None:
    routes = {
        "https://down.example/robots.txt": (503, b"busy"),
        "https://slow.example/robots.txt": (200, b"User-agent: jobpulse\nCrawl-delay: 3\nDisallow: /private"),
    }
    asked: list[str] = []
    with _mock_client(tmp_path, routes, asked) as client:
        robots = RobotsCache(client)
        assert (
            robots.allowed("https://nofile.example/jobs/1")
            and robots.status("https://nofile.example/") == "missing"
        )
        assert not robots.allowed("https://down.example/jobs/1")
        assert robots.status("https://down.example/x") == "unreachable"
        assert robots.allowed("https://slow.example/jobs/1") and not robots.allowed(
            "https://slow.example/private/a"
        )
        assert robots.crawl_delay("https://slow.example/jobs/1") == 3.0
    assert asked.count("https://slow.example/robots.txt") == 1


def test_builtin_page_through_replay_server(tmp_path: Path, replay_index: Path) -> None:
    url = "https://www.builtinsf.com/job/staff-technical-program-manager/9330767"
    config = ClientConfig(min_spacing_s=0.0, max_retries=0)
    with ReplayServer(replay_index) as server:
        with PoliteClient(RawStore(tmp_path / "raw"), config, rewriter=server.rewriter()) as client:
            fetched = fetch_jsonld(client, url)  # robots.txt was not recorded: a 404 allows (RFC 9309)
        assert [(m.host, m.path) for m in server.misses] == [("www.builtinsf.com", "/robots.txt")]
    (page,) = fetched
    (posting,) = parse_jsonld(
        page.body, board=url, fetched_at=page.record.fetched_at, raw_sha256=page.record.sha256
    )
    assert (posting.board, posting.native_id, posting.company) == ("www.builtinsf.com", "9330767", "Affirm")
    assert posting.salary_structured["min"] == 169000.0
