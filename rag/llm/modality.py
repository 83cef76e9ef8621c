"""Hedges a claim drops: the passage says an event may, could or is expected to happen, and the
claim says it does ("may join him" -> "joining him", "could lay the foundation" -> "will serve
as the foundation", "agreed to craft a plan" -> "have drawn up a plan").

Read on the spaCy parse (``rag.language.parse``), clause by clause: each verb's hedge is a modal
auxiliary ("may", "could"), a hedging head it depends on ("expected to", "agreed to", "feared
there could", a passive report: "is said to be"), or a hedging adverb ("possibly"); "would"
hedges only outside reported speech in the past ("said the holiday would fall on a Monday" is
the future seen from then). A claim's
verb that states an event outright is matched to the passage's verbs of the same lemma, or
sharing a subject or object noun (a subject it only has from the verb it completes, "DeepMind
is expected to debut", ties nothing alone); the claim is rejected when a matched passage verb
is hedged and no passage verb states the matched event outright (about the same things: "the
storm destroyed many poor houses" does not state "5,000 homes have thought to have been
destroyed"). A copula with a noun is an event of "be" ("2006 was a second drought year" over
"2006 could have been a second successive year of drought"), and so is "get" or "become" with
what it turns into ("got a lot worse"). A claim in the past or perfect is also rejected where
the passage puts the event in the future ("has got a lot worse" over "is going to get a lot
worse", "resumed" over "will resume"); a claim in the present is not ("talks resume Monday" is
how news writes a schedule). A claim that reports the hedge itself ("warned of flooding", "is
expected to") states nothing outright.

A doubt is a hedge too, and a claim that turns it into a denial states more than it ("said
pressure was not swaying the junta" over "doubts pressure is swaying the junta").

Three more ways a claim states more than its passage, read on the passage sentences it
restates: a report presented as shown ("proved that ..." over "said that ...",
``shown_for_said``), one of a group made the only one ("the highest number" over "one of the
cities with the highest number", ``one_of_dropped``), and the view of some of a group told as
fact ("the engineers were the real stars" over "some experts are saying ...",
``opinion_as_fact``).

Only sentences with a hedge word are parsed, and every parse is cached by its text: most
answers' passages hedge nothing, and a passage read for one sentence of an answer is not read
again for the next.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from itertools import islice
from typing import TYPE_CHECKING

from rag import lexicon
from rag.text import sentence_spans, terms

if TYPE_CHECKING:
    from spacy.tokens import Token

# A clause's verbs: the dependency relations a clause head takes.
_CLAUSE_HEADS = frozenset(
    "ROOT conj ccomp xcomp advcl relcl pcomp acl parataxis csubj".split()
)
# Relations through which a verb inherits the hedge of its head: "expected to skirt", "agreed
# to craft", "feared there could be", "plans to build" (a noun's clause).
_UP = frozenset("xcomp ccomp acl advcl".split())
_ARGUMENT_DEPS = frozenset("nsubj nsubjpass dobj attr oprd dative".split())
_SPEECH = lexicon.SPEECH_VERBS | lexicon.WEAK_SPEECH_VERBS
# Verbs that report a clause as someone's words or view, not as found.
_REPORTING = _SPEECH | lexicon.CONJECTURE_VERBS
# Verbs a claim uses for a stance, a plan or a light event: they align with nothing.
_NO_EVENT = lexicon.NOT_EVENTS | lexicon.HEDGING_HEADS

_WORD = re.compile(r"[a-z]+")
# A passive report: "is said to be the last", "were reported to have fled".
_HEARSAY = re.compile(r"\b(?:is|are|was|were|been|being)\s+(?:\w+ly\s+)?"
                      r"(?:said|reported|alleged|claimed)\s+to\b", re.IGNORECASE)
# A superlative restricted to a group: "one of the largest", "among the best".
_ONE_OF = re.compile(
    r"\b(?:one of|among) (?:the|several|many|some|various|numerous|a (?:few|number of))\b")
# Words that make one of a group the only one: "the first man", "the only city".
_ONLY_ONE = frozenset("first only sole lone single last".split())


def _cue_forms() -> frozenset[str]:
    words = (lexicon.HEDGE_MODALS | lexicon.HEDGE_ADVERBS | lexicon.HEDGING_HEADS
             | lexicon.HEDGE_NOUN_MODIFIERS | lexicon.HEDGE_NOUN_HEADS | {"would"})
    return frozenset(words) | frozenset(terms(" ".join(sorted(words)), keep_stopwords=True))


_CUES = _cue_forms() | frozenset("sought thought will going".split())
# Adverbs that make "would" the past's future, told as fact: "who would later become ...".
_LATER = frozenset("later eventually subsequently afterwards ultimately".split())
# Verbs of becoming, read like a copula: "got worse", "became the basis".
_TURNS = frozenset(("get", "become"))


@dataclass(frozen=True)
class Predicate:
    text: str  # the verb as written
    lemma: str
    arguments: frozenset[str]  # stems of its subject and object nouns
    hedge: str  # what hedges it ("may", "expected to"), or ""
    negated: bool
    existential: bool  # "there was more violence"
    would: bool  # "would" on it or a head it depends on, reported or not
    infinitive: bool  # "to stop": a purpose or an aim, not an event that happened
    nominal: bool  # a clause used as a noun ("attacking the monks could ..."): no event
    reports: bool  # reports speech ("said that ...", "told reporters ..."): the event is its clause
    noun: bool = False  # a hedged noun ("potential mudslides"): its lemma is the event
    copula: bool = False  # "was a second drought year": what something is, an event of "be"
    # Of ``arguments``, the subject a verb has from the verb it completes ("Meridian is
    # expected to unveil"): it alone ties no two verbs, as one subject does many things.
    inherited: frozenset[str] = frozenset()
    past: bool = False  # "got", "has got": said to have happened
    future: str = ""  # "will", "going to": put in the future, not hedged

    @property
    def asserted(self) -> bool:
        """Said as so (or as not so): not hedged, conditional, an aim, a clause used as a noun
        or a report of speech."""
        return not (self.hedge or self.would or self.infinitive or self.nominal or self.reports)


def dropped_hedge(claim: str, passages: str, restated: list[str] | None = None) -> str | None:
    """How ``claim`` states outright an event ``passages`` only hedges, or None.

    ``restated``: the passage units the claim rewrites (the grounding check's quotes). A
    hedged verb other than the claim's own is matched by a shared noun only in a sentence the
    claim rewrites: elsewhere in a long passage, a shared noun is often another event."""
    spans = [passages[s:e] for s, e in sentence_spans(passages)]
    words = frozenset(terms(claim))
    # A hedge the claim drops is in a sentence it rewrites, or in one sharing two of its words
    # (the verb and a noun): most of a long passage's hedges are about something else, and
    # each sentence read costs a parse.
    hedging = [s for s in spans if _has_cue(s) and (
        len(shared := words & _content(s)) >= 2 or shared and _rewritten(s, restated))]
    if not hedging:
        return None
    # A claim that keeps a "would" keeps the hedge, even where the passage's is reported.
    stated = [c for c in _predicates(claim) if c.asserted and not c.negated
              and (c.lemma not in _NO_EVENT or c.existential or c.copula)]
    for c in stated:
        hedged = _matched(c, words, hedging, restated, lambda p: bool(p.hedge))
        if hedged is None and c.past:
            # "has got a lot worse" over "is going to get a lot worse": a future told as done
            # (not a claim in the present: "talks resume Monday" is how news writes a schedule).
            # The same verb only: "ordered inspections" is not "the inspections will be
            # carried out", however much the two share.
            hedged = _matched(c, words, hedging, restated,
                              lambda p: bool(p.future and not p.hedge), loose=False)
        if hedged is None:
            continue
        keys = _keys(c, words)
        near = [s for s in spans if keys & _stems(s)]
        if hedged.noun:  # stated outright: the noun an argument of an unhedged verb anywhere
            noun = _stem(hedged.lemma)
            # Preparing for, warning of or planning an invasion states no invasion.
            outright = any(not q.hedge and not q.noun and noun in q.arguments
                           and q.lemma not in lexicon.HEDGING_HEADS
                           for s in near for q in _predicates(s))
        else:
            # "The storm destroyed many poor houses" does not state that "5,000 homes have
            # thought to have been destroyed": where the claim shares nouns with the hedged
            # verb, an outright one must have one of those too.
            tied = c.arguments & hedged.arguments
            outright = any(not q.hedge and not (c.past and q.future) and _same_event(c, q)
                           and not (tied and q.arguments and not tied & q.arguments)
                           for s in near for q in _predicates(s))
        if not outright:
            return (f"{c.text!r} states what the passage hedges "
                    f"({hedged.hedge or hedged.future} {hedged.text})")
    # A doubt told as a denial: "said pressure was not swaying the junta" over "doubts pressure
    # is swaying the junta" (a doubt leans to "not", and says no more).
    for c in _predicates(claim):
        if not (c.negated and c.asserted):
            continue
        doubted = _matched(c, words, hedging, restated,
                           lambda p: p.hedge.lower().startswith("doubt"))
        if doubted is not None:
            return (f"'not {c.text}' denies what the passage only doubts "
                    f"({doubted.hedge} {doubted.text})")
    return None


def _keys(c: Predicate, words: frozenset[str]) -> frozenset[str]:
    """What ties a passage sentence to the claim's predicate: the claim's terms, the verb's
    stem and its arguments."""
    return words | {_stem(c.lemma), *c.arguments}


def _matched(c: Predicate, words: frozenset[str], hedging: list[str],
             restated: list[str] | None, wanted: Callable[[Predicate], bool], *,
             loose: bool | None = None) -> Predicate | None:
    """The first predicate ``wanted`` picks, of the passage sentences sharing a key of ``c``,
    that ``c`` aligns with: by a shared noun only in a sentence the claim rewrites, unless
    ``loose`` says otherwise."""
    keys = _keys(c, words)
    return next((p for s in hedging if keys & _stems(s) for p in _predicates(s)
                 if wanted(p) and _aligned(
                     c, p, loose=_rewritten(s, restated) if loose is None else loose)), None)


def shown_for_said(claim: str, restated: list[str]) -> str | None:
    """How ``claim`` presents as established what the passage sentences it restates only
    report ("Shiller proved that inequality is the most important problem" over "Shiller said
    that ...", "he proved that" over "he surmised that"), or None. Both sides are read on the
    parse: the claim's verb of showing must take a clause, and the passage sentence must
    report that clause with a verb of saying, believing or conjecture and no verb of finding
    ("the study found that ..." backs "showed that")."""
    if not _stems(claim) & _SHOWN_STEMS:
        return None
    from rag.language.parse import parse_sentence

    shown = next((t for t in parse_sentence(claim) if t.lemma_.lower() in lexicon.SHOWN_VERBS
                  and any(c.dep_ == "ccomp" for c in t.children)), None)
    if shown is None:
        return None
    reporting = None
    for sentence in restated:
        for t in parse_sentence(sentence):
            lemma = t.lemma_.lower()
            if lemma in lexicon.FINDING_VERBS:
                return None
            if reporting is None and lemma in _REPORTING and any(
                    c.dep_ in ("ccomp", "parataxis") for c in t.children):
                reporting = t
    if reporting is None:
        return None
    return f"{shown.text!r} presents as shown what the passage reports ({reporting.text})"


def opinion_as_fact(claim: str, restated: list[str]) -> str | None:
    """How ``claim`` states as fact what the passage sentence it restates gives as the view of
    some of a group ("NASA's engineers were the real stars" over "some experts are saying
    NASA's engineers are the real stars", "many analysts believe", "other sources say"), or
    None. Read on the parse: the passage's verb of saying or believing takes a clause and has
    for subject a common noun with "some", "many", "several", "few" or "other"; the claim has
    no verb of saying or believing and no "according to" (who holds the view is the answer's
    to keep)."""
    groups = [sentence for sentence in restated if _PART_OF_GROUP.search(sentence)]
    if not groups:
        return None
    from rag.language.parse import parse_sentence

    for sentence in groups:
        for t in parse_sentence(sentence):
            if t.lemma_.lower() not in _HOLDING or not any(
                    c.dep_ in ("ccomp", "parataxis") for c in t.children):
                continue
            holder = next((c for c in t.children if c.dep_ == "nsubj" and c.pos_ == "NOUN"
                           and any(d.lower_ in _SOME for d in c.children
                                   if d.dep_ in ("det", "amod", "nummod"))), None)
            if holder is None:
                continue
            doc = parse_sentence(claim)
            if "according to" in claim.lower() or any(
                    c.lemma_.lower() in _HOLDING for c in doc if c.pos_ in ("VERB", "AUX")):
                return None
            some = " ".join(d.text for d in holder.subtree)
            return f"states as fact what the passage gives as the view of {some} ({t.text})"
    return None


def one_of_dropped(claim: str, restated: list[str]) -> str | None:
    """How ``claim`` makes the passage's "one of the highest" its "the highest" (Warsaw "has
    the highest number of skyscrapers" over "is one of the cities with the highest number"),
    or one of a group the only one ("the first man to study" over "one of several men
    studying"), or None. The superlative is read on the passage sentence's parse (a
    superlative adjective or adverb, "most ..."), the group on both parses (the noun after
    "one of" / "among", the claim's "first" / "only" on that noun), and the claim must write
    it without "one of" / "among"."""
    low = claim.lower()
    if _ONE_OF.search(low):
        return None
    from rag.language.parse import parse_sentence

    claim_doc = None
    for sentence in restated:
        if not _ONE_OF.search(sentence.lower()):
            continue
        for t in parse_sentence(sentence):
            if t.lower_ in ("one", "among"):
                # "one of several men studying" -> "the first man to study".
                group = {g.lemma_.lower() for c in (t, *t.children) if c.lower_ in ("of", "among")
                         for g in c.children if g.dep_ == "pobj" and g.pos_ == "NOUN"}
                if not group:
                    continue
                claim_doc = claim_doc or parse_sentence(claim)
                only = next((c for c in claim_doc if c.lower_ in _ONLY_ONE and c.dep_ == "amod"
                             and c.head.lemma_.lower() in group), None)
                if only is not None:
                    return (f"'the {only.lower_} {only.head.lower_}' for what the passage calls "
                            f"one of a group")
            if t.tag_ not in ("JJS", "RBS"):
                continue
            word = t.lower_
            if re.search(rf"\bthe (?:\w+ )?{re.escape(word)}\b", low) and _restricted(t):
                return f"'the {word}' for what the passage calls one of a group"
    return None


def _restricted(superlative: Token) -> bool:
    """The superlative belongs to a phrase under "one of" / "among": "one of the cities with
    the highest number", "among the largest"."""
    token = superlative
    for _ in range(6):
        if token.lower_ in ("one", "among") or any(c.lower_ == "among" for c in token.children):
            return True
        if token.head.i == token.i:
            return False
        token = token.head
    return False


# "Some experts are saying ...": a view held by part of a group (``opinion_as_fact``).
_SOME = frozenset("some many several few other others".split())
_PART_OF_GROUP = re.compile(r"\b(?:some|many|several|few|other)\b", re.IGNORECASE)
_HOLDING = _REPORTING | frozenset("believe think feel consider".split())


# Stems of the verbs of showing and their participles ("shown", "proven" stem apart).
_SHOWN_STEMS = frozenset(terms(" ".join(sorted(lexicon.SHOWN_VERBS)) + " shown proven",
                               keep_stopwords=True))


def _has_cue(sentence: str) -> bool:
    words = set(_WORD.findall(sentence.lower()))
    return (bool(words & _CUES) or bool(_stems(sentence) & _CUES)
            or _HEARSAY.search(sentence) is not None)


# Passage sentences are read once per claim verb and once per claim of an answer: cached.
@lru_cache(maxsize=20_000)
def _stems(text: str) -> frozenset[str]:
    return frozenset(terms(text, keep_stopwords=True))


@lru_cache(maxsize=20_000)
def _content(text: str) -> frozenset[str]:
    return frozenset(terms(text))


def _rewritten(sentence: str, restated: list[str] | None) -> bool:
    if restated is None:
        return True
    return any(sentence in unit or unit in sentence for unit in restated if unit)


def _aligned(claim: Predicate, passage: Predicate, *, loose: bool) -> bool:
    """The same event: the same verb (a light one, "there was", with a noun in common too),
    the verb of the passage's noun ("was repaired" for "a repair will take place"), or, when
    ``loose``, a verb sharing a subject or object noun. A hedged noun of the passage is the
    claim's subject or object of a verb of occurrence ("caused mudslides"), or what it says
    there was ("there were mudslides")."""
    if passage.noun:
        occurs = claim.lemma in lexicon.OCCURRENCE_VERBS or claim.existential
        return occurs and _stem(passage.lemma) in claim.arguments
    if passage.reports or passage.lemma in lexicon.HEDGING_HEADS:
        return False
    common = claim.arguments & passage.arguments
    shared = bool(common)
    if claim.lemma in lexicon.NOT_EVENTS:
        return shared and claim.lemma == passage.lemma
    if _stem(claim.lemma) in {_stem(passage.lemma), *passage.arguments}:
        return True
    return loose and bool(common - passage.inherited or len(common) >= 2)


def _same_event(claim: Predicate, passage: Predicate) -> bool:
    """``_aligned``, more strictly, for a passage verb that states the event outright: the same
    verb or its noun, or every subject and object noun of the claim's verb."""
    if passage.noun:
        return False
    if passage.reports or passage.lemma in lexicon.HEDGING_HEADS:
        return False
    if claim.lemma in lexicon.NOT_EVENTS:
        return claim.lemma == passage.lemma and bool(claim.arguments & passage.arguments)
    verb, other = _stem(claim.lemma), _stem(passage.lemma)
    if verb == other or verb in passage.arguments or other in claim.arguments:
        return True
    return bool(claim.arguments) and claim.arguments <= passage.arguments


@lru_cache(maxsize=4096)
def _stem(word: str) -> str:
    found = terms(word, keep_stopwords=True)
    return found[0] if found else word


@lru_cache(maxsize=20_000)
def _predicates(sentence: str) -> tuple[Predicate, ...]:
    from rag.language.parse import parse_sentence

    doc = parse_sentence(sentence)
    verbs = [_predicate(t) for t in doc if _is_clause_verb(t)]
    nouns = [p for t in doc if t.pos_ == "NOUN" and (p := _hedged_noun(t)) is not None]
    return (*verbs, *nouns)


def _noun_hedge(noun: Token) -> str:
    """What leaves a noun's event open ("potential", "anticipation of"), or ""."""
    cue = next((c.text for c in noun.children
                if c.dep_ == "amod" and c.lemma_.lower() in lexicon.HEDGE_NOUN_MODIFIERS), "")
    head = noun.head
    if not cue and noun.dep_ == "pobj" and head.lemma_.lower() == "of" and (
            head.head.lemma_.lower() in lexicon.HEDGE_NOUN_HEADS):
        cue = f"{head.head.text} of"
    return cue


def _hedged_noun(noun: Token) -> Predicate | None:
    """"potential mudslides", "in anticipation of new demonstrations": the noun's event, open."""
    cue = _noun_hedge(noun)
    if not cue:
        return None
    lemma = noun.lemma_.lower()
    return Predicate(text=noun.text, lemma=lemma, arguments=frozenset({_stem(lemma)}),
                     hedge=cue, negated=False, existential=False, would=False,
                     infinitive=False, nominal=False, reports=False, noun=True)


def _is_clause_verb(token: Token) -> bool:
    if token.dep_ not in _CLAUSE_HEADS or not token.is_alpha:
        return False
    return token.pos_ == "VERB" or _existential(token) or _copula(token)


def _copula(token: Token) -> bool:
    """"2006 could have been a second year of drought": "be" with a noun for what it is; "is
    going to get a lot worse": "get" or "become" with a noun or an adjective for what it turns
    into. ("Be" with an adjective, "are thought to be extinct", lost two faithful dev sentences
    and a catch: not read.)"""
    lemma = token.lemma_.lower()
    if lemma == "be":
        return not _existential(token) and any(
            c.dep_ == "attr" and c.pos_ in ("NOUN", "PROPN") for c in token.children)
    return lemma in _TURNS and any(
        (c.dep_ == "attr" and c.pos_ in ("NOUN", "PROPN")) or (c.dep_ == "acomp"
                                                               and c.pos_ == "ADJ")
        for c in token.children)


def _existential(token: Token) -> bool:
    """"there could be more violence": an existence, hedged or not."""
    return token.lemma_ == "be" and any(c.dep_ == "expl" for c in token.children)


def _predicate(verb: Token) -> Predicate:
    return Predicate(
        text=verb.text,
        lemma=verb.lemma_.lower(),
        arguments=frozenset(_arguments(verb)),
        hedge=_hedge(verb),
        negated=any(c.dep_ == "neg" for c in verb.children),
        existential=_existential(verb),
        would=_would(verb),
        infinitive=any(c.tag_ == "TO" for c in verb.children),
        nominal=verb.dep_ in ("csubj", "csubjpass", "pcomp"),
        reports=_reports(verb),
        copula=_copula(verb),
        past=verb.tag_ == "VBD" or (verb.tag_ == "VBN" and any(
            c.dep_ == "aux" and c.lemma_.lower() == "have" for c in verb.children)),
        future=_future(verb),
        inherited=frozenset(_stem(t.lemma_.lower()) for t in _inherited(verb)) - frozenset(
            _stem(t.lemma_.lower()) for t in verb.children if t.dep_ in _ARGUMENT_DEPS),
    )


def _arguments(verb: Token) -> list[str]:
    """Stems of the verb's subject, object and prepositional nouns, with what they are in
    apposition to ("a chatbot, Gemini"); a verb completing another ("is expected to debut")
    has that one's subject too, and a copula what it says something is."""
    nouns = []
    for child in verb.children:
        if child.dep_ in _ARGUMENT_DEPS:
            nouns.append(child)
        elif child.dep_ in ("prep", "agent"):
            nouns += [g for g in child.children if g.dep_ == "pobj"]
    nouns += _inherited(verb)
    nouns += [g for n in list(nouns) for g in n.children if g.dep_ == "appos"]
    # A hedged noun is no argument of its verb's event ("potential mudslides remain a
    # concern" states no mudslide): it stands for itself (``_hedged_noun``).
    found = [
        _stem(n.lemma_.lower()) for n in nouns
        if n.pos_ in ("NOUN", "PROPN") and n.lemma_.lower() not in lexicon.GENERIC_ARGUMENTS
        and not _noun_hedge(n)
    ]
    return found + _what_it_is(verb) if _copula(verb) else found


def _what_it_is(copula: Token) -> list[str]:
    """A copula's noun, however common ("a second year of drought"), what that is of, and a
    year or number it is said of ("2006 was ...")."""
    attrs = [c for c in copula.children if c.dep_ in ("attr", "acomp")]
    words = [c.lemma_.lower() for c in attrs]
    words += [g.lemma_.lower() for a in attrs for c in a.children if c.dep_ == "prep"
              for g in c.children if g.dep_ == "pobj" and g.pos_ in ("NOUN", "PROPN")
              and not _noun_hedge(g)]
    words += [c.text for c in copula.children if c.dep_ == "nsubj" and c.pos_ == "NUM"]
    return [_stem(w) for w in words]


def _inherited(verb: Token) -> list[Token]:
    """The subject of the verb ``verb`` completes, when it has none of its own."""
    if verb.dep_ != "xcomp" or any(c.dep_ in ("nsubj", "nsubjpass") for c in verb.children):
        return []
    return [c for c in verb.head.children if c.dep_ in ("nsubj", "nsubjpass")]


def _hedge(verb: Token) -> str:
    """The cue that leaves ``verb``'s event open, or ""."""
    token = verb
    for _ in range(4):  # the verb, then the heads it depends on
        for child in token.children:
            lemma = child.lemma_.lower()
            if child.dep_ == "aux" and lemma in lexicon.HEDGE_MODALS and not (
                lemma == "could" and token.lemma_.lower() in lexicon.PERCEPTION_VERBS
            ):
                return child.text
            if child.dep_ == "aux" and lemma == "would" and not _reported_past(token) and not (
                    any(c.lower_ in _LATER for c in token.children)):
                # (Not "who would later become president": the past's future, which happened.)
                return child.text
            if child.dep_ == "advmod" and lemma in lexicon.HEDGE_ADVERBS:
                return child.text
            if child.dep_ == "mark" and lemma in ("whether", "if"):
                return child.text  # "tests to determine whether a gouge must be fixed"
            if child.dep_ == "advcl" and any(
                g.dep_ == "mark" and g.lemma_.lower() in ("if", "unless") for g in child.children
            ):
                return "if"  # "a repair will take place if needed"
            if child.dep_ == "acomp" and lemma in lexicon.HEDGING_HEADS and not (
                any(g.dep_ == "prep" for g in child.children)
                and not any(g.dep_ == "xcomp" for g in child.children)
            ):
                # "is likely to fall", "is due to arrive"; not "stay indoors due to decreased
                # activity" or "ready for the storm": a preposition's noun is a cause or a
                # state, no event left open.
                return child.text
        if token.dep_ not in _UP or token.head is token:
            return ""
        if token.dep_ == "advcl" and any(c.dep_ == "mark" for c in token.children):
            return ""  # "because this freedom defines ...": stated, whatever its head's mood
        head = token.head
        if head.lemma_.lower() in lexicon.HEDGING_HEADS:
            return head.text + (" to" if token.dep_ == "xcomp" else "")
        if head.lemma_.lower() in _SPEECH and token.dep_ == "xcomp" and any(
                c.dep_ in ("nsubjpass", "auxpass") for c in head.children):
            return f"{head.text} to"  # "is said to be the last": hearsay, nobody's statement
        if head.lemma_.lower() in _SPEECH:
            return ""  # what a speaker said is stated, unless hedged in the speech itself
        if head.pos_ in ("NOUN", "PROPN"):
            return ""  # "the fact (that) transformers lit the sky": a noun's clause is stated
        token = head
    return ""


def _future(verb: Token) -> str:
    """"will" or "going to" on ``verb`` or a head it completes ("is going to get worse")."""
    for token in islice(_chain(verb), 4):
        if any(c.dep_ == "aux" and c.lemma_.lower() == "will" for c in token.children):
            return "will"
        if token.dep_ == "xcomp" and token.head.lemma_.lower() == "go" and (
                token.head.tag_ == "VBG"):
            return "going to"
    return ""


def _reports(verb: Token) -> bool:
    """A speech verb that reports what was said ("said the storm could ..."), not one that is
    the event ("spoke with school children")."""
    lemma = verb.lemma_.lower()
    if lemma not in _SPEECH:
        return False
    return lemma in ("say", "tell") or any(
        c.dep_ in ("ccomp", "parataxis", "xcomp") for c in verb.children
    )


def _would(verb: Token) -> bool:
    return any(any(c.dep_ == "aux" and c.lemma_.lower() == "would" for c in token.children)
               for token in _chain(verb))


def _chain(verb: Token) -> Iterator[Token]:
    """``verb``, then each head whose clause it completes or reports (``_UP``)."""
    token = verb
    yield token
    while token.dep_ in _UP and token.head is not token:
        token = token.head
        yield token


def _reported_past(verb: Token) -> bool:
    """``verb``'s clause is what someone said in the past ("said it would ...")."""
    head = next((h for h in islice(_chain(verb), 1, None) if h.lemma_.lower() in _SPEECH), None)
    return head is not None and head.tag_ in ("VBD", "VBN")
