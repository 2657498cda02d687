"""Pay figures found in free text: one `Mention` per stated amount or range.

Input is a short snippet (a salary field, a title line, or the lines of a description that carry money),
output is the list of pay mentions in text order, with money that is not pay (funding, revenue, equity,
sign-on and other bonuses, stipends, perks, 401(k), product prices, headcounts) already dropped.

Amounts are as stated (`150-200k` -> 150000..200000, `1.357,28` -> 1357.28, `12-18 LPA` ->
1200000..1800000). The currency is the one written (an ISO code beats a symbol) or None when only a bare `$`
or nothing was written, so the caller can apply the location rule. The period is the one written (English,
German, French, Chinese words) or None.

The regular expressions here run on a few candidate snippets per posting only: the caller pre-selects the
lines with Polars' native string engine.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

# --- tokens ---

# A number: thousands groups (`120,000`, `90.000`, `101, 125` with a stray space, `70 000` with a no-break
# space) with an optional decimal part, or plain digits with an optional decimal part.
_NUM = (
    # Indian lakh grouping: `12,00,000`
    r"\d{1,2}(?:,\d{2})+,\d{3}(?:\.\d{1,2})?"
    # French/Swiss plain-space thousands, only right before a currency: `35 000 €`, `120 000 CHF`
    r"|\d{1,3}(?: \d{3})+(?=\s?(?:€|£|\$|(?i:eur|euros?|chf|pln|zł|sek|nok|dkk|k€)(?![a-zA-Z])))"
    r"|\d{1,3}(?:(?:,\s?|\.|[\u00a0\u202f'’])\d{3})+(?:[.,]\d{1,4})?|\d+(?:[.,]\d{1,4})?"
)
# A number must not be glued to other digits, a percent sign, or a decimal continuation.
_NUM_END = r"(?![\d]|[.,]\d|\s?%)"

# ISO-4217 codes recognised when written next to an amount. Wider than the FX table on purpose: a salary in a
# currency without a shipped rate keeps its currency (and gets no USD figure) instead of passing for dollars
# (Greenhouse boards publish Colombian-peso ranges as `COP 254600000-381800000`).
ISO_CODES: tuple[str, ...] = (
    "USD", "EUR", "GBP", "CAD", "AUD", "NZD", "SGD", "INR", "CHF", "SEK", "NOK", "DKK", "PLN", "JPY", "CNY",
    "RMB", "EGP", "SAR", "AED", "QAR", "BRL", "MXN", "ILS", "ZAR", "HKD", "KRW", "CZK", "HUF", "RON", "BGN",
    "TRY", "IDR", "MYR", "PHP", "THB", "ISK", "COP", "CLP", "ARS", "PEN", "UYU", "UAH", "NGN", "KES", "PKR",
    "BDT", "VND", "TWD", "LKR", "MAD", "GHS", "KWD", "BHD", "OMR", "JOD", "RSD", "GEL", "KZT", "CRC",
)  # fmt: skip
_CODES_RE = "|".join(c.lower() for c in ISO_CODES)

# Currency written before the number. Longest first; `$`-family symbols carry their country.
_PREFIX = (
    r"US\$|USD\s?\$|\$\s?USD|CA\$|C\$|CAD\s?\$|AU\$|A\$|AUD\s?\$|NZ\$|S\$|SGD\s?\$|HK\$|R\$|MX\$|E£|£|€|¥|₹|₩|₪|\$"
    r"|L\.E\.?|LE(?=\s?\d)|Rs\.?|SR(?=\s?\d)"
    rf"|(?i:{_CODES_RE})"
    r"(?![a-zA-Z])"
)
# Currency written after the number.
_SUFFIX = (
    rf"(?i:{_CODES_RE})"
    r"(?![a-zA-Z])"
    r"|美元|人民币|欧元|英镑|日元|港币|€|£|元|円|zł|L\.E\.?"
    r"|(?i:euros?|dollars?|pounds?|swiss francs?|francs?|dirhams?|riyals?|rupees)(?![a-zA-Z])"
)
# Multiplier written after the number.
_MULT = r"[kK](?![a-zA-Z])|(?i:thousand|tausend)(?![a-zA-Z])|万|千|(?i:lpa|lakhs?|lacs?)(?![a-zA-Z])"
_SEP = r"-|–|—|−|~|～|至|到|(?i:to|bis|à|a|and|und|et|y|til|until)(?![a-zA-Z])"
# A period word may sit between the two ends of a range: `USD$183,000 per year - USD$203,000 per year`.
_INNER_PERIOD = r"(?:\s?(?:per\s(?:year|annum|hour|month)|annually|/\s?(?:year|yr|hour|hr|month|mo)\b))?"


def _end(i: int) -> str:
    """One end of a range: optional currency, the number, optional multiplier, `+`, optional currency."""
    return (
        rf"(?P<c{i}>{_PREFIX})?\s?(?P<n{i}>{_NUM}){_NUM_END}(?:\s?(?P<m{i}>{_MULT}))?(?P<p{i}>\+)?"
        rf"(?:\s?(?P<s{i}>{_SUFFIX}))?"
    )


MONEY_RE = re.compile(
    # ASCII look-behind: CJK text glues figures to words (`薪酬范围40k-80k`), and CJK letters count as \w.
    r"(?<![A-Za-z0-9_.,])" + _end(1) + _INNER_PERIOD + rf"(?:\s*(?P<sep>{_SEP})\s*" + _end(2) + r")?"
)

# --- context words ---

PERIOD_WORDS: list[tuple[str, str]] = [
    ("HOUR", r"per[\s-]?hour|per[\s-]?hr|/\s?h(?:ou)?r\b|/\s?h\b|an\s+hour|hourly|p/h|Stundenlohn"
     r"|pro\s+Stunde|die\s+Stunde|/\s?Std|Std\.|de l'heure|par heure|/heure|时薪|/\s?小时|每小时|元/时"),
    ("DAY", r"per[\s-]?day|/\s?day\b|a\s+day\b|daily|day\s?rate|pro\s+Tag|/\s?Tag\b|par jour|/jour"
     r"|per\s+night|a\s+night|par nuit|/\s?nuit|pro\s+Nacht"
     r"|日薪|/\s?天|每天"),
    ("WEEK", r"per[\s-]?week|/\s?wk\b|/\s?week\b|a\s+week\b|weekly|pro\s+Woche|/\s?Woche|par semaine"
     r"|周薪|/\s?周"),
    ("MONTH", r"per[\s-]?month|/\s?mo(?:nth)?\b|/\s?mth\b|a\s+month|monthly|p\.\s?m\.|\bmtl\b|monatlich"
     r"|pro\s+Monat|im\s+Monat|/\s?Monat|brutto\s+monatlich|par mois|/\s?mois|mensuel|mensal|/\s?mês"
     r"|al mes|月薪|/\s?月|每月"),
    ("YEAR", r"per[\s-]?year|per[\s-]?annum|per[\s-]?anum|/\s?y(?:ea)?r\b|/\s?annum|a\s+year|yearly"
     r"|annually|annual|annum|annualized|\bp\.?\s?a\.?(?![a-z])|jährlich|pro\s+Jahr|/\s?Jahr|im\s+Jahr"
     r"|par an\b|annuel|年薪|/\s?年|\bLPA\b"),
]  # fmt: skip
# One pattern, a named group per period: the left-most match wins, ties go to the shorter period.
_PERIOD_ANY = re.compile("|".join(f"(?P<{p}>{rx})" for p, rx in PERIOD_WORDS), re.IGNORECASE)
# A lone CJK month/year character right next to the amount (`月 20k-40k`, `年 20-70 万`).
_CJK_BEFORE = re.compile(r"([月年])\s?[薪:：]?\s?$")

# Working-hour phrases are not the pay period: `40 hours per week`, `Hours per week: 37.5`, `28–40 Stunden`.
WORK_HOURS_RE = re.compile(
    r"\d+(?:[.,]\d+)?\s*(?:(?:-|–|to|bis)\s*\d+(?:[.,]\d+)?\s*)?"
    r"(?:hours?|hrs?|h|Stunden|Std\.?|horas)\s*(?:(?:per|a|an|/|each|every|pro|in\s+der|a la|por)\s*)?"
    r"(?:week|wk|day|month|Woche|Tag|Monat|semana|semanais|mes)?"
    r"|(?:hours|hrs)\s+(?:per|a|/)\s*(?:week|wk|day|month)\s*:?\s*\d*(?:[.,]\d+)?"
    # schedules: `2x/week`, `5 days/week`, `2 jours par semaine`
    r"|\d+\s*(?:x|days?|times|jours?|tage?)\s*(?:/|per|a|par|pro|in\s+der)\s*(?:week|wk|semaine|woche|month)",
    re.IGNORECASE,
)

PAY_CUE_RE = re.compile(
    r"salar(?:y|ies|io)|\bpay\b|paid|compensation|\bcomp\b|wage|\brate\b|earn|\bote\b|on-target|\bbase\b|income"
    r"|stipend|remunerat|rémunération|salaire|gehalt|vergütung|verguetung|lohn|bezahlung"
    r"|bolsa|薪|工资|待遇|报酬|\bcash\b|\btc\b|package|\brange\b"
    r"|budget for (?:this|the) (?:role|position|hire|candidate)|salary budget|(?:role|position)(?:'s)? budget"
)  # matched on lower-cased text (IGNORECASE is several times slower)
# Pay words that may follow an amount (`£55k salary`, `150k-210k cash`).
AFTER_PAY_RE = re.compile(
    r"salary|base|wage|\bOTE\b|\bcash\b|compensation|\bTC\b|Gehalt|Lohn|brutto|gross", re.I
)
# Words that make a nearby amount something other than the hire's pay.
NOT_PAY_RE = re.compile(
    r"fund(?:ing|ed|raise|s)?\b|raised?\b|raising|series\s+[a-f]\b|seed|valuation|revenue|\barr\b|\bmrr\b"
    r"|\bgmv\b|turnover|profit|bookings|\bsales\b|\bsale\b|per\s+sale|assets|\baum\b|donat|invest|loan|market"
    r"|customers?|clients?|users?|downloads|commits|lines of code|pitch|stars|followers|transactions"
    r"|requests|events|tokens|merchants|patients|students|businesses|companies|homeowners"
    r"|equity|stock|options?\b|\brsus?\b|shares|sign[- ]?on|signing|joining bonus|referral|bonus|incentives?"
    r"|relocation|stipend|allowance|budget(?! for (?:this|the) (?:role|position|hire|candidate))"
    r"|reimburs|401\s?\(?k|403\s?\(?b|pension|retirement|tuition|perks?"
    r"|wellness|groceries|food|meals?|lunch|gym|equipment|internet|phone|coworking|commut|learning|conference"
    r"|insurance|premium|commission|price|prices|cost|costs|fee|fees|save|saving|spend|worth|prize|grant"
    r"|base\s+fare|\brent\b|bedroom|apartment|housing|mortgage|cost of living|subscription|bénéfices"
    r"|\bprime\b|(?:per|par|each|chaque) (?:new |nouveau )?"
    r"(?:user|customer|referral|lead|signup|members?|membres?)"
    r"|\bi (?:make|made|earn|earned|got paid)\b|\bmy (?:salary|pay|comp)"  # the writer's own pay
    r"|基金|融资|估值|营收|补贴|报销|房租|餐补|补助|津贴|房补|\bearned\b"
    r"|\btop \d+%[^.$\n]{0,40}|average earnings|earnings for",  # what other people earned
)  # matched on lower-cased text
_BIG_AFTER_RE = re.compile(
    r"\s?\+?\s?(?:million|billion|trillion|mn|bn|mil|mio|mrd|mm|[mb])(?![a-z])", re.IGNORECASE
)
_KIND_OTE_RE = re.compile(r"\bOTE\b|on[- ]target|target earnings", re.IGNORECASE)
_KIND_TOTAL_RE = re.compile(
    r"total\s+(?:cash\s+)?comp|total\s+(?:target\s+)?cash|total\s+package|\bTTC\b|\bTC\b", re.I
)
_KIND_BASE_RE = re.compile(r"\bbase\b|baseSalary|Grundgehalt", re.IGNORECASE)
_DIGIT_RE = re.compile(r"\d")
_ITEM_SPLIT = re.compile(r"[|•;]|\.\s")
_LIST_SEP_RE = re.compile(r"[+&,;|•\n]|\.\s|\band\b|\bplus\b|\bund\b", re.IGNORECASE)
_RETIREMENT_RE = re.compile(r"40[13]\s?\(?[kKbB]\)?")
_CLAUSE_STOP_RE = re.compile(r"[+&,;()\n•|]|\bplus\b|\band\b|\bwith\b|\bw/|\bor\b", re.IGNORECASE)

CURRENCY_OF_PREFIX: dict[str, str | None] = {
    "$": None, "us$": "USD", "c$": "CAD", "ca$": "CAD", "a$": "AUD", "au$": "AUD", "nz$": "NZD", "s$": "SGD",
    "hk$": "HKD", "r$": "BRL", "mx$": "MXN", "£": "GBP", "€": "EUR", "¥": "CNY", "₹": "INR", "₩": "KRW",
    "₪": "ILS", "e£": "EGP", "l.e.": "EGP", "l.e": "EGP", "le": "EGP", "rs.": "INR", "rs": "INR", "sr": "SAR",
    "rmb": "CNY", "元": "CNY", "円": "JPY", "zł": "PLN", "euro": "EUR", "euros": "EUR", "dollar": None,
    "dollars": None, "pound": "GBP", "pounds": "GBP", "swiss franc": "CHF", "swiss francs": "CHF",
    "franc": "CHF", "francs": "CHF", "dirham": "AED", "dirhams": "AED", "riyal": "SAR", "riyals": "SAR",
    "rupees": "INR", "美元": "USD", "人民币": "CNY", "欧元": "EUR", "英镑": "GBP", "日元": "JPY",
    "港币": "HKD",
}  # fmt: skip
MULTIPLIER: dict[str, float] = {"k": 1e3, "thousand": 1e3, "tausend": 1e3, "千": 1e3, "万": 1e4, "lpa": 1e5,
                                "lakh": 1e5, "lakhs": 1e5, "lac": 1e5, "lacs": 1e5}  # fmt: skip


@dataclass(frozen=True)
class Mention:
    """One stated pay amount or range, as written.

    `currency` is an ISO code when the text names one (or a symbol that belongs to one currency), else None;
    `dollar` tells that a bare `$` (or "dollars") was written. `period` is None unless a period word is near.
    """

    low: float
    high: float
    currency: str | None
    dollar: bool
    period: str | None
    kind: str
    has_k: bool
    start: int
    end: int
    snippet: str


@lru_cache(maxsize=8192)
def parse_number(text: str) -> float | None:
    """A written number as a float: the right-most of `,`/`.` is the decimal mark when both occur; a lone
    separator followed by exactly three digits is a thousands separator (`€200.000`, `109,395`)."""
    s = re.sub(r"[\s\u00a0\u202f'’]", "", text)
    if not s:
        return None
    has_c, has_d = "," in s, "." in s
    if has_c and has_d:
        dec = "," if s.rfind(",") > s.rfind(".") else "."
        thou = "." if dec == "," else ","
        s = s.replace(thou, "").replace(dec, ".")
    elif has_c or has_d:
        sep = "," if has_c else "."
        parts = s.split(sep)
        if len(parts) > 2 or all(len(p) == 3 for p in parts[1:]):
            s = s.replace(sep, "")
        else:
            s = s.replace(sep, ".")
    try:
        return float(s)
    except ValueError:
        return None


@lru_cache(maxsize=1024)
def _currency_of(token: str | None) -> tuple[str | None, bool]:
    """(ISO code or None, bare-dollar flag) for a written currency token."""
    if not token:
        return None, False
    t = re.sub(r"\s+", " ", token.strip()).lower()
    if "$" in t and t not in CURRENCY_OF_PREFIX:
        t = t.replace("$", "").strip() or "$"  # `USD $`, `$ USD`, `CAD $`
    if t in CURRENCY_OF_PREFIX:
        code = CURRENCY_OF_PREFIX[t]
        return code, code is None
    if len(t) == 3 and t.isalpha():
        return t.upper().replace("RMB", "CNY"), False
    return None, False


def find_period(after: str, before: str) -> str | None:
    """The period named right after the amount, else the nearest one named before it on the line."""
    m = _PERIOD_ANY.search(after)
    if m:
        return m.lastgroup
    m = _CJK_BEFORE.search(before)
    if m:
        return "MONTH" if m.group(1) == "月" else "YEAR"
    last = None
    for m in _PERIOD_ANY.finditer(before):
        last = m
    return last.lastgroup if last else None


def _kind(context: str) -> str:
    if _KIND_OTE_RE.search(context):
        return "ote"
    if _KIND_TOTAL_RE.search(context):
        return "total"
    if _KIND_BASE_RE.search(context):
        return "base"
    return "unknown"


def _nearest_cue(text: str) -> str | None:
    """'pay' or 'not' for whichever cue sits closest before the amount.

    A non-pay word only counts when nothing separates it from the amount: in "equity and $90k-180k" or
    "| Equity | 75k-100k" the word belongs to another item of a list.
    """
    before = text.lower()
    pay = [m.end() for m in PAY_CUE_RE.finditer(before)]
    nop = [m.end() for m in NOT_PAY_RE.finditer(before)]
    if nop and _LIST_SEP_RE.search(before[max(nop) :]):
        nop = []
    if not pay and not nop:
        return None
    if not nop:
        return "pay"
    if not pay:
        return "not"
    return "pay" if max(pay) > max(nop) else "not"  # a tie is one word read both ways (`earned`)


def _after_is_not_pay(after: str) -> bool:
    """True when the words right after the amount (before any `+`, `,`, `and`) name a non-pay thing."""
    clause = after.lstrip(" )")
    m = _PERIOD_ANY.match(clause)
    if m:
        clause = clause[m.end() :]
    stop = _CLAUSE_STOP_RE.search(clause)
    head = clause[: stop.start()] if stop else clause
    if AFTER_PAY_RE.match(head.strip()):
        return False  # `£75,000 base Bonus Car Allowance`: the figure is named pay first
    head = " ".join(head.split()[:4]).lower()
    return bool(NOT_PAY_RE.search(head))


def _amounts(g: dict[str, str | None]) -> tuple[float, float, bool] | None:
    """(low, high, has_multiplier) of a matched amount or range, or None when a number does not parse."""
    n1 = parse_number(g["n1"] or "")
    n2 = parse_number(g["n2"]) if g["n2"] else None
    if n1 is None:
        return None
    m1 = MULTIPLIER.get((g["m1"] or "").lower(), 1.0)
    m2 = MULTIPLIER.get((g["m2"] or "").lower(), 1.0)
    if n2 is not None:
        # A `k` on one end applies to the other end when that end is small (`$145 - $155k`, `150-200k`).
        if m1 == 1.0 and m2 != 1.0 and n1 < 1000:
            m1 = m2
        elif m2 == 1.0 and m1 != 1.0 and n2 < 1000:
            m2 = m1
    low = n1 * m1
    high = n2 * m2 if n2 is not None else low
    return min(low, high), max(low, high), bool(g["m1"] or g["m2"])


def _is_pay(
    *,
    is_range: bool,
    marked: bool,
    has_k: bool,
    title: bool,
    before: str,
    wide_before: str,
    after: str,
    attached: str,
) -> bool:
    """Whether an amount in running text (not a salary field) is the hire's pay, from the words around it."""
    if _after_is_not_pay(after):
        return False
    cue = _nearest_cue(before)
    if cue == "not":
        return False
    if not (marked or has_k):
        # Bare numbers count only as a range right after a pay word (`Salary: 4500-6500`).
        return cue == "pay" and is_range
    if is_range:
        return True
    if title:
        return True
    # A lone figure needs a pay word (`Salary: up to EGP 10,000`, `£55k salary`) or an attached period
    # (`$34.62/hour`, `100元/小时`).
    after_cue = AFTER_PAY_RE.search(" ".join(after.split()[:3])) is not None
    if cue == "pay" or after_cue or _nearest_cue(wide_before) == "pay":
        return True
    return marked and _PERIOD_ANY.search(attached) is not None


