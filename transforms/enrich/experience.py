"""Minimum years of professional experience a posting requires (taxonomy `experience.min_years`).

Grain: one value per posting, in input order; null when the posting states no number of years for the hire.

Rules (shared/eval/README.md section 3): `5+ years` -> 5, `3-5 years` -> 3, `at least two years` -> 2,
`10 or more years` -> 10, `(>7 years)` -> 7, `a decade` -> 10, `one (1) year` -> 1, German (`mindestens drei
Jahre`) and Chinese (`3年以上`) forms. Among alternative paths (`PhD with 3+ years, MS with 6+ years`,
`Master's + 1 year OR Bachelor's + 3 years`, degree lines one under the other) the smallest stated number
wins. Otherwise the first requirement stated, except when it opens a list of `N years of <skill>` items and
does not itself speak of experience: then the list item for the role as a whole (`N years of relevant /
professional experience`), else the largest must-have. A post whose requirements heading repeats (one
section per role) takes the smallest requirement of any role. Years of a degree (or in lieu of one), company
age, benefits and tenure rules, contract length, residency, age limits, planning horizons and other
people's experience are not counted, nor are years that appear only under preferred / nice-to-have
qualifications.

Speed: Polars' native regex engine keeps only the sentences that mention years or a section heading;
Python reads those.
"""

from __future__ import annotations

import re

import polars as pl

PARSER_VERSION = "experience-2"

# --- candidate sentences (Rust regex: no `\b`, no `(?i)`, no bounded repeats, for speed) ---

_UNIT = r"(?:[Yy]ears?|YEARS?|[Yy]rs|YOE|yoe|[Yy] of|[Jj]ahre?n?|年|שנים|שנה)"
_WORDNUM = (
    r"(?:[Oo]ne|[Tt]wo|[Tt]hree|[Ff]our|[Ff]ive|[Ss]ix|[Ss]even|[Ee]ight|[Nn]ine|[Tt]en|[Ee]leven|[Tt]welve"
    r"|[Ff]ifteen|[Tt]wenty|[Ee]ine?m?n?|[Zz]wei|[Dd]rei|[Vv]ier|[Ff]ünf|[Ss]echs|[Ss]ieben|[Aa]cht|[Nn]eun|[Zz]ehn)"
)
_YEARISH = (
    r"\d\\?[+)]? ?"
    + _UNIT
    + r"|\d ?(?:-|–|—|to|or|bis|~) ?\d+ ?\\?\+? ?"
    + _UNIT
    + r"|"
    + _WORDNUM
    + r"(?: \(\d+\))? "
    + _UNIT
    + r"|[Dd]ecade"
    # `10 or more years`, `two or more years`
    + r"|(?:\d|"
    + _WORDNUM
    + r") (?:or more|or above|or greater|and above|and more) "
    + _UNIT
)
# Heading lines start with the keyword (after bullets); headings glued into a sentence are read on year lines.
_HEADISH = (
    r"(?m)^[^\w\n]*(?:[Pp]referred|PREFERRED|[Dd]esired|DESIRED|[Nn]ice[ -][Tt]o[ -][Hh]ave|NICE TO HAVE"
    r"|[Bb]onus|[Pp]lus(?:es)?:|[Mm]inimum|MINIMUM|[Bb]asic [Qq]ual|BASIC QUAL|[Rr]equired"
    r"|REQUIRED|[Rr]equirements"
    r"|REQUIREMENTS|[Qq]ualifications|QUALIFICATIONS|[Ww]hat [Yy]ou|[Ww]ünschenswert|[Vv]on [Vv]orteil"
    r"|[Aa]nforderungen|[Dd]ein [Pp]rofil|[Ii]hr [Pp]rofil|任职要求|岗位要求|加分|[Ii]deal)"
)
# A sentence is cut at line breaks and at `.`/`;`/`!`/`?` so long unbroken pages yield short snippets.
CANDIDATES = r"(?m)[^\n.;!?]*(?:" + _YEARISH + r")[^\n.;!?]*|" + _HEADISH + r"[^\n]*"

_YEARISH_RE = re.compile(_YEARISH)

# --- Python parsing ---

