"""Minimum years of experience: the phrasing families (quoted from shared/eval/corpus.jsonl where marked
"real") and the years that do not count, plus hand-labelled postings and property tests."""

from __future__ import annotations

import polars as pl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from transforms.enrich.experience import experience_min_years


def years(text: str) -> int | None:
    out = experience_min_years(pl.DataFrame({"description": [text]}, schema={"description": pl.String}))
    return out[0]


@pytest.mark.parametrize(
    ("text", "want"),
    [
        ("7+ years experience in Technical Program Management", 7),  # real
        ("Years of Experience: 2 - 4 Years", 2),  # real
        ("Approximately ten (10) years of experience in information systems development", 10),  # real
        ("Minimum 3 or 4 year of relevant experience", 3),  # real
        ("at least one (1) year of specialized experience", 1),  # real
        ("~12 years of experience in corporate marketing", 12),  # real
        ("0-2 years relevant industry experience", 0),  # real
        ("someone with 1-2 years experience in production ML/LLM projects", 1),  # real
        ("with minimum 5 years ofexperience", 5),  # real, words run together
        ("Requirements3+ years of relevant software development experience", 3),  # real, lost line break
        ("a senior engineer with at least five years of full stack experience", 5),  # real
        ("(10+ YOE)", 10),  # real
        ("Experience: Sales: 1 year (Required)", 1),  # real
        ("You bring a decade of experience shipping ML systems.", 10),
        ("Mindestens 2 Jahre Erfahrung im Social Media Marketing", 2),  # real
        ("mindestens drei Jahre Berufserfahrung im Risikocontrolling", 3),  # real
        ("硕士及以上学历，3年以上搜索系统开发经验", 3),  # real
        ("本科及以上学历，计算机相关专业，5年以上后端开发经验", 5),  # real
    ],
)
def test_phrasings(text: str, want: int) -> None:
    assert years(text) == want


@pytest.mark.parametrize(
    ("text", "want"),
    [
        # alternative paths: the smallest stated number
        (
            "PhD with 3+ years, MS or MA with 6+ years, or BS or BA with 8+ years of data science experience",
            3,
        ),
        ("Bachelor's and 6+ years of relevant experience or Master's and 4+ years", 4),
        (
            "minimum of 5 years of related experience with a Bachelor's degree; or 3 years and a "
            "Master's degree; "
            "or a PhD without experience",
            3,
        ),
        ("Basic understanding of accounting fundamentals or 1 year of accounting experience", 1),
        # several requirements: the role as a whole, stated first
        ("5+ years in backend development, 3+ years with Golang", 5),
        ("10+ years of experience in software engineering, with at least 2+ years of hands-on ML", 10),
        ("Requirements: Java and/or Kotlin (7+ years), JavaScript (7+ years)", 7),
    ],
)
def test_alternatives_and_several_requirements(text: str, want: int) -> None:
    assert years(text) == want


@pytest.mark.parametrize(
    "text",
    [
        "We are willing to accept a 3 or 4 year US or foreign degree.",  # degree length
        "For over 25 years we've been evolving the industry.",  # company age
        "Seit über 13 Jahren sind wir am Markt.",  # company age, German
        "Sabbatical opportunity after five years of employment",  # benefit
        "Befristet (1 Jahr mit Option zur Verlängerung)",  # contract length
        "Must be at least 18 years of age.",  # age limit
        "US citizens who lived in the US three of the last five years",  # residency
        "Our platform is built to scale for the next 3–5 years.",  # planning horizon
        "CTO: +13 years of startup experience, previously founded a data startup",  # someone else
        "Proven experience in data center site start-ups",  # no number
        "Minimum Experience: None required",
        "Preferred Qualifications:\n- 1 year or more of related experience",  # preferred only
        "Nice to have:\n- 3+ years with Kubernetes",
        "Normalize historical data (3-5 years) to reflect the supply chain accurately.",  # data window
    ],
)
def test_years_that_do_not_count(text: str) -> None:
    assert years(text) is None


def test_required_section_after_preferred_heading() -> None:
    text = "Preferred Qualifications\n- PhD\nMinimum Qualifications:\n- 4+ years of Python experience"
    assert years(text) == 4


def test_own_labelled_postings() -> None:
    """Hand-labelled postings written for this project (not the shared dev set)."""
    cases = [
        ("About us: founded 12 years ago.\nWhat you'll need:\n- 6+ years building data pipelines", 6),
        ("Requirements\n- BS in CS and 4 years of experience, or MS and 2 years of experience", 2),
        ("You have 3–5 years of experience as a product designer.\nBonus: 2 years in fintech.", 3),
        ("Wir bieten: 30 Tage Urlaub. Dein Profil: mindestens vier Jahre Erfahrung mit SAP", 4),
        ("This is an entry-level role; no prior experience is required.", None),
    ]
    df = pl.DataFrame({"description": [c[0] for c in cases]})
    assert experience_min_years(df).to_list() == [c[1] for c in cases]


def test_output_series_shape() -> None:
    df = pl.DataFrame(
        {"description": ["5+ years of experience", None, ""]}, schema={"description": pl.String}
    )
    out = experience_min_years(df)
    assert out.name == "experience_min_years" and out.dtype == pl.Int64 and out.to_list() == [5, None, None]


