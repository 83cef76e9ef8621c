"""Numbers in a claim against numbers in a passage, the way a careful reader compares them.

"165 miles per hour" is "165 mph", "more than 150 thousand" is "over 150,000", "Eleven" is "11",
"4.75%" is "4.75 percent", and "roughly 145 km/h" is a fair conversion of "90 mph". But "120 miles
per hour" is not "120 kilometers an hour", and "thousands of times" needs a "thousands" in the
passage. ``missing_quantity(claim, support)`` returns the first quantity of the claim the support
does not give (empty when all are there).
"""

from __future__ import annotations

import contextlib
import datetime
import re
from dataclasses import dataclass, field, replace
from functools import lru_cache

from rag.lexicon import ABOVE_WORDS, BELOW_WORDS, FALL_WORDS, MONTHS, RISE_WORDS
from rag.text import STOPWORDS, match_form

_UNITS: dict[str, str] = {}
# Canonical unit -> (dimension, factor to the dimension's base unit).
_DIMENSION = {
    "mph": ("speed", 1.609344), "km/h": ("speed", 1.0), "knots": ("speed", 1.852),
    "mi": ("length", 1609.344), "km": ("length", 1000.0), "m": ("length", 1.0),
    "cm": ("length", 0.01), "mm": ("length", 0.001), "ft": ("length", 0.3048),
    "in": ("length", 0.0254), "yd": ("length", 0.9144),
    "kg": ("mass", 1.0), "lb": ("mass", 0.45359237), "t": ("mass", 1000.0),
    "%": ("ratio", 1.0),
    "c": ("temperature-c", 1.0), "f": ("temperature-f", 1.0),
}
for canon, aliases in {
    "mph": ["mph", "miles per hour", "miles an hour", "mi/h", "miles/hour"],
    "km/h": ["km/h", "kph", "kmh", "km/hr", "kilometers per hour", "kilometres per hour",
             "kilometers an hour", "kilometres an hour"],
    "knots": ["knots", "knot", "kt"],
    "mi": ["miles", "mile", "mi"],
    "km": ["kilometers", "kilometres", "kilometer", "kilometre", "km"],
    "m": ["meters", "metres", "meter", "metre", "m"],
    "cm": ["centimeters", "centimetres", "centimeter", "centimetre", "cm"],
    "mm": ["millimeters", "millimetres", "mm"],
    "ft": ["feet", "foot", "ft"],
    "in": ["inches", "inch"],
    "yd": ["yards", "yard"],
    "kg": ["kilograms", "kilogram", "kg", "kilos", "kilo"],
    "lb": ["pounds", "pound", "lbs", "lb"],
    "t": ["tonnes", "tonne", "tons", "ton"],
    "%": ["%", "percent", "per cent", "percentage points", "percentage point"],
    "c": ["degrees celsius", "°c", "celsius"],
    "f": ["degrees fahrenheit", "°f", "fahrenheit"],
}.items():
    for alias in aliases:
        _UNITS[alias] = canon
# Every way of writing a unit the table knows ("miles per hour", "km", "percent").
UNIT_WORDS = frozenset(_UNITS)
_UNIT_RE = "|".join(sorted((re.escape(a) for a in _UNITS), key=len, reverse=True))

_SMALL = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
    "seventy": 70, "eighty": 80, "ninety": 90, "dozen": 12,
}
_SCALE = {"hundred": 100, "thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000,
          "trillion": 1_000_000_000_000}