NUMBER_WORDS: dict[str, int] = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
    "ten": 10, "eleven": 11, "twelve": 12, "fifteen": 15, "twenty": 20, "a": 1, "an": 1,
    "ein": 1, "eine": 1, "einem": 1, "einen": 1, "zwei": 2, "drei": 3, "vier": 4, "fünf": 5, "fuenf": 5,
    "sechs": 6, "sieben": 7, "acht": 8, "neun": 9, "zehn": 10,
}  # fmt: skip
_WORDS = "|".join(sorted(NUMBER_WORDS, key=len, reverse=True))
_N = rf"(?:\d{{1,2}}(?:[.,]\d)?|{_WORDS})(?:\s*\(\d{{1,2}}\))?"
YEARS_RE = re.compile(
    rf"(?P<a>{_N})\s*(?:\\?\+|plus|or more|or above|or greater|and above|and more)?\s*"
    rf"(?:(?:-|–|—|to|or|bis|~)\s*(?P<b>{_N})\s*(?:\\?\+)?\s*)?"
    r"(?P<unit>years?|yrs?|yoe|y(?=\s+of\b)|jahren?|jahre|jahr|decades?|שנים|שנה)(?![a-zäöü])",
)
# `3年以上`, `5年以上后端开发经验`, `3-5年经验`.
CJK_YEARS_RE = re.compile(
    r"(?P<a>\d{1,2})\s*(?:[-~～到至]\s*(?P<b>\d{1,2})\s*)?年(?=以上|及以上|或以上|[^\n，。；;]{0,14}经验)"
)