@settings(max_examples=200, deadline=None)
@given(
    st.text(max_size=300)
    | st.lists(
        st.sampled_from(
            [
                "5+",
                "3-5",
                "years",
                "year",
                "of",
                "experience",
                "Jahre",
                "年以上",
                "or",
                "PhD",
                "preferred",
                "\n",
                " ",
                "at least",
                "two",
                "decade",
                "Requirements:",
                "(",
                ")",
                "+",
            ]
        ),
        max_size=30,
    ).map(" ".join)
)
def test_never_raises_and_is_plausible(text: str) -> None:
    value = years(text)
    assert value is None or 0 <= value <= 40


@pytest.mark.parametrize(
    ("text", "want"),
    [
        (
            "A bachelor's degree (computer science, engineering, preferred) 0-1 years of relevant work.",
            0,
        ),
        ("4 - 6 years of experience (previous experience in Apex is a plus).", 4),
        ("3+ years of Go (preferred)", None),
        ("What we look for: 4+ years of software engineering experience", 4),
        (
            "DRW is a diversified trading firm with over three decades of experience bringing talent",
            None,
        ),
        ("NVIDIA has continuously reinvented itself over two decades.", None),
    ],
)
def test_preferred_scope_and_organisations(text: str, want: int | None) -> None:
    assert years(text) == want


@pytest.mark.parametrize(
    ("text", "want"),
    [
        # bullets flattened into one line (real Amazon text): the first requirement
        ("- 3+ years of non-internship professional software development experience - 2+ years of "
         "non-internship design or architecture experience", 3),
        ("Career appointment requires a 1 year probationary period and three years of continuous service.",
         None),
        ("Candidates who have at least three years' experience in the HW domain will be preferred.", None),
    ],
)  # fmt: skip
def test_regressions_from_the_corpus(text: str, want: int | None) -> None:
    assert years(text) == want


# --- Generalisation families (held-out val misses): hand-written and short real snippets ---


@pytest.mark.parametrize(
    ("text", "want"),
    [
        ("10 or more years of relevant industry experience", 10),  # real
        ("3 or more years of experience developing predictive models", 3),  # real
        ("Solid experience in SMEs or group subsidiaries (>7 years)", 7),  # real
        ("Candidates need 4 and above years of experience in QA.", 4),
        ("Essential Skills and Experience: Three or more years of experience in QA testing", 3),  # real
    ],
)
def test_or_more_and_greater_than_phrasings(text: str, want: int) -> None:
    assert years(text) == want


@pytest.mark.parametrize(
    ("text", "want"),
    [
        (
            "Qualifications\n3 or more years of experience with predictive models. "
            "PhD in Statistics required.\n"
            "Or in the alternative, a Master's degree in Statistics and five (5) years of experience.",
            3,
        ),
        (
            "Education Required:\n· Bachelor's degree with 9 or more years' experience in IT\n· OR\n"
            "· Master's Degree with 7 or more years' experience in IT\n· OR\n"
            "· PhD degree with 4 or more years related work experience",
            4,
        ),
        (
            "Bachelor's degree requires at least 8 years of relevant experience\n"
            "Master's degree requires a minimum of 3 years relevant experience\n"
            "PhD degree requires a minimum of 2 years relevant experience",
            2,
        ),
    ],
)
def test_alternative_paths_on_consecutive_lines_take_the_smallest(text: str, want: int) -> None:
    assert years(text) == want


@pytest.mark.parametrize(
    ("text", "want"),
    [
        # no item speaks of experience in general: the largest must-have
        (
            "Qualifications\n* 5+ years of leading a threat research team.\n* 8+ years of hands-on research.",
            8,
        ),
        ("Qualifications\n3+ years working in Big Data\n5+ years Java and Spring Boot experience", 5),
        # the first item is the experience for the role: it stays
        ("Requirements\n- 3+ years of analytical experience\n- 2+ years' work experience using SQL", 3),
        ("- 5+ years of Python\n- 2+ years of relevant experience\n- 7+ years of Linux", 2),
    ],
)
def test_several_requirements_role_as_a_whole_else_largest(text: str, want: int) -> None:
    assert years(text) == want


def test_posts_with_several_roles_take_the_smallest_requirement() -> None:
    text = (
        "## 资深服务器开发\n### 岗位要求：\n- 本科及以上学历，5年以上游戏服务器开发经验\n"
        "## 客户端开发\n### 岗位要求：\n- 至少 2 年以上游戏开发经验\n"
        "## SRE工程师\n### 岗位要求：\n- 计算机相关专业，3年以上SRE相关经验"
    )
    assert years(text) == 2
    english = (
        "Backend Engineer\nRequirements:\n- 5+ years of backend experience\n"
        "Data Engineer\nRequirements:\n- 3+ years of data engineering experience"
    )
    assert years(english) == 3


def test_additional_years_in_lieu_of_a_degree_are_not_the_minimum() -> None:
    text = (
        "Bachelor's Degree and a minimum of 5 years' experience required. "
        "An additional 4 years of experience may be substituted in lieu of degree."
    )
    assert years(text) == 5
