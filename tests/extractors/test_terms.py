"""The source registry of terms: completeness for the extractors that exist, and the limit arithmetic."""

from __future__ import annotations

import importlib
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from extractors.http_client import ClientConfig, PoliteClient
from extractors.raw_store import RawStore
from extractors.registry import SourceAdapter
from extractors.replay import ReplayServer
from extractors.terms import (
    CADENCE_HOURS,
    TERMS,
    attributions,
    min_interval_s,
    schedule_violations,
    scheduled_calls,
    terms_for,
)

MODULES = (
    "remoteok", "remotive", "arbeitnow", "themuse", "usajobs", "adzuna",
    "smartrecruiters", "workable", "recruitee", "personio",
)  # fmt: skip


@pytest.mark.parametrize("module", MODULES)
def test_every_extractor_has_terms(module: str) -> None:
    source = importlib.import_module(f"extractors.{module}").SOURCE
    row = terms_for(source)
    assert row.source == source
    assert row.default_cadence in CADENCE_HOURS
    if row.link_back_required:
        assert row.attribution and row.display_name in row.attribution


def test_keyed_sources_match_modules_with_a_credentials_check() -> None:
    keyed = {s for s, row in TERMS.items() if row.requires_key}
    assert keyed == {"adzuna", "usajobs"}
    for source in keyed:
        module = importlib.import_module(f"extractors.{source}")
        assert callable(module.missing_credentials)
        assert TERMS[source].enabled_by_default is False  # nothing to run without a key


def test_remotive_limits_are_data() -> None:
    row = terms_for("remotive")
    assert (row.max_calls_per_day, row.max_calls_per_minute, row.default_cadence) == (4, 2, "6h")
    assert row.link_back_required and row.data_delay_hours == 24
    assert min_interval_s("remotive") == 30.0  # 2 per minute
    assert scheduled_calls("remotive", 1)["day"] == 4
    assert schedule_violations("remotive", 1) == []
    assert schedule_violations("remotive", 2) == ["remotive: 8 calls per day > 4"]


def test_adzuna_default_budget_fits_every_window() -> None:
    assert schedule_violations("adzuna", 2) == []
    assert schedule_violations("adzuna", 84) == ["adzuna: 2520 calls per month > 2500"]
    assert min_interval_s("adzuna") == pytest.approx(60 / 25)


def test_attributions_only_where_required() -> None:
    shown = attributions(["greenhouse", "remoteok", "remotive", "adzuna", "remoteok", "not-a-source"])
    assert list(shown) == ["adzuna", "remoteok", "remotive"]
    assert "Remote OK" in shown["remoteok"]
    with pytest.raises(KeyError, match="known:"):
        terms_for("not-a-source")


# With default arguments, the only page asked for but never recorded is Arbeitnow's page 2.
FEEDS = {"remoteok": [], "remotive": [], "arbeitnow": ["page=2"], "themuse": []}


@pytest.mark.shared
@pytest.mark.parametrize("module", FEEDS)
def test_keyless_feeds_fit_the_registry_adapter_shape(
    module: str, tmp_path: Path, replay_index: Path
) -> None:
    """fetch(client, board) -> list[Fetched]; parse(body, *, board, fetched_at, raw_sha256, company)."""
    mod = importlib.import_module(f"extractors.{module}")
    adapter = SourceAdapter(
        mod.SOURCE, getattr(mod, f"fetch_{module}"), getattr(mod, f"parse_{module}"), mod.HOSTS
    )
    config = ClientConfig(min_spacing_s=0.0, max_retries=0)
    with (
        ReplayServer(replay_index) as server,
        PoliteClient(RawStore(tmp_path), config, rewriter=server.rewriter()) as client,
    ):
        fetched = adapter.fetch(client, "")
        assert [m.query for m in server.misses] == FEEDS[module]
    postings = [
        p
        for f in fetched
        for p in adapter.parse(
            f.body, board="", fetched_at=f.record.fetched_at, raw_sha256=f.record.sha256, company=None
        )
    ]
    assert postings and {p.source for p in postings} == {mod.SOURCE}
    assert {urlsplit(f.record.url).hostname for f in fetched} == set(mod.HOSTS)
