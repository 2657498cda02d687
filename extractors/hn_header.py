"""The first-line convention of HN "Who is hiring?" comments, read into fields.

Input: the plain text of one top-level comment (entities decoded, paragraphs separated by blank lines, links
replaced by their target URL). Output: one ``HnHeader`` with what the header line (and, when the header
names no role, the body) says: company, role list, locations, remote flag and regions, employment type, the
salary text and its figures, equity text, visa, URLs, and the segments that fit no field.

The convention (``Company | Role | Location | REMOTE | Salary | URL``) is a community habit, not a rule:
every field is optional and the order varies (shared/spec/sources.md §5.6), so each segment is classified on
its own content, and the company is the first segment nothing else claims. Pure functions, no I/O.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

# --- vocabularies -----------------------------------------------------------------------------------------

# Nouns that make a phrase a job title. Seniority words alone ("Senior") are not enough.
_ROLE_NOUN = re.compile(
    r"\b(?:engineers?|engineering\s+manager|developers?|devs?|scientists?|researchers?|research\s+\w+|designers?"
    r"|managers?|architects?|analysts?|leads?|director|head\s+of|swes?|sres?|devops|mles?|interns?|internships?"
    r"|programmers?|technicians?|specialists?|consultants?|administrators?|admins?|writers?|recruiters?"
    r"|marketers?|cto|vp\b|founding\s+\w+|product\s+owner|representatives?|associates?|executives?"
    r"|accountants?|counsel|physicists?|mathematicians?|statisticians?|operators?|officers?|coordinators?"
    r"|generalists?|strategists?|partners?\s+manager|postdocs?|phd|fellows?|hackers?|tech\s+lead"
    r"|full[- ]?stack|front[- ]?end|back[- ]?end|quants?|machinists?|roles?|positions?|openings?"
    r"|engineering)\b",
    re.IGNORECASE,
)
# Titles that are unmistakably jobs (a first header field holding one is the role, not the company) and words
# that mark an organisation name ("76 Software Engineering Group").
_STRONG_ROLE = re.compile(
    r"\b(?:engineers?|developers?|scientists?|researchers?|designers?|managers?|architects?|analysts?|swes?"
    r"|sres?|interns?|programmers?|cto)\b",
    re.IGNORECASE,
)
_ORG = re.compile(
    r"\b(?:group|inc|llc|ltd|gmbh|labs?|company|corp(?:oration)?|technologies|systems|university|institute)\b|\.(?:com|io|ai|co)\b",
    re.IGNORECASE,
)
_ROLE_AT = re.compile(r"^(?P<role>.+?)\s+(?:@|at)\s+(?P<company>[A-Z0-9].*)$")
# "Multiple roles" and friends: the header says there are roles without naming them.
_ROLE_PLACEHOLDER = re.compile(
    r"^\s*(?:multiple|many|several|various|numerous|all|open|lots\s+of|\d+\+?)?\s*"
    r"(?:open\s+)?(?:roles|positions|openings|jobs|engineering\s+roles|engineering\s+positions)\s*$",
    re.IGNORECASE,
)
# Not "distributed": "Distributed Systems" is a field of work far more often than a way of working.
_REMOTE = re.compile(r"\bremote(?:ly)?\b|\bwfh\b|\banywhere\b", re.IGNORECASE)
_ONSITE = re.compile(r"\bon[- ]?site\b|\bin[- ]office\b|\bin[- ]person\b|\boffice\b", re.IGNORECASE)
_HYBRID = re.compile(r"\bhybrid\b", re.IGNORECASE)
_EMPLOYMENT = re.compile(
    r"\b(?:full[- ]?time|part[- ]?time|contract(?:or|ors)?|freelance|intern(?:ship)?s?|permanent|temporary"
    r"|ft|pt)\b",
    re.IGNORECASE,
)
_VISA = re.compile(r"\bvisa(?:s)?\b|\bsponsorship\b|\bh-?1b\b|\brelocation\b", re.IGNORECASE)
_URL = re.compile(r"https?://\S+|\bwww\.\S+", re.IGNORECASE)
_BARE_DOMAIN = re.compile(
    r"^\(?[a-z0-9][a-z0-9-]*(?:\.[a-z0-9-]+)*\.(?:com|io|ai|co|org|net|dev|app|tech|us|uk|de|se|fr|ch|es|nl|eu"
    r"|ca|me|xyz|so|health|inc|jobs|careers|cloud|systems|bio|in)(?:/\S*)?\)?$",
    re.IGNORECASE,
)
# Plain and obfuscated e-mail addresses: "a@b.com", "jobs [at] b [dot] com", "name-at-cnio-dot-es",
# "a at b dot com".
_EMAIL = re.compile(
    r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+"
    r"|[\w.+-]+\s*[\[\(\{<]\s*at\s*[\]\)\}>]\s*[\w-]+(?:\s*[\[\(\{<]\s*dot\s*[\]\)\}>]\s*[\w-]+)+"
    r"|\b[\w.+]+-at-[\w-]+?(?:-dot-\w+)+\b"
    r"|\b[\w.+-]+\s+at\s+[\w-]+\s+dot\s+\w+(?:\s+dot\s+\w+)*\b",
    re.IGNORECASE,
)
_CURRENCY_SIGN = {"$": "USD", "€": "EUR", "£": "GBP", "¥": "JPY", "₹": "INR"}
_CURRENCY_CODE = re.compile(
    r"\b(USD|EUR|GBP|CAD|AUD|CHF|SEK|NOK|DKK|PLN|INR|JPY|SGD|NZD|BRL|ILS|CZK|HUF|RON|MXN)\b", re.IGNORECASE
)
_MONEY_HINT = re.compile(
    r"[$€£¥₹]\s?\d|\b\d+(?:[.,]\d+)?\s?[kK]\b|\b\d{2,3}[,.]\d{3}\b|" + _CURRENCY_CODE.pattern + r"\s?\d",
    re.IGNORECASE,
)
_RANGE = re.compile(
    r"(?P<c1>[$€£¥₹])?\s?(?P<a>\d+(?:[.,]\d+)*)\s?(?P<ka>[kKmM])?(?![\w%])\s?(?:-|–|—|to)\s?"
    r"(?P<c2>[$€£¥₹])?\s?(?P<b>\d+(?:[.,]\d+)*)\s?(?P<kb>[kKmM])?(?![\w%])"
)
_SINGLE = re.compile(r"(?P<c1>[$€£¥₹])\s?(?P<a>\d+(?:[.,]\d+)*)\s?(?P<ka>[kKmM])?(?![\w%])")
_EQUITY = re.compile(
    r"(\d+(?:\.\d+)?\s?(?:-|–|to)\s?\d+(?:\.\d+)?\s?%|\d+(?:\.\d+)?\s?%)(?=[^|]*equity)", re.I
)
_PERIOD = (
    (re.compile(r"/\s?h(?:ou)?r\b|\b(?:per|an)\s+hour\b|\bhourly\b|/h\b", re.I), "HOUR"),
    (re.compile(r"/\s?day\b|\bper\s+day\b|\bdaily\b", re.I), "DAY"),
    (re.compile(r"/\s?mo(?:nth)?\b|\bper\s+month\b|\bmonthly\b", re.I), "MONTH"),
    (re.compile(r"/\s?y(?:ea)?r\b|\b(?:per|a)\s+year\b|\bannual(?:ly)?\b|\bp\.?a\.?\b", re.I), "YEAR"),
)
# Location evidence: a ", XX" US state / two-letter code, a country or a well-known tech city.
_STATE_CODE = re.compile(r",\s?[A-Z]{2}\b")
_PLACES = re.compile(
    r"\b(?:NYC|New York|SF|San Francisco|Bay Area|Silicon Valley|Los Angeles|LA|Seattle|Boston|Austin|Chicago"
    r"|Denver|Boulder|Atlanta|Miami|Portland|San Diego|San Jose|Palo Alto|Mountain View|Menlo Park|Oakland"
    r"|Berkeley|Washington|DC|Philadelphia|Pittsburgh|Toronto|Vancouver|Montreal|Waterloo|London|Cambridge"
    r"|Oxford|Edinburgh|Dublin|Paris|Berlin|Munich|Hamburg|Amsterdam|Rotterdam|Stockholm|Copenhagen|Oslo"
    r"|Helsinki|Zurich|Zürich|Geneva|Lausanne|Vienna|Prague|Warsaw|Krakow|Lisbon|Madrid|Barcelona|Milan|Rome"
    r"|Tel Aviv|Bangalore|Bengaluru|Mumbai|Delhi|Singapore|Tokyo|Sydney|Melbourne|Auckland|Sao Paulo"
    r"|Mexico City|Buenos Aires|USA|US|U\.S\.|United States|Canada|UK|United Kingdom|EU|Europe|Germany"
    r"|France|Netherlands|Sweden|Norway|Denmark|Finland|Switzerland|Spain|Portugal|Italy|Poland|Ireland"
    r"|India|Japan|Australia|Brazil|Israel|Americas|North America|LATAM|EMEA|APAC|Worldwide|Global)\b"
)
# Words left around a place once REMOTE/ONSITE are taken out ("Fully Remote", "US Remote friendly",
# "or in SF").
_FILLER = re.compile(
    r"\b(?:fully|full|100%|friendly|only|first|ok|okay|possible|available|allowed|preferred|optional|option"
    r"|or|in|and|based|within|from|welcome|\d+x|days?|week|per|a|the|office|also|partially|mostly|flexible)\b"
    r"|%",
    re.IGNORECASE,
)
_HEADER_BREAK = re.compile(r"\s*\|\s*")
_WEAK_BREAK = re.compile(r"\s+[–—-]{1,2}\s+|\s+/\s+")
_BULLET_LINE = re.compile(r"^\s*(?:[-–—*•·>]+|\d+[.)])\s*(?P<text>.+?)\s*$")
_HIRING_PHRASE = re.compile(
    r"\b(?:hiring|looking\s+for|seeking|searching\s+for)\s+(?:an?\s+|our\s+(?:first\s+|next\s+)?|two\s+|three\s+)?"
    r"(?P<role>(?:[\w/+#.&-]+\s+){0,5}?(?:engineers?|developers?|scientists?|researchers?|designers?"
    r"|managers?|architects?|analysts?|leads?|swes?|sres?|interns?|programmers?|technicians?|specialists?))\b",
    re.IGNORECASE,
)
_ROLE_LIST_CUE = re.compile(
    r"(?:looking\s+for|hiring(?:\s+for)?|open\s+(?:roles|positions)|positions|roles|openings)\s*:\s*(?P<list>[^\n]+)",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class HnHeader:
    """Fields read from one comment's header line (and role lists under it).

    Amounts are in currency units per ``salary_period`` (None when the text gives no period: never inferred).
    ``remote`` is True for REMOTE, False for ONSITE/HYBRID-only headers, None when the header does not say.
    """

    header_line: str
    company: str | None
    roles: tuple[str, ...]
    locations: tuple[str, ...]
    remote: bool | None
    remote_regions: tuple[str, ...]
    work_mode: str | None  # "remote" | "hybrid" | "onsite" | None
    employment_type: str | None  # "Full-time" | "Part-time" | "Contract" | "Intern" | None
    salary_text: str | None
    salary_min: float | None
    salary_max: float | None
    salary_currency: str | None
    salary_period: str | None
    equity: str | None
    visa: bool
    urls: tuple[str, ...]
    other: tuple[str, ...] = field(default=())
    is_job_posting: bool = True

    def to_extra(self) -> dict[str, object]:
        """The header fields as JSON-ready values for ``Posting.extra``."""
        return {
            "header_line": self.header_line,
            "roles": list(self.roles),
            "remote_regions": list(self.remote_regions),
            "work_mode": self.work_mode,
            "employment_type": self.employment_type,
            "header_salary_range": (
                {
                    "min": self.salary_min,
                    "max": self.salary_max,
                    "currency": self.salary_currency,
                    "period": self.salary_period,
                }
                if self.salary_min is not None
                else None
            ),
            "equity": self.equity,
            "visa": self.visa,
            "urls": list(self.urls),
            "other_segments": list(self.other),
        }


class EmptyComment(ValueError):
    """The comment has no text to read (deleted, dead, or blank)."""


# --- salary -------------------------------------------------------------------------------------------------


def _amount(num: str, suffix: str | None) -> float | None:
    digits = num.replace(",", "")
    # "1.234.567" / "120.000" European grouping: a dot followed by exactly three digits is a thousands mark.
    if re.fullmatch(r"\d{1,3}(?:\.\d{3})+", digits):
        digits = digits.replace(".", "")
    try:
        value = float(digits)
    except ValueError:
        return None
    if suffix and suffix.lower() == "k":
        value *= 1_000
    elif suffix and suffix.lower() == "m":
        value *= 1_000_000
    return value


def parse_salary_text(text: str) -> tuple[float | None, float | None, str | None, str | None]:
    """(min, max, currency, period) of a salary phrase such as ``$150-200k`` or ``€60–90k/yr``.

    The ``k`` of the upper bound applies to a bare lower bound (``$150-200k`` is 150 000–200 000). A lone
    ``$150k+`` gives (150000, None). Currency comes from a sign or an ISO code, else None; period only when
    written. Returns all None when no amount is found.
    """
    code = _CURRENCY_CODE.search(text)
    currency = code.group(1).upper() if code else None
    period = next((name for pattern, name in _PERIOD if pattern.search(text)), None)
    match = _RANGE.search(text)
    if match:
        ka, kb = match.group("ka"), match.group("kb")
        low = _amount(match.group("a"), ka or kb)
        high = _amount(match.group("b"), kb or ka)
        sign = match.group("c1") or match.group("c2")
        if low is not None and high is not None and low <= high:
            return low, high, currency or _CURRENCY_SIGN.get(sign or ""), period
    single = _SINGLE.search(text)
    if single:
        value = _amount(single.group("a"), single.group("ka"))
        return value, None, currency or _CURRENCY_SIGN.get(single.group("c1")), period
    return None, None, None, None


def _is_salary(segment: str) -> bool:
    return bool(_MONEY_HINT.search(segment)) and not _URL.search(segment)


# --- segment classification --------------------------------------------------------------------------------


def _remote_regions(segment: str) -> list[str]:
    """Regions attached to a REMOTE token: ``Remote (US only)`` → ["US only"],
    ``Remote - UK/EU`` → ["UK/EU"]."""
    regions = [m.strip() for m in re.findall(r"remote[^()]*\(([^)]*)\)", segment, re.IGNORECASE)]
    if not regions:
        tail = re.search(r"remote(?:ly)?\s*(?:[-–—:,]\s*|in\s+|\s)(?P<r>[A-Z][\w/&.,' -]*)", segment, re.I)
        if tail and not _EMPLOYMENT.fullmatch(tail.group("r").strip()):
            regions = [tail.group("r").strip(" ,.-")]
    return [r for r in regions if r and not _ONSITE.search(r) and not _HYBRID.search(r)]


def _clean_company(segment: str) -> str | None:
    text = _URL.sub("", _EMAIL.sub("", segment))
    text = re.sub(r"\([^)]*(?:\)|$)", "", text)  # "Galaxy (getgalaxy.io)" → "Galaxy"; also an unclosed "("
    text = _WEAK_BREAK.split(text)[0]  # "Galaxy - The Cursor for SQL" → "Galaxy"
    text = re.sub(r"^(?:company|employer)\s*:\s*", "", text, flags=re.IGNORECASE)
    text = text.strip(" \t,;:-–—|*")
    return text[:64] or None


_FIELD_LINE = re.compile(
    r"^\s*(?P<label>company|employer|location|locations|role|roles|position|positions|job|title|remote"
    r"|salary|compensation|comp|pay|employment|type)\s*:\s*(?P<value>\S.*)$",
    re.IGNORECASE | re.MULTILINE,
)
_FIELD_NAME = {
    "employer": "company", "locations": "location", "roles": "role", "position": "role", "positions": "role",
    "job": "role", "title": "role", "compensation": "salary", "comp": "salary", "pay": "salary",
    "type": "employment",
}  # fmt: skip


def _labelled_fields(text: str) -> dict[str, str]:
    """The first value of each "Label: value" line in the first 20 lines ("Company: OrangeQC")."""
    head = "\n".join(text.splitlines()[:20])
    fields: dict[str, str] = {}
    for match in _FIELD_LINE.finditer(head):
        label = match.group("label").lower()
        fields.setdefault(_FIELD_NAME.get(label, label), match.group("value").strip()[:200])
    return fields


def _is_prose(segment: str) -> bool:
    """A sentence rather than a name: long, or written as a statement ("We are hiring at Mathpix!")."""
    return (
        len(segment.split()) > 7
        or bool(_HIRING.search(segment))
        or segment.rstrip().endswith(("!", "?", "."))
    )


def _is_sentence(segment: str) -> bool:
    """A header field that is prose about the job, not a title ("I help lead the Coinbase … team")."""
    if re.match(r"^(?:I|I'm|We|We're|Our|At|Hi|Hello|Are|Do|If|Join)\b", segment):
        return True
    return len(segment.split()) > 6 and bool(re.search(r"\b(?:is|are|am|was|were|have|has|help)\b", segment))


def _strong_place(segment: str) -> bool:
    return bool(_PLACES.search(segment) or _STATE_CODE.search(segment)) and not _ROLE_NOUN.search(segment)


def _split_roles(segment: str) -> list[str]:
    """Several roles in one segment ("Backend Engineer, ML Engineer") → one role each, else the
    whole segment."""
    text = re.sub(r"^(?:roles?|positions?|job|hiring)\s*:\s*", "", segment.strip(), flags=re.IGNORECASE)
    parts = [p.strip(" .") for p in re.split(r",\s*|;\s*|\s+/\s+|\s+&\s+|\s+and\s+", text) if p.strip(" .")]
    if len(parts) > 1 and all(_ROLE_NOUN.search(p) for p in parts):
        return parts
    return [text.strip(" .")] if text.strip(" .") else []


def _looks_like_place(segment: str) -> bool:
    if _PLACES.search(segment) or _STATE_CODE.search(segment):
        return True
    words = segment.split()
    # A short run of capitalised words ("Stockholm", "Ho Chi Minh City") after the company is most often
    # a place.
    return 0 < len(words) <= 4 and all(w[:1].isupper() for w in words if w.isalpha())


def _employment(text: str) -> str | None:
    found = {m.lower().replace(" ", "-") for m in _EMPLOYMENT.findall(text)}
    if any(f.startswith("contract") or f == "freelance" for f in found):
        return "Contract"
    if any(f.startswith("intern") for f in found):
        return "Intern"
    if any(f in {"full-time", "fulltime", "ft", "permanent"} for f in found):
        return "Full-time"
    if any(f in {"part-time", "parttime", "pt"} for f in found):
        return "Part-time"
    return None


def _strip_remote_words(segment: str) -> str:
    text = re.sub(r"\([^)]*\)", "", segment)
    text = _REMOTE.sub("", _ONSITE.sub("", _HYBRID.sub("", text)))
    return text.strip(" ,;:/-–—()&")


def header_lines(text: str) -> tuple[str, list[str]]:
    """(header line, the other lines of the header's paragraph) of a comment's plain text.

    The header is the first non-empty line; a next line that starts with '|' continues it ("Pylon" /
    "| https://… | Product Designer | …").
    """
    paragraphs = [p for p in re.split(r"\n\s*\n", text.strip()) if p.strip()]
    if not paragraphs:
        return "", []
    lines = [ln.strip() for ln in paragraphs[0].splitlines() if ln.strip()]
    first, rest = lines[0], lines[1:]
    if "|" not in first:
        follow = rest[0] if rest else (paragraphs[1].strip().splitlines()[0] if len(paragraphs) > 1 else "")
        if follow.startswith("|"):
            first = f"{first} {follow}"
            rest = rest[1:] if rest else []
    return first, rest


def header_line(text: str) -> str:
    """The header line of a comment's plain text (see ``header_lines``)."""
    return header_lines(text)[0]


def _trim_segment(segment: str) -> str:
    """A last field that runs into the body ("Hybrid (Boston) At Matterworks we are building …") is cut where
    the prose starts."""
    if len(segment) <= 80:
        return segment
    cut = re.search(r"(?<=[)\w])\s+(?=(?:At|We|Our|I|The|This|Join)\s)|\.\s", segment)
    return segment[: cut.start()].strip() if cut else segment


_REQUIREMENT = re.compile(
    r"^(?:you|we|our|i|experience|strong|excellent|familiarity|knowledge|ability|proficien\w*|bonus|nice"
    r"|must|\d+\+?\s*(?:years?|yrs?))\b",
    re.IGNORECASE,
)


def _trim_role(text: str) -> str:
    """ "A Senior ML Engineer to build the initial architecture" → "Senior ML Engineer"."""
    text = re.split(r"\s+[-–—]\s+|:\s|\s+(?:to|who|for|with|that|in|at)\s+|\s*\(|https?://|,\s", text)[0]
    text = re.sub(r"^(?:an?|one|two|three|our|\d+x?)\s+", "", text.strip(), flags=re.IGNORECASE)
    return text.strip(" .!*")


def _body_roles(text: str, under_header: list[str], header_has_roles: bool) -> list[str]:
    """Roles listed under the header: bullet lines right under the header line always; when the header
    named no role, also bullet or numbered lines anywhere, then a "looking for: A - B - C" list, then a
    "we're hiring a Senior Software Engineer" phrase, tried in that order."""

    def bullets(lines: Iterable[str]) -> list[str]:
        found = []
        for line in lines:
            m = _BULLET_LINE.match(line)
            if m:
                role = _trim_role(m.group("text"))
                if _REQUIREMENT.match(role):
                    continue  # "- You care deeply about developer experience": a requirement, not a role
                if _ROLE_NOUN.search(role) and 0 < len(role.split()) <= 8:
                    found.append(role)
        return found

    listed = bullets(under_header)
    if listed or header_has_roles:
        return listed
    listed = bullets(text.splitlines()[1:])
    if listed:
        return listed
    cue = _ROLE_LIST_CUE.search(text)
    if cue:
        items = [_trim_role(i) for i in re.split(r"\s+-\s+|;\s*|\s*•\s*", cue.group("list"))]
        roles = [i for i in items if _ROLE_NOUN.search(i) and len(i.split()) <= 12]
        if len(roles) >= 2:
            return roles
    phrase = _HIRING_PHRASE.search(text)
    if phrase:
        return [phrase.group("role").strip()]
    return []


_META = re.compile(
    r"\b(?:this\s+thread|these\s+threads|who'?s\s+hiring|whoishiring|ghost\s+jobs?|I\s+(?:just\s+)?interviewed"
    r"|I\s+(?:just\s+)?applied|radio\s+silence|for\s+those\s+posting|(?:plot|graph|chart)\s+of|job\s+listings"
    r"|\[flagged\])",
    re.IGNORECASE,
)
_HIRING = re.compile(
    r"\b(?:we(?:'re|’re|\s+are)\s+(?:hiring|looking\s+for|seeking)|(?:is|are|am|i'm|i’m)\s+hiring|hiring\s+for"
    r"|now\s+hiring|hiring\s+(?:an?|our|two|three|several|multiple)\b|open\s+roles?|job\s+summary"
    r"|looking\s+for\s+(?:people|folks|someone|candidates|engineers|developers))",
    re.IGNORECASE,
)
_LABELLED = re.compile(
    r"^(?:company|location|role|position|job|employment)\s*:", re.IGNORECASE | re.MULTILINE
)


def _is_job_posting(segments: list[str], text: str) -> bool:
    """A header with two or more '|' fields is a job post. Otherwise the comment must be long enough, not be a
    remark about the thread or an employer (``_META``), name a role or say it is hiring, and give a way to
    apply (a link or an address) unless it says plainly that it is hiring or is long."""
    if len(segments) >= 2:
        return True
    if len(text) < 150 or _META.search(text):
        return False
    hiring = bool(_HIRING.search(text))
    labelled = bool(_LABELLED.search(text))
    role = bool(_ROLE_NOUN.search(text[:800]))
    contact = bool(_URL.search(text) or _EMAIL.search(text))
    return (hiring or labelled or role) and (contact or labelled or hiring or len(text) >= 400)


def parse_header(text: str) -> HnHeader:
    """Read the header convention out of one comment's plain text (see the module docstring).

    Raises ``EmptyComment`` when ``text`` is blank.
    """
    if not text or not text.strip():
        raise EmptyComment("empty comment text")
    first, under_header = header_lines(text)
    urls = [u.rstrip(").,") for u in _URL.findall(first)]
    cleaned = _EMAIL.sub(" ", first)
    segments = [_trim_segment(s.strip()) for s in _HEADER_BREAK.split(cleaned) if s.strip()]
    if len(segments) == 1 and not _HEADER_BREAK.search(cleaned):
        weak = [s.strip() for s in _WEAK_BREAK.split(cleaned) if s.strip()]
        if len(weak) >= 3:  # "Acme – Backend Engineer – Berlin": a dash-separated header
            segments = weak

    company: str | None = None
    roles: list[str] = []
    placeholder = False
    locations: list[str] = []
    regions: list[str] = []
    remote: bool | None = None
    work_mode: str | None = None
    employment: str | None = None
    salary_text: str | None = None
    visa = False
    other: list[str] = []
    unclassified: list[tuple[int, str]] = []

    for index, segment in enumerate(segments):
        bare = _URL.sub("", segment).strip()
        if not bare:
            continue  # a URL-only field: already collected
        if index == 0 and _BARE_DOMAIN.match(bare) and len(segments) > 1:
            company = bare.strip("()")  # "klarasystems.com | OpenZFS Developer | ..."
            urls.append(bare.strip("()"))
            continue
        if _BARE_DOMAIN.match(bare):
            urls.append(bare.strip("()"))
            continue
        if _is_salary(bare) and salary_text is None:
            salary_text = bare
            continue
        has_remote = bool(_REMOTE.search(bare))
        has_onsite = bool(_ONSITE.search(bare))
        has_hybrid = bool(_HYBRID.search(bare))
        if has_remote or has_onsite or has_hybrid:
            if has_remote:
                remote = True
                work_mode = "remote"
                regions.extend(_remote_regions(bare))
            elif remote is None:
                remote = False
                work_mode = "hybrid" if has_hybrid else "onsite"
            if _STRONG_ROLE.search(bare):
                unclassified.append(
                    (index, _strip_remote_words(bare))
                )  # "AI Prototype Engineer (100% Remote)"
                continue
            employment = employment or _employment(bare)
            for part in re.split(r"\s*[,;/&+]\s*|\s+or\s+|\s+and\s+", _strip_remote_words(bare)):
                part = _FILLER.sub(" ", _EMPLOYMENT.sub(" ", re.sub(r"\b\d+\b", " ", part))).strip(" ,.-–—:*")
                if not re.search(r"[^\W\d_]", part):
                    continue
                if part and not _EMPLOYMENT.fullmatch(part) and not any(part in r for r in regions):
                    locations.append(re.sub(r"\s{2,}", " ", part))
            continue
        if _EMPLOYMENT.search(bare) and len(bare.split()) <= 4:
            employment = employment or _employment(bare)
            residual = _EMPLOYMENT.sub(" ", bare).strip(" ,/&-")
            if _ROLE_NOUN.search(residual):
                unclassified.append((index, residual))  # "Full-time CTO"
            continue
        if _VISA.search(bare) and len(bare.split()) <= 4:
            visa = True
            continue
        unclassified.append((index, bare))

    first_index = unclassified[0][0] if unclassified else None
    for index, segment in unclassified:
        if _ROLE_PLACEHOLDER.match(segment):
            placeholder = True
            continue
        at = _ROLE_AT.match(segment)
        if at and company is None and _ROLE_NOUN.search(at.group("role")):
            roles.extend(_split_roles(at.group("role")))  # "Senior Frontend Engineer @ SmileID"
            company = _clean_company(at.group("company"))
            continue
        is_role = bool(_ROLE_NOUN.search(segment))
        if (
            company is None
            and index == first_index
            and not (_STRONG_ROLE.search(segment) and not _ORG.search(segment))
        ):
            company = _clean_company(segment) if not _is_prose(segment) else None
            continue
        if is_role and not _is_sentence(segment):
            roles.extend(_split_roles(segment))
        elif company is None and not _is_prose(segment) and not _strong_place(segment):
            company = _clean_company(segment)
        elif _strong_place(segment) or (not locations and _looks_like_place(segment)):
            locations.append(segment)
        else:
            other.append(segment)

    if len(segments) < 2:
        # "Company: Writer" / "Location: …" / "Role: …" lines instead of a '|' header.
        fields = _labelled_fields(text)
        company = _clean_company(fields["company"]) if "company" in fields else company
        if "role" in fields and not roles:
            roles = _split_roles(fields["role"])
        if "location" in fields and not locations:
            locations = [fields["location"]]
            if _REMOTE.search(fields["location"]):
                remote, work_mode = True, "remote"
        if "salary" in fields and salary_text is None and _MONEY_HINT.search(fields["salary"]):
            salary_text = fields["salary"]
        if "employment" in fields:
            employment = employment or _employment(fields["employment"])
        if fields.get("remote", "").lower().startswith(("yes", "remote", "fully", "100")):
            remote, work_mode = True, "remote"

    # Roles written under the header line belong to it (one per line); otherwise look in the body.
    listed = _body_roles(text, under_header, header_has_roles=bool(roles))
    roles = roles + [r for r in listed if r not in roles]
    if not roles and placeholder:
        roles = ["Multiple roles"]

    low = high = None
    currency = period = None
    equity = None
    if salary_text:
        low, high, currency, period = parse_salary_text(salary_text)
        if low is not None and period != "HOUR" and max(low, high or 0) < 1_000:
            low = high = currency = period = None  # "$400/monthly for groceries": a perk, not pay
        eq = _EQUITY.search(salary_text)
        equity = eq.group(1).replace(" ", "") if eq else None
    if not visa and _VISA.search(first):
        visa = True
    return HnHeader(
        header_line=_EMAIL.sub("", first).strip(),
        company=company,
        roles=tuple(dict.fromkeys(r for r in roles if r)),
        locations=tuple(dict.fromkeys(loc for loc in locations if loc)),
        remote=remote,
        remote_regions=tuple(dict.fromkeys(regions)),
        work_mode=work_mode,
        employment_type=employment or _employment(first),
        salary_text=salary_text,
        salary_min=low,
        salary_max=high,
        salary_currency=currency,
        salary_period=period,
        equity=equity,
        visa=visa,
        urls=tuple(dict.fromkeys(urls)),
        other=tuple(other),
        is_job_posting=_is_job_posting(segments, text),
    )
