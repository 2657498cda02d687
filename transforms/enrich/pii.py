"""Removal of personal contact data (e-mail addresses, phone numbers) from posting text.

Postings are public, but the warehouse and exports have no need for a recruiter's address or phone number, so
the enriched description keeps ``[email]`` / ``[phone]`` in their place. Vectorised: each pattern is one
``str.replace_all`` on Polars' regex engine.

Covered forms:
- plain addresses ``jane.doe+jobs@acme.co.uk`` (also ``jane @ acme.com``, ``mailto:``);
- obfuscated ones common on Hacker News: ``jane [at] acme [dot] com``, ``jane (at) acme.com``,
  ``jane at acme dot com`` and ``jane at acme.com`` (a domain with a known top-level suffix, not followed by a
  path, so ``apply at acme.com/careers`` stays);
- phone numbers written with a leading ``+country`` code, North-American ``(415) 555-0199`` /
  ``415-555-0199`` / ``415.555.0199`` and mainland-Chinese mobiles ``138-1234-5678``.

Deliberately not touched: salaries (``$120,000 - $150,000``, ``150-200k``), years and ranges (``2020-2024``,
``3-5 years``), dates (``2024-07-01``), percentages and ``401(k)``: none has the digit grouping of a phone.
"""

from __future__ import annotations

import polars as pl

PII_VERSION = "pii-1"
EMAIL_TOKEN = "[email]"
PHONE_TOKEN = "[phone]"

_TLD = (
    r"(?:com|io|ai|org|net|co|dev|app|tech|xyz|us|uk|de|fr|eu|me|so|sh|gg|inc|health|bio|edu|gov|ca|nl|ch|"
    r"se|no|dk|fi|es|it|pl|at|be|in|jp|cn|au|nz|sg|il|br|cz|ie|pt|gr|ro|hu|ee|lt|lv|is|tv|fm|ly|to|cc|run|"
    r"cloud|works|systems|team|jobs|careers|energy|finance|money|earth|space|studio|network|world|ventures)"
)
_LOCAL = r"[A-Za-z0-9][A-Za-z0-9._%+-]*"
_LBR, _RBR = r"[\[\(\{<]", r"[\]\)\}>]"

# (pattern, replacement); `$tail` keeps the character after a match that a pattern had to consume.
_PATTERNS: tuple[tuple[str, str], ...] = (
    # plain, possibly with spaces around @ and a mailto: prefix
    (rf"(?:mailto:)?{_LOCAL}\s?@\s?[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{{2,}}", EMAIL_TOKEN),
    # bracketed: jane [at] acme [dot] com / jane (at) acme.com / jane dot doe [AT] acme dot com
    (
        rf"(?i){_LOCAL}(?:\s+dot\s+[a-z0-9-]+)*\s*{_LBR}\s*(?:at|@)\s*{_RBR}\s*\$?[a-z0-9-]+"
        rf"(?:\s*(?:{_LBR}\s*(?:dot|\.)\s*{_RBR}|\.|\s+dot\s+)\s*[a-z0-9-]+)*",
        EMAIL_TOKEN,
    ),
    # spoken: jane at acme dot com (dot written out at least once)
    (rf"(?i)(?-u:\b){_LOCAL}\s+at\s+[a-z0-9-]+(?:\s+dot\s+[a-z0-9-]+)+(?-u:\b)", EMAIL_TOKEN),
    # half-spoken: jane at acme.com -- known suffix only, and no path after it (that is a URL, not an address)
    (
        rf"(?i)(?-u:\b){_LOCAL}\s+at\s+[a-z0-9-]+(?:\.[a-z0-9-]+)*\.{_TLD}(?P<tail>[^/\w.]|\.\s|\.$|$)",
        EMAIL_TOKEN + "${tail}",
    ),
    # international: +49 30 1234 5678, +1 (415) 555-0199, +44-20-7946-0958
    (r"\+\d{1,3}(?:[\s.-]?\(?\d{1,4}\)?){2,5}\d", PHONE_TOKEN),
    # North American: (415) 555-0199, 415-555-0199, 415.555.0199
    (r"(?:\(\d{3}\)\s?|(?-u:\b)\d{3}[\s.-])\d{3}[\s.-]\d{4}(?-u:\b)", PHONE_TOKEN),
    # mainland-China mobile: 138-1234-5678, 13812345678
    (r"(?-u:\b)1[3-9]\d[\s-]?\d{4}[\s-]?\d{4}(?-u:\b)", PHONE_TOKEN),
)


def scrub_pii(text: pl.Expr) -> pl.Expr:
    """``text`` with e-mail addresses and phone numbers replaced by ``[email]`` / ``[phone]`` (nulls stay)."""
    for pattern, replacement in _PATTERNS:
        text = text.str.replace_all(pattern, replacement)
    return text


# Any of the patterns, as one regex: a text none of them matches is left as it is by every replacement.
_ANY_PATTERN = "|".join(f"(?:{pattern})" for pattern, _ in _PATTERNS)


def scrub_series(text: pl.Series) -> pl.Series:
    """:func:`scrub_pii` on a String series (same result), faster: one search finds the texts that carry
    contact data (a few percent of postings) and only those go through the replacements."""
    rows = text.str.contains(_ANY_PATTERN).fill_null(False).arg_true()
    if rows.len() == 0:
        return text
    scrubbed = pl.select(scrub_pii(pl.lit(text.gather(rows)))).to_series()
    return text.clone().scatter(rows, scrubbed)