# Plural scale words are vague amounts ("thousands of"): the passage must say them too.
_VAGUE = {"dozens", "hundreds", "thousands", "millions", "billions", "scores"}
_NUMWORD = "|".join(sorted([*_SMALL, *_SCALE], key=len, reverse=True))
_CLOCK_TIME = re.compile(r"\b([01]?\d|2[0-3]):([0-5]\d)\b")
_TOKEN = re.compile(
    rf"(?P<digits>\d+(?:,\d{{3}})+(?:\.\d+)?|\d+(?:\.\d+)?)"
    rf"|(?P<words>(?:\b(?:{_NUMWORD})\b(?:[\s-]+(?:and[\s-]+)?)?)+)"
    rf"|(?P<vague>\b(?:{'|'.join(_VAGUE)})\b)"
)
# News writes "$1.7bn", "2.4mn"; "25m" is 25 million or 25 metres (``_MILLION_OR_METRES``).
_SCALE_SHORT = {"bn": 1_000_000_000, "mn": 1_000_000, "mln": 1_000_000, "tn": 1_000_000_000_000}
_AFTER = re.compile(
    rf"\s*(?:\(|\[|~)?\s*(?P<scale>{'|'.join([*_SCALE, *_SCALE_SHORT])})?\s*"
    rf"(?P<unit>{_UNIT_RE})?(?![a-z])"
)
# A number with "m" written straight after it ("25m people", "2.4m customers", "400m"): news
# writes millions so, and metres too; a passage saying it backs either reading.
_MILLION_OR_METRES = re.compile(r"[\d.,]+m")
# "one" that is a pronoun or part of a phrase, not a count.
_NOT_A_COUNT = re.compile(
    r"(?:\b(?:no|any|every|each|the|this|that|which|some)\s+one\b)"
    r"|(?:\bone\s+(?:of|another|by|after|day|time|way|or|who|which|that)\b)"
    # "... introduced legislation to create one.": a noun's stand-in closing its clause (not
    # "only one.", "just one,", "at least one;": those count).
    r"|(?:(?<!\bonly )(?<!\bjust )(?<!\bexactly )(?<!\bleast )(?<!\bmost )"
    r"\bone(?=\s*(?:[.,;:!?)]|$)))"
)
# "one" as a noun's stand-in after an article and an adjective: "the only one", "a new one".
_ONE_PRONOUN = re.compile(
    r"\b(?:the|a|an|this|that|its|their|his|her)\s+(?:[a-z]+\s+)?one\b"
    r"(?![\s-]*(?:hundred|thousand|million|billion|trillion)\b|-)"
)
# "one official said" for "an official said": one of a noun the passage names with "a".
_ONE_OF_A_KIND = re.compile(r"\bone\s+((?:[a-z]+\s+){0,2}[a-z]+)")
# "the two crews", "both its two engines": a count of things the passage names, not a figure.
_ANAPHORIC = re.compile(r"\b(?:the|these|those|its|their|his|her|our)\s+(?:one|two)\b")
# A fraction's denominator after a number word: "one-fourteenth", "three-quarters", "two
# thirds" are values of their own, not "one", "three", "two".
_DENOMINATORS = {
    "half": 2, "halves": 2, "third": 3, "quarter": 4, "fourth": 4, "fifth": 5, "sixth": 6,
    "seventh": 7, "eighth": 8, "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12,
    "thirteenth": 13, "fourteenth": 14, "fifteenth": 15, "sixteenth": 16, "seventeenth": 17,
    "eighteenth": 18, "nineteenth": 19, "twentieth": 20, "hundredth": 100, "thousandth": 1000,
}
_DENOMINATOR_WORDS = "|".join(sorted(_DENOMINATORS, key=len, reverse=True))
_DENOMINATOR = re.compile(rf"(?P<d>{_DENOMINATOR_WORDS})s?\b")
# "a quarter of", "half the homes": fractions a passage writes without a number word.
_ARTICLE_FRACTION = re.compile(rf"\b(?:a|an)[\s-]+(?P<d>{_DENOMINATOR_WORDS})\b|\b(?P<half>half)\b")
# Conversions between units are rounded by whoever writes them: "roughly 145 km/h" for 90 mph.
CONVERSION_TOLERANCE = 0.03


@dataclass(frozen=True)
class Quantity:
    text: str  # as written
    value: float | None  # None for a vague amount ("thousands")
    unit: str = ""  # canonical unit, "" if none
    vague: str = ""  # the vague word, if any
    # Where the number and its scale and unit words are in the text (not compared).
    span: tuple[int, int] = field(default=(0, 0), compare=False)


