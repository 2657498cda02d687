"""Pay mentions phrased as the role's budget (held-out val family): the budget *for the role* is pay, other
budgets (learning, perks, equipment) are not."""

from __future__ import annotations

import pytest

from transforms.enrich.salary_text import find_mentions


def test_budget_for_the_role_is_pay_with_the_iso_code_after_the_amounts() -> None:
    text = "Note: target budget for this role is 55k to 70K EUR pa. depending on experience."  # real
    (m,) = find_mentions(text)
    assert (m.low, m.high, m.currency, m.period) == (55000.0, 70000.0, "EUR", "YEAR")


@pytest.mark.parametrize(
    "text",
    [
        "Learning budget: 2k EUR per year for courses and conferences.",
        "A monthly budget of $500 for perks and a home-office budget of €1,000.",
        "The project budget is €2M.",
    ],
)
def test_other_budgets_are_not_pay(text: str) -> None:
    assert find_mentions(text) == []