# Context right after the years that makes them a requirement of experience.
_AFTER_OK = re.compile(
    r"experience|\bexp\b|expertise|\bwork|industry|professional|hands[- ]on|relevant|related|background"
    r"|track record|^[\s'’]*(?:of|in|as|with|im|als|in der)\s+\w+|\b(?:building|developing|leading"
    r"|managing|driving"
    r"|designing|writing|running|doing|shipping|coding|programming)\b|\bpost|\byoe\b|required|erfahrung"
    r"|ניסיון",
)
# Context before the years that makes them a requirement.
_BEFORE_OK = re.compile(
    r"experience|minimum|at least|min\.|requires?|required|need|must|have|having|with|more than|plus|"
    r"mindestens|erfahrung|wenigstens|לפחות|you bring|you have|approximately|[~>≥]\s*$"
    r"|(?:^|\W)(?:or|oder)\W*$",
)
# Years that are not the hire's experience.
_AFTER_BAD = re.compile(
    r"^\W{0,3}(?:old\b|of age|ago|in business|degree|university|college|program|course|bachelor"
    r"|certificate|diploma"
    r"|apprenticeship|contract|warranty|vesting|cliff|period|service|anniversary|of employment"
    r"|employment|incentive"
    r"|bonus|plan\b|horizon|roadmap|history|historical|track of|us or foreign|or foreign|of (?:the )?last|"
    r"later|from now|sabbatical|vertrag|befristet|studium|ausbildung|or older|career|of innovation"
    r"|of excellence|of tradition|of heritage|of existence|of success|of growth|in our|probation"
    r"|of (?:continuous |federal |creditable )?service"
    r"|in the (?:industry|market|business)\b"
    r"|(?:of experience)?\W{0,3}(?:our|we)\b)",
)
# An organisation or the writer just before the number (`a trading firm with over three decades`,
# `reinvented itself over two decades`, `my 20+ year career`), unless the words say what the hire needs.
_ORG_BEFORE = re.compile(
    r"\b(?:firm|company|organi[sz]ation|business|group|team|agency|institution|brand|itself|we|we've|we're|our|us"
    r"|i|i've|my|cto|ceo|founders?)\b(?:\W+[\w']+){0,4}\W*$"
)
_NEED_WORDS = re.compile(r"look|seek|hiring|need|require|want|search|ideal|candidate|you|bring|must")
# "Solid experience in SMEs or group subsidiaries (>7 years)": experience at an organisation is the hire's.
_EXPERIENCE_BEFORE = re.compile(r"experience|erfahrung")
_WORD_RE = re.compile(r"[\w']+")
_FILLER = {
    "over",
    "more",
    "than",
    "almost",
    "nearly",
    "about",
    "the",
    "a",
    "approximately",
    "just",
    "über",
    "mehr",
    "als",
}
_BAD_LAST = {
    "for", "since", "founded", "established", "history", "around", "next", "past", "last", "after", "every",
    "within", "team", "founder", "founders", "cto", "ceo", "our", "seit", "befristet", "nach", "age", "aged",
    "under", "older", "sabbatical", "vesting", "vested", "residency", "resident", "lived", "completion",
    "in", "company", "my", "had", "additional",
}  # fmt: skip
_SEEKING = {"looking", "look", "searching", "seeking", "asking", "hiring", "ask"}
_BAD_LAST_TWO = {"in the", "of the", "over the", "we've", "we have", "completion of"}
_CLAUSE_SPLIT = re.compile(r"[.:;!?]\s*|\n")
_CJK_COMPANY_AGE = re.compile(r"成立|创立|已有|超过|近")
_PREFERRED_INLINE = re.compile(
    r"prefer|ideally|nice[- ]to[- ]have|is a plus|a plus\b|bonus|desired|desirable|wünschenswert"
    r"|von vorteil|加分",
)
_HEAD_PREFERRED = re.compile(
    r"preferred|desired|nice[- ]to[- ]have|bonus points|bonus if|\bbonus:|pluses|ideally"
    r"|wünschenswert|von vorteil|加分",
)
_HEAD_REQUIRED = re.compile(
    r"minimum|basic qual|required|requirements|must[- ]have|qualifications|what we look for"
    r"|looking for|who you are"
    r"|you have|you bring|your profile|your background|what you|anforderungen|profil|任职要求|岗位要求",
)
_HEAD_TAIL = re.compile(
    r"\s*(?:(?:job\s+)?(?:qualifications?|requirements?|skills|experience))?\s*[:\n]|\s+(?:qualifications?|requirements?)",
)
_OTHERS = re.compile(r"\b(?:we|we're|we've|our|team|founders?|cto|ceo|company|tenure|wir|unser\w*)\b")
_FOR_HIRE = re.compile(
    r"\byou|candidate|applicant|looking for|seeking|\bhire|hiring|someone|who ha(?:s|ve)|require|\bneed|must"
    r"|minimum|at least|ideal|\bdu\b|\bsie\b|suchen|mindestens",
)
# After the years, only wording that makes the years themselves optional: `(preferred)`, `is a plus`.
_PREFERRED_AFTER = re.compile(
    r"\(preferred\)|(?:is|are|would be|will be)\s+(?:preferred|a plus|nice|desirable|a bonus)|nice to have"
)
_PARENS = re.compile(r"\([^()]*\)?")  # `(computer science, preferred)`: about the degree, not the years
_AFTER_CLAUSE = re.compile(r"[(.;]")
_PAREN_PREFERRED = re.compile(r"[^.;(]{0,60}\((?:preferred|nice to have|a plus|optional|desired|desirable)\)")
_REQUIRED_WORD = re.compile(r"required|minimum|must")
_UNIT_WORD = re.compile(r"year|yrs|yoe|jahr|decade|年|שנ")
_ALT_LINE = re.compile(r"\W*(?:or|oder|或)\b")
# Rust-regex check that a line may hold a heading word (both heading lists, lower case).
_HEAD_WORDS = (
    r"prefer|desired|nice.to.have|bonus|pluses|ideally|wünschenswert|von vorteil|加分|minimum"
    r"|basic qual|required"
    r"|requirement|must.have|qualification|what we look for|looking for|who you are|you have"
    r"|you bring|your profile"
    r"|your background|what you|anforderungen|profil|任职要求|岗位要求"
)
# Years of experience for the role as a whole rather than for one skill: `5+ years of relevant experience`,
# `8 years of professional work experience`, `5年以上工作经验`.
_WHOLE_ROLE = re.compile(
    r"[^a-z\n]{0,12}(?:years?|yrs|jahre?n?)\b[^a-z\n]{0,6}(?:of\s+)?"
    r"(?:relevant|related|professional|industry|work|working|overall|total|full[- ]time|progressive\w*"
    r"|commercial|paid|combined|equivalent|general)\s+(?:work\s+)?(?:experience|berufserfahrung)"
    r"|\d+\s*年(?:以上|及以上)?(?:工作|相关工作)经验"
)
# A clause that says "experience" (the hire's experience in general, or in a field), unlike `5+ years of
# leading a team`, `3+ years Python`.
_EXPERIENCE_WORD = re.compile(r"experience|erfahrung|经验")
# A list item that opens with the number of years (`- 5+ years of leading a team`).
_YEARS_ITEM = re.compile(r"[\s\-•*·>]*(?:\d|at least|minimum|min\.)")
_ALT_BETWEEN = re.compile(r"\bor\b|;|\boder\b|或")
_DEGREE = re.compile(
    r"bachelor|master|ph\.?\s?d|doctora|\bbs\b|\bms\b|\bba\b|\bma\b|\bm\.?sc|degree|diplom|学历"
)
_NONE_REQUIRED = re.compile(
    r"(?:no|none|without)\s+(?:prior\s+)?experience\s+(?:is\s+)?required|experience:\s*none"
)


