"""What a question asks for: its answer type, the names and figures it is about, its polarity.

Rules over the question's words, no model: a reader's "Who ...", "How many ...", "By when ..."
says what kind of phrase the answering sentence must hold (``answer_types.present``), and the
names, numbers and dates the question gives must be in what answers it.
"""

from __future__ import annotations

import re
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field
from functools import lru_cache

from rag.language.asked import SpeechAsk, asked_speech
from rag.text import STOPWORDS, match_form

PERSON, DATE, PLACE, NUMBER, SPEECH, REASON = (
    "person", "date", "place", "number", "speech", "reason"
)

# (answer type, pattern over the lower-cased, straight-quoted question); every match counts,
# so "Who won, and by what score?" wants a person and a number.
_WANTS: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (kind, re.compile(pattern))
    for kind, pattern in (
        (SPEECH, r"\bwhat (?:did|does|do|has|have|had|will|would|was|is) .{2,80}? "
                 r"(?:say|said|tell|write|reply|answer|radio|announce|claim|argue|add|"
                 r"comment|warn|urge|declare|insist|promise)\b"),
        (SPEECH, r"\bhow (?:did|does|do|has|have) .{2,80}? (?:describe|characteri[sz]e|"
                 r"explain|put it|justify|defend)\b"),
        (SPEECH, r"\bwhat (?:was|is|were|are) (?:\w+ ){0,4}?\w+(?:'s|s') (?:reaction|response|"
                 r"comment|message|statement|explanation|words)\b"),
        (NUMBER, r"\bhow (?:many|much|long|far|fast|old|big|large|high|low|strong|deep|tall|"
                 r"often|heavy|wide|severe|bad)\b"),
        (NUMBER, r"\bwhat (?:percentage|percent|number|rate|amount|price|cost|figure|toll|"
                 r"speed|score|age|share|level|size|total|sum|margin|distance|temperature|"
                 r"death toll|casualty)\b"),
        (NUMBER, r"\bdeath toll\b|\bby what (?:score|margin)\b|\bwhat (?:\w+ )?(?:score|"
                 r"tally|count)\b"),
        (DATE, r"(?:^|[,;:] )(?:and |so |but )?when\b|\bwhen (?:did|does|do|is|are|was|were|will|"
               r"would|can|could|has|have|had|should)\b|\bby when\b|\bsince when\b|"
               r"\bwhat (?:time|day|date|year|month|hour|week)\b|\bon what (?:day|date)\b|"
               r"\bwhich (?:day|year|month|date|week|weekday)\b|\bhow soon\b|\buntil when\b"),
        (PLACE, r"(?:^|[,;:] )(?:and |so |but )?where\b|\bwhere (?:did|does|do|is|are|was|were|"
                r"will|would|can|could|has|have|had|should)\b|"
                r"\bwhich (?:\w+ )?(?:country|countries|city|cities|town|towns|island|islands|"
                r"state|states|region|province|continent|place|places|port|capital|village|area|venue|district|airport|base)\b|"
                r"\bin what (?:country|city|town|place|region|state)\b"),
        (PERSON, r"(?:^|[,;:] )(?:and |so |but )?(?:who|whom|whose)\b|\b(?:who|whom|whose) "
                 r"(?:did|does|do|is|are|was|were|will|would|can|could|has|have|had|should)\b|"
                 r"\bwhich (?:\w+ )?(?:person|people|man|woman|official|officials|member|"
                 r"members|blogger|player|players|leader|minister|agency|company|companies|"
                 r"organi[sz]ation|group|team|party|newspaper|outlet|network|provider|"
                 r"astronaut|candidate|president|journalist|reporter|author|firm|bank|"
                 r"station|channel|website|site|service)\b|"
                 r"\bwhat(?:'s| is| was| are| were)\b.{0,60}\bnames?\b"),
        (REASON, r"(?:^|[,;:] )(?:and |so |but )?why\b|\bwhy (?:did|does|do|is|are|was|were|"
                 r"will|would|can|could|has|have|had|should)\b|\bhow come\b|"
                 r"\bwhat (?:caused|causes|set off|sets off|sparked|sparks|triggered|triggers|"
                 r"led to|leads to|prompted|prompts|knocked|drove|drives|made)\b|"
                 r"\bwhat (?:was|is|were) the (?:reason|cause)\b"),
    )
)

