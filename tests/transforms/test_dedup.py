"""transforms.dedup: normalisation, the pair rule and clustering on hand-built postings; the label file."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import polars as pl
import pytest

from transforms.dedup import (
    cluster_id,
    company_key,
    level_tokens,
    matched_pairs,
    place_segments,
    places_compatible,
    posting_clusters,
    title_key,
)

PAIRS = Path(__file__).resolve().parent / "fixtures_dedup" / "pairs.jsonl"

# Two long texts: one an edited copy of the other, one about different work (made up for the tests).
TEXT_A = (
    "We build route planning software for delivery fleets. You will design the optimisation service, own "
    "its APIs, profile the solver on real customer data and mentor two engineers. Python and Go, Postgres, "
    "Kubernetes on AWS. Salary 150-180k plus equity, remote within two hours of Chicago."
)
TEXT_A_EDITED = TEXT_A.replace("mentor two engineers", "mentor three engineers").replace(
    "150-180k", "160-190k"
)
TEXT_OTHER = (
    "Join the finance team to close the books every month, reconcile card settlements with the bank, "
    "prepare the audit files and improve the spreadsheets everybody depends on. Excel, NetSuite and a "
    "calm head in the last week of the quarter; hybrid in our Chicago office twice a week."
)


def post(nid: str, **over: Any) -> dict[str, Any]:
    row: dict[str, Any] = {
        "source": "test",
        "board": "b",
        "native_id": nid,
        "company": "Acme Robotics, Inc.",
        "title": "Senior Backend Engineer",
        "location": "Chicago, IL",
        "description_text": TEXT_A,
        "url": f"https://jobs.example/{nid}",
    }
    row.update(over)
    return row


def frame(rows: list[dict[str, Any]]) -> pl.DataFrame:
    return pl.DataFrame(rows, schema={k: pl.String for k in rows[0]})


# ------------------------------------------------------------------------------------------ normalisation


def test_company_key_drops_suffixes_domains_and_notes() -> None:
    assert company_key("SolutionIT, Inc.") == "solutionit"
    assert company_key("Quatt.io") == "quatt"
    assert company_key("Kombo.dev (YC S22)") == "kombo"
    assert company_key("Société Générale SA") == "societe generale"
    assert company_key(None) == "" and company_key("  ") == ""


def test_title_key_and_levels() -> None:
    assert title_key("Sr. Data Scientist (H/F)") == "senior data scientist"
    assert title_key("Développeur/Développeuse C# & .NET") == "developpeur developpeuse c# and net"
    assert level_tokens("Staff ML Engineer II") == {"staff", "ii"}
    assert level_tokens("Data Engineer 4 - Contract") == {"4"}
    # Only the head of a title counts: a body glued to an HN header does not add levels.
    glued = "Acme | Backend Engineer | Remote " + "we are a small team " * 5 + "senior folks welcome"
    assert level_tokens(glued) == frozenset()


def test_place_segments_and_compatibility() -> None:
    assert place_segments("Seattle, Washington, USA") == (("seattle", "washington"), frozenset({"us"}))
    assert place_segments("Remote US") == ((), frozenset({"us"}))
    assert places_compatible("San Francisco, CA", "San Francisco, California, United States")
    assert places_compatible("San Francisco, California, USA", "San Francisco, CA | New York City, NY")
    assert not places_compatible("West Reading, PA", "West Grove, PA")  # a shared state is not a place
    assert not places_compatible("Remote - US", "Remote - Canada")
    assert not places_compatible("LATAM - Remote", "US - Remote")
    assert places_compatible("USA", "Remote US")
    assert places_compatible(None, "Paris, Ile-de-France")
    assert places_compatible("Remote US", "Boise, ID")  # vague vs specific: possible, see clustering


# ----------------------------------------------------------------------------------------------- pairs


def test_repost_and_cross_source_copy_match() -> None:
    rows = [
        post("1"),
        post("2", description_text=TEXT_A_EDITED, source="other", company="Acme Robotics"),
        post("3", title="Sr Backend Engineer", location="Chicago, Illinois, United States"),
    ]
    assert matched_pairs(frame(rows)) == [
        ("other/b/2", "test/b/1"),
        ("other/b/2", "test/b/3"),
        ("test/b/1", "test/b/3"),
    ]


@pytest.mark.parametrize(
    "other",
    [
        {"title": "Staff Backend Engineer"},  # level differs
        {"location": "Denver, CO"},  # another city
        {"description_text": TEXT_OTHER},  # same title, different work
        {"company": "Acme Logistics"},  # another employer
        {"company": None},  # no employer: never merged
        {"requisition_id": "R-2"},  # another requisition (the first has R-1)
    ],
)
def test_different_jobs_do_not_match(other: dict[str, Any]) -> None:
    first = post("1", requisition_id="R-1" if "requisition_id" in other else None)
    second = post("2", **{"requisition_id": None, **other})
    assert matched_pairs(frame([first, second])) == []


def test_requisition_id_lets_textless_posts_match_only_with_the_same_title() -> None:
    rows = [
        post("1", description_text=None, requisition_id="R-7"),
        post("2", description_text=None, requisition_id="R-7"),
        post("3", description_text=None, requisition_id="R-7", title="Program Manager"),  # placeholder-ish id
    ]
    assert matched_pairs(frame(rows)) == [("test/b/1", "test/b/2")]


def test_contained_title_with_close_text_is_a_repost() -> None:
    rows = [
        post("1", title="Acme | Backend Engineer | Chicago", location=None),
        post("2", title="Acme | Backend Engineer | Chicago We build route planning", location=None,
             description_text=TEXT_A_EDITED),
        post("3", title="Acme | Backend Engineer | Chicago", location=None, description_text=TEXT_OTHER),
    ]  # fmt: skip
    assert matched_pairs(frame(rows)) == [("test/b/1", "test/b/2")]


# ------------------------------------------------------------------------------------------- clustering


def test_clusters_keep_every_url_and_one_representative() -> None:
    rows = [post("2"), post("1", source="other"), post("3", location="Denver, CO"), post("4", url=None)]
    out = posting_clusters(frame(rows))
    assert out.columns == ["source", "board", "native_id", "cluster_id", "cluster_size", "cluster_urls",
                           "representative_rank", "is_representative"]  # fmt: skip
    by_id = {r["native_id"]: r for r in out.iter_rows(named=True)}
    assert (
        by_id["1"]["cluster_id"]
        == by_id["2"]["cluster_id"]
        == by_id["4"]["cluster_id"]
        == cluster_id("other/b/1")
    )
    assert by_id["1"]["cluster_urls"] == ["https://jobs.example/1", "https://jobs.example/2"]
    assert by_id["2"]["cluster_size"] == 3 and by_id["3"]["cluster_size"] == 1
    assert [r["native_id"] for r in out.iter_rows(named=True) if r["is_representative"]] == ["1", "3"]


def test_a_vague_location_does_not_bridge_two_cities() -> None:
    rows = [
        post("1", location="Phoenix, AZ", description_text=None),
        post("2", location="Boise, ID", description_text=None),
        post("3", location="Remote - US", description_text=None),
        post("4", location="Phoenix, Arizona", description_text=None),
    ]
    out = posting_clusters(frame(rows))
    ids = dict(zip(out["native_id"], out["cluster_id"], strict=True))
    assert ids["1"] == ids["4"]
    assert len({ids["1"], ids["2"], ids["3"]}) == 3  # 3 matches both cities: it joins neither


def test_a_vague_location_joins_its_only_city() -> None:
    rows = [post("1", location="Phoenix, AZ"), post("2", location="United States")]
    out = posting_clusters(frame(rows))
    assert out["cluster_id"].n_unique() == 1


def test_clusters_are_deterministic_and_order_free() -> None:
    rows = [post(str(i), location=["Chicago, IL", "Denver, CO", None][i % 3]) for i in range(9)]
    a = posting_clusters(frame(rows))
    b = posting_clusters(frame(rows[::-1]))
    assert a.equals(b)


def test_locations_list_column_and_empty_input() -> None:
    rows = [post("1"), post("2")]
    with_list = frame(rows).drop("location").with_columns(pl.lit(["Chicago, IL"]).alias("locations"))
    assert posting_clusters(with_list)["cluster_size"].to_list() == [2, 2]
    empty = frame(rows).clear()
    out = posting_clusters(empty)
    assert out.height == 0 and "cluster_id" in out.columns


# ------------------------------------------------------------------------------------------- label file


def test_label_file_is_well_formed() -> None:
    pairs = [json.loads(line) for line in PAIRS.read_text(encoding="utf-8").splitlines()]
    assert len(pairs) >= 150
    assert all(set(p) == {"a", "b", "same", "stratum", "reason"} for p in pairs)
    assert len({tuple(sorted((p["a"], p["b"]))) for p in pairs}) == len(pairs)
    assert all(
        p["a"] != p["b"] and isinstance(p["same"], bool) and 0 < len(p["reason"]) <= 120 for p in pairs
    )
    same = sum(p["same"] for p in pairs)
    assert 0.3 < same / len(pairs) < 0.7  # both classes well represented


@pytest.mark.shared
def test_label_uids_exist_in_the_shared_data(shared_dir: Path) -> None:
    corpus = {
        json.loads(line)["uid"]
        for line in (shared_dir / "eval" / "corpus.jsonl").read_text(encoding="utf-8").splitlines()
    }
    greenhouse = set()
    for path in (shared_dir / "replay" / "bodies" / "greenhouse").glob("*/*.json"):
        for job in json.loads(path.read_text(encoding="utf-8"))["jobs"]:
            greenhouse.add(f"greenhouse_replay:{path.stem}:{job['id']}")
    pairs = [json.loads(line) for line in PAIRS.read_text(encoding="utf-8").splitlines()]
    missing = [u for p in pairs for u in (p["a"], p["b"]) if u not in corpus and u not in greenhouse]
    assert missing == []


# ------------------------------------------------------------------------------ sources, ids and reposts


def test_a_job_on_an_ats_and_on_an_aggregator_clusters() -> None:
    # An aggregator (Adzuna-like) copy: the company with its legal suffix, the title abbreviated, the place
    # spelled out, and only the first part of the ATS text.
    rows = [
        post("gh-1", source="greenhouse", board="acme", description_text=TEXT_A),
        post("ad-1", source="adzuna", board="us", company="ACME ROBOTICS INC", title="Sr. Backend Engineer",
             location="Chicago, Cook County, Illinois", description_text=TEXT_A[:230] + " ..."),
    ]  # fmt: skip
    out = posting_clusters(frame(rows))
    assert out["cluster_id"].n_unique() == 1
    assert out["cluster_urls"][0].to_list() == ["https://jobs.example/ad-1", "https://jobs.example/gh-1"]


def test_a_repost_with_a_new_post_id_clusters_through_the_requisition_or_the_ats_job_id() -> None:
    # Greenhouse recordings without content: ids are the only evidence beyond title and place.
    rows = [
        post("100", description_text=None, requisition_id="R-17", internal_job_id="9001"),
        post(
            "200", description_text=None, requisition_id="R-17", internal_job_id="9350"
        ),  # new job, same req
        post("300", description_text=None, requisition_id=None, internal_job_id="9001"),  # same job, no req
    ]
    assert posting_clusters(frame(rows))["cluster_id"].n_unique() == 1


def test_different_requisitions_with_the_same_title_and_place_stay_apart() -> None:
    rows = [
        post("100", description_text=None, requisition_id="R-17", internal_job_id="9001"),
        post("200", description_text=None, requisition_id="R-18", internal_job_id="9002"),
        # A placeholder against a numbered requisition: the employer filed them apart.
        post("300", description_text=None, requisition_id="EVERGREEN", internal_job_id="9003"),
    ]
    assert posting_clusters(frame(rows))["cluster_id"].n_unique() == 3


def test_a_placeholder_requisition_is_no_evidence_of_one_opening() -> None:
    titles = ["Data Analyst", "Data Engineer", "Data Scientist"]
    rows = [
        post(str(i), title=t, description_text=TEXT_A if i < 3 else TEXT_OTHER, requisition_id="3838")
        for i, t in enumerate([*titles, "Data Analyst"])
    ]
    # '3838' carries three titles at this employer, so the two 'Data Analyst' ads are compared on their
    # texts, which describe different work.
    ids = dict(zip(*posting_clusters(frame(rows))[["native_id", "cluster_id"]], strict=True))
    assert ids["0"] != ids["3"]
    # The same two ads under a real requisition id are one opening.
    real = [r | {"requisition_id": "R-5"} for r in (rows[0], rows[3])]
    assert posting_clusters(frame(real))["cluster_id"].n_unique() == 1


def test_ats_job_ids_of_different_sources_are_not_compared() -> None:
    rows = [
        post("1", source="greenhouse", description_text=TEXT_A, internal_job_id="42"),
        post("2", source="lever", description_text=TEXT_OTHER, internal_job_id="42"),
    ]
    assert posting_clusters(frame(rows))["cluster_id"].n_unique() == 2


def test_cluster_id_is_stable_when_the_cluster_grows_or_other_jobs_arrive() -> None:
    base = [post("1"), post("2")]
    first = posting_clusters(frame(base))
    grown = posting_clusters(frame([*base, post("3"), post("9", location="Denver, CO")]))
    ids = dict(zip(grown["native_id"], grown["cluster_id"], strict=True))
    assert set(first["cluster_id"]) == {ids["1"]} and ids["3"] == ids["1"] != ids["9"]


# ------------------------------------------------------------------------------------- representative


def test_representative_prefers_a_posted_salary_then_the_longest_text_then_the_smallest_key() -> None:
    rows = [
        post("1", description_text=TEXT_A, has_posted_salary=False),
        post("2", description_text=TEXT_A + " Visa sponsorship available.", has_posted_salary=False),
        post("3", description_text=TEXT_A_EDITED, has_posted_salary=True),
    ]
    schema = {k: pl.String for k in rows[0]} | {"has_posted_salary": pl.Boolean}
    out = posting_clusters(pl.DataFrame(rows, schema=schema))
    assert dict(zip(out["native_id"], out["representative_rank"], strict=True)) == {"1": 3, "2": 2, "3": 1}
    assert out.filter(pl.col("is_representative"))["native_id"].to_list() == ["3"]
    without_salary = posting_clusters(pl.DataFrame(rows, schema=schema).drop("has_posted_salary"))
    assert without_salary.filter(pl.col("is_representative"))["native_id"].to_list() == ["2"]


def test_a_copy_without_ids_does_not_chain_two_requisitions_into_one_cluster() -> None:
    rows = [
        post("1", source="greenhouse", description_text=None, requisition_id="R-1"),
        post("2", source="greenhouse", description_text=None, requisition_id="R-2"),
        # An aggregator copy without ids: it matches both openings.
        post("3", source="adzuna", description_text=None, company="Acme Robotics Ltd", requisition_id=None),
    ]
    out = posting_clusters(frame(rows))
    ids = dict(zip(out["native_id"], out["cluster_id"], strict=True))
    assert ids["1"] != ids["2"] and ids["3"] in (ids["1"], ids["2"])
    assert posting_clusters(frame(rows[::-1])).equals(out)


def test_an_hn_repost_with_an_edited_header_is_one_job() -> None:
    header = "Acme Robotics | Backend Engineer | Chicago | https://acme.example/jobs?ref=hn0724"
    edited = "Acme Robotics | Backend + Data Engineers | Chicago (hybrid) | $150-190k"
    rows = [
        post("1", source="hn", company="Acme Robotics", title=header, location=None),
        post("2", source="hn", company="Acme Robotics", title=edited, location=None,
             description_text=TEXT_A_EDITED),
        post("3", source="hn", company="Acme Robotics", title=edited, location=None,
             description_text=TEXT_OTHER),
        # ATS titles are titles: the header rule does not apply to them ('Data Engineer' is not 'Backend
        # Engineer' whatever the text), while the ATS ad whose title the HN header names matches it (rule b).
        post("4", source="greenhouse", title="Backend Engineer", location=None),
        post("5", source="greenhouse", title="Data Engineer", location=None, description_text=TEXT_A_EDITED),
    ]  # fmt: skip
    assert matched_pairs(frame(rows)) == [("greenhouse/b/4", "hn/b/1"), ("hn/b/1", "hn/b/2")]
