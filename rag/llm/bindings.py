"""Figures and names bound to the wrong thing: every number and name of the claim is in the
passage, but not with what the claim ties to it.

"Felix left 21 people missing and over 200 dead" over "at least 21 people dead and over 200
missing" passes the number check (both numbers are there) and the term check (every word is
there). A careful reader ties each figure to the words that say what it counts: the words
right after it, up to the end of its phrase ("21 people dead", "27,000 people have also been
evacuated"), and the word just before it ("magnitude 7.0", "Category 5", "killing 21").
Units ("600 feet"), scale words and generic counts ("people", "years") say how it counts, not
what.

A claim's figure is swapped when the passage's same number does not count the thing the claim
has it count (the first of its words, "missing" in "21 people missing"), and another number of
the passage counts exactly that. Without that second piece of evidence a figure is left alone:
"21 people were killed" for "21 dead" binds 21 to other words, but no other number of the
passage counts the killed; "1,200 people had to leave their homes" for "1,200 were moved to
shelters; 35 homes were flooded" counts leaving, not homes.

Three more ways a figure lands on the wrong thing with every word in the passage: two figures
of the claim trade what they count ("500,000 were killed, while three-quarters fled" over the
reverse: each counts a word the passage gives only the other); a range takes one end from
another event ("serving from 1858 to 1909" over "president (1869-1909)"); and a figure stands
among the words the passage has around another figure of its kind ("allowed the fewest points
per game this season, 16.7" over "... this season (16.1) ... second in points (16.7)", "in
1978" for what the passage dates 1974), the other figure's words matching clearly better than
any place of the claim's value in the passage.

Names the same way, for the two ties news writes most: a title before a name ("Pilot Charles
Hobaugh", "Prime Minister Jacinda Ardern"; ``lexicon.TITLES``) and a named owner ("Ardern's
Labour Party"). "Flight Engineer Charles Hobaugh" is swapped when the passage gives Hobaugh
another title and gives "Flight Engineer" to someone else; "Davis's Labour Party" when the
passage has Labour Party owned by Ardern and ties it to Davis nowhere, by possessive or
otherwise ("the U.S. envoy", "the army of Ukraine"). A person is matched by surname, a capital
by its country ("Moscow's plan" is "Russia's plan"). Common-noun owners ("the shuttle's arm")
are left alone: "Endeavour's" and "the shuttle's" may be one owner. A place that holds a thing
owns it too ("Independence Square in the capital, Accra" is Accra's).

And places as figures: a place the claim puts something in ("in Florida") standing among the
words the passage has around another place ("ran for mayor in Florida ... the Senate in
Washington" over the reverse), read with the figures' words and thresholds; where the passage
names both places in one sentence, only a swap counts.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from typing import TypeVar

from rag.lexicon import MONTHS, SEATS_OF_GOVERNMENT, TITLES
from rag.llm.quantities import UNIT_WORDS, Quantity, dimension, quantities, same_value
from rag.text import STOPWORDS, match_form, sentence_spans, terms

# Content words read after a figure, at most.
AFTER = 3
# Tokens looked at after a figure before giving up (stopwords and auxiliaries are skipped).
REACH = 8
_TOKEN = re.compile(r"[a-z0-9]+(?:[.,'][a-z0-9]+)*|[.,;:!?()\[\]\"\u2014]|\s-\s")
# A phrase ends at punctuation or a conjunction: "21 people dead and over 200 missing".
_STOP = frozenset([*".,;:!?()[]\"\u2014", "-", "and", "or", "but", "while", "whereas", "than"])
# Words that say how a figure counts, not what: units of time (other units come from the
# quantity table), scale words, and counts of anyone.
_HOW = frozenset(terms(" ".join(
    [*UNIT_WORDS, "thousand", "million", "billion", "trillion", "hundred", "dozen", "second",
     "seconds", "minute", "minutes", "hour", "hours", "day", "days", "week", "weeks", "month",
     "months", "year", "years", "people", "person", "persons", "time", "times", "number",
     "total", "least", "more", "less", "fewer", "many", "much", "about", "some", "nearly",
     "almost", "over", "under", "up"]
)))


_OF = re.compile(r"\s+of\b")
# A figure's context (``_misplaced``): words each side, and how many a passage's other figure
# must share with the claim's, and by how many more than the passage's figure of that value.
CONTEXT_WORDS = 8
CONTEXT_SHARED = 3
CONTEXT_LEAD = 2
_WORD = re.compile(r"[\w'\u2019.,-]+")
_CLOCK = re.compile(r"\d{1,2}:\d{2}")
# The word before a number, and what joins them: "STS-118", "Expedition 15".
_NAME_BEFORE = re.compile(r"\b(?P<word>[A-Z][\w]*)(?P<joint>[- ])$")
# What joins the two ends of a range: "1869-1909", "1858 to 1909", "10 and 15" after "between".
_RANGE_GAP = re.compile(r"\s*(?:-|\u2013|\u2014|to|through|until|till)\s*")
_AND_GAP = re.compile(r"\s*and\s*")
# A year as news writes it: four digits, no thousands comma.
_YEAR = re.compile(r"1[0-9]{3}|20[0-9]{2}")


@dataclass(frozen=True)
class Figure:
    value: float
    words: frozenset[str]  # stems of what it counts
    head: str  # the first of them after it (else the word before it): "dead" in "21 dead"
    # What kind of number it is: what its unit measures ("length" for "600 feet" and "214
    # miles", "ratio" for "%"), "year" for a year, "" for a count. Only
    # figures of one kind stand in for each other: "19% of the student body" is no swap of
    # "5,792 students", nor "2006 could be a second drought year" of "three years of drought".
    kind: str = ""


def figures(text: str) -> list[Figure]:
    """Each number of ``text`` with the stems of what it counts."""
    low = match_form(text)
    found = [q for q in quantities(text) if q.value is not None]
    spans = [q.span for q in found]
    out = []
    for q in found:
        start, end = q.span
        words: list[str] = []
        for seen, m in enumerate(_TOKEN.finditer(low, end, min(len(low), end + 200))):
            token = m.group(0).strip()
            if seen == REACH:
                break
            if token in _STOP or any(a <= m.start() < b for a, b in spans):
                break
            if token in STOPWORDS:
                continue
            words += terms(token)
            if len(words) >= AFTER:
                break
        before = low[max(0, start - 40):start].split()
        if before and before[-1] not in STOPWORDS and before[-1][-1] not in ".,;:!?)\"":
            words += terms(before[-1])
        assert q.value is not None
        kept = [w for w in words if w not in _HOW]
        kind = _kind(q)
        if kind == "ratio" and _OF.match(low, end):
            # "19% of the student body were international students": the "of" phrase is the
            # whole the share is taken from, not what it counts (that comes after the verb).
            kept = []
        out.append(Figure(q.value, frozenset(kept), kept[0] if kept else "", kind))
    return out


def _kind(q: Quantity) -> str:
    """What kind of number ``q`` is (``Figure.kind``)."""
    return dimension(q.unit) if q.unit else "year" if _YEAR.fullmatch(q.text) else ""


def swapped_figure(claim: str, support: str) -> str:
    """Why a figure of ``claim`` counts what ``support`` counts with another number, or a
    range of it ends where none of ``support`` does; "" if none."""
    theirs = figures(support)
    ours = figures(claim)
    for mine in ours:
        if not mine.head:
            continue
        same = [f for f in theirs if same_value(f.value, mine.value)]
        if not same or any(mine.head in f.words for f in same):
            continue
        for other in theirs:
            if (other.head == mine.head and other.kind == mine.kind
                    and not same_value(other.value, mine.value)):
                return (f"{_show(mine.value)} is not the figure for {mine.head!r}: the passage "
                        f"gives {_show(other.value)}")
    return _crossed(ours, theirs) or _altered_range(claim, support) or _misplaced(claim, support)


def _crossed(ours: list[Figure], theirs: list[Figure]) -> str:
    """Two figures of the claim that trade what they count in the passage: "500,000 were
    killed, while three-quarters fled" over "three-quarters were killed, 500,000 had fled".
    Each must count a word the passage gives only the other: one side of it alone ("21 were
    killed" for "21 dead") is a paraphrase as often as a swap."""
    for i, a in enumerate(ours):
        for b in ours[i + 1:]:
            if same_value(a.value, b.value) or a.kind != b.kind:
                continue
            at = [f.words for f in theirs if same_value(f.value, a.value)]
            bt = [f.words for f in theirs if same_value(f.value, b.value)]
            if not at or not bt:
                continue
            a_has, b_has = frozenset().union(*at), frozenset().union(*bt)
            a_took = sorted((a.words & b_has) - a_has)
            b_took = sorted((b.words & a_has) - b_has)
            if a_took and b_took:
                return (f"{_show(a.value)} and {_show(b.value)} trade places: the passage ties "
                        f"{a_took[0]!r} to {_show(b.value)} and {b_took[0]!r} to "
                        f"{_show(a.value)}")
    return ""


@dataclass(frozen=True)
class _Placed:
    """A figure with the words around it: those of its sentence nearer to it than to any other
    figure, at most CONTEXT_WORDS each side; one in parentheses annotates what precedes it
    ("the fewest points per game (16.1)"), so only those count."""

    value: float
    kind: str
    text: str
    context: frozenset[str]
    next_to: frozenset[str]  # the content word right before it and right after it


@lru_cache(maxsize=256)
def _placed(text: str) -> tuple[_Placed, ...]:
    found = [q for q in quantities(text) if q.value is not None and not _in_name(text, q.span)]
    out = []
    for q, (left, right) in zip(found, _surroundings(text, [q.span for q in found]),
                                strict=True):
        assert q.value is not None
        out.append(_Placed(q.value, _kind(q), q.text, frozenset(left + right),
                           frozenset(left[-1:] + right[:1])))
    return tuple(out)


def _surroundings(text: str, spans: list[tuple[int, int]]) -> list[tuple[list[str], list[str]]]:
    """The terms before and after each span: those of its sentence nearer to it than to any
    other span, at most CONTEXT_WORDS each side; a span in parentheses annotates what precedes
    it ("the fewest points per game (16.1)"), so only those count."""
    sentences = sentence_spans(text) or [(0, len(text))]
    out = []
    for start, end in spans:
        s, e = next(((a, b) for a, b in sentences if a <= start < b), (0, len(text)))
        prev = max([b for a, b in spans if s < b <= start], default=s)
        following = min([a for a, b in spans if end <= a < e], default=e)
        before = _WORD.findall(text[prev:start])
        after = _WORD.findall(text[end:following])
        # Words between two spans are shared out: the nearer half to each.
        if prev != s:
            before = before[len(before) // 2:]
        if following != e:
            after = after[:(len(after) + 1) // 2]
        if text.rfind("(", s, start) > text.rfind(")", s, start):
            after = []
        before, after = before[-CONTEXT_WORDS:], after[:CONTEXT_WORDS]
        out.append((terms(" ".join(before)), terms(" ".join(after))))
    return out


@dataclass(frozen=True)
class _Located:
    """A place the text puts something in ("in Florida", "at Waitangi") and its words, as a
    figure's (``_surroundings``)."""

    place: str
    text: str
    context: frozenset[str]
    next_to: frozenset[str]
    sentence: int  # where it starts: its sentence's start offset


@lru_cache(maxsize=256)
def _located(text: str, known: frozenset[str] = frozenset()) -> tuple[_Located, ...]:
    """The places of ``text``: the names it puts something in, and every other mention of
    those names and of ``known`` ("in the main city, Rangoon" is Rangoon's place too)."""
    spans = {m.span("name") for m in _PLACE.finditer(text)
             if m.group("name").split()[0].lower().rstrip(".") not in _NOT_PLACES
             and not _headline(text, m.start())}
    names = {_place_key(text[a:b]) for a, b in spans} | known
    for name in names:
        spans |= {m.span() for m in re.finditer(rf"\b{re.escape(name)}\b", text, re.IGNORECASE)
                  if text[m.start()].isupper() and not _headline(text, m.start())}
    # Of two overlapping spans ("New York" and "York"), the longer.
    ordered = sorted(spans, key=lambda ab: (ab[0], -ab[1]))
    kept = [ab for i, ab in enumerate(ordered) if not any(
        a <= ab[0] and ab[1] <= b and (a, b) != ab for a, b in ordered[:i])]
    sentences = sentence_spans(text) or [(0, len(text))]
    out = []
    for (a, b), (left, right) in zip(kept, _surroundings(text, kept), strict=True):
        name = text[a:b].rstrip(".")
        out.append(_Located(_place_key(name), name, frozenset(left + right),
                            frozenset(left[-1:] + right[:1]),
                            next((s for s, e in sentences if s <= a < e), 0)))
    return tuple(out)


def _place_key(name: str) -> str:
    return _POSSESSIVE.sub("", name.rstrip(".")).lower()


def _headline(text: str, at: int) -> bool:
    """Whether the line around ``at`` is written in title case ("Burma Security Forces Fire at
    Protesters"): there a capital names nothing."""
    start = text.rfind("\n", 0, at) + 1
    end = text.find("\n", at)
    words = re.findall(r"[A-Za-z][\w'\u2019-]*", text[start:end if end >= 0 else len(text)])
    return len(words) >= 3 and sum(w[0].isupper() for w in words) > len(words) / 2


def _misplaced_place(claim: str, support: str) -> str:
    """A place of the claim whose words are those the passage has around another place: "ran
    for mayor in Florida, and for the Senate in Washington" over "ran for mayor in Washington
    ... and for the Senate in Florida". As ``_misplaced`` reads figures, with the same
    thresholds; where the passage has both places in one sentence, the claim must have moved
    the other place the other way too (a swap)."""
    ours = _located(claim)
    if not ours:
        return ""
    theirs = _located(support, frozenset(o.place for o in ours))
    if len({t.place for t in theirs}) < 2:
        return ""
    for mine in ours:
        other = _moved(mine, theirs)
        if other is None:
            continue
        if any(t.place == mine.place and t.sentence == other.sentence for t in theirs):
            # The two places share a sentence ("witnesses in Burma say ... killing two people
            # in the main city, Rangoon"): which one the act is in is not told by nearness
            # alone. Only a swap shows it: the claim moved the other place back.
            back = _located(claim, frozenset((other.place,)))
            if not any(b.place == other.place and (o := _moved(b, theirs)) is not None
                       and o.place == mine.place for b in back):
                continue
        return (f"{mine.text} stands where the passage has {other.text}: "
                f"{', '.join(sorted(mine.context & other.context))}")
    return ""


def _moved(mine: _Located, theirs: tuple[_Located, ...]) -> _Located | None:
    """The passage's other place whose words ``mine`` has (``_closer_elsewhere``)."""
    return _closer_elsewhere(mine, [t for t in theirs if t.place == mine.place],
                             [t for t in theirs if t.place != mine.place])


def _in_name(text: str, span: tuple[int, int]) -> bool:
    """A number that is part of a name or a clock time: "STS-118", "Expedition 15", "3:04"
    (not a date's day, "October 12", nor a year after a sentence's first word, "In 1858")."""
    start = span[0]
    if text[max(0, start - 1):start] == ":" or _CLOCK.match(text, start):
        return True
    m = _NAME_BEFORE.search(text, max(0, start - 30), start)
    if m is None:
        return False
    word = m.group("word")
    if m.group("joint") == "-":
        return True
    before = text[:m.start("word")].rstrip()
    first = not before or before[-1] in ".!?"
    return not first and word[:3].lower() not in MONTHS


def _misplaced(claim: str, support: str) -> str:
    """A figure of the claim whose words are those the passage has around another figure of
    its kind: "given up the fewest points per game this season, 16.7" over "allowed the fewest
    points per game this season (16.1) ... ranks second in points (16.7)". The other figure's
    context must share CONTEXT_SHARED of the claim's words, CONTEXT_LEAD more than any of the
    passage's own places of the value; a value beside the word it has there ("magnitude 7.0")
    is in its place."""
    theirs = _placed(support)
    for mine in _placed(claim):
        other = _closer_elsewhere(
            mine, [f for f in theirs if same_value(f.value, mine.value)],
            [f for f in theirs if not same_value(f.value, mine.value) and f.kind == mine.kind])
        if other is not None:
            return (f"{mine.text} stands where the passage has {other.text}: "
                    f"{', '.join(sorted(mine.context & other.context))}")
    return ""


_Context = TypeVar("_Context", "_Placed", "_Located")


def _closer_elsewhere(mine: _Context, same: list[_Context], others: list[_Context]
                      ) -> _Context | None:
    """The first of ``others`` (another figure or place of the passage) whose words ``mine``
    has: CONTEXT_SHARED of them, CONTEXT_LEAD more than any of ``same`` (the passage's own
    mentions of it); None if there is none, or if ``mine`` stands beside the word one of its
    own mentions has there ("magnitude 7.0")."""
    if not same or any(mine.next_to & s.next_to for s in same):
        return None
    here = max(len(mine.context & s.context) for s in same)
    return next((o for o in others
                 if len(mine.context & o.context) >= max(CONTEXT_SHARED, here + CONTEXT_LEAD)),
                None)


def ranges(text: str) -> list[tuple[float, float]]:
    """The ranges of ``text``: "from 1858 to 1909", "(1869-1909)", "between 10 and 15"."""
    low = match_form(text)
    found = [q for q in quantities(text) if q.value is not None]
    out = []
    for a, b in zip(found, found[1:], strict=False):
        gap = low[a.span[1]:b.span[0]]
        if _RANGE_GAP.fullmatch(gap) or (
                _AND_GAP.fullmatch(gap) and low[:a.span[0]].rstrip().endswith("between")):
            assert a.value is not None and b.value is not None
            out.append((a.value, b.value))
    return out


def _altered_range(claim: str, support: str) -> str:
    """A range of the claim with one end of a passage's range and another end no range of the
    passage has: "serving from 1858 to 1909" over "president (1869-1909)", where 1858 is
    another event's year. Two passage ranges may meet in one ("2010-2015" and "2015-2020"
    back "from 2010 to 2020")."""
    theirs = ranges(support)
    if not theirs:
        return ""
    for lo, hi in ranges(claim):
        starts = any(same_value(lo, a) for a, _ in theirs)
        ends = any(same_value(hi, b) for _, b in theirs)
        if starts != ends:
            a, b = next((a, b) for a, b in theirs if same_value(lo, a) or same_value(hi, b))
            return f"the range {lo:g}-{hi:g} is not the passage's: it gives {a:g}-{b:g}"
    return ""


# A run of capitalised words or numbers ("Expedition 15 Flight Engineer Clay Anderson").
_CAPS = re.compile(r"(?:[A-Z][\w\u2019'.-]*|\d+)(?:\s+(?:[A-Z][\w\u2019'.-]*|\d+))*")
_POSSESSIVE = re.compile(r"['\u2019]s?$")
# A place something happens in: "in Florida", "at Waitangi", "in the U.S. Senate" (not a month
# or a day: "in October"; not "from": "a letter from Dinwiddie" names a person).
_PLACE = re.compile(r"\b(?i:in|at|near|across|throughout)\s+(?:the\s+)?(?P<name>"
                    r"[A-Z](?:[\w\u2019'-]|\.(?=\w))*(?: [A-Z](?:[\w\u2019'-]|\.(?=\w))*)*)")
_NOT_PLACES = frozenset(
    """january february march april may june july august september october november december
    monday tuesday wednesday thursday friday saturday sunday""".split()
)


def titles(text: str) -> dict[str, set[frozenset[str]]]:
    """Surname -> the titles the text writes before that person's name."""
    out: dict[str, set[frozenset[str]]] = {}
    for run in _CAPS.finditer(text):
        words = run.group(0).split()
        marks = [i for i, w in enumerate(words) if w.lower().rstrip(".") in TITLES]
        if not marks or marks[-1] == len(words) - 1:
            continue
        name = words[marks[-1] + 1:]
        if not all(w[:1].isupper() for w in name):
            continue
        title = frozenset(words[i].lower().rstrip(".") for i in marks)
        out.setdefault(_surname(name[-1]), set()).add(title)
    return out


# A named owner and up to two words after it.
_OWNED = re.compile(r"\b([A-Z][\w-]*)['\u2019]s?\s+([A-Za-z0-9][\w-]*(?: [A-Za-z0-9][\w-]*)?)")
_MODIFIER = re.compile(r"[0-9-]")


def owned(text: str) -> dict[str, set[str]]:
    """Named owner's surname -> stems of what it owns ("Ardern's Labour Party": labour)."""
    out: dict[str, set[str]] = {}
    for m in _OWNED.finditer(text):
        owner = _surname(m.group(1))
        # The word after the possessive, and the next one too where the first is a figure or
        # a compound modifier: "Barreal's 78th-minute goal" owns the goal.
        first, *rest = m.group(2).split()
        words = [first, *rest[:1]] if _MODIFIER.search(first) else [first]
        stems = terms(" ".join(words))
        if stems and owner not in STOPWORDS:  # "It's going", "That's"
            out.setdefault(owner, set()).update(stems)
    return out


def noun_owned(text: str) -> dict[str, set[str]]:
    """Thing-owning common noun -> names it owns, written "the <noun>'s <Name>" ("the
    station's Canadarm2": station -> canadarm2). Compared only with nouns: "the agency's
    Endeavour" for "NASA's Endeavour" is a role for a name, not a swap."""
    out: dict[str, set[str]] = {}
    for m in re.finditer(r"\bthe\s+([a-z][a-z-]*)['\u2019]s\s+([A-Z][\w-]*)", text):
        stem, owner = terms(m.group(2)), terms(m.group(1))
        if stem and owner:
            out.setdefault(owner[0], set()).add(stem[0])
    return out


def swapped_name(claim: str, support: str) -> str:
    """Why a title or owner of ``claim`` belongs to another name in ``support``; "" if none."""
    theirs = titles(support)
    for person, mine in titles(claim).items():
        for title in mine:
            held = theirs.get(person, set())
            if not held or any(title <= t for t in held):
                continue
            others = sorted(p for p, ts in theirs.items()
                            if p != person and any(title <= t for t in ts))
            if others:
                return (f"{' '.join(sorted(title))} is {others[0].title()} in the passage, "
                        f"not {person.title()}")
    low = match_form(support)
    moved = _owned_by_another(owned(claim), owned(support),
                              lambda owner, thing: _owns_otherwise(low, owner, thing))
    if moved:
        thing, owner, other = moved
        return f"the passage's {thing} is {other.title()}'s, not {owner.title()}'s"
    moved = _owned_by_another(noun_owned(claim), noun_owned(support))
    if moved:
        thing, owner, other = moved
        return f"the passage's {thing} is the {other}'s, not the {owner}'s"
    return _misplaced_place(claim, support)


def _owned_by_another(
    mine: dict[str, set[str]],
    theirs: dict[str, set[str]],
    owns_otherwise: Callable[[str, str], bool] = lambda _owner, _thing: False,
) -> tuple[str, str, str] | None:
    """(thing, the claim's owner, the passage's owner) for the first thing the claim gives an
    owner the passage does not tie it to, and the passage gives to another; None if none."""
    for owner, things in mine.items():
        for thing in sorted(things):
            if thing in theirs.get(owner, set()) or owns_otherwise(owner, thing):
                continue
            others = sorted(o for o, ts in theirs.items() if o != owner and thing in ts)
            if others:
                return thing, owner, others[0]
    return None


def _owns_otherwise(low: str, owner: str, thing: str) -> bool:
    """Whether the passage ties ``thing`` to ``owner`` without a possessive: "the Labour
    Party of Ardern", "Ardern Labour Party", "the U.S. envoy" (owner a word or two before), a
    place that holds it ("Independence Square in the capital, Accra" is Accra's square)."""
    names = "|".join(re.escape(n) for n in {owner, *(k for k, v in _COUNTRY.items()
                                                   if v == owner)})
    for m in re.finditer(rf"\b{re.escape(thing)}\w*", low):
        before = low[max(0, m.start() - 40):m.start()]
        after = low[m.end():m.end() + 40]
        if re.search(rf"\b(?:{names})\W+(?:[a-z]+\W+)?$", before) or re.match(
                rf"\s+of\s+(?:the\s+)?(?:[a-z]+\s+)?(?:{names})\b", after) or re.match(
                rf"(?:\s+[a-z]+)?\s+in\s+(?:the\s+)?(?:[a-z]+,?\s+)?(?:{names})\b", after):
            return True
    return False


def _surname(word: str) -> str:
    """The key a name is matched by: its last word; a seat of government is its country
    ("Moscow's plan" is "Russia's plan", as the name check reads it)."""
    key = _POSSESSIVE.sub("", word).lower()
    return _COUNTRY.get(key, key)


_COUNTRY = {seat: countries[0].lower() for seat, countries in SEATS_OF_GOVERNMENT.items()
            if " " not in seat} | {
    c.lower(): countries[0].lower() for countries in SEATS_OF_GOVERNMENT.values()
    for c in countries if " " not in c}


def _show(value: float) -> str:
    return f"{value:,.0f}" if value == int(value) else f"{value:g}"