_ASKS_NAME = re.compile(r"\bname(?:d|s)?\b|\bcalled\b")
# Phrases that ask for the newest account ("the latest", "so far", "now").
_RECENT = re.compile(
    r"\b(?:latest|newest|most recent|so far|now|currently|current|still|as of|to date|"
    r"at the moment|these days|today)\b"
)
_NEGATED = re.compile(r"\b(?:not|never|no|none|neither|nor|without)\b|n't\b")
# A capitalised run, allowing inner particles ("Bank of England", "Aung San Suu Kyi").
_NAME = re.compile(
    r"\b[A-Z][\w'\u2019.-]*(?:\s+(?:of|de|da|van|von|al|bin|la|del|the)?\s*[A-Z][\w'\u2019.-]*)*"
)
_NUMBER = re.compile(r"\b\d[\d,.]*\b")
_WH = frozenset(
    "what who whom whose when where why how which did does do is are was were can could will "
    "would should has have had and so but then also ok okay".split()
)


@dataclass(frozen=True)
class Question:
    text: str
    wants: frozenset[str] = field(default_factory=frozenset)
    names: tuple[str, ...] = ()  # capitalised names the question gives, as written
    numbers: tuple[str, ...] = ()  # figures and years the question gives
    negated: bool = False
    recent: bool = False  # asks for the newest account
    # What a figure must be counted in: a pattern over a squashed (no spaces or hyphens) text
    # after a number ("how many spacewalks" -> "spacewalk", "how long" -> time or distance).
    unit: str = ""
    # Whose words the question asks for, read from its parse ("What did X say about Y").
    speech: SpeechAsk | None = None

    @property
    def asks_name(self) -> bool:
        """"What's her name?", "What was the name of the reporter?"."""
        return PERSON in self.wants and bool(_ASKS_NAME.search(match_form(self.text)))

    @property
    def name_terms(self) -> frozenset[str]:
        """Lower-cased words of the question's names that a passage about them must hold:
        roles and honorifics ("President", "Chairman") and two-letter abbreviations ("US",
        "EU", often spelt out) are left out."""
        return frozenset(
            w for n in self.names for w in re.findall(r"[a-z0-9]+", match_form(n))
            if w not in STOPWORDS and w not in _ROLES and len(w) > 2
        )


@lru_cache(maxsize=4096)
def analyse(question: str) -> Question:
    folded = match_form(question).strip()
    wants = frozenset(kind for kind, pattern in _WANTS if pattern.search(folded))
    return Question(
        text=question,
        unit=_unit(folded),
        wants=wants,
        names=tuple(_names(question)),
        numbers=tuple(m.group(0).rstrip(".,") for m in _NUMBER.finditer(question)),
        negated=bool(_NEGATED.search(folded)),
        recent=bool(_RECENT.search(folded)),
        speech=asked_speech(question),
    )


_ROLES = frozenset(
    """president vice prime minister chairman chairwoman chair secretary general senator
    governor mayor king queen prince princess pope mr mrs ms dr sir lord lady chief director
    commander captain spokesman spokeswoman spokesperson ambassador judge justice officer
    professor prof rev saint former deputy acting head leader state""".split()
)


def _names(text: str) -> list[str]:
    """Capitalised runs, minus question and function words that open them ("By", "Did the").
    The question's first word is capitalised by position, so it starts a name only when the
    next word is capitalised too ("Along with sport ..." holds no name)."""
    out = []
    text = text.strip()
    first = re.match(r"[\w'\u2019.-]+(?=\s+[a-z])", text)
    if first:
        text = " " * first.end() + text[first.end():]
    for m in _NAME.finditer(text):
        words = m.group(0).split()
        while words and (re.sub(r"['\u2019]s$", "", low := words[0].lower()) in _WH
                         or low in STOPWORDS):
            words = words[1:]
        if words:
            out.append(" ".join(words))
    return out


# -- does a sentence hold the asked-for kind of phrase? ----------------------------------------
_MONTHS = (r"jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
           r"sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?")