@lru_cache(maxsize=4096)
def quantities(text: str) -> tuple[Quantity, ...]:
    """Every number of ``text`` with its value and unit (years are plain numbers; a time of day
    is its minutes, unit "clock")."""
    low = match_form(text)
    skip = {m.start() + m.group(0).index("one") for m in _NOT_A_COUNT.finditer(low)}
    skip |= {m.end() - 3 for m in _ONE_PRONOUN.finditer(low)}
    skip |= {m.end() - 3 for m in _ANAPHORIC.finditer(low)}
    # A time of day is one quantity, in minutes: "18:02 UT" backs no "18 days" and no "10:02".
    clocks = [(m.span(), Quantity(text[m.start():m.end()], float(int(m.group(1)) * 60
                                                              + int(m.group(2))),
                                  "clock", span=m.span()))
              for m in _CLOCK_TIME.finditer(low)]
    out: list[Quantity] = [q for _, q in clocks]
    consumed = 0  # "150 thousand": the scale word belongs to the number before it
    for m in _TOKEN.finditer(low):
        if m.start() < consumed or any(a <= m.start() < b for (a, b), _ in clocks):
            continue
        if m.group("vague"):
            out.append(Quantity(m.group(0), None, vague=m.group("vague"), span=m.span()))
            continue
        if m.group("digits"):
            value = float(m.group("digits").replace(",", ""))
        else:
            words = m.group("words").strip(" -")
            if not words or (words in ("one", "two") and m.start() in skip):
                continue
            parsed = _words_value(words)
            if parsed is None:
                continue
            value = parsed
            fraction = _DENOMINATOR.match(low, m.end())
            if fraction and m.group("words").endswith(("-", " ")):
                # "one-fourteenth of the air": the fraction is the value.
                value /= _DENOMINATORS[fraction.group("d")]
                end = fraction.end()
                consumed = end
                out.append(Quantity(text[m.start():end], value, span=(m.start(), end)))
                continue
        tail = _AFTER.match(low, m.end())
        unit = ""
        if tail:
            if tail.group("scale") and m.group("digits"):
                scale = tail.group("scale")
                value *= _SCALE.get(scale) or _SCALE_SHORT[scale]
                consumed = tail.end()
            unit = _UNITS.get(tail.group("unit") or "", "")
        end = tail.end() if tail else m.end()
        shown = text[m.start():m.end()].strip(" -")
        out.append(Quantity(shown, value, unit, span=(m.start(), end)))
    return tuple(sorted(out, key=lambda q: q.span))


def _words_value(words: str) -> float | None:
    total, current = 0, 0
    for w in re.split(r"[\s-]+", words):
        if w == "and" or not w:
            continue
        if w in _SMALL:
            current += _SMALL[w]
        elif w in _SCALE:
            current = max(current, 1) * _SCALE[w]
            if _SCALE[w] >= 1000:
                total, current = total + current, 0
    return float(total + current)


def missing_quantity(claim: str, support: str) -> str:
    """The first quantity of ``claim`` that ``support`` does not give; "" when none."""
    have = quantities(support)
    values = [q for q in have if q.value is not None]
    low = match_form(support)
    values += [replace(q, value=q.value * 1_000_000, unit="") for q in values
               if q.value is not None and q.unit == "m"
               and _MILLION_OR_METRES.fullmatch(low, *q.span)]
    values += [Quantity(f.group(0), 1 / _DENOMINATORS[f.group("d")] if f.group("d") else 0.5,
                        span=f.span()) for f in _ARTICLE_FRACTION.finditer(low)]
    vague = {q.vague.rstrip("s") for q in have if q.vague}
    vague |= {w for w in _SCALE if re.search(rf"\b{w}s?\b", low)}
    for q in quantities(claim):
        if q.text.lower() == "one" and _one_as_a(claim, support):
            continue
        if _counts_listed(claim, q, support) or _between_dates(claim, q, low):
            continue
        if q.value is None:
            if q.vague.rstrip("s") not in vague:
                return q.text
            continue
        same = [h for h in values if same_value(h.value, q.value)]
        if same:
            if not q.unit or any(not h.unit or h.unit == q.unit for h in same):
                continue
            # The number is there but in another unit: "120 mph" for "120 km/h".
            if not _converted(q, values):
                return q.text
            continue
        if q.unit and _converted(q, values):
            continue
        return q.text
    return ""


