"""Dated currency conversion to US dollars for salary statistics.

The rate table is `transforms/data/fx_rates.csv`, shipped with the package: one row per ISO-4217 currency with
`usd_per_unit` (US dollars for one unit of the currency), the `rate_date` the rate was published for, and the
`source` it came from. The file header says where the rates come from. Conversions keep the rate date so a
figure can be recomputed or re-dated later.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import polars as pl

RATES_PATH = Path(__file__).resolve().parent.parent / "data" / "fx_rates.csv"


@dataclass(frozen=True)
class FxRate:
    """One dated rate: one unit of `currency` is worth `usd_per_unit` US dollars on `rate_date`."""

    currency: str
    usd_per_unit: float
    rate_date: str
    source: str


class FxTable:
    """The shipped rate table, keyed by ISO-4217 code."""

    def __init__(self, rates: dict[str, FxRate]) -> None:
        self._rates = dict(rates)

    @classmethod
    def load(cls, path: Path = RATES_PATH) -> FxTable:
        """Read the CSV (lines starting with `#` are the header notes)."""
        with path.open(encoding="utf-8") as f:
            rows = csv.DictReader(line for line in f if line.strip() and not line.startswith("#"))
            rates = {
                r["currency"].strip().upper(): FxRate(
                    currency=r["currency"].strip().upper(),
                    usd_per_unit=float(r["usd_per_unit"]),
                    rate_date=r["rate_date"].strip(),
                    source=r["source"].strip(),
                )
                for r in rows
            }
        return cls(rates)

    def __contains__(self, currency: object) -> bool:
        return isinstance(currency, str) and currency.upper() in self._rates

    def currencies(self) -> list[str]:
        """The ISO codes the table can convert."""
        return sorted(self._rates)

    def rate(self, currency: str) -> FxRate | None:
        """The dated rate for `currency`, or None when the table has none."""
        return self._rates.get(currency.upper())

    def to_usd(self, amount: float, currency: str) -> float | None:
        """`amount` units of `currency` in US dollars; None for an unknown currency."""
        r = self.rate(currency)
        return None if r is None else amount * r.usd_per_unit

    def frame(self) -> pl.DataFrame:
        """The table as a frame (currency, usd_per_unit, rate_date, source) for joins."""
        return pl.DataFrame(
            {
                "currency": [r.currency for r in self._rates.values()],
                "usd_per_unit": [r.usd_per_unit for r in self._rates.values()],
                "rate_date": [r.rate_date for r in self._rates.values()],
                "source": [r.source for r in self._rates.values()],
            },
            schema={
                "currency": pl.String,
                "usd_per_unit": pl.Float64,
                "rate_date": pl.String,
                "source": pl.String,
            },
        )


@cache
def default_fx() -> FxTable:
    """The shipped table, read once per process."""
    return FxTable.load()
