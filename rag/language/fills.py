"""Phrases of a sentence that can fill an asked slot, read from its parse, and whether one does.

A figure, a date, a span of time, a place, a person or organisation, a cause: each comes with
the words it is bound to in the parse, the noun a figure counts ("21 *people*", "120
*kilometers*", "dozens of *protesters*") and the verbs and nouns above it up to its clause's
verb ("*left* at least 21 people dead", "*landed* at Edwards Air Force Base"). ``fit`` compares
them with what the question asks (``rag.language.asked.Asked``): a sentence fills the slot when
it holds such a phrase that the question does not already give, and fills it *for the focus*
when the phrase is bound to the asked measure, event or role.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from rag.lexicon import (
    GIVES_CAUSE,
    MEASURE_UNITS,
    REASON_MARKS,
    REASON_NOUNS,
    REASON_PREPS,
    TIME_UNITS,
)
from rag.text import match_form

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

    from rag.language.asked import Asked

NUMBER, DATE, DURATION, PLACE, PERSON, ORG, REASON, NAMED = (
    "number", "date", "duration", "place", "person", "org", "reason", "named"
)
_KINDS = {
    "CARDINAL": NUMBER, "QUANTITY": NUMBER, "MONEY": NUMBER, "PERCENT": NUMBER,
    "DATE": DATE, "TIME": DATE, "GPE": PLACE, "LOC": PLACE, "FAC": PLACE,
    "PERSON": PERSON, "ORG": ORG, "NORP": ORG,
    # Other proper names: a "what is the name of ..." answer.
    "WORK_OF_ART": NAMED, "PRODUCT": NAMED, "EVENT": NAMED, "LAW": NAMED, "LANGUAGE": NAMED,
}
# The fill kinds that answer each asked slot (``Asked.slot``); "which X" is checked only when
# X names people or places (``Asked.slot`` is then person / place).
ANSWERS: dict[str, frozenset[str]] = {
    "number": frozenset({NUMBER}),
    "date": frozenset({DATE}),
    "duration": frozenset({DURATION}),
    "place": frozenset({PLACE}),
    "person": frozenset({PERSON, ORG}),
    "reason": frozenset({REASON}),
    "name": frozenset({PERSON, ORG, PLACE, NAMED}),
}
_QUANTIFIERS = frozenset("a an several few many some couple dozen".split())
# Slots the next sentence may fill (the name after "a teacher ...", the place after "it
# landed ..."): figures, dates and causes are stated in the sentence that is about them.
NEIGHBOURED = frozenset({"person", "place", "name"})


@dataclass(frozen=True)
class Fill:
    """One phrase that can fill a slot: its kind, text offsets, its own words (lower case),
    the noun it counts (figures) and the lemmas it is bound to (verbs and nouns above it up
    to its clause's verb, and nouns in apposition to it)."""

    kind: str
    start: int
    end: int
    words: frozenset[str]
    counts: frozenset[str] = frozenset()  # "walk" and "spacewalk" for "four space walks"
    bound: frozenset[str] = frozenset()


def fills(doc: Doc) -> tuple[Fill, ...]:
    """Every slot-filling phrase of a parsed text."""
    out: list[Fill] = []
    in_entity: set[int] = set()
    for ent in doc.ents:
        kind = _KINDS.get(ent.label_)
        if kind is None:
            continue
        in_entity.update(range(ent.start, ent.end))
        bound = _bound(ent.root)
        if kind == NUMBER:
            out.append(_fill(kind, ent, _counted(ent), bound))
        else:
            out.append(_fill(kind, ent, frozenset(), bound))
        if _is_duration(ent):
            out.append(_fill(DURATION, ent, frozenset(), bound))
            # "the 11-day mission" also answers "how many days".
            units = frozenset(t.lemma_.lower() for t in ent if t.lemma_.lower() in TIME_UNITS)
            out.append(_fill(NUMBER, ent, units, bound))
    for t in doc:
        # Figures the entity model missed ("over 200 missing" is found, "4 spacewalks" may not).
        if t.like_num and t.i not in in_entity:
            span = doc[t.i: t.i + 1]
            out.append(_fill(NUMBER, span, _counted(span), _bound(t)))
            if t.head.lemma_.lower() in TIME_UNITS:
                out.append(_fill(DURATION, doc[t.i: t.head.i + 1] if t.head.i > t.i else span,
                                 frozenset(), _bound(t.head)))
        low = t.lower_
        after = t.doc[t.i + 1].lower_ if t.i + 1 < len(t.doc) else ""
        reason = (
            (t.dep_ == "mark" and low in REASON_MARKS and t.head.dep_ == "advcl")
            or (low in REASON_PREPS and after in ("to", "of"))  # "due to", "because of"
            or (t.pos_ == "NOUN" and t.lemma_.lower() in REASON_NOUNS)
            or (t.pos_ == "VERB" and t.lemma_.lower() in GIVES_CAUSE)
            or t.dep_ == "agent"  # "... was dealt major blows by yellow fever outbreaks"
            or _purpose(t)
        )
        if reason:
            # A cause is bound to what its sentence is about, not to the few words above it.
            about = frozenset(w.lemma_.lower() for w in t.sent
                              if w.pos_ in ("VERB", "NOUN", "PROPN"))
            out.append(_fill(REASON, _cause_phrase(t), frozenset(), about))
    return tuple(out)


@dataclass(frozen=True)
class SlotFit:
    """How a sentence meets the asked slot: ``checked`` (the slot is one this reads),
    ``filled`` (a phrase of the asked kind that the question does not give), ``bound`` (one
    such phrase is bound to the asked measure, event, role or focus); ``spans``: those bound
    phrases (offsets in the sentence), which the answer highlights inside its quote."""

    checked: bool
    filled: bool
    bound: bool
    spans: tuple[tuple[int, int], ...] = ()
    filled_spans: tuple[tuple[int, int], ...] = ()  # every new phrase of the asked kind

    def features(self) -> dict[str, float]:
        return {
            "slot_miss": float(self.checked and not self.filled),
            "slot_bound": float(self.checked and self.bound),
        }


UNCHECKED = SlotFit(False, False, False)


def fit(asked: Asked, question: str, found: tuple[Fill, ...]) -> SlotFit:
    """Whether ``found`` (a sentence's fills) fill the asked slot, and for its focus."""
    kinds = ANSWERS.get(asked.slot)
    if kinds is None or asked.speech is not None:
        return UNCHECKED
    given = set(_words(question))
    new = [f for f in found if f.kind in kinds and not (f.words and f.words <= given)]
    if not new:
        return SlotFit(True, False, False)
    wanted = {w.lower() for w in asked.focus} | {asked.event, asked.role} - {""}
    measure = asked.measure
    units = MEASURE_UNITS.get(measure, frozenset())

    def bound(f: Fill) -> bool:
        if f.kind == NUMBER and measure:
            return measure in f.counts or bool(f.counts & units) or (
                measure in ("count", "amount") and bool(f.bound & wanted)
            )
        return bool(f.bound & wanted)

    tied = [f for f in new if bound(f)]
    return SlotFit(True, True, bool(tied), _spans(tied), _spans(new))


def _spans(found: list[Fill]) -> tuple[tuple[int, int], ...]:
    return tuple(sorted({(f.start, f.end) for f in found if f.end > f.start}))


def _fill(kind: str, span: Span, counts: frozenset[str], bound: frozenset[str]) -> Fill:
    return Fill(kind, span.start_char, span.end_char, frozenset(_words(span.text)), counts,
                bound)


def _words(text: str) -> list[str]:
    return re.findall(r"[a-z0-9]+", match_form(text))


def _counted(span: Span) -> frozenset[str]:
    """The noun a figure counts: what it is "of" ("dozens of protesters"), its own head noun
    ("120 kilometers"), or the noun it modifies ("21 people"), with its compounds joined ("four
    space walks": "walk", "spacewalk"); "percent" / "money" for those entities."""
    root = span.root
    if span.label_ == "PERCENT" or any(t.lower_ in ("percent", "%") for t in span):
        return frozenset({"percent"})
    if span.label_ == "MONEY":
        return frozenset({"money"})
    of = next((c for c in root.children if c.dep_ == "prep" and c.lower_ == "of"), None)
    obj = next((c for c in of.children if c.dep_ == "pobj"), None) if of is not None else None
    if obj is not None:
        return _noun(obj)
    if root.pos_ == "NOUN" and not root.like_num:
        return _noun(root)
    head = root
    while head.dep_ in ("nummod", "quantmod", "compound", "nmod") and head.head is not head:
        head = head.head
        if head.pos_ in ("NOUN", "PROPN"):
            return _noun(head)
    return frozenset()


def _noun(token: Token) -> frozenset[str]:
    lemma = token.lemma_.lower()
    compounds = "".join(c.lower_ for c in token.children if c.dep_ == "compound")
    return frozenset({lemma, compounds + lemma}) if compounds else frozenset({lemma})


def _bound(token: Token) -> frozenset[str]:
    """Lemmas above ``token`` up to its clause's verb (included; a participle's noun too), and
    nouns in apposition to it ("Barbara Morgan, a *teacher*") or that it is in apposition
    to."""
    out: set[str] = set()
    head = token
    for _ in range(8):
        if head.head is head:
            break
        head = head.head
        if head.pos_ in ("VERB", "NOUN", "PROPN", "AUX", "ADJ"):
            out.add(head.lemma_.lower())
        if head.pos_ == "VERB":
            if head.dep_ == "acl":  # "a rail system *called* Metro Rail": the noun it describes
                out.add(head.head.lemma_.lower())
            break
    for c in token.children:
        if c.dep_ in ("appos", "compound") and c.pos_ in ("NOUN", "PROPN"):
            out.add(c.lemma_.lower())
    if token.dep_ == "appos":
        out.add(token.head.lemma_.lower())
    return frozenset(out)


def _is_duration(ent: Span) -> bool:
    """"13 days", "an 11-day mission", "several hours": a time unit with a figure or a
    quantifier."""
    units = any(t.lemma_.lower() in TIME_UNITS for t in ent)
    counted = any(t.like_num or t.lower_ in _QUANTIFIERS for t in ent)
    return ent.label_ in ("DATE", "TIME", "QUANTITY", "CARDINAL") and units and counted


def _cause_phrase(t: Token) -> Span:
    """The words that give the cause: the clause "because" / "after" opens, the phrase after
    "due to", the infinitive clause of a purpose, the agent phrase; a cause noun or verb is
    only a cue ("the reason", "sparked"), so just itself."""
    doc = t.doc
    if t.dep_ == "mark":
        head = t.head
        return doc[min(t.i, head.left_edge.i): head.right_edge.i + 1]
    if t.dep_ in ("agent", "advcl", "acl") or t.lower_ in ("because", "due", "owing", "thanks"):
        right = t.right_edge.i
        if t.i + 1 < len(doc) and doc[t.i + 1].lower_ in ("to", "of"):
            right = max(right, doc[t.i + 1].right_edge.i)
        return doc[t.left_edge.i if t.dep_ in ("advcl", "acl") else t.i: right + 1]
    return doc[t.i: t.i + 1]


def _purpose(t: Token) -> bool:
    """"... to protect the miners" as the purpose of the clause's verb or of a noun ("a move
    to protect"), or "in order to"."""
    if t.dep_ in ("advcl", "acl") and t.tag_ == "VB" and any(
            c.dep_ == "aux" and c.lower_ == "to" for c in t.children):
        return True
    return t.lower_ == "order" and t.i > 0 and t.doc[t.i - 1].lower_ == "in"
