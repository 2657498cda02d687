"""Country, US state and remote flag of a posting, from its location string (and title/text hints).

Grain: one row per posting, in input order. The country feeds the salary currency rule (a bare `$` is the
local dollar in Canada, Australia, New Zealand and Singapore; amounts with no currency take the currency of
the country) and the "US postings" population of the figures.

The parser is a small gazetteer (countries, US states, Canadian provinces, large cities) matched on word
boundaries; the first place mentioned wins ("USA, Canada" is the US). Location strings repeat a lot, so each
distinct string is parsed once. When the location is empty the title is tried (Hacker News titles carry the
place: `Acme | ML Engineer | London | £80k`), then the text for mainland-China city names and the language
of French or German text (Adzuna's French feed names towns without a country).
"""

from __future__ import annotations

import re
from functools import cache

import polars as pl

US_STATES: dict[str, str] = {
    "alabama": "AL", "alaska": "AK", "arizona": "AZ", "arkansas": "AR", "california": "CA", "colorado": "CO",
    "connecticut": "CT", "delaware": "DE", "district of columbia": "DC", "florida": "FL", "georgia": "GA",
    "hawaii": "HI", "idaho": "ID", "illinois": "IL", "indiana": "IN", "iowa": "IA", "kansas": "KS",
    "kentucky": "KY", "louisiana": "LA", "maine": "ME", "maryland": "MD", "massachusetts": "MA",
    "michigan": "MI", "minnesota": "MN", "mississippi": "MS", "missouri": "MO", "montana": "MT",
    "nebraska": "NE", "nevada": "NV", "new hampshire": "NH", "new jersey": "NJ", "new mexico": "NM",
    "new york": "NY", "north carolina": "NC", "north dakota": "ND", "ohio": "OH", "oklahoma": "OK",
    "oregon": "OR", "pennsylvania": "PA", "rhode island": "RI", "south carolina": "SC", "south dakota": "SD",
    "tennessee": "TN", "texas": "TX", "utah": "UT", "vermont": "VT", "virginia": "VA", "washington": "WA",
    "west virginia": "WV", "wisconsin": "WI", "wyoming": "WY", "puerto rico": "PR",
}  # fmt: skip

# Large US cities that often appear without a state ("San Francisco", "NYC").
US_CITIES: dict[str, str | None] = {
    "san francisco": "CA", "bay area": "CA", "los angeles": "CA", "san diego": "CA", "san jose": "CA",
    "palo alto": "CA", "mountain view": "CA", "sunnyvale": "CA", "santa clara": "CA", "menlo park": "CA",
    "oakland": "CA", "berkeley": "CA", "nyc": "NY", "new york city": "NY", "manhattan": "NY",
    "brooklyn": "NY",
    "seattle": "WA", "redmond": "WA", "bellevue": "WA", "boston": "MA", "cambridge, ma": "MA", "austin": "TX",
    "dallas": "TX", "houston": "TX", "chicago": "IL", "denver": "CO", "boulder": "CO", "atlanta": "GA",
    "miami": "FL", "pittsburgh": "PA", "philadelphia": "PA", "washington, dc": "DC", "washington dc": "DC",
    "washington, district of columbia": "DC", "washington, d.c.": "DC",
    "portland": "OR", "salt lake city": "UT", "phoenix": "AZ", "detroit": "MI", "minneapolis": "MN",
    "raleigh": "NC", "nashville": "TN", "baltimore": "MD", "saint louis": "MO", "st. louis": "MO",
}  # fmt: skip

