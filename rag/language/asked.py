"""What a question asks of a speaker: "what did X say / tell / warn about Y", "how did X respond",
"according to X, ...", "what is X's position on Y", "what else did X say", "what did he say next".

Read from the question's parse: the speaker is the subject of a speech verb (or the object of
"according to", or the owner of a noun such as "position"), the topic is what follows "about" /
"on"; "else" and "next" ask for another statement of the same speaker.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

from rag.language.parse import parse
from rag.language.speech import Speaker, name_key, phrase, subject_of, words_of
from rag.lexicon import (
    ASKED_SPEECH_VERBS,
    CAUSE_VERBS,
    ELSE_CUES,
    GENERIC_ROLES,
    HOW_MEASURES,
    LIGHT_SPEECH_VERBS,
    MEASURE_NOUNS,
    NAMED_SPEECH_VERBS,
    NEXT_CUES,
    PERSON_NOUNS,
    PERSON_POSSESSIVES,
    PLACE_NOUNS,
    QUOTED_VERBS,
    SPEAKER_PRONOUNS,
    SPEECH_NOUNS,
    STATED_NOUNS,
    TIME_NOUNS,
)

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

_WH = frozenset("what who whom whose which how when where why".split())
_TOPIC_PREPS = frozenset("about on regarding concerning over".split())
# Words a follow-up opens with before its question ("And when ...", "So did ...").
_CUE_WORDS = frozenset("and so but then also ok okay".split())
_NAMED = ("PERSON", "ORG", "GPE", "NORP", "FAC")
_PLACES = ("GPE", "NORP", "LOC")
# Verbs that carry no event of their own ("What is ...", "Who has ...").
_LIGHT = frozenset("be do have".split())


@dataclass(frozen=True)
class SpeechAsk:
    """A question asking for someone's words.

    The speaker is matched by ``name`` (a name's last word: "rubio") when the question names
    them, else by ``role`` (a role and its modifiers: "prime", "minister") or by the proper
    words that qualify it (``qualifiers``: "Economic Policy Institute" in "the Economic Policy
    Institute expert"). A speaker given only as a pronoun ("he") is unknown: nothing to match.
    """

    speaker: str = ""  # as the question gives it: "the French diplomat"
    name: str = ""
    role: frozenset[str] = frozenset()
    qualifiers: frozenset[str] = frozenset()
    topic: str = ""
    more: bool = False  # "what else did X say": not what was already quoted
    next: bool = False  # "what did X say next": the statement after the one quoted

    @property
    def known(self) -> bool:
        return bool(self.name or self.role or self.qualifiers)

    def match(self, speaker: Speaker | None) -> float:
        """How well a sentence's speaker (None: nobody) fits the asked one, 0 to 1: a name
        matches or not; a role by the share of its words the speaker's words hold ("the launch
        commentator" half-fits "Launch Control's George Diller"), or whole when the proper
        words qualifying it are all there."""
        if not self.known:
            return 1.0
        if speaker is None:
            return 0.0
        words = speaker.words
        if self.name:
            return float(any(_same_word(self.name, w) for w in words))
        if self.qualifiers and self.qualifiers <= words:
            return 1.0
        if self.role and self.role <= GENERIC_ROLES and not self.qualifiers:
            return 1.0  # "the official", "a spokesman": anyone the text names or titles
        return len(self.role & words) / len(self.role) if self.role else 0.0

    def may_speak_in(self, text: str) -> bool:
        """False when ``text`` cannot hold a sentence of the asked speaker's: a name the
        text never gives (its first five letters, for "Zelensky" / "Zelenskyy"). A role is
        worded too freely to rule a text out this way."""
        if not self.name:
            return True
        return self.name[:5] in text.lower()

    def spoken_by(self, speaker: Speaker | None) -> bool:
        """A whole fit (see ``match``)."""
        return self.match(speaker) >= 1.0

    @staticmethod
    def accepts(fit: float, best: float) -> bool:
        """Whether a speaker fitting ``fit`` counts as the asked one when the best-fitting
        speaker in view fits ``best``: a role the question words its own way ("the launch
        commentator") goes to the best-fitting speaker if at least half of it fits."""
        return fit > 0 and fit >= max(best, 0.5)


def _same_word(a: str, b: str) -> bool:
    """Equal, or one spelling a prefix of the other ("Zelensky" / "Zelenskyy")."""
    if a == b:
        return True
    return min(len(a), len(b)) >= 5 and (a.startswith(b) or b.startswith(a))


NUMBER, DATE, DURATION, PLACE, PERSON, WHICH, REASON, MANNER, YESNO, SPEECH, WHAT, NAME = (
    "number", "date", "duration", "place", "person", "which", "reason", "manner", "yes-no",
    "speech", "what", "name",
)


@dataclass(frozen=True)
class Asked:
    """What a question asks for, read from its parse: the slot an answer must fill and the
    focus it must be about.

    ``slot``: ``number`` (how many / how much / what percentage ...), ``date`` (when, what
    year ...), ``duration`` (how long), ``place`` (where, which country ...), ``person`` (who,
    which official ...), ``which`` (which / what + another noun), ``reason`` (why, what caused),
    ``manner`` (how), ``yes-no``, ``speech`` (whose words: ``speech``), ``name`` (what is
    the name of a thing: a proper name; of a person it is ``person``), ``what`` (anything
    else). ``measure``: the counted or measured noun ("how many *spacewalks*", "how far":
    distance); ``role``: the noun a which/who question names ("which *teacher*"); ``focus``:
    the names and head nouns the answer must be about; ``event``: the question's main verb.
    """

    slot: str
    measure: str = ""
    role: str = ""
    focus: tuple[str, ...] = ()
    event: str = ""
    speech: SpeechAsk | None = None


@lru_cache(maxsize=4096)
def asked(question: str) -> Asked:
    """The question's slot, focus and speech, from one parse."""
    if not question.strip():
        return Asked(WHAT)
    [doc] = parse([question])
    speech = _speech(doc)
    slot, measure, role, wh_ids = _slot(doc)
    if speech is not None and slot in (WHAT, MANNER, YESNO):
        slot = SPEECH
    return Asked(slot, measure, role, _focus(doc, wh_ids, measure, role), _event(doc), speech)


def asked_speech(question: str) -> SpeechAsk | None:
    """The speech the question asks for, or None when it asks for something else."""
    return asked(question).speech


def _slot(doc: Doc) -> tuple[str, str, str, set[int]]:
    """(slot, measure, role, indices of the wh-phrase's words)."""
    wh = next((t for t in doc if t.tag_ in ("WDT", "WP", "WP$", "WRB")), None)
    if wh is None:
        first = next((t for t in doc if not t.is_punct and t.lower_ not in _CUE_WORDS), None)
        if first is not None and first.pos_ == "AUX":
            return YESNO, "", "", set()
        return WHAT, "", "", set()
    low = wh.lower_
    if low == "how":
        nxt = doc[wh.i + 1] if wh.i + 1 < len(doc) else None
        word = nxt.lower_ if nxt is not None else ""
        if word == "long":
            return DURATION, "duration", "", {wh.i, wh.i + 1}
        if word == "soon":
            return DATE, "", "", {wh.i, wh.i + 1}
        if word in HOW_MEASURES:
            measure = HOW_MEASURES[word]
            if word in ("many", "much") and nxt is not None and nxt.head.pos_ == "NOUN":
                measure = nxt.head.lemma_.lower()
            return NUMBER, measure, "", {wh.i, wh.i + 1}
        return MANNER, "", "", {wh.i}
    if low == "why":
        return REASON, "", "", {wh.i}
    if low == "when":
        return DATE, "", "", {wh.i}
    if low == "where":
        return PLACE, "", "", {wh.i}
    if low in ("who", "whom", "whose"):
        return PERSON, "", "", {wh.i}
    # "which teacher", "what year", "what percentage": the noun the wh-word determines.
    noun = wh.head if wh.dep_ == "det" and wh.head.pos_ in ("NOUN", "PROPN") else None
    named = _name_of(wh)
    if named is not None:
        return named
    if noun is None and wh.head.lemma_ == "be":
        # "What's the death toll ...?", "What was the cause?": the noun on the other side.
        other = next((c for c in wh.head.children if c.i != wh.i
                      and c.dep_ in ("nsubj", "attr") and c.pos_ == "NOUN"), None)
        if other is not None and other.lemma_.lower() in (
                MEASURE_NOUNS | TIME_NOUNS | PLACE_NOUNS | PERSON_NOUNS):
            noun = other
    if noun is None:
        if wh.lower_ == "what" and wh.head.lemma_.lower() in CAUSE_VERBS and wh.dep_ == "nsubj":
            return REASON, "", "", {wh.i}
        return WHAT, "", "", {wh.i}
    lemma = noun.lemma_.lower()
    ids = {wh.i, noun.i}
    if lemma in TIME_NOUNS:
        return DATE, "", lemma, ids
    if lemma in MEASURE_NOUNS:
        return NUMBER, lemma, "", ids
    if lemma in PLACE_NOUNS:
        return PLACE, "", lemma, ids
    if lemma in PERSON_NOUNS:
        return PERSON, "", lemma, ids
    return WHICH, "", lemma, ids


def _name_of(wh: Token) -> tuple[str, str, str, set[int]] | None:
    """"What's her name?", "What is the name of the Los Angeles rail system?", "What was
    Colonia Agrippina's original name?": a person's name is a ``person`` slot, any other a
    ``name`` (a proper name); the role is whose name is asked (its owner's lemma)."""
    if wh.lower_ != "what" or wh.head.lemma_ != "be":
        return None
    name = next((c for c in wh.head.children if c.i != wh.i and c.dep_ in ("nsubj", "attr")
                 and c.lemma_.lower() == "name"), None)
    if name is None:
        return None
    owner = next((c for c in name.children if c.dep_ == "poss"), None)
    if owner is None:
        of = next((c for c in name.children if c.dep_ == "prep" and c.lower_ == "of"), None)
        owner = next((c for c in of.children if c.dep_ == "pobj"), None) if of else None
    ids = {wh.i, name.i}
    if owner is None:
        return NAME, "", "", ids
    lemma = owner.lemma_.lower()
    if owner.pos_ == "PRON":
        # "her", "his": a person; "its", "their": a thing or a group.
        return (PERSON, "", "", ids) if owner.lower_ in PERSON_POSSESSIVES else (NAME, "", "", ids)
    if lemma in PERSON_NOUNS:
        return PERSON, "", lemma, ids | {owner.i}
    return NAME, "", lemma, ids | {owner.i}


def question_subject(question: str) -> str:
    """The noun phrase a question is about, from its parse: the subject of its main verb (or
    of the clause that verb governs), as written, with its "of" phrases and possessors ("the
    head of Burma's military government", "Ghana's president") but not the clauses that
    modify it ("the size of the cut *experts expected*"), and never a wh-word or "how many"
    ("How many people died" is about "people"). "" when the question has none."""
    if not question.strip():
        return ""
    [doc] = parse([question])
    root = next((t for t in doc if t.dep_ == "ROOT"), doc[0])
    verbs = [root, *(c for c in root.children
                     if c.dep_ in ("xcomp", "ccomp", "advcl") and c.pos_ in ("VERB", "AUX"))]
    for verb in verbs:
        for c in verb.children:
            if c.dep_ not in ("nsubj", "nsubjpass") or c.lower_ in _WH:
                continue
            if c.pos_ == "PRON" and c.lower_ not in SPEAKER_PRONOUNS:
                continue
            if root.lemma_ == "do" and verb is root:
                return _before_the_verb(c)
            return _phrase_text(c)
    return ""


def _before_the_verb(head: Token) -> str:
    """"When did Myanmar's junta restore internet access?" parsed with "did" as the main verb
    puts the real verb inside the subject ("Myanmar's junta restore internet access"): keep
    the phrase up to its first name and the noun that name possesses ("Myanmar's junta"),
    else the whole phrase."""
    doc = head.doc
    ent = next((e for e in doc.ents if head.left_edge.i <= e.start <= head.i), None)
    if ent is None:
        return _phrase_text(head)
    end = ent.end
    if end < len(doc) and doc[end].tag_ == "POS" and end + 1 < len(doc):
        end += 2  # "Myanmar 's junta"
    return _text(doc[head.left_edge.i:end])


def _phrase_text(head: Token) -> str:
    cut: set[int] = set()
    for t in head.subtree:
        if t.dep_ in ("acl", "relcl", "advcl", "ccomp") and t.i != head.i:
            cut.update(x.i for x in t.subtree)
        if t.lower_ in _WH or (t.lower_ in ("many", "much")
                               and any(c.lower_ == "how" for c in t.children)):
            cut.add(t.i)
    return _text([t for t in head.subtree if t.i not in cut and not t.is_punct or t.text == "-"])


def _text(words: Iterable[Token]) -> str:
    """Tokens as written (their own spacing), without trailing space."""
    return "".join(t.text + t.whitespace_ for t in words).strip()


def _event(doc: Doc) -> str:
    """The question's main verb (lemma): its root, or where the small model takes a bare verb
    for something else, the word the auxiliary serves ("How long did the mission *last*?":
    an adverb with "did" on it) or the word that ends "Where did Endeavour *land*?"."""
    root = next((t for t in doc if t.dep_ == "ROOT"), doc[0])
    lemma = root.lemma_.lower()
    if root.pos_ in ("VERB", "AUX") and lemma not in _LIGHT:
        return lemma
    if root.pos_ not in ("VERB", "AUX") and any(c.dep_ == "aux" for c in root.children):
        return lemma
    if lemma in ("do", "will"):
        last = next((t for t in reversed(doc) if not t.is_punct), None)
        if last is not None and last.i > root.i + 1 and last.pos_ in ("NOUN", "VERB"):
            return last.lemma_.lower()
    return ""


def _focus(doc: Doc, wh_ids: set[int], measure: str, role: str) -> tuple[str, ...]:
    """Names (as written) and other head nouns (lemmas) the answer must be about."""
    out: list[str] = []
    in_entity: set[int] = set()
    for ent in doc.ents:
        if ent.label_ in ("DATE", "TIME", "CARDINAL", "ORDINAL") and not any(
                t.is_digit for t in ent):
            continue
        out.append(ent.text)
        in_entity.update(range(ent.start, ent.end))
    for t in doc:
        if t.i in wh_ids or t.i in in_entity or t.pos_ not in ("NOUN", "PROPN"):
            continue
        lemma = t.lemma_.lower()
        if lemma in (measure, role) or t.dep_ == "compound":
            continue
        out.append(t.text if t.pos_ == "PROPN" else lemma)
    return tuple(dict.fromkeys(out))


def _speech(doc: Doc) -> SpeechAsk | None:
    trigger: Token | None = None
    speaker: Token | None = None
    for t in doc:
        lemma = t.lemma_.lower()
        if t.pos_ in ("VERB", "AUX") and lemma in ASKED_SPEECH_VERBS | NAMED_SPEECH_VERBS \
                and _asks_words(t):
            # Its own subject, or its clause's ("What did X have to say"), or a name the small
            # model fused with the verb ("Did *Macron comment* on the plan?").
            subject = subject_of(t) or _fused_subject(t)
            if subject is not None and not _wh(subject) and (
                    lemma in ASKED_SPEECH_VERBS or _named(subject)):
                trigger, speaker = t, subject
                break
        if t.pos_ == "VERB" and lemma in QUOTED_VERBS and _asks_words(t):
            # "What is Macron quoted as saying about the plan?"
            passive = next((c for c in t.children if c.dep_ == "nsubjpass"), None)
            if passive is not None and not _wh(passive):
                trigger, speaker = t, passive
                break
        if t.pos_ == "VERB" and lemma in LIGHT_SPEECH_VERBS and _asks_words(t) and any(
                c.dep_ == "dobj" and c.lemma_.lower() in STATED_NOUNS for c in t.children):
            # "What reason did X give", "What concerns did X raise about Y".
            subject = subject_of(t)
            if subject is not None and not _wh(subject) and _named(subject):
                trigger, speaker = t, subject
                break
        if t.lower_ == "according":
            to = next((c for c in t.children if c.lower_ == "to"), None)
            obj = next((c for c in to.children if c.dep_ == "pobj"), None) if to else None
            if obj is not None:
                trigger, speaker = t, obj
                break
        if t.pos_ == "NOUN" and lemma in SPEECH_NOUNS:
            owner = next((c for c in t.children if c.dep_ == "poss"), None)
            if owner is None:  # "the reaction of the Kremlin", "the message from Macron"
                of = next((c for c in t.children if c.lower_ in ("of", "from")), None)
                owner = next((c for c in of.children if c.dep_ == "pobj"), None) if of else None
            if owner is not None:
                trigger, speaker = t, owner
                break
    if trigger is None or speaker is None:
        return None
    cues = {t.lower_ for t in doc
            if (t.head in (trigger, doc[0]) or t.head.lower_ in _WH) and _bare(t)}
    ask = _who(speaker)
    return SpeechAsk(
        speaker=ask.speaker,
        name=ask.name,
        role=ask.role,
        qualifiers=ask.qualifiers,
        topic=_topic(trigger),
        more=bool(cues & ELSE_CUES) or any(t.lower_ == "else" for t in doc),
        next=bool(cues & NEXT_CUES),
    )


def _fused_subject(verb: Token) -> Token | None:
    """A proper noun the parse hung on the verb as a compound, before it ("Did Macron comment"
    parsed as the noun phrase "Macron comment")."""
    return next((c for c in verb.children if c.dep_ == "compound" and c.pos_ == "PROPN"
                 and c.i < verb.i), None)


def _bare(cue: Token) -> bool:
    """A cue word standing alone ("next", "then", "after that"): "say after touring the
    damage" or "say after the vote" dates the statement, it does not ask for the next one."""
    objects = [c for c in cue.children if c.dep_ in ("pobj", "pcomp", "dobj")]
    return all(c.lower_ in ("that", "this", "it") for c in objects)


def _named(token: Token) -> bool:
    """A named speaker or a personal pronoun: "Macron", "the Kremlin", "she"."""
    return token.ent_type_ in _NAMED or token.pos_ in ("PROPN", "PRON")


def _wh(token: Token) -> bool:
    """"who", or a phrase a wh-word determines ("which blogger", "whose spokesman")."""
    return token.lower_ in _WH or any(
        c.dep_ in ("det", "poss") and c.lower_ in _WH for c in token.children
    )


def _asks_words(verb: Token) -> bool:
    """Whether a question built on a speech verb asks for the words themselves: "What did X
    say", "How did X respond", "Did X say ...". One that asks for a reason, a time, a place, a
    count or a person ("Why did X warn ...", "When did X announce ...", "Which blogger posted
    ...") asks for that, not for a quote."""
    for t in verb.doc[: verb.i]:  # the question's own wh-word comes before its verb
        low = t.lower_
        if low in ("why", "when", "where", "who", "whom", "which", "whose"):
            return False
        if low == "how" and t.head.i != verb.i:
            return False  # "how many", "how long"
    return True


def _who(token: Token) -> SpeechAsk:
    """The speaker as the question gives them."""
    if token.pos_ == "PRON":
        if token.lower_ in SPEAKER_PRONOUNS or token.dep_ == "poss":
            return SpeechAsk(speaker=token.text)
        return SpeechAsk()
    words = [t for t in phrase(token) if t.pos_ not in ("DET", "PUNCT", "PART")]
    text = " ".join(t.text for t in phrase(token) if t.pos_ != "PUNCT")
    entity = next((e for e in token.doc.ents
                   if e.start <= token.i < e.end and e.label_ in _NAMED), None)
    if entity is not None or token.pos_ == "PROPN":
        name = name_key(entity.text if entity is not None else token.text)
        return SpeechAsk(speaker=text, name=name)
    role = {token.lemma_.lower()}
    for c in token.children:
        if c.dep_ in ("compound", "amod") and c.pos_ in ("NOUN", "ADJ"):
            role.update(words_of(c.lemma_))
    # A place qualifies a role but names no one: "the head of Burma's military government" is
    # not every speaker in Burma ("Witnesses in Burma say ..."), while "the Economic Policy
    # Institute expert" is whoever speaks for the institute.
    qualifiers = {w for t in words if t.pos_ == "PROPN" and t.ent_type_ not in _PLACES
                  for w in words_of(t.text)}
    return SpeechAsk(speaker=text, role=frozenset(role), qualifiers=frozenset(qualifiers))


def _topic(trigger: Token) -> str:
    """What the words are about: the phrase after "about" / "on" (never the question's own
    wh-word, which the parse may hang there: "What did X warn about?"), on the trigger or on
    the verb of its clause ("quoted as saying about ...")."""
    heads = [trigger, *(c for c in trigger.subtree if c.pos_ == "VERB" and c.i != trigger.i)]
    for head in heads:
        for c in head.children:
            if c.dep_ == "prep" and c.lower_ in _TOPIC_PREPS:
                words = [t.text for t in c.subtree if t.i != c.i and t.lower_ not in _WH]
                return " ".join(words).strip()
    return ""