def _value(token: str) -> float | None:
    token = re.sub(r"\(\d+\)", "", token).strip().lower()
    if token in NUMBER_WORDS:
        return float(NUMBER_WORDS[token])
    try:
        return float(token.replace(",", "."))
    except ValueError:
        return None


def _years_before_is_bad(before: str) -> bool:
    """True when the words right before the number make it company age, tenure, a horizon or residency
    (`for over 25 years`, `in the last three years`, `next 3-5 years`, `seit über 13 Jahren`)."""
    words = _WORD_RE.findall(before[-40:].lower())
    while words and words[-1] in _FILLER:
        words.pop()
    if not words:
        return False
    if words[-1] == "for" and len(words) > 1 and words[-2] in _SEEKING:
        return False  # `looking for 8+ years`
    return words[-1] in _BAD_LAST or " ".join(words[-2:]) in _BAD_LAST_TWO


def _is_requirement(m: re.Match[str], sentence: str, before: str, after: str) -> bool:
    """Whether a matched `N years` is the hire's required experience, from the words around it."""
    if _AFTER_BAD.search(after) or _years_before_is_bad(before):
        return False
    if (
        _ORG_BEFORE.search(before)
        and not _NEED_WORDS.search(before)
        and not _EXPERIENCE_BEFORE.search(sentence, max(0, m.start() - 80), m.start())
    ):
        return False
    if sentence[m.start("unit") - 1 : m.start("unit")] == "-":
        return False  # `3-year degree`, `one-year certificate`
    clause = _CLAUSE_SPLIT.split(sentence[max(0, m.start() - 120) : m.start()])[-1]
    if _OTHERS.search(clause) and not _FOR_HIRE.search(sentence, max(0, m.start() - 200), m.end() + 100):
        return False  # the team's, the founders' or the company's years, not a requirement for the hire
    return bool("+" in m.group(0) or _AFTER_OK.search(after[:40]) or _BEFORE_OK.search(before))


def _years_in(sentence: str) -> list[tuple[int, int]]:
    """(position, years) of each accepted requirement-like mention in one sentence."""
    found: list[tuple[int, int]] = []
    pos = 0
    while (m := YEARS_RE.search(sentence, pos)) is not None:
        start = m.start()
        prev = sentence[start - 1 : start]
        # Not inside a word or a decimal number (the check a look-behind would make, done here for speed);
        # a digit glued to the word before is fine: pages that lost their line breaks
        # (`Requirements3+ years`).
        glued_word = sentence[start].isdigit() and (
            prev.isalpha() or (prev == "," and sentence[start - 2 : start - 1].isalpha())
        )
        if (
            prev
            and not glued_word
            and (
                prev.isalnum() or prev in ",_" or (prev == "." and sentence[start - 2 : start - 1].isdigit())
            )
        ):
            pos = start + 1
            continue
        pos = m.end()
        a = _value(m.group("a"))
        if a is None:
            continue
        unit = m.group("unit").lower()
        if unit.startswith("decade"):
            a *= 10
        b = _value(m.group("b")) if m.group("b") else None
        low = min(a, b) if b is not None else a
        if low > 40:
            break  # company age (`more than 80 years ... and 30 years in software`): the sentence is history
        before = sentence[max(0, start - 40) : start]
        after = sentence[m.end() : m.end() + 60]
        if _is_requirement(m, sentence, before, after):
            found.append((start, int(low)))
    if "年" in sentence:
        for m in CJK_YEARS_RE.finditer(sentence):
            if _CJK_COMPANY_AGE.search(sentence, max(0, m.start() - 6), m.start()):
                continue
            a = int(m.group("a"))
            b = int(m.group("b")) if m.group("b") else a
            if min(a, b) <= 40:
                found.append((m.start(), min(a, b)))
    return sorted(found)