COUNTRIES: dict[str, str] = {
    "united states of america": "US", "united states": "US", "usa": "US", "u.s.a.": "US", "u.s.": "US",
    "america": "US", "canada": "CA", "united kingdom": "GB", "uk": "GB", "u.k.": "GB", "england": "GB",
    "scotland": "GB", "wales": "GB", "great britain": "GB", "britain": "GB", "ireland": "IE",
    "germany": "DE", "deutschland": "DE", "france": "FR", "spain": "ES", "españa": "ES", "portugal": "PT",
    "italy": "IT", "italia": "IT", "netherlands": "NL", "the netherlands": "NL", "belgium": "BE",
    "switzerland": "CH", "austria": "AT", "österreich": "AT", "sweden": "SE", "norway": "NO", "denmark": "DK",
    "finland": "FI", "poland": "PL", "czech republic": "CZ", "czechia": "CZ", "romania": "RO",
    "bulgaria": "BG", "hungary": "HU", "greece": "GR", "estonia": "EE", "latvia": "LV", "lithuania": "LT",
    "ukraine": "UA", "turkey": "TR", "türkiye": "TR", "israel": "IL", "egypt": "EG", "saudi arabia": "SA",
    "ksa": "SA", "united arab emirates": "AE", "uae": "AE", "qatar": "QA", "kuwait": "KW", "bahrain": "BH",
    "oman": "OM", "jordan": "JO", "india": "IN", "pakistan": "PK", "bangladesh": "BD", "sri lanka": "LK",
    "china": "CN", "hong kong": "HK", "taiwan": "TW", "japan": "JP", "south korea": "KR", "korea": "KR",
    "singapore": "SG", "malaysia": "MY", "indonesia": "ID", "philippines": "PH", "vietnam": "VN",
    "thailand": "TH", "australia": "AU", "new zealand": "NZ", "brazil": "BR", "brasil": "BR",
    "mexico": "MX", "méxico": "MX", "argentina": "AR", "chile": "CL", "colombia": "CO", "peru": "PE",
    "uruguay": "UY", "south africa": "ZA", "nigeria": "NG", "kenya": "KE", "morocco": "MA",
    "luxembourg": "LU", "croatia": "HR", "serbia": "RS", "slovakia": "SK", "slovenia": "SI", "cyprus": "CY",
    "malta": "MT", "iceland": "IS",
}  # fmt: skip

CITIES: dict[str, str] = {
    "london": "GB", "manchester": "GB", "edinburgh": "GB", "bristol": "GB", "cambridge, uk": "GB",
    "oxford": "GB", "dublin": "IE", "berlin": "DE", "munich": "DE", "münchen": "DE", "hamburg": "DE",
    "frankfurt": "DE", "cologne": "DE", "köln": "DE", "stuttgart": "DE", "düsseldorf": "DE",
    "dusseldorf": "DE", "nuremberg": "DE", "nürnberg": "DE", "leipzig": "DE", "dresden": "DE",
    "chemnitz": "DE", "paris": "FR", "lyon": "FR", "toulouse": "FR", "nantes": "FR", "lille": "FR",
    "marseille": "FR", "bordeaux": "FR", "strasbourg": "FR", "ile-de-france": "FR", "île-de-france": "FR",
    "pays de la loire": "FR", "nouvelle-aquitaine": "FR", "occitanie": "FR", "hauts-de-france": "FR",
    "auvergne-rhône-alpes": "FR", "bretagne": "FR", "normandie": "FR", "grand est": "FR",
    "provence-alpes-côte d'azur": "FR", "bourgogne-franche-comté": "FR", "centre-val de loire": "FR",
    "madrid": "ES", "barcelona": "ES", "lisbon": "PT", "lisboa": "PT", "milan": "IT", "rome": "IT",
    "amsterdam": "NL", "rotterdam": "NL", "brussels": "BE", "zurich": "CH", "zürich": "CH", "geneva": "CH",
    "vienna": "AT", "wien": "AT", "stockholm": "SE", "oslo": "NO", "copenhagen": "DK", "helsinki": "FI",
    "warsaw": "PL", "krakow": "PL", "kraków": "PL", "prague": "CZ", "bucharest": "RO", "tel aviv": "IL",
    "tel aviv-yafo": "IL", "jerusalem": "IL", "haifa": "IL", "herzliya": "IL", "cairo": "EG", "giza": "EG",
    "alexandria, egypt": "EG",
    "riyadh": "SA", "jeddah": "SA", "dubai": "AE", "abu dhabi": "AE", "doha": "QA", "bangalore": "IN",
    "bengaluru": "IN", "mumbai": "IN", "pune": "IN", "hyderabad": "IN", "chennai": "IN", "gurugram": "IN",
    "gurgaon": "IN", "noida": "IN", "new delhi": "IN", "delhi": "IN", "toronto": "CA", "vancouver": "CA",
    "montreal": "CA", "montréal": "CA", "ottawa": "CA", "calgary": "CA", "waterloo, on": "CA",
    "sydney": "AU", "melbourne": "AU", "brisbane": "AU", "perth": "AU", "auckland": "NZ",
    "wellington": "NZ", "tokyo": "JP", "seoul": "KR", "shanghai": "CN", "beijing": "CN", "shenzhen": "CN",
    "guangzhou": "CN", "hangzhou": "CN", "wuhan": "CN", "chengdu": "CN", "são paulo": "BR",
    "sao paulo": "BR", "mexico city": "MX", "buenos aires": "AR", "bogotá": "CO", "bogota": "CO",
    "cape town": "ZA", "johannesburg": "ZA", "lagos": "NG", "nairobi": "KE",
}  # fmt: skip