_HOLDS: dict[str, re.Pattern[str]] = {
    DATE: re.compile(
        rf"\b(?:{_MONTHS})\.?\s+\d|\b\d{{1,2}}\s+(?:{_MONTHS})\b|\b(?:january|february|march|"
        r"april|june|july|august|september|october|november|december)\b|"
        r"\b(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)s?\b|"
        r"\b(?:1[5-9]|20)\d\d(?:'?s)?\b|\b\d{1,2}[:.]\d\d\s*(?:a\.?m\.?|p\.?m\.?|ut|utc|gmt|"
        r"[ecmp][sd]t)?\b|\b\d{1,2}\s*(?:a\.m\.|p\.m\.|am|pm)\b|\b(?:today|yesterday|"
        r"tomorrow|tonight|overnight)\b|\b(?:last|next|this|that|early|late|later|earlier) "
        r"(?:week|month|year|weekend|morning|afternoon|evening|night|day|spring|summer|autumn|"
        r"fall|winter)\b|\b(?:ago|later)\b|\bwithin (?:the )?(?:next |coming |past )?(?:few |"
        r"\d+ |a |an |several )?(?:hours?|days?|weeks?|months?|years?)\b|\b(?:in|by|since|"
        r"until|before|after) (?:the )?(?:\d{4}|spring|summer|autumn|fall|winter|weekend|"
        r"morning|evening)\b|\bnoon\b|\bmidnight\b|\bdawn\b|\bdusk\b"
    ),
    NUMBER: re.compile(
        r"\d|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|"
        r"fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|"
        r"seventy|eighty|ninety|hundreds?|thousands?|millions?|billions?|trillions?|dozens?|"
        r"half|twice|percent)\b"
    ),
    SPEECH: re.compile(
        r"[\"\u201c\u201d]|\b(?:say|says|said|saying|tell|tells|told|telling|state[sd]?|"
        r"stating|add(?:s|ed)|not(?:es|ed)|explain(?:s|ed)?|urg(?:es|ed)|warn(?:s|ed)|"
        r"call(?:s|ed)|describ(?:es|ed)|according to|ask(?:s|ed)|repl(?:y|ies|ied)|"
        r"answer(?:s|ed)|announc(?:es|ed)|declar(?:es|ed)|insist(?:s|ed)|argu(?:es|ed)|"
        r"wr(?:ote|ites)|remark(?:s|ed)|comment(?:s|ed)|tribute|prais(?:es|ed)|quot(?:es|ed)|"
        r"radioed|mention(?:s|ed)|emphasi[sz](?:es|ed)|stress(?:es|ed)|claim(?:s|ed)|"
        r"acknowledg(?:es|ed)|admit(?:s|ted)|promis(?:es|ed)|vow(?:s|ed)|in (?:his|her|their) "
        r"words|spokes(?:man|woman|person))\b"
    ),
    REASON: re.compile(
        r"\b(?:because|due to|owing to|as a result|caus(?:e|es|ed|ing)|after|since|so that|"
        r"in order to|to (?:let|allow|protect|prevent|avoid|ensure|help|make)|allowing|"
        r"(?:led|leads) to|prompt(?:s|ed)|following|amid|thanks to|blam(?:e|es|ed)|reasons?|"
        r"triggered|sparked|erupted|concerns?|fears?|worr(?:y|ies|ied)|threat)\b"
    ),
}
_CALENDAR = re.compile(rf"(?:{_MONTHS})|(?:mon|tues|wednes|thurs|fri|satur|sun)day")
_PROPER = re.compile(r"(?<![.!?]\s)(?<!^)\b[A-Z][a-zA-Z'\u2019-]+")


def holds(kind: str, sentence: str, question: Question) -> bool:
    """Whether ``sentence`` holds a phrase of the asked-for ``kind`` that the question does
    not already give (a question's own "2007" is no answer to "When ...?")."""
    if kind in (PERSON, PLACE):
        return bool(new_names(sentence, question))
    pattern = _HOLDS.get(kind)
    if pattern is None:
        return True
    folded = match_form(sentence)
    if kind in (NUMBER, DATE):
        own = {match_form(n) for n in question.numbers}
        return any(m.group(0).strip() not in own for m in pattern.finditer(folded))
    return bool(pattern.search(folded))