def _headings(line: str) -> list[tuple[int, bool]]:
    """(position, is_preferred) of the section headings in a line: a keyword at the start of the line, or one
    followed by `qualifications` / `requirements` / a colon (`Preferred Qualifications`, `Desired:`)."""
    out: list[tuple[int, bool]] = []
    lead = len(line) - len(line.lstrip(" -•*·#"))
    for rx, is_pref in ((_HEAD_PREFERRED, True), (_HEAD_REQUIRED, False)):
        for m in rx.finditer(line):
            tail = line[m.end() : m.end() + 30]
            if not is_pref and _HEAD_PREFERRED.search(line, max(0, m.start() - 12), m.start()):
                continue  # the second word of `Preferred Qualifications`
            if (m.start() <= lead + 1 and len(line) < 80) or _HEAD_TAIL.match(tail):
                out.append((m.start(), is_pref))
    return sorted(out)


def _short_lines(lines: list[str]) -> list[str]:
    """Long unbroken lines (pages without sentence breaks) cut into windows around each year word."""
    out: list[str] = []
    for line in lines:
        if len(line) <= 400:
            out.append(line)
            continue
        spans: list[list[int]] = []
        for m in _UNIT_WORD.finditer(line):
            lo, hi = max(0, m.start() - 200), min(len(line), m.end() + 150)
            if spans and lo <= spans[-1][1]:
                spans[-1][1] = hi
            else:
                spans.append([lo, hi])
        out.extend(line[lo:hi] for lo, hi in spans)
    return out


def years_of(lines: list[str], heads: list[bool] | None = None) -> int | None:
    """Minimum required years from the candidate sentences of one posting (in text order).

    `heads[i]` False says line i holds no heading word (a cheap Polars check), so it is not searched for one.
    """
    preferred = False
    groups: list[list[int]] = []  # one group per requirement statement; alternatives join the group
    # per group: (candidate line number, a plain `N years of X` list item, for the role as a whole,
    # says "experience")
    meta: list[tuple[int, bool, bool, bool]] = []
    last_had_degree = False
    flags = heads if heads is not None else [True] * len(lines)
    line_no = 0
    for raw, may_head in zip(lines, flags, strict=True):
        for line in _short_lines([raw]):
            preferred, last_had_degree = _read_line(
                line, may_head, preferred, last_had_degree, groups, meta, line_no
            )
            line_no += 1
    if not groups:
        return None
    if _several_roles(lines, flags):
        return min(min(g) for g in groups)  # posts with several roles: the smallest requirement of any role
    # The first requirement stated, unless it opens a list of `N years of <skill>` items and does not itself
    # speak of experience: then the item for the role as a whole (`4+ years of relevant experience`), else
    # the largest must-have (`5+ years of leading a team` / `8+ years of hands-on research` -> 8).
    run = [0]
    while (
        meta[run[0]][1]
        and run[-1] + 1 < len(groups)
        and meta[run[-1] + 1][1]
        and meta[run[-1] + 1][0] == meta[run[-1]][0] + 1
    ):
        run.append(run[-1] + 1)
    if len(run) == 1 or meta[0][3]:
        return min(groups[0])
    for j in run:
        if meta[j][2]:
            return min(groups[j])
    return max(min(groups[j]) for j in run)


def _several_roles(lines: list[str], heads: list[bool]) -> bool:
    """Whether the same requirements heading (`岗位要求：`, `Requirements:`) opens several sections: a post
    listing several roles, each with its own requirements."""
    seen: set[str] = set()
    for line, may_head in zip(lines, heads, strict=True):
        if not may_head:
            continue
        key = line.strip(" \t-•*·#:：")
        if len(key) <= 40 and _HEAD_REQUIRED.search(key) and not _UNIT_WORD.search(key):
            if key in seen:
                return True
            seen.add(key)
    return False