# Mainland-China city names written in Chinese; CJK text has no word boundaries, so these match anywhere.
CN_CITY_HANZI = (
    "北京",
    "上海",
    "深圳",
    "广州",
    "杭州",
    "武汉",
    "成都",
    "南京",
    "西安",
    "苏州",
    "厦门",
    "长沙",
    "天津",
    "重庆",
)

CA_PROVINCES = ("ON", "BC", "QC", "AB", "MB", "NS", "NB", "SK", "NL", "PE")

_NAME_TO_PLACE: dict[str, tuple[str, str | None]] = {}
for _name, _code in COUNTRIES.items():
    _NAME_TO_PLACE[_name] = (_code, None)
for _name, _code in CITIES.items():
    _NAME_TO_PLACE[_name] = (_code, None)
for _name, _st in US_CITIES.items():
    _NAME_TO_PLACE[_name] = ("US", _st)
for _name, _st in US_STATES.items():
    _NAME_TO_PLACE[_name] = ("US", _st)

# Longest names first so "new york city" wins over "new york" and "united states of america" over "america".
_NAMES_RE = re.compile(
    r"(?<![\w-])("
    + "|".join(re.escape(n) for n in sorted(_NAME_TO_PLACE, key=len, reverse=True))
    + r")(?![\w-])"
)  # matched on lower-cased text (IGNORECASE is much slower on this long alternation)
# Kind of each name: a country outranks a state or province, which outranks a city.
_RANK: dict[str, int] = {
    **{n: 2 for n in CITIES},
    **{n: 2 for n in US_CITIES},
    **{n: 1 for n in US_STATES},
    **{n: 0 for n in COUNTRIES},
}
# A country name that starts a longer place name is not the country (`China Lake, California`).
_NAME_GOES_ON = re.compile(r" [A-Za-z]")
_US_ABBR_RE = re.compile(r",\s*(" + "|".join(sorted(set(US_STATES.values()))) + r")\b(?!\s*,\s*CA\b)")
_CA_PROV_RE = re.compile(r",\s*(?:" + "|".join(CA_PROVINCES) + r")\b")
_US_TOKEN_RE = re.compile(r"(?<![\w])(?:US|U\.S\.|USA)(?![\w])")
_REMOTE_RE = re.compile(r"\bremote\b|\banywhere\b|\bwork from home\b|\bWFH\b|\bhome ?office\b", re.IGNORECASE)
_ONSITE_RE = re.compile(r"\bon-?site\b|\bin[- ]office\b|\bno remote\b|\bhybrid\b", re.IGNORECASE)


@cache
def parse_place(text: str) -> tuple[str | None, str | None]:
    """(country alpha-2, US state) named in `text`; (None, None) when none is found.

    The most general place wins (a country over a state or province over a city: `China Lake, California`
    and `Dublin, Georgia` are in the US, `Toronto, ON, CA` in Canada); among equals, the first one named
    (`USA, Canada` is the US).
    """
    hits: list[tuple[int, int, str, str | None]] = []  # (rank, position, country, state)
    for m in _NAMES_RE.finditer(text.lower()):
        name = m.group(1)
        rank = _RANK[name]
        if rank == 0 and _NAME_GOES_ON.match(text, m.end()) and "," not in text[m.end() : m.end() + 1]:
            rank = 3  # `China Lake`, `Jordan Valley`: part of a longer name, weakest evidence
        code, state = _NAME_TO_PLACE[name]
        hits.append((rank, m.start(), code, state))
    for m in _CA_PROV_RE.finditer(text):
        hits.append((1, m.start(), "CA", None))
    for m in _US_ABBR_RE.finditer(text):
        hits.append((1, m.start(), "US", m.group(1)))
    m = _US_TOKEN_RE.search(text)
    if m:
        hits.append((0, m.start(), "US", None))
    if not hits:
        return None, None
    _, _, code, state = min(hits, key=lambda h: (h[0], h[1]))
    if code == "US" and state is None:
        # "Remote (US)" then "Austin, TX" later: keep the first state named anywhere.
        state = next((h[3] for h in sorted(hits, key=lambda h: h[1]) if h[2] == "US" and h[3]), None)
    return code, state