# One separator followed by exactly three digits (`48.577`, `48,577`): a thousands group or three decimals.
_LONE_3_DIGIT_GROUP = re.compile(r"\d{1,3}[.,]\d{3}")


def find_mentions(text: str, *, salary_field: bool = False, title: bool = False) -> list[Mention]:
    """Pay mentions in `text`, in order.

    `salary_field`: the text is a salary field, so every amount is pay. `title`: a title line (HN headers),
    where `k` amounts and currency amounts need no pay word.
    """
    if not text or not _DIGIT_RE.search(text):
        return []
    # Blank out working-hour phrases (same length, so offsets hold) before looking for periods.
    clean = text if salary_field else WORK_HOURS_RE.sub(lambda m: " " * len(m.group()), text)
    out: list[Mention] = []
    prev_end = 0
    for m in MONEY_RE.finditer(text):
        g = m.groupdict()
        start, end, last_end = m.start(), m.end(), prev_end
        prev_end = end
        amounts = _amounts(g)
        if amounts is None:
            continue
        low, high, has_k = amounts
        # An ISO code anywhere on the range beats a symbol (`$120,000 - $150,000 CAD`, `$4-$6usd/hour`).
        tokens = [_currency_of(g[k]) for k in ("c1", "s1", "c2", "s2")]
        currency = next((code for code, _ in tokens if code), None)
        dollar = currency is None and any(d for _, d in tokens)
        marked = currency is not None or dollar
        is_range = g["n2"] is not None
        if low <= 0 or (is_range and high > 20 * low):
            continue  # placeholder zeros; `$5-$500` is not one pay range
        if not (marked or has_k or (is_range and high >= 1000)) and not (salary_field and is_range):
            continue  # plain small numbers: years, counts, dates, `Zone 1` in a range's label
        if _RETIREMENT_RE.match(text, m.start("n1")) or _BIG_AFTER_RE.match(text, end):
            continue  # 401(k) / 403(b); $75M, $1.6 trillion: company money
        line_start = text.rfind("\n", 0, start) + 1
        prev_line_start = text.rfind("\n", 0, max(line_start - 1, 0)) + 1 if line_start else 0
        before = clean[max(last_end, line_start, start - 90) : start]
        wide_before = clean[max(last_end, prev_line_start, start - 160) : start]
        line_end = text.find("\n", end)
        after = clean[end : min(end + 40, len(text) if line_end < 0 else line_end)]
        inner = clean[m.end("n1") : end]
        # A period word after another number belongs to that number (`48K Télétravail : 2 jours par semaine`).
        digit = _DIGIT_RE.search(after)
        # A period named before the amount counts only within its own list item or clause, close by.
        near_before = _ITEM_SPLIT.split(before[-50:])[-1]
        period = find_period(inner + (after[: digit.start()] if digit else after), near_before)
        if period == "HOUR" and low >= 1000 and _LONE_3_DIGIT_GROUP.fullmatch(g["n1"] or ""):
            # `48.577€ de l'heure`: no hourly rate is in the thousands, so the lone group is decimals.
            low, high = low / 1000, (high / 1000 if high >= 1000 else high)
        if not salary_field and not _is_pay(
            is_range=is_range, marked=marked, has_k=has_k, title=title, before=before,
            wide_before=wide_before, after=after,
            attached=inner + after[:12],
        ):  # fmt: skip
            continue
        out.append(
            Mention(
                low=low,
                high=high,
                currency=currency,
                dollar=dollar,
                period=period,
                kind=_kind(wide_before + " " + text[start:end] + " " + after[:20]),
                has_k=has_k,
                start=start,
                end=end,
                snippet=text[max(0, start - 60) : min(len(text), end + 30)].strip(),
            )
        )
    return out