def names_held(question: Question, words: AbstractSet[str]) -> float:
    """Share of the question's name words found among ``words`` (lower-case words of a
    text); a word counts when one is a prefix of the other ("Haiti" / "Haitian")."""
    names = question.name_terms
    if not names:
        return 1.0
    return sum(_held(n, words) for n in names) / len(names)


def names_held_one(name: str, words: AbstractSet[str]) -> bool:
    return _held(name, words)


# News names a government by its seat: a question about "Washington" is answered by "U.S.
# officials". A capital (or seat) counts as held where its country is named.
_SEATS: dict[str, tuple[str, ...]] = {
    seat: tuple(country.split())
    for seat, country in (
        ("washington", "us usa america american americans"),
        ("moscow", "russia russian russians"), ("kremlin", "russia russian moscow"),
        ("beijing", "china chinese"), ("london", "uk britain british england"),
        ("paris", "france french"), ("berlin", "germany german"), ("kyiv", "ukraine ukrainian"),
        ("kiev", "ukraine ukrainian"), ("brussels", "eu european"), ("tokyo", "japan japanese"),
        ("tehran", "iran iranian"), ("pyongyang", "korea korean"), ("seoul", "korea korean"),
        ("jerusalem", "israel israeli"), ("ankara", "turkey turkish"),
        ("delhi", "india indian"), ("ottawa", "canada canadian"), ("canberra", "australia"),
        ("rome", "italy italian"), ("madrid", "spain spanish"), ("cairo", "egypt egyptian"),
        ("riyadh", "saudi"), ("damascus", "syria syrian"), ("baghdad", "iraq iraqi"),
        ("kabul", "afghanistan afghan"), ("islamabad", "pakistan pakistani"),
        ("caracas", "venezuela venezuelan"), ("havana", "cuba cuban"),
        ("pentagon", "us military defense"), ("whitehall", "uk britain british"),
    )
}


def _held(name: str, words: AbstractSet[str]) -> bool:
    if name in words:
        return True
    if any(country in words for country in _SEATS.get(name, ())):
        return True
    if len(name) < 4:
        return False
    index = _by_prefix(words) if isinstance(words, frozenset) else _prefixes(words)
    return any(w.startswith(name) or name.startswith(w) for w in index.get(name[:4], ()))


@lru_cache(maxsize=256)
def _by_prefix(words: frozenset[str]) -> dict[str, list[str]]:
    """``_prefixes`` of a frozenset, kept: the same passages come back."""
    return _prefixes(words)


def _prefixes(words: AbstractSet[str]) -> dict[str, list[str]]:
    """Words of four letters or more by their first four."""
    index: dict[str, list[str]] = {}
    for w in words:
        if len(w) >= 4:
            index.setdefault(w[:4], []).append(w)
    return index


def types_missing(sentence: str, question: Question) -> float:
    """Share of the asked-for answer types the sentence lacks. A quote question's other
    types are its topic ("what did X say about how many were hurt"), not what it asks."""
    wanted = {SPEECH} if SPEECH in question.wants else set(question.wants)
    if not wanted:
        return 0.0
    return sum(not holds(k, sentence, question) for k in wanted) / len(wanted)


def new_names(sentence: str, question: Question) -> list[str]:
    """Capitalised words of ``sentence`` (not its first word) that the question lacks."""
    asked = question.name_terms | {w for w in re.findall(r"[a-z]+", match_form(question.text))}
    out = []
    for m in _PROPER.finditer(sentence.strip()):
        word = re.sub(r"['\u2019]s$", "", m.group(0))
        low = word.lower()
        if m.start() == 0 or low in STOPWORDS or low in asked or _CALENDAR.fullmatch(low):
            continue
        out.append(word)
    return out


# -- "how many X", "how long": the unit a figure must be counted in ---------------------------
_TIME = r"(?:second|minute|hour|day|night|week|month|year|decade|centur)"
_LENGTH = r"(?:mile|kilomet|km|met(?:er|re)|feet|foot|inch|yard|cm|mm)"
_SPEED = r"(?:mph|km/?h|kph|knot|milesperhour|milesanhour|kilomet(?:er|re)sperhour|" \
         r"kilomet(?:er|re)sanhour)"