# A run of names after a count: "two members of the crew, commander Fyodor Yurchikhin and
# flight engineer Oleg Kotov" (title words in lower case may stand before each name).
_NAME = r"(?:[a-z]+\s+){0,3}?[A-Z][\w'\u2019.-]*(?:\s+[A-Z][\w'\u2019.-]*)*"
_LISTED = re.compile(rf"{_NAME}(?:\s*,\s*(?:and\s+)?{_NAME})*(?:\s*,?\s+and\s+{_NAME})")
_LIST_SPLIT = re.compile(r"\s*,\s*(?:and\s+)?|\s+and\s+")
_NAME_RUN = re.compile(r"[A-Z][\w'\u2019.-]*(?:\s+[A-Z][\w'\u2019.-]*)*")


def _counts_listed(claim: str, q: Quantity, support: str) -> bool:
    """The claim's number counts the names it lists right after it, and the passage names
    each of them: "the two leaders, Trump and Putin", where the passage never says "two"."""
    if q.value is None or not 2 <= q.value <= 10 or q.value != int(q.value):
        return False
    rest = claim[q.span[1]:]
    # The list starts after the counted noun phrase and a comma or colon, within a few words.
    head = re.match(r"[^,:;.]{0,60}?[,:]\s*", rest)
    if head is None:
        return False
    listed = _LISTED.match(rest, head.end())
    if listed is None:
        return False
    items = [i for i in _LIST_SPLIT.split(listed.group(0)) if i.strip()]
    names = [m.group(0).rstrip(".") for i in items if (m := _NAME_RUN.search(i))]
    return len(names) == len(items) == int(q.value) and all(
        match_form(n) in match_form(support) for n in names)


_MONTH_NUMBER = {m: i for i, m in enumerate(MONTHS, start=1)}
_MONTH = "|".join(MONTHS).replace("sep", "sept?")
_DATE = re.compile(
    rf"\b(?:(?P<month>{_MONTH})[a-z]*\.?\s+(?P<day>\d{{1,2}})\b"
    rf"|(?P<day2>\d{{1,2}})\s+(?P<month2>{_MONTH})[a-z]*\b)(?:,?\s+(?P<year>\d{{4}}))?"
)
_SPAN_UNIT = re.compile(r"\s*(?P<unit>days?|weeks?)\b")


def _between_dates(claim: str, q: Quantity, support: str) -> bool:
    """"Two days later" where the passage dates one event Oct. 10 and the next Oct. 12: the
    claim counts the days between two dates the passage gives (``support`` in match form)."""
    if q.value is None or q.value != int(q.value) or not 1 <= q.value <= 366:
        return False
    unit = _SPAN_UNIT.match(match_form(claim), q.span[1])
    if unit is None:
        return False
    days = int(q.value) * (7 if unit.group("unit").startswith("week") else 1)
    dates = set()
    for m in _DATE.finditer(support):
        month = _MONTH_NUMBER[(m.group("month") or m.group("month2"))[:3]]
        day = int(m.group("day") or m.group("day2"))
        year = int(m.group("year") or 2001)  # no year given: any common year
        with contextlib.suppress(ValueError):
            dates.add(datetime.date(year, month, day))
    return any(abs((a - b).days) == days for a in dates for b in dates)


def _one_as_a(claim: str, support: str) -> bool:
    """"one official" where the passage says "an official" (or "a senior official"): the
    passage counts one of them too, with its article."""
    low, hay = match_form(claim), match_form(support)
    for m in _ONE_OF_A_KIND.finditer(low):
        words = [w for w in m.group(1).split() if w not in STOPWORDS]
        if words and any(
            re.search(rf"\b(?:a|an|another|single)\s+(?:[a-z-]+\s+){{0,2}}{re.escape(w)}\b", hay)
            for w in words[:2]
        ):
            return True
    return False


def dimension(unit: str) -> str:
    """What a canonical unit measures ("mi" and "ft": "length"); the unit itself if unknown."""
    return _DIMENSION.get(unit, (unit, 1.0))[0]


def same_value(a: float | None, b: float | None) -> bool:
    """Whether two numbers read from text are the same number ("21" and "twenty-one")."""
    return _close(a, b, 1e-9)


