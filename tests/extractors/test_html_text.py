"""html_to_text: block breaks, list bullets, entities, robustness on arbitrary input."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from extractors.html_text import html_to_text


def test_blocks_lists_and_entities() -> None:
    html = (
        "<div><h2>About&nbsp;us</h2><p>We ship <b>models</b> &amp; tools.</p>"
        "<ul><li>Python</li><li><p>PyTorch</p></li><li></li></ul>line<br>break</div>"
    )
    assert html_to_text(html) == "About us\nWe ship models & tools.\n- Python\n- PyTorch\nline\nbreak"


def test_inline_spans_stay_on_one_line() -> None:
    pay = (
        '<div class="pay-range"><span>$190,800</span><span class="divider">—</span>'
        "<span>$267,100 USD</span></div>"
    )
    assert html_to_text(pay) == "$190,800—$267,100 USD"


def test_script_and_style_are_dropped() -> None:
    assert html_to_text("<style>p{}</style><p>keep</p><script>alert(1)</script>") == "keep"


def test_empty_and_none() -> None:
    assert html_to_text(None) == "" and html_to_text("") == "" and html_to_text("<p> </p>") == ""


def test_bare_li_items_without_a_list_get_bullets() -> None:
    assert html_to_text("\n<li>Kubernetes</li>\n<li>AWS</li>") == "- Kubernetes\n- AWS"


@settings(max_examples=300, deadline=None)
@given(st.text())
def test_never_raises_on_any_text(text: str) -> None:
    out = html_to_text(text)
    assert isinstance(out, str)
    assert "\n\n" not in out and out == out.strip()


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.one_of(
            st.sampled_from(
                [
                    "<p>",
                    "</p>",
                    "<li>",
                    "</li>",
                    "<ul>",
                    "<br>",
                    "<div",
                    "&amp;",
                    "&#x27;",
                    "&#99999999;",
                    "<!--",
                    "<![CDATA[",
                ]
            ),
            st.text(max_size=8),
        ),
        max_size=30,
    )
)
def test_never_raises_on_tag_soup(pieces: list[str]) -> None:
    assert isinstance(html_to_text("".join(pieces)), str)