_MONEY = r"(?:dollar|euro|pound|yen|yuan|rupee|franc|peso|percent|%|cent|crore|lakh)"
_MEASURE_WORDS = {
    "long": f"(?:{_TIME}|{_LENGTH})", "far": _LENGTH, "fast": _SPEED, "strong": _SPEED,
    "old": r"(?:year|aged)", "deep": _LENGTH, "tall": _LENGTH, "high": f"(?:{_LENGTH}|percent|%)",
    "wide": _LENGTH, "heavy": r"(?:kilo|kg|pound|lb|ton|gram)", "often": r"(?:time|daily|weekly|"
    r"monthly|year)",
}
# "How much" is money only when the question is about money ("How much did Ghana spend"); "how
# much does the Rhine discharge" wants any figure.
_MONEY_TALK = re.compile(r"\b(?:spen[dt]|spending|cost|costs|pa(?:y|id|ys)|price|worth|budget|"
                         r"fund|funds|funding|earn|earned|raise[ds]?|sell|sold|buy|bought|"
                         r"charge[ds]?|fine[ds]?|salary|wage|revenue|profit|loss|debt|money|"
                         r"invest(?:ed|ment)?|donat(?:e|ed|ion)|aid|compensation|bill)\b")
_HOW = re.compile(r"\bhow (many|much|long|far|fast|old|strong|deep|tall|high|wide|heavy|often)"
                  r"\b(?: (?:more |of (?:the |a )?)?([a-z][a-z-]+))?")
_NOT_UNIT = _WH | STOPWORDS | {"more", "less", "fewer", "further", "longer", "exactly", "roughly"}
_NUM_WORDS = (r"one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|"
              r"fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|"
              r"seventy|eighty|ninety|hundreds?|thousands?|millions?|billions?|dozens?|scores")
# People are counted in many words: "21 dead", "one person was killed", "200 missing".
_PEOPLE = r"(?:peopl|person|civilian|resident|dead|die|kill|injur|wound|victim|casualt|missing|" \
          r"fatalit|bod(?:y|ies)|survivor|worker|soldier|student|child|men|women)"
_FIGURE = re.compile(rf"[$\u20ac\u00a3]?\d[\d,.]*|\b(?:{_NUM_WORDS})\b")


def _unit(folded: str) -> str:
    m = _HOW.search(folded)
    if m is None:
        return ""
    how, noun = m.group(1), m.group(2) or ""
    if how == "much" and (not noun or noun in _NOT_UNIT):
        return _MONEY if _MONEY_TALK.search(folded) else ""
    if noun and noun not in _NOT_UNIT and how in ("many", "much"):
        from rag.text import terms

        stems = terms(noun)
        if not stems:
            return ""
        return _PEOPLE if stems[0] in ("peopl", "person") else re.escape(stems[0][:8])
    return _MEASURE_WORDS.get(how, "")


def measured(sentence: str, question: Question) -> bool:
    """Whether ``sentence`` gives a figure in the unit the question counts in: "four anticipated
    space walks" for "How many spacewalks", "a 13-day mission" for "How long ...", "$2 million"
    for "How much ...". False when the question names no unit."""
    if not question.unit:
        return False
    folded = match_form(sentence)
    unit = re.compile(question.unit)
    for m in _FIGURE.finditer(folded):
        if m.group(0).startswith(("$", "\u20ac", "\u00a3")) and question.unit == _MONEY:
            return True
        after = re.sub(r"[\s-]+", "", folded[m.end(): m.end() + 40])[:28]
        if unit.search(after):
            return True
    return False


def admissible(sentence: str, around: str, question: Question) -> bool:
    """Whether a sentence can answer at all, by what it holds rather than how it scores: a
    figure in the asked-for unit, a figure or a date when one is asked for, a speech cue in it
    or next to it when the question asks what someone said, a name near it when the question
    asks for a name ("What was the reporter's name?"). Other person, place and reason answers
    are not checked here: their cues are too loose to rule a sentence out ("Who made up 19% of
    the students?" -> "international students")."""
    if SPEECH in question.wants:
        return holds(SPEECH, around, question)
    if question.asks_name and not new_names(around, question):
        return False
    if question.unit and not measured(sentence, question):
        return False
    return all(holds(k, sentence, question) for k in (NUMBER, DATE) if k in question.wants)
