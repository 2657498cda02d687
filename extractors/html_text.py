"""HTML fragments -> plain text.

Input: one HTML fragment as a job board publishes it (a description, a list, a pay block). Output: one
string of
plain text, entities decoded, with a newline at every block break and ``<li>`` items as ``"- item"`` lines;
empty lines are dropped and runs of spaces folded. Script/style content is dropped. The function never
raises on malformed markup.

It does NOT unescape entity-escaped HTML (Greenhouse ``content``): the caller decodes that exactly once first,
because a second decode would turn a literal ``&lt;`` in the text into markup.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

# Tags after/before which a line break belongs. Inline tags (span, b, a, em ...) join text as-is.
_BLOCK_TAGS = frozenset(
    {
        "address",
        "article",
        "aside",
        "blockquote",
        "dd",
        "details",
        "div",
        "dl",
        "dt",
        "fieldset",
        "figcaption",
        "figure",
        "footer",
        "form",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "header",
        "hr",
        "main",
        "nav",
        "ol",
        "p",
        "pre",
        "section",
        "summary",
        "table",
        "tbody",
        "thead",
        "tfoot",
        "tr",
        "ul",
        "li",
        "td",
        "th",
    }
)
_SKIP_TAGS = frozenset({"script", "style", "template", "head", "noscript"})
_SPACE_RUN = re.compile(r"[ \t\f\v\r\u00a0]+")


class _TextCollector(HTMLParser):
    """Collects text pieces and explicit break markers from an HTML stream."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skip_depth = 0
        self._bullet_pending = False  # an <li> opened and its first text has not arrived yet

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _SKIP_TAGS:
            self._skip_depth += 1
        elif tag == "br":
            self.parts.append("\n")
        elif tag == "li":
            self.parts.append("\n")
            self._bullet_pending = True
        elif tag in _BLOCK_TAGS:
            self.parts.append("\n")

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "br" or tag == "hr":
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIP_TAGS:
            self._skip_depth = max(0, self._skip_depth - 1)
        elif tag in _BLOCK_TAGS:
            self.parts.append("\n")
            if tag in {"li", "ul", "ol"}:
                self._bullet_pending = False  # an empty item gets no bullet

    def handle_data(self, data: str) -> None:
        if self._skip_depth:
            return
        if self._bullet_pending and data.strip():
            # The bullet goes in front of the item's first text, even when a <p> sits inside the <li>.
            self.parts.append("- ")
            self._bullet_pending = False
        # Source newlines inside a block are layout, not meaning: fold them to spaces.
        self.parts.append(data.replace("\r", " ").replace("\n", " "))


def html_to_text(html: str | None) -> str:
    """Plain text of an HTML fragment (see module docstring). ``None`` or ``""`` gives ``""``."""
    if not html:
        return ""
    collector = _TextCollector()
    try:
        collector.feed(html)
        collector.close()
    except Exception:  # html.parser can still trip on pathological input; keep what we have
        pass
    raw = "".join(collector.parts)
    lines = (_SPACE_RUN.sub(" ", line).strip() for line in raw.split("\n"))
    return "\n".join(line for line in lines if line)
