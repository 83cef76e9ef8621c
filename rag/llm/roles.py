"""Who did what to whom: a claim that gives an act to the wrong party.

"Creon defies Antigone" over "Antigone ... defies Creon", "Jean Ribault massacred the
Huguenots" over "Menendez proceeded to massacre the defenseless Huguenots", "the Earth has a
higher proportion of oxygen-16 than the Sun" over "the Sun has a higher proportion of oxygen-16
than does the Earth": every word and name is in the passage, so the term, name and similarity
checks pass, but the act belongs to another party.

Read on the spaCy parse (``rag.language.parse``). Each verb is an act with its subjects and
objects: a passive's agent is its subject and its subject its object; a verb completing another
inherits that one's subject ("Menendez proceeded to massacre"), a conjoined verb its first
verb's ("surrendered and were shot": in the passage only, where it can only spare a claim; the
parse often hangs a claim's "..., and touted" on the wrong verb), a "who" clause the noun it
hangs on ("Creon, who is trying to stop her"); conjoined nouns are each a party ("Duncan and
Holland"). A party is a name (its
words) or a noun (its lemma); a pronoun is nobody in particular.

A claim's act conflicts with the passage when the passage has acts of the same verb, none of
them has one of the claim's subjects as its subject, and one of them either

- has the parties the other way round (its object is the claim's subject and its subject the
  claim's object), or
- has the claim's object and a *named* subject that is not the claim's, where the claim's
  subject is named too, and no act of that verb with that object has a subject the parse leaves
  open (a pronoun, none): "he massacred them" may be the claim's man; or
- is in a sentence that names the claim's (named) subject in another part, every act of the
  verb having named subjects: "Euler listed 1 as the first prime in his correspondence with
  Goldbach" over "Goldbach listed 1 ... in his correspondence with Leonhard Euler".

Speech verbs are left to the speaker check (``rag.llm.speakers``), and "be" says no act. A
claim that names no one (no capitalised word after its first) is not read, and only passage
sentences that hold one of the claim's verbs (regular forms by stem, irregular ones from the
lemmatizer's table) and name one of its parties are parsed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

from rag import lexicon
from rag.text import STOPWORDS, match_form, sentence_spans, terms

if TYPE_CHECKING:
    from spacy.tokens import Token

_SUBJECTS = frozenset(("nsubj",))
_OBJECTS = frozenset(("dobj",))
_RELATIVE = frozenset("who which that".split())
# Where a capitalised word starts: a name ("Jean Ribault", "the Sun").
_CAPITAL = re.compile(r"\b[A-Z]")
_NO_ACT = frozenset(("be",)) | lexicon.SPEECH_VERBS
# Verbs that report speech with a clause ("wrote that ..."), and are acts without one ("a song
# written by Bill Aken").
_SPOKEN_WITH_CLAUSE = lexicon.WEAK_SPEECH_VERBS


@dataclass(frozen=True)
class Party:
    words: frozenset[str]  # a name's words, or a noun's lemma
    named: bool


@dataclass(frozen=True)
class Act:
    verb: str  # lemma
    subjects: tuple[Party, ...]
    objects: tuple[Party, ...]
    open_subject: bool  # a subject the parse leaves open: a pronoun, or none found
    # Its subject is its first verb's ("... and touted its architecture"): the parse often
    # hangs a conjoined verb on the wrong first verb, so a claim's such act is not judged.
    conjoined: bool = False


def swapped_role(claim: str, passages: str) -> str:
    """Why an act of ``claim`` belongs to another party in ``passages``; "" when none does."""
    if not _CAPITAL.search(claim, 1):
        # Only a claim naming someone is parsed (the parse is most of the check's cost; every
        # swap of the dev sets names a party): on news-dev2 with ~1,000-character passages
        # the check cost +4.4 ms a sentence p50 ungated, +1.7 ms gated.
        return ""
    mine = [a for a in _acts(claim) if a.subjects and not a.conjoined]
    if not mine:
        return ""
    from rag.language.parse import verb_forms

    words = " ".join(w for a in mine for p in (*a.subjects, *a.objects) for w in p.words)
    keys = set(terms(words))
    irregular = verb_forms()
    verbs = {v for a in mine for v in terms(a.verb, keep_stopwords=True)}
    verbs |= {f for a in mine for f in irregular.get(a.verb, ())}
    # Only the sentences that hold one of the claim's verbs and name one of its parties are
    # parsed.
    placed = [(s, a) for s in _sentences(passages)
              if verbs & _words(s, True) and keys & _words(s, False) for a in _acts(s)]
    theirs = [a for _, a in placed]
    traded = _traded(mine, theirs)
    if traded:
        return traded
    for act in mine:
        same = [a for a in theirs if a.verb == act.verb]
        if not same or any(_meets(act.subjects, a.subjects) for a in same):
            continue
        for other in same:
            if (act.objects and _meets(act.subjects, other.objects)
                    and _meets(act.objects, other.subjects)):
                return (f"{_show(act.subjects)} {act.verb} {_show(act.objects)}: the passage "
                        f"has it the other way round")
        if not all(p.named for p in act.subjects):
            continue
        # (Not where the claim's party is the act's object, or its object the act's doer:
        # "Witkoff met Macron" over "Macron met Witkoff" is the first rule's to judge.)
        beside = [a for sentence, a in placed if a.verb == act.verb and any(
            p.words & _words(sentence, False) for p in act.subjects)
            and not _meets(act.subjects, a.objects) and not _meets(act.objects, a.subjects)]
        if beside and all(not a.open_subject and a.subjects and all(p.named for p in a.subjects)
                          for a in same):
            # "Euler listed 1 as the first prime in his correspondence with Goldbach" over
            # "Goldbach listed 1 ... in his correspondence with Leonhard Euler": the sentence
            # that gives the act to another names the claim's party in another part.
            return (f"{_show(act.subjects)} {act.verb}: the passage gives it to "
                    f"{_show(beside[0].subjects)}, beside {_show(act.subjects)}")
        if not act.objects:
            continue
        done = [a for a in same if _meets(act.objects, a.objects)]
        if done and not any(a.open_subject for a in done) and all(
                all(p.named for p in a.subjects) for a in done):
            return (f"{_show(act.subjects)} {act.verb} {_show(act.objects)}: the passage "
                    f"gives it to {_show(done[0].subjects)}")
    return ""


def _traded(mine: list[Act], theirs: list[Act]) -> str:
    """Two named parties of the claim that trade acts in the passage: "written by Bob Gallion
    and recorded by Bill Aken" over "written by Bill Aken and recorded by Bob Gallion". Each
    act's verb must have, in the passage, only the other's party among its named subjects."""
    def doers(verb: str) -> list[tuple[Party, ...]]:
        return [a.subjects for a in theirs if a.verb == verb]

    for i, a in enumerate(mine):
        for b in mine[i + 1:]:
            if a.verb == b.verb or not all(p.named for p in (*a.subjects, *b.subjects)):
                continue
            a_by, b_by = doers(a.verb), doers(b.verb)
            if (a_by and b_by and not any(_meets(a.subjects, s) for s in a_by)
                    and not any(_meets(b.subjects, s) for s in b_by)
                    and any(_meets(b.subjects, s) for s in a_by)
                    and any(_meets(a.subjects, s) for s in b_by)):
                return (f"{_show(a.subjects)} {a.verb} and {_show(b.subjects)} {b.verb}: the "
                        f"passage has them the other way round")
    return ""


@lru_cache(maxsize=256)
def _sentences(passages: str) -> tuple[str, ...]:
    return tuple(passages[s:e] for s, e in sentence_spans(passages))


@lru_cache(maxsize=20_000)
def _words(sentence: str, stopwords: bool) -> frozenset[str]:
    return frozenset(terms(sentence, keep_stopwords=stopwords))


def _meets(mine: tuple[Party, ...], theirs: tuple[Party, ...]) -> bool:
    """One party of ``mine`` is one of ``theirs``: a name sharing a word, a noun its lemma."""
    return any(a.words & b.words for a in mine for b in theirs)


def _show(parties: tuple[Party, ...]) -> str:
    return " and ".join("/".join(sorted(p.words)) for p in parties)


@lru_cache(maxsize=20_000)
def _acts(sentence: str) -> tuple[Act, ...]:
    from rag.language.parse import parse_sentence

    doc = parse_sentence(sentence)
    out = []
    for verb in doc:
        lemma = verb.lemma_.lower()
        if verb.pos_ != "VERB" or lemma in _NO_ACT or (lemma in _SPOKEN_WITH_CLAUSE and any(
                c.dep_ in ("ccomp", "parataxis") for c in verb.children)):
            continue
        (subjects, conjoined), objects = _subjects(verb), _objects(verb)
        parties = [p for t in subjects if (p := _party(t)) is not None]
        out.append(Act(
            verb.lemma_.lower(),
            tuple(parties),
            tuple(p for t in objects if (p := _party(t)) is not None),
            open_subject=len(parties) < len(subjects) or not subjects,
            conjoined=conjoined,
        ))
    return tuple(out)


def _passive(verb: Token) -> bool:
    """A passive, or a participle with an agent ("a song written by Bill Aken")."""
    return any(c.dep_ in ("nsubjpass", "auxpass") for c in verb.children) or (
        verb.tag_ == "VBN" and any(c.dep_ == "agent" for c in verb.children))


def _subjects(verb: Token) -> tuple[list[Token], bool]:
    """The verb's subjects, and whether they came through a conjoined verb's head."""
    token, conjoined = verb, False
    for _ in range(4):
        if _passive(token):
            found = [g for c in token.children if c.dep_ == "agent"
                     for g in c.children if g.dep_ == "pobj"]
        else:
            found = [c for c in token.children if c.dep_ in _SUBJECTS]
        if found:
            return _with_conjuncts([_antecedent(t) for t in found]), conjoined
        if token.dep_ == "pcomp" and token.head.dep_ == "prep" and token.head.head.pos_ in (
                "VERB", "AUX"):
            # "Mayow refined this work by showing that ...": Mayow shows.
            token = token.head.head
            continue
        if token.dep_ not in ("xcomp", "conj") or token.head is token:
            return [], conjoined
        conjoined = conjoined or token.dep_ == "conj"
        token = token.head
    return [], conjoined


def _objects(verb: Token) -> list[Token]:
    """The verb's objects: a passive's subject (or the noun its participle hangs on: "a song
    written by ..."); else its direct objects, or the subject of the clause it takes ("showed
    that fire requires ..." is about fire)."""
    if _passive(verb):
        found = [c for c in verb.children if c.dep_ == "nsubjpass"]
        if not found and verb.dep_ == "acl" and verb.head.pos_ in ("NOUN", "PROPN"):
            found = [verb.head]
    else:
        found = [c for c in verb.children if c.dep_ in _OBJECTS] or [
            g for c in verb.children if c.dep_ == "ccomp"
            for g in c.children if g.dep_ in ("nsubj", "nsubjpass")]
    return _with_conjuncts([_antecedent(t) for t in found])


def _antecedent(token: Token) -> Token:
    """The noun a relative pronoun stands for: "Creon, who is trying" -> Creon."""
    if token.lower_ in _RELATIVE and token.head.dep_ == "relcl":
        return token.head.head
    return token


def _with_conjuncts(tokens: list[Token]) -> list[Token]:
    out = []
    for t in tokens:
        out.append(t)
        out += [c for c in t.conjuncts if c.pos_ in ("NOUN", "PROPN", "PRON")]
    return out


def _party(token: Token) -> Party | None:
    if token.pos_ == "PROPN":
        words = [c for c in token.children if c.dep_ == "compound" and c.pos_ == "PROPN"]
        # A title's holder the parse hangs on "of": "Member of Parliament Rahui Katene" is
        # parsed as a member of "Parliament Rahui Katene"; the party is named by both.
        words += [t for c in token.children if c.dep_ == "prep" and c.lower_ == "of"
                  for g in c.children if g.dep_ == "pobj" and g.pos_ == "PROPN"
                  for t in (g, *g.children) if t.pos_ == "PROPN" and t.dep_ in ("pobj", "compound")]
        forms = {match_form(t.text) for t in [*words, token]}
        named = forms - STOPWORDS - lexicon.TITLES
        return Party(frozenset(named), True) if named else None
    if token.pos_ == "NOUN":
        return Party(frozenset({token.lemma_.lower()}), False)
    return None
