"""Condense a follow-up ("And what did Macron say?") into a standalone question.

The offline answerer has no LLM to rewrite questions, so this is a small rule set over the
previous question (the searched form the conversation stored):

- "And Macron?" / "And what did Macron say?": the previous question with the new name, or the
  new question with the previous topic ("... about guarantees").
- A personal pronoun ("What's her name?", "Who is he?", "Has he run for office before?") is
  replaced by the previous question's subject: the noun phrase after its auxiliary ("What did
  *the French diplomat* say ...").
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

_AUX = re.compile(
    r"^(?:(?:what|who|whom|whose|when|where|why|how|which)(?:\s+(?:many|much|long|far|often|"
    r"\w+))?\s+)?(?:did|does|do|is|are|was|were|has|have|had|will|would|can|could|should)\s+"
    r"(?P<rest>.+)$",
    re.I,
)
_DETERMINER = {"the", "a", "an", "this", "that", "these", "those", "his", "her", "its", "their",
               "our", "my", "your"}
# Words that end a subject noun phrase: verbs a question asks with, prepositions, conjunctions.
_STOP_NP = set(
    """say said tell describe explain do make go get take give react respond mean think want
    have be become run cut lower raise decide expect win won produce report announce plan
    need call claim argue add write reply answer happen lead join fire kill leave hit reach
    end start begin stop use see find keep hold show bring put set pay spend vote agree refuse
    recognise recognize sign meet visit warn urge promise deny confirm die wait hope try ask
    flip land launch dock return stay fall rise hurt injure arrest ban block close open shut
    blast touch link come turn move look feel know believe like love hate
    of in on at for from to with by about over after before during since as than and or but
    because if while when where who which that so not never also still already just really
    actually off up down out back away into onto through across against under around""".split()
)


def condense(question: str, history: list[tuple[str, str]] | None) -> str:
    """``history`` is (user, assistant) turns, oldest first; returns a standalone question."""
    question = question.strip()
    previous = next((u for u, _ in reversed(history or []) if u and u.strip()), "")
    if not previous:
        return question
    previous = split(previous)[0]
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
    out, resolved = _resolve(out, previous)
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


def _resolve(question: str, previous: str) -> tuple[str, bool]:
    """Replace personal pronouns by the previous question's subject; (text, anything done).

    "it" is left alone: it names a thing the answer gave ("what is it based on?") as often as
    the question's subject, and the kept context covers both.
    """
    subject = subject_of(previous)
    done = False

    def swap(m: re.Match[str]) -> str:
        nonlocal done
        word = m.group(1).lower()
        if word in ("it", "its"):
            target = ""
        elif word in ("they", "them", "their"):
            target = subject if subject.lower().endswith("s") else ""
        else:
            target = subject
        if not target:
            return m.group(0)
        done = True
        possessive = word in ("his", "its", "their", "hers") or (
            word == "her" and _followed_by_noun(question, m.end())
        )
        return f"{target}'s" if possessive else target

    return _PERSONAL.sub(swap, question), done


def subject_of(question: str) -> str:
    """The noun phrase a question is about: "What did *the Bonaire resident* say ...",
    "Why is *the Socialist candidate* running ...", "How long had *Morgan* waited ..."."""
    m = _AUX.match(question.strip().rstrip("?.! "))
    if m is None:
        return ""
    words = [w.strip(",;:") for w in m.group("rest").split()]
    out: list[str] = []
    common = 0  # lowercase, non-possessive words so far: a noun phrase has one or two
    for i, w in enumerate(words):
        low = w.lower()
        verbish = low in _STOP_NP or (re.fullmatch(r"\w+(?:ing|ed)", low) and w.islower())
        if verbish:
            if i == 0:
                return ""
            break
        if w.islower() and low not in _DETERMINER and not low.endswith(("'s", "\u2019s")):
            common += 1
            following = words[i + 1].lower() if i + 1 < len(words) else ""
            # A second common word belongs to the noun ("the prime minister") only when a
            # verb or preposition follows it; otherwise it is the question's verb.
            if common == 2 and following and following not in _STOP_NP:
                break
            if common > 2:
                break
        out.append(w)
    if not out or len(out) > 5 or (len(out) == 1 and out[0].lower() in _DETERMINER):
        return ""
    return " ".join(out)


def _followed_by_noun(text: str, at: int) -> bool:
    nxt = re.match(r"\s+([A-Za-z]+)", text[at:])
    return nxt is not None and nxt.group(1).lower() not in _STOP_NP | {"a", "an", "the", "to"}


def _entities(text: str) -> list[str]:
    found = []
    for m in _ENTITY.finditer(text):
        words = [w for w in m.group(0).split() if re.sub(r"['\u2019]s$", "", w) not in _QWORDS]
        if words:
            found.append(" ".join(words))
    return found