def _read_line(
    line: str,
    may_head: bool,
    preferred: bool,
    last_had_degree: bool,
    groups: list[list[int]],
    meta: list[tuple[int, bool, bool, bool]],
    line_no: int,
) -> tuple[bool, bool]:
    """Read one sentence: update the section state and append its requirement (if any) to `groups`."""
    # Headings switch the section; a heading glued to a sentence applies from its position on.
    cut_points = _headings(line) if may_head else []
    mentions = _years_in(line)
    if not mentions:
        return (cut_points[-1][1] if cut_points else preferred), last_had_degree
    kept: list[int] = []
    kept_pos: list[int] = []
    for pos, years in mentions:
        state = preferred
        for cp, is_pref in cut_points:
            if cp < pos:
                state = is_pref
        window = line[max(0, pos - 40) : pos + 50]
        explicit_required = _REQUIRED_WORD.search(window) is not None
        clause_before = _CLAUSE_SPLIT.split(_PARENS.sub(" ", line[:pos])[-60:])[-1]
        inline_pref = not explicit_required and (
            _PREFERRED_INLINE.search(clause_before) is not None
            or _PREFERRED_AFTER.search(_AFTER_CLAUSE.split(line[pos : pos + 90])[0]) is not None
            or _PAREN_PREFERRED.match(line, pos) is not None
        )
        if explicit_required:
            state = False
        if not state and not inline_pref:
            kept.append(years)
            kept_pos.append(pos)
    if cut_points:
        preferred = cut_points[-1][1]
    if not kept:
        return preferred, last_had_degree
    has_degree = _DEGREE.search(line) is not None
    alternative_line = _ALT_LINE.match(line) is not None
    # `Bachelor's with 9+ years` / `OR` / `Master's with 7+ years`: consecutive degree lines are alternatives
    degree_after_degree = has_degree and last_had_degree and bool(meta) and meta[-1][0] == line_no - 1
    if groups and (alternative_line or degree_after_degree) and last_had_degree:
        groups[-1].extend(kept)
        meta[-1] = (line_no, *meta[-1][1:])  # the next alternative must follow this line
        return preferred, has_degree
    if has_degree and len(kept) > 1 and _ALT_BETWEEN.search(line[mentions[0][0] : mentions[-1][0]]):
        groups.append(sorted(kept))  # alternative paths in one sentence: the smallest counts
    else:
        groups.append(kept[:1])
    item = len(kept) == 1 and not has_degree and _YEARS_ITEM.match(line) is not None
    clause = _AFTER_CLAUSE.split(line[kept_pos[0] :], maxsplit=1)[0]
    says_experience = _EXPERIENCE_WORD.search(clause) is not None
    meta.append((line_no, item, _WHOLE_ROLE.match(line, kept_pos[0]) is not None, says_experience))
    return preferred, has_degree


def experience_min_years(df: pl.DataFrame) -> pl.Series:
    """`experience_min_years` (Int64, null when none is stated) for each posting, in input order.

    Reads `description`; other columns are ignored.
    """
    n = df.height
    if "description" not in df.columns:
        return pl.Series("experience_min_years", [None] * n, dtype=pl.Int64)
    # Sentences are cut at ". " / "; " so long unbroken pages yield short snippets; the snippets are then
    # lower-cased in Polars: every Python pattern here is written in lower case, which keeps Python's regex
    # engine on its fast path (IGNORECASE is several times slower).
    lines = (
        pl.DataFrame({"d": df["description"].cast(pl.String)})
        .with_row_index("row")
        .select(
            "row",
            none=pl.col("d").str.contains(r"[Ee]xperience:\s*[Nn]one"),
            line=pl.col("d")
            .str.replace_all(r"([.;]) ", "${1}\n")
            # bullets flattened into one line: `... experience - 2+ years of ...` (not `3 - 5 years`)
            .str.replace_all(r"([a-z)]) - ([A-Z0-9])", "${1}\n- ${2}")
            .str.extract_all(CANDIDATES),
        )
        .explode("line")
        .drop_nulls("line")
        .with_columns(pl.col("line").str.to_lowercase())
        .with_columns(
            year=pl.col("line").str.contains(_YEARISH),
            head=pl.col("line").str.contains(_HEAD_WORDS),
        )
        # Only postings with a year sentence and no "Experience: none" need Python.
        .filter(pl.col("year").any().over("row"), ~pl.col("none"))
    )
    values: list[int | None] = [None] * n
    rows, texts, heads = lines["row"].to_list(), lines["line"].to_list(), lines["head"].to_list()
    start = 0
    for i in range(1, len(rows) + 1):
        if i == len(rows) or rows[i] != rows[start]:
            values[rows[start]] = years_of(texts[start:i], heads[start:i])
            start = i
    return pl.Series("experience_min_years", values, dtype=pl.Int64)