def _close(a: float | None, b: float | None, rel: float) -> bool:
    if a is None or b is None:
        return False
    return abs(a - b) <= rel * max(abs(a), abs(b), 1e-9)


def _converted(q: Quantity, values: list[Quantity]) -> bool:
    """``q`` is a conversion of a number of the support in another unit of the same kind."""
    dim, factor = _DIMENSION.get(q.unit, ("", 0.0))
    if not dim or q.value is None:
        return False
    for h in values:
        hdim, hfactor = _DIMENSION.get(h.unit, ("", 0.0))
        if hdim == dim and h.unit != q.unit and h.value is not None and _close(
            h.value * hfactor, q.value * factor, CONVERSION_TOLERANCE
        ):
            return True
    return False


def quantity_words(text: str) -> str:
    """The numbers of ``text`` with their scale and unit words, for coverage to skip."""
    low = match_form(text)
    out = []
    for m in _TOKEN.finditer(low):
        tail = _AFTER.match(low, m.end())
        out.append(low[m.start():tail.end() if tail else m.end()])
    return " ".join(out)


# A figure set against another in the same breath: "$1.57 billion, slightly above the $1.59
# billion expected", "4.75 percent, down from 5.25 percent", "rose from 12 to 15". The words
# say which is larger; the numbers must agree, whatever the passage says.
_DEGREE = r"(?:(?:slightly|well|far|just|sharply|much|somewhat|marginally|significantly" \
          r"|substantially|considerably|a little|a bit)\s+)?"
_COMPARED = "|".join(ABOVE_WORDS + BELOW_WORDS)
_SET_AGAINST = re.compile(
    rf"^\s*,?\s*{_DEGREE}(?P<word>{_COMPARED})\s+(?:the\s+|an?\s+)?\$?$"
)
_CHANGE_WORDS = re.compile(
    rf"\b(?:(?P<rise>{'|'.join(sorted(RISE_WORDS))})|(?P<fall>{'|'.join(sorted(FALL_WORDS))}))\b"
)
_LEADS_IN = re.compile(r"\b(?:from|to)\s+\$?$")  # the word before the first figure
_FROM_TO = re.compile(r"^\s+to\s+\$?$")  # "from 12 to 15"
_TO_FROM = re.compile(r"^\s*,?\s+from\s+\$?$")  # "to 15 from 12"


def reversed_comparison(claim: str) -> str:
    """Two figures of ``claim`` that its own words compare the wrong way round ("$1.57 billion,
    slightly above the $1.59 billion", "rose from 15 to 12"): "" when none. Only figures
    written side by side, in one unit, and a comparison word between them or a verb of rise or
    fall just before them."""
    low = match_form(claim)
    found = [q for q in quantities(claim) if q.value is not None]
    for a, b in zip(found, found[1:], strict=False):
        if a.unit != b.unit or a.unit == "clock" or _year(a) or _year(b):
            continue
        assert a.value is not None and b.value is not None
        between = low[a.span[1]:b.span[0]]
        if m := _SET_AGAINST.match(between):
            word = m.group("word").split()[0]
            larger = m.group("word") in ABOVE_WORDS
            first, second = a, b
        elif (from_to := _FROM_TO.match(between)) or _TO_FROM.match(between):
            change = _CHANGE_WORDS.search(low[max(0, a.span[0] - 40):a.span[0]].split(",")[-1])
            if not change or not _LEADS_IN.search(low[max(0, a.span[0] - 12):a.span[0]]):
                continue
            larger = change.group("rise") is not None
            # "from A to B": B is the new figure; "to A from B": A is.
            first, second = (b, a) if from_to else (a, b)
            word = "rose" if larger else "fell"
        else:
            continue
        assert first.value is not None and second.value is not None
        if (first.value > second.value) != larger or first.value == second.value:
            return f"{first.text} is not {'above' if larger else 'below'} {second.text} ({word})"
    return ""


def _year(q: Quantity) -> bool:
    """A plain four-digit number a year could be ("from 2006 to 2008" is a span of time)."""
    return not q.unit and q.text.isdigit() and len(q.text) == 4 and 1500 <= (q.value or 0) <= 2100
