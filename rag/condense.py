"""Condense a follow-up ("And what did Macron say?") into a standalone question.

The offline answerer has no LLM to rewrite questions, so this is a small rule set over the
previous question: carry its topic over to a short follow-up and resolve a leading pronoun to the
previous question's subject. Users see the rewritten question, so a miss is visible, not silent.
"""

from __future__ import annotations

import re

_CUE = re.compile(r"^(?:and|also|so|but|then|ok(?:ay)?|what about|how about)\b[\s,]*", re.I)
_PRONOUN = re.compile(r"\b(he|she|they|him|her|them)\b", re.I)
_ENTITY = re.compile(r"\b(?:[A-Z][\w'\u2019.-]*)(?:\s+[A-Z][\w'\u2019.-]*)*")
_TOPIC = re.compile(r"\b(?:about|on|regarding|concerning|over)\s+(.+?)[?.!]*$", re.I)
_QWORDS = {"What", "Who", "When", "Where", "Why", "How", "Which", "Did", "Does", "Do", "Is",
           "Are", "Was", "Were", "Can", "Could", "Will", "Would", "And", "So", "But", "Then"}


def condense(question: str, history: list[tuple[str, str]] | None) -> str:
    """``history`` is (user, assistant) turns, oldest first; returns a standalone question."""
    question = question.strip()
    previous = next((u for u, _ in reversed(history or []) if u and u.strip()), "")
    if not previous:
        return question
    cue = bool(_CUE.match(question))
    pronoun = bool(_PRONOUN.search(question))
    own = _entities(question)
    short_bare = len(question.split()) <= 4 and not own
    if not (cue or pronoun or short_bare):
        return question
    out = _CUE.sub("", question).strip() or question
    prev_entities = _entities(previous)
    bare = out.rstrip("?.! ")
    if prev_entities and bare in _entities(out) and len(bare.split()) <= 4:
        # "And Macron?" -> the previous question about Macron instead.
        return previous.replace(prev_entities[0], bare, 1)
    if pronoun and prev_entities:
        out = _PRONOUN.sub(prev_entities[0], out, count=1)
    topic = _TOPIC.search(previous)
    if (cue or short_bare) and topic and not _TOPIC.search(out):
        out = f"{out.rstrip('?.! ')} about {topic.group(1).strip()}?"
    return out[:1].upper() + out[1:]


def _entities(text: str) -> list[str]:
    found = []
    for m in _ENTITY.finditer(text):
        words = [w for w in m.group(0).split() if w not in _QWORDS]
        if words:
            found.append(" ".join(words))
    return found
