"""Who said it: a claim that gives a passage's words to another of the passage's speakers.

"George Diller said he looks forward to students looking with pride at their own teachers"
over a passage where Morgan says so and Diller speaks another sentence; "Witnesses said one
person was killed" where the government confirms it and witnesses say something else. Every
word of the claim's content is in the passage, so the term, name and similarity checks pass.

Both sides are read on the attributed-speech layer (``rag.language.speech``: the parse's speech
verbs and their subjects, "according to X", a quotation's neighbours, "he said" as the last
named speaker). The claim's speaker (its own verb or "according to", not a pronoun) is
compared with the speakers of the passage sentences the claim restates (the units the
similarity step matched; of a unit spanning two sentences, those sharing most of the claim's
terms). The claim names the wrong speaker when

- each of those sentences has a speaker and none shares a word of name or role with the
  claim's ("the monks" / "Many of the monks", "Diller" / "Launch Control's George Diller",
  "the president" / "John Kufuor" when the text calls him so; a given name alone does not
  make "Lawrence Katz" "Robert Lawrence"), and
- the claim's speaker is one of the cited passages' own speakers elsewhere: the answer moved
  words from one of them to another; or both are given by name (two or more words, all
  capitalised: "Efam Dovi", "President Kufuor", "the Norwegian Nobel Committee") and each restated
  sentence has a speaker so named (by its own verb, or as its quotation's or pronoun's
  speaker): "Efam Dovi said ..." over a passage where Dovi files the report and President
  Kufuor says it.

Otherwise a speaker the passages do not quote is not judged here ("the authorities" for "the
government", "campaigners" for "activists": roles, groups and bodies cannot be told apart by
their words, docs/LLM.md), nor is a restated sentence nobody is said to speak.
"""

from __future__ import annotations

from collections.abc import Sequence

from rag.language.speech import Speaker
from rag.lexicon import SPEECH_VERBS, WEAK_SPEECH_VERBS
from rag.text import terms

# How a claim's own speaker may be found: its speech verb's subject, or "according to X". A
# claim's "he said" names nobody.
_OWN = frozenset(("verb", "according"))
_SPEECH = SPEECH_VERBS | WEAK_SPEECH_VERBS
# A sentence of a restated unit is one the claim restates when it shares at least this share
# of the claim's terms that the closest sentence of the unit shares.
RESTATED_SHARE = 0.5


def other_speaker(claim: str, passages: Sequence[tuple[str, Sequence[tuple[int, int]]]]) -> str:
    """Why ``claim`` gives its words to another speaker of ``passages`` than the one who says
    them; "" when it does not, or cannot be told. ``passages`` are the cited passages' texts,
    each with the spans (offsets into that text) of the units the claim restates."""
    mine = _claim_speaker(claim)
    if mine is None:
        return ""
    words = _words(mine)
    if not words:
        return ""
    from rag.language.analysis import analyse

    analyses = analyse([text for text, _ in passages])
    spanned: list[tuple[int, Speaker | None]] = []
    others: list[Speaker] = []
    content = set(terms(claim)) - words  # what is said, not who says it
    outside: list[tuple[int, Speaker | None]] = []
    for (text, units), found in zip(passages, analyses, strict=True):
        for (s, e), speaker in zip(found.sentences, found.speakers, strict=True):
            shared = len(content & set(terms(text[s:e])))
            if any(s < b and a < e for a, b in units):
                spanned.append((shared, speaker))
            else:
                outside.append((shared, speaker))
    # The units were matched on the whole claim, its speaker's name and role included
    # ("NASA spokeswoman Kylie Clem said ..." matches the sentence that introduces her): a
    # sentence elsewhere holding more of what is said is the one the claim restates.
    best = max((k for k, _ in outside), default=0)
    if best > max((k for k, _ in spanned), default=0):
        spanned += [(k, sp) for k, sp in outside if k == best]
        outside = [(k, sp) for k, sp in outside if k != best]
    others += [sp for _, sp in outside if sp is not None]
    # Of a unit spanning two sentences, the one the claim restates: those sharing at least
    # half as many of its terms as the closest (two sentences may each give half of it).
    top = max((k for k, _ in spanned), default=0)
    here = [sp for k, sp in spanned if k >= top * RESTATED_SHARE]
    others += [sp for k, sp in spanned if k < top * RESTATED_SHARE and sp is not None]
    if not here or any(h is None or _same(mine, h) for h in here):
        return ""
    said_by = " / ".join(dict.fromkeys(h.name for h in here if h is not None))
    elsewhere = next((o for o in others if _same(mine, o)), None)
    if elsewhere is not None:
        return f"{said_by} says this, not {mine.name} (who speaks elsewhere: {elsewhere.name})"
    if _named(mine) and all(h is not None and _named(h) for h in here):
        # Two names, neither a role nor a group.
        return f"{said_by} says this, not {mine.name}"
    return ""


def _named(speaker: Speaker) -> bool:
    """``speaker`` is given by a name, not a role or a group: two or more words, each
    capitalised, after an article ("Efam Dovi", "President Kufuor", "the Norwegian Nobel
    Committee"; not "A resident scholar at the American Enterprise Institute", a role the
    text may tie to its speaker in words the reading does not join). One capitalised word
    ("Witnesses", "NASA", "Kufuor") may be a sentence's first word, a body or a surname whose
    person the text introduced elsewhere, and is not judged."""
    words = speaker.name.split()
    if words and words[0].lower() in ("the", "a", "an"):
        words = words[1:]
    return len(words) >= 2 and all(w[:1].isupper() for w in words)


def _claim_speaker(claim: str) -> Speaker | None:
    """The speaker the claim names; None for "He said ..." (whatever verbs its clause holds:
    "he was outraged by the attacks and feared ..." is nobody's word for "the attacks")."""
    from rag.language.parse import parse_sentence
    from rag.language.speech import attribute

    doc = parse_sentence(claim)
    for sent in doc.sents:
        root = sent.root
        if root.lemma_.lower() in _SPEECH and any(
                c.dep_ == "nsubj" and c.pos_ == "PRON" for c in root.children):
            return None
    return next((s for s in attribute(doc) if s is not None and s.how in _OWN), None)


def _same(a: Speaker, b: Speaker) -> bool:
    """``a`` and ``b`` share a word of name or role, and not only a given name of two people
    with other surnames ("Lawrence Katz" is not "Robert Lawrence")."""
    shared = _words(a) & _words(b)
    if not shared:
        return False
    (sur_a, given_a), (sur_b, given_b) = _full_name(a), _full_name(b)
    return not (sur_a and sur_b and sur_a != sur_b and shared <= given_a | given_b)


def _full_name(speaker: Speaker) -> tuple[str, frozenset[str]]:
    """The surname and given names of a speaker named by two or more capitalised words; ("",
    {}) for one word or a phrase ("the monks")."""
    parts = speaker.name.split()
    if len(parts) < 2 or not all(p[:1].isupper() for p in parts):
        return "", frozenset()
    surname = terms(parts[-1])
    return (surname[0] if surname else ""), frozenset(terms(" ".join(parts[:-1])))


def _words(speaker: Speaker) -> frozenset[str]:
    """Stemmed words of a speaker's name, phrase and the roles tied to it, less stopwords."""
    return frozenset(terms(f"{speaker.name} {' '.join(sorted(speaker.words))}"))
