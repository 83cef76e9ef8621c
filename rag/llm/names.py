"""Names in a claim against the passage: every person, place and organisation must be there.

A capitalised word counts as a name. Tolerated, because faithful answers write them: a
possessive or demonym ("Haiti's" for "Haitian"), dotted and plain acronyms ("U.S." / "US"), an
acronym for its spelled-out form ("Central Daylight Time" for "CDT", either way round), each
name of a hyphenated pair ("the Trump-Putin call" for "Trump's call with Putin"), a plural
("World Cups"), a name with or without its accents ("Maori" for "Māori"), a month for its
abbreviation ("October" for "Oct. 10"), a capital or seat
of government for its country and the other way round ("Kyiv" for "Ukraine",
``lexicon.SEATS_OF_GOVERNMENT``), and an ordinary word that is
capitalised only because it opens the sentence ("Stocks cheered ...").
A sentence-initial word is still checked when it is written like a name (all capitals, inner
capitals) or when the passages given use it as a name elsewhere.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from rag.lexicon import SEATS_OF_GOVERNMENT
from rag.text import STOPWORDS, match_form

_WORD = re.compile(r"[A-Za-z\u00c0-\u024f][\w'\u2019.-]*")
# Capitalised words that open sentences or clauses without naming anyone.
OPENERS = STOPWORDS | {
    "yes", "however", "additionally", "moreover", "overall", "furthermore", "meanwhile",
    "instead", "still", "thus", "therefore", "according", "in", "the", "this", "these",
    "both", "neither", "either", "while", "although", "since", "as", "there", "here",
}
# Months as news abbreviates them ("Oct. 10, 2023"); the abbreviation in a claim already
# matches the month a passage spells out.
_MONTHS = {
    "january": ("jan",), "february": ("feb",), "march": ("mar",), "april": ("apr",),
    "august": ("aug",), "september": ("sep", "sept"), "october": ("oct",),
    "november": ("nov",), "december": ("dec",),
}
_DEMONYM = re.compile(r"(?:ians?|ans?|ese|is?|ish)$")


def known_names(texts: list[str]) -> set[str]:
    """Words the given passages capitalise mid-sentence: names, even when they open a claim."""
    found: set[str] = set()
    for text in texts:
        words = list(_WORD.finditer(text))
        for prev, m in zip(words, words[1:], strict=False):
            between = text[prev.end():m.start()]
            if m.group(0)[:1].isupper() and not re.search(r"[.!?:\"\u201c]\s*$", between):
                found.add(_base(m.group(0)))
    return found


def missing_name(claim: str, support: str, names: set[str] | frozenset[str] = frozenset()) -> str:
    """The first name of ``claim`` that ``support`` does not contain; "" when all are there."""
    hay = _Support(support)
    words = list(_WORD.finditer(claim))
    runs = _capital_runs(claim, words)
    stand_ins: list[tuple[int, int]] | None = None
    for i, m in enumerate(words):
        word = m.group(0).rstrip(".'\u2019-")
        if not word[:1].isupper():
            continue
        low = _base(word)
        if not low or low in STOPWORDS or (i == 0 and low in OPENERS):
            continue
        if i == 0 and not _looks_like_name(word) and low not in names:
            continue  # an ordinary word opening the sentence
        if hay.holds(word):
            continue
        run = next((r for r in runs if i in r), None)
        if run and len(run) >= 2 and _initials_of(words, run) in hay.acronyms:
            continue  # "Central Daylight Time" for "CDT"
        if stand_ins is None:
            stand_ins = _stand_ins(claim, hay)
        if any(s <= m.start() < e for s, e in stand_ins):
            continue  # "Kyiv" for "Ukraine"
        return word
    return ""


class _Support:
    """The passage as the name check reads it."""

    def __init__(self, support: str) -> None:
        self.text = support
        self.hay = _fold(match_form(support))
        self.plain = self.hay.replace(".", "")
        self.acronyms = {w.lower() for w in re.findall(r"\b[A-Z]{2,}\b", support)}
        words = list(_WORD.finditer(support))
        # The initials of every stretch of two or more capitalised words: "UK" for "the United
        # Kingdom Parliament", "CDT" for "Central Daylight Time".
        self.runs = {_initials_of(words, r[i:j]) for r in _capital_runs(support, words)
                     for i in range(len(r)) for j in range(i + 2, len(r) + 1)}

    def holds(self, word: str) -> bool:
        """The passage names ``word``, as written or in a form a faithful answer uses."""
        parts = [p for p in word.split("-") if p]
        if len(parts) > 1 and parts[0][:1].isupper():
            # "Trump-Putin", "U.S.-China": each name of the pair, wherever the passage has it.
            return all(not p[:1].isupper() or self.holds(p) for p in parts)
        low = _base(word)
        if self.has(low):
            return True
        if any(re.search(rf"(?<![a-z]){short}\b", self.hay) for short in _MONTHS.get(low, ())):
            return True  # "October" for "Oct. 10"
        stem = _DEMONYM.sub("", low)
        if len(stem) >= 4 and _present(stem, self.hay):
            return True  # "Haitian" for "Haiti's"
        if len(low) > 3 and low.endswith("s") and (
            self.has(low[:-1]) or (low.endswith("es") and self.has(low[:-2]))
        ):
            return True  # "World Cups" for "World Cup", "Matches" for "Match"
        return word.isupper() and len(word) >= 2 and low in self.runs  # "CDT" for "Central ..."

    def has(self, low: str) -> bool:
        return _present(low, self.hay) or _present(low, self.plain)


def _stand_ins(claim: str, hay: _Support) -> list[tuple[int, int]]:
    """Where ``claim`` names a government by its seat and the passage by its country, or the
    other way round: character spans of the claim."""
    spans: list[tuple[int, int]] = []
    for seat, countries in SEATS_OF_GOVERNMENT.items():
        for said, meant in ((seat, countries), *((c, (seat,)) for c in countries)):
            found = [m.span() for m in _place(said).finditer(claim)]
            if found and any(_place(other).search(hay.text) for other in meant):
                spans.extend(found)
    return spans


@lru_cache(maxsize=1024)
def _place(name: str) -> re.Pattern[str]:
    """``name`` as a whole word or phrase: case-blind, except an acronym ("US", not "us")."""
    flags = 0 if any(c.isupper() for c in name) else re.IGNORECASE
    return re.compile(rf"(?<![\w.]){re.escape(name)}(?!\w)", flags)


def _fold(text: str) -> str:
    """``text`` without its accents: "Māori" is written "Maori", "São Paulo" "Sao Paulo"."""
    if text.isascii():
        return text
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


def _base(word: str) -> str:
    low = _fold(match_form(word.rstrip(".'\u2019-")))
    if low.endswith("'s"):
        low = low[:-2]
    return low.replace(".", "") if re.fullmatch(r"(?:[a-z]\.)+[a-z]?", low) else low


def _present(low: str, hay: str) -> bool:
    return re.search(rf"(?<![a-z0-9]){re.escape(low)}", hay) is not None


def _looks_like_name(word: str) -> bool:
    return word.isupper() and len(word) > 1 or any(c.isupper() for c in word[1:])


def _capital_runs(text: str, words: list[re.Match[str]]) -> list[list[int]]:
    runs: list[list[int]] = []
    for i, m in enumerate(words):
        cap = m.group(0)[:1].isupper() and match_form(m.group(0)) not in STOPWORDS
        joined = i > 0 and runs and runs[-1][-1] == i - 1 and not text[
            words[i - 1].end():m.start()].strip()
        if cap and joined:
            runs[-1].append(i)
        elif cap:
            runs.append([i])
    return runs


def _initials_of(words: list[re.Match[str]], run: list[int]) -> str:
    return "".join(words[i].group(0)[0].lower() for i in run)
