"""Country, US state, remote flag: real location strings from the corpus and the title / text hints."""

from __future__ import annotations

import polars as pl
import pytest

from transforms.enrich.location import location_frame, parse_place


@pytest.mark.parametrize(
    ("text", "country", "state"),
    [
        ("Seattle, Washington, USA, United States", "US", "WA"),
        ("US, CA, Santa Clara, United States of America", "US", "CA"),
        ("New York, NY", "US", "NY"),
        ("Washington, District of Columbia", "US", "DC"),
        ("Toronto, ON, CA", "CA", None),
        ("Remote (United States)", "US", None),
        ("London, England, United Kingdom", "GB", None),
        ("Singapore, , Singapore", "SG", None),
        ("Paris, Ile-de-France", "FR", None),
        ("Maadi, Cairo", "EG", None),
        ("Riyadh, Saudi Arabia", "SA", None),
        ("Dubai, United Arab Emirates", "AE", None),
        ("Tel Aviv-Yafo, Tel Aviv District, Israel", "IL", None),
        ("Munich, Bavaria, Germany", "DE", None),
        ("USA, Canada", "US", None),
        ("Worldwide", None, None),
    ],
)
def test_parse_place(text: str, country: str | None, state: str | None) -> None:
    assert parse_place(text) == (country, state)


def test_location_frame_uses_title_and_text_hints() -> None:
    df = pl.DataFrame(
        {
            "title": [
                "OpenRent | London, UK | Full-Time | ONSITE+PART REMOTE",
                "Acme | ML Engineer | REMOTE (US only) | $150k",
                "招聘前端工程师",
                "Conseiller commercial btob - h/f",
                "Data Scientist",
            ],
            "location": [None, None, None, "La Garde, Toulon", "Austin, TX"],
            "description": [
                "",
                "",
                "【深圳】国产工业软件 招聘前端工程师 20-30k",
                "Qui sommes-nous ? Nous sommes un acteur majeur. Nous vous proposons un poste "
                "avec des missions.",
                "On-site in our Austin office.",
            ],
        }
    )
    out = location_frame(df)
    assert out.columns == ["country", "us_state", "is_us", "remote"]
    assert out["country"].to_list() == ["GB", "US", "CN", "FR", "US"]
    assert out["is_us"].to_list() == [False, True, False, False, True]
    assert out["us_state"].to_list() == [None, None, None, None, "TX"]
    assert out["remote"].to_list()[1] is True


def test_location_frame_missing_columns_and_nulls() -> None:
    out = location_frame(pl.DataFrame({"uid": ["a", "b"]}))
    assert (
        out.height == 2
        and out["country"].to_list() == [None, None]
        and out["is_us"].to_list() == [False, False]
    )


@pytest.mark.parametrize(
    ("text", "country", "state"),
    [
        ("China Lake, California", "US", "CA"),  # real USAJobs locations
        ("Vancouver, Washington", "US", "WA"),
        ("Dublin, Georgia", "US", "GA"),
        ("New London, Connecticut", "US", "CT"),
        ("Angers, Maine-et-Loire", None, None),  # real Adzuna location: not the state of Maine
        ("Maine-et-Loire, Pays de la Loire", "FR", None),
    ],
)
def test_most_general_place_wins(text: str, country: str | None, state: str | None) -> None:
    assert parse_place(text) == (country, state)
