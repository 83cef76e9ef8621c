"""Condense a follow-up ("And what did Macron say?") into a standalone question.

The offline answerer has no LLM to rewrite questions, so this is a small rule set over the
previous question (the searched form the conversation stored) and its parse:

- "And Macron?" / "And what did Macron say?": the previous question with the new name, or the
  new question with the previous topic ("... about guarantees").
- A personal pronoun ("What's her name?", "Who is he?", "Has he run for office before?") is
  replaced by the previous question's subject, read from its parse ("What did *the French
  diplomat* say ..."), or, after a "who" question, by the person its answer named ("Who
  replaced Yermak?" / "Rustem Umerov was appointed ..." / "When did *he* take office?").
- Anything still leaning on the conversation ("Who said that?", "And who took them?") keeps
  the previous question beside it, after ``CONTEXT`` (see ``split``), so retrieval finds the
  same story; what the question asks for is read from its own words only.

Users see the rewritten question, so a miss is visible, not silent.
"""

from __future__ import annotations

import re

_CUE = re.compile(r"^(?:and|also|so|but|then|ok(?:ay)?|what about|how about)\b[\s,]*", re.I)
_PERSONAL = re.compile(r"\b(he|she|him|his|her|hers|they|them|their|it|its)\b", re.I)
# Words that lean on the conversation: personal pronouns; "that", "this", ... standing alone or
# before a lowercase word ("that figure", "wait that long"; not "that NASA said"); "there" and
# "then" at the end.
_LEANING = re.compile(
    r"\b(?:he|she|him|his|her|hers|they|them|their|it|its)\b"
    r"|\b(?:that|this|those|these)\b(?=\s*(?:[?.!,]|$|(?!(?:the|a|an|is|was|are|were|he|she|"
    r"they|it|we|you|i)\b)(?-i:[a-z])))|\b(?:there|then)\s*[?.!]*$",
    re.I,
)
_ENTITY = re.compile(r"\b(?:[A-Z][\w'\u2019.-]*)(?:\s+[A-Z][\w'\u2019.-]*)*")
_TOPIC = re.compile(r"\b(?:about|regarding|concerning)\s+(.+?)[?.!]*$", re.I)
_QWORDS = {"What", "Who", "When", "Where", "Why", "How", "Which", "Did", "Does", "Do", "Is",
           "Are", "Was", "Were", "Can", "Could", "Will", "Would", "And", "So", "But", "Then",
           "Has", "Have", "Had"}
# What separates a follow-up from the earlier question kept beside it.
CONTEXT = " \u2014 following: "

def condense(question: str, history: list[tuple[str, str]] | None) -> str:
    """``history`` is (user, assistant) turns, oldest first; returns a standalone question."""
    question = question.strip()
    turn = next(((u, a) for u, a in reversed(history or []) if u and u.strip()), None)
    if turn is None:
        return question
    previous, answered = split(turn[0])[0], turn[1] or ""
    cue = bool(_CUE.match(question))
    leaning = bool(_LEANING.search(question))
    own = _entities(question)
    short_bare = len(question.split()) <= 4 and not own
    if not (cue or leaning or short_bare):
        return question
    out = _CUE.sub("", question).strip() or question
    prev_entities = _entities(previous)
    bare = out.rstrip("?.! ")
    if prev_entities and bare in _entities(out) and len(bare.split()) <= 4:
        # "And Macron?" -> the previous question about Macron instead.
        return previous.replace(prev_entities[0], bare, 1)
    out, resolved = _resolve(out, previous, answered)
    topic = _TOPIC.search(previous)
    if (cue or short_bare) and topic and not resolved and not _TOPIC.search(out) \
            and not _LEANING.search(out):
        out = f"{out.rstrip('?.! ')} about {topic.group(1).strip()}?"
        resolved = True
    out = out[:1].upper() + out[1:]
    if _LEANING.search(out) or not resolved:
        return f"{out}{CONTEXT}{previous}"
    return out


def follows_up(question: str, standalone: str) -> bool:
    """Whether a question leans on the conversation: ``condense`` rewrote it, or it asks for
    another statement of a speaker ("What else did Ardern say?", "... say next?")."""
    if standalone.strip() != question.strip():
        return True
    from rag.language.asked import asked_speech

    ask = asked_speech(split(standalone)[0])
    return ask is not None and (ask.more or ask.next)


def split(question: str) -> tuple[str, str]:
    """(the question itself, the earlier question kept as its context, or "")."""
    head, _, context = question.partition(CONTEXT)
    return head, context


def _resolve(question: str, previous: str, answered: str = "") -> tuple[str, bool]:
    """Replace personal pronouns by whom they stand for; (text, anything done).

    "he", "she", "his", "her" stand for the person the previous answer named when the previous
    question asked who ("Who replaced Yermak?" / "Umerov was appointed ..." / "When did *he*
    take office?"), else for the previous question's subject, read from its parse ("What did
    *the French diplomat* say ..."); "they" / "their" only for a plural subject. "it" is left
    alone: it names a thing the answer gave ("what is it based on?") as often as the
    question's subject, and the kept context covers both. A pronoun the parse marks as a
    possessor ("her name") becomes "X's".
    """
    from rag.language.asked import PERSON, asked, question_subject
    from rag.language.parse import parse

    subject = question_subject(previous)
    person = _answer_person(previous, answered) if asked(previous).slot == PERSON else ""
    [doc] = parse([question])
    out: list[str] = []
    done = False
    for t in doc:
        word = t.lower_
        target = ""
        if _PERSONAL.fullmatch(t.text):
            if word in ("it", "its"):
                target = ""
            elif word in ("they", "them", "their"):
                target = subject if _plural(subject) else ""
            else:
                target = person or subject
        if not target:
            out.append(t.text_with_ws)
            continue
        done = True
        possessive = t.dep_ == "poss" or word in ("his", "their", "hers")
        out.append((f"{target}'s" if possessive else target) + t.whitespace_)
    return "".join(out), done


def _answer_person(previous: str, answered: str) -> str:
    """The first person the previous answer names that its question did not."""
    from rag.citations import MARKER, REFUSAL
    from rag.language.parse import parse

    text = MARKER.sub(" ", answered).strip()
    if not text or text.startswith(REFUSAL[:20]):
        return ""
    asked_words = set(re.findall(r"\w+", previous.lower()))
    [doc] = parse([text[:2000]])
    for ent in doc.ents:
        if ent.label_ == "PERSON" and not set(re.findall(r"\w+", ent.text.lower())) <= asked_words:
            return ent.text
    return ""


def _plural(phrase: str) -> bool:
    head = phrase.split()[-1].lower() if phrase.split() else ""
    return head.endswith("s") and not head.endswith("ss")


def _entities(text: str) -> list[str]:
    found = []
    for m in _ENTITY.finditer(text):
        words = [w for w in m.group(0).split() if re.sub(r"['\u2019]s$", "", w) not in _QWORDS]
        if words:
            found.append(" ".join(words))
    return found