def remote_flag(text: str) -> bool | None:
    """True when the text says remote, False when it says on-site/hybrid only, else None."""
    if _REMOTE_RE.search(text):
        return True
    if _ONSITE_RE.search(text):
        return False
    return None


# Common function words: four or more in the opening text tell the language well enough for a currency
# default.
_FRENCH_RE = (
    r"\b(?:nous|vous|votre|notre|avec|poste|entreprise|recherchons|expérience|les|des|une|dans|pour|êtes|le|la"
    r"|du|de|et|est|au|aux|sur|un)\b"
)
# French job-ad titles mark the gender: `Conseiller Commercial H/F`, `Enseignant-Chercheur F/H`.
_FRENCH_TITLE_RE = r"\b(?:H/F|F/H|h/f|f/h)\b"
_GERMAN_RE = r"\b(?:wir|und|für|mit|deine|ihre|unser|Erfahrung|Stelle|die|der|das|bei|sind|bist)\b"


def location_frame(df: pl.DataFrame) -> pl.DataFrame:
    """One row per input posting: country (ISO alpha-2), us_state, is_us, remote.

    Input columns used: location, title, description (any may be missing or null).
    """
    n = df.height
    loc = _col(df, "location")
    title = _col(df, "title")
    desc = _col(df, "description")

    # Parse each distinct location (and, for postings without one, each distinct title) once.
    loc_vals = loc.to_list()
    title_vals = title.to_list()
    by_loc = {v: (*parse_place(v), remote_flag(v)) for v in set(loc_vals) if v}
    countries: list[str | None] = [None] * n
    states: list[str | None] = [None] * n
    remotes: list[bool | None] = [None] * n
    for i, src in enumerate(loc_vals):
        if src:
            countries[i], states[i], remotes[i] = by_loc[src]
        t = title_vals[i]
        if t and (countries[i] is None or remotes[i] is None):
            if countries[i] is None:
                countries[i], states[i] = parse_place(t)
            if remotes[i] is None:
                remotes[i] = _title_remote(t)

    # Text hints for postings still without a country (vectorised, on those rows only).
    missing = [i for i in range(n) if countries[i] is None]
    if missing:
        hint = (
            pl.DataFrame({"d": desc.gather(missing), "t": title.gather(missing)})
            .select(
                cn=pl.col("d").str.contains("|".join(CN_CITY_HANZI)),
                fr=(pl.col("d").str.slice(0, 2000).str.count_matches(_FRENCH_RE) >= 6)
                | pl.col("t").str.contains(_FRENCH_TITLE_RE),
                de=pl.col("d").str.slice(0, 2000).str.count_matches(_GERMAN_RE) >= 4,
            )
            .fill_null(False)
        )
        for i, cn, fr, de in zip(missing, hint["cn"], hint["fr"], hint["de"], strict=True):
            if cn:
                countries[i] = "CN"
            elif fr:
                countries[i] = "FR"
            elif de:
                countries[i] = "DE"
    return pl.DataFrame(
        {
            "country": countries,
            "us_state": [s if c == "US" else None for c, s in zip(countries, states, strict=True)],
            "is_us": [c == "US" for c in countries],
            "remote": remotes,
        },
        schema={"country": pl.String, "us_state": pl.String, "is_us": pl.Boolean, "remote": pl.Boolean},
    )


@cache
def _title_remote(title: str) -> bool | None:
    return True if _REMOTE_RE.search(title) else None


def _col(df: pl.DataFrame, name: str) -> pl.Series:
    if name in df.columns:
        return df[name].cast(pl.String)
    return pl.Series(name, [None] * df.height, dtype=pl.String)
