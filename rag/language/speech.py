"""Attributed speech: who speaks in each sentence of a parsed text.

Read from the dependency parse, not from word lists over the text:

- a speech verb's subject: "Rubio said", "said the monks", "X told reporters that ...",
  "X warned ...", "Many of the monks replied" (the group after "of"), "X, who said ...";
  a participle or a second verb shares its clause's subject ("He urged ..., saying ...");
- "according to X";
- "he/she/they said": the last named speaker of the text, else the last person named;
- a quotation with no attribution of its own: the speaker of the sentence before it when that
  one quotes or introduces a quote ("X said:"), else of the sentence after it ("..., he added");
- a title or role ("the foreign minister", "a French diplomat") tied to the name the text gives
  it: by apposition ("A French diplomat in Rangoon, Emmanuel Mouriez, told ..."), by a title
  before the name ("Prime Minister Jacinda Ardern"), or to the one name seen with that role.

The cue verbs (which verbs report speech) live in ``rag.lexicon``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from rag.lexicon import (
    COUNTING_SUBJECTS,
    SPEAKER_PRONOUNS,
    SPEECH_NOUNS,
    SPEECH_VERBS,
    WEAK_SPEECH_VERBS,
)

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

_SUBJECT = ("nsubj",)
# Children that make a weak verb ("added", "noted", "called") report speech.
_CLAUSE = ("ccomp", "parataxis", "xcomp", "oprd", "dobj")
# Parts of a subject's subtree that are not its name or roles ("X, who was ...").
_CUT = ("relcl", "acl", "advcl", "ccomp", "punct", "cc", "conj")
_OPEN = "\u201c"
_CLOSE = "\u201d"
_NAMED = ("PERSON", "ORG", "NORP", "GPE")
_CONTENT = ("NOUN", "PROPN", "ADJ")
_WORD = re.compile(r"[^\W_]+")


@dataclass(frozen=True)
class Speaker:
    """Who speaks a sentence. ``name`` is the name the text gives ("Emmanuel Mouriez"), or the
    phrase it uses when it gives none ("the monks"); ``words`` are the lower-case words and
    lemmas of that name and of the roles the text ties to it ("french", "diplomat")."""

    name: str
    words: frozenset[str]
    how: str  # "verb", "according", "pronoun", "neighbour"

    def relayed(self, how: str) -> Speaker:
        return Speaker(self.name, self.words, how)


def attribute(doc: Doc) -> list[Speaker | None]:
    """One entry per sentence of ``doc`` (``doc.sents``): its speaker, or None."""
    sents = list(doc.sents)
    roles = _roles(doc)
    out: list[Speaker | None] = []
    last: Speaker | None = None
    for sent in sents:
        speaker = _own(sent, last, roles)
        out.append(speaker)
        last = speaker or last
    _quotes(sents, out)
    return out


# -- a sentence's own attribution -----------------------------------------------------------
def _own(sent: Span, last: Speaker | None, roles: dict[str, set[str]]) -> Speaker | None:
    quoted = _has_quote(sent)
    verbs = [t for t in sent if _reports(t, quoted)]
    verbs.sort(key=_depth)
    for verb in verbs:
        subject = subject_of(verb)
        if subject is None and _strong(verb):
            subject = _named_before(verb)  # a misparse: "Alan Viard, a senior economist ...
            # and is now a resident scholar with ..., said he was surprised"
        if subject is not None:
            speaker = _resolve(subject, verb, last, roles, "verb")
            if speaker is not None:
                return speaker
    for token in sent:
        if token.lower_ == "according":
            to = next((c for c in token.children if c.lower_ == "to"), None)
            obj = next((c for c in to.children if c.dep_ == "pobj"), None) if to else None
            if obj is not None:
                speaker = _resolve(obj, token, last, roles, "according")
                if speaker is not None:
                    return speaker
    return None


def _reports(token: Token, quoted: bool) -> bool:
    if token.pos_ not in ("VERB", "AUX") and token.dep_ != "ROOT":
        return False
    if _strong(token):
        return True
    if token.lemma_.lower() in WEAK_SPEECH_VERBS:
        return quoted or any(c.dep_ in _CLAUSE and c.pos_ in ("VERB", "AUX")
                             for c in token.children) or any(
            c.dep_ == "ccomp" for c in token.children)
    # A light verb with a speech noun, before a quotation: "gave Morgan a special mention:
    # '...'", "issued a statement: '...'".
    return quoted and any(c.dep_ == "dobj" and c.lemma_.lower() in SPEECH_NOUNS
                          for c in token.children)


def _strong(token: Token) -> bool:
    """A verb that reports speech whatever stands beside it ("said", "told", "warned")."""
    lemma = token.lemma_.lower()
    return lemma in SPEECH_VERBS and lemma not in WEAK_SPEECH_VERBS


def _named_before(verb: Token) -> Token | None:
    """The person or organisation named nearest before a speech verb in its sentence, not
    inside a prepositional phrase: the speaker a broken parse lost."""
    for ent in reversed([e for e in verb.sent.ents if e.end <= verb.i]):
        if ent.label_ in ("PERSON", "ORG") and ent.root.dep_ != "pobj":
            return ent.root
    return None


def _depth(token: Token) -> int:
    depth = 0
    while token.head.i != token.i and depth < 50:
        token = token.head
        depth += 1
    return depth


def subject_of(verb: Token) -> Token | None:
    """The verb's subject, or the subject of the clause it continues ("..., saying ...",
    "stood up and said ...")."""
    token = verb
    for _ in range(4):
        # Two subjects (a misparse of "with X - Minister Kelvin Davis explaining"): the named
        # person, else the nearer one.
        subjects = [c for c in token.children if c.dep_ in _SUBJECT]
        subject = max(subjects, key=lambda c: (c.ent_type_ == "PERSON", -abs(c.i - token.i)),
                      default=None)
        if subject is not None:
            return subject
        if any(c.dep_ == "nsubjpass" for c in token.children):
            # "Injuries were reported (by X)": only an agent speaks.
            agent = next((c for c in token.children if c.dep_ == "agent"), None)
            return next((c for c in agent.children if c.dep_ == "pobj"), None) if agent else None
        if token.dep_ in ("conj", "advcl", "xcomp") and token.head.i != token.i:
            token = token.head
            continue
        if token.dep_ == "relcl":  # "X, who said ..." (no "who" child when it is elided)
            return token.head
        return None
    return None


def _resolve(
    token: Token, verb: Token, last: Speaker | None, roles: dict[str, set[str]], how: str
) -> Speaker | None:
    if token.lower_ in ("who", "that", "which") and verb.dep_ == "relcl":
        token = verb.head
    if token.lower_ in COUNTING_SUBJECTS:
        of = next((c for c in token.children if c.lower_ == "of"), None)
        obj = next((c for c in of.children if c.dep_ == "pobj"), None) if of else None
        if obj is not None:
            token = obj
    if token.pos_ == "PRON":
        if token.lower_ not in SPEAKER_PRONOUNS:
            return None
        if last is not None:
            return last.relayed("pronoun")
        person = _last_person(token)
        return _named(person, roles, "pronoun") if person is not None else None
    words = phrase(token)
    name = _name_of(token)
    if name is not None:
        return _named(name, roles, how, extra=_content(words))
    label = " ".join(t.text for t in words if t.pos_ != "PUNCT").strip()
    own = _content(words)
    if not own:
        return None
    # A role the text tied to one name elsewhere ("the foreign minister" -> Lavrov).
    head = token.lemma_.lower()
    owners = [n for n, w in roles.items() if head in w and own <= w | {head}]
    if len(owners) == 1:
        forms = [e.text for e in token.doc.ents if name_key(e.text) == owners[0]]
        full = _strip_possessive(max(forms, key=len)) if forms else owners[0]
        return Speaker(full, frozenset(roles[owners[0]] | own), how)
    return Speaker(label, frozenset(own), how)


def phrase(token: Token) -> list[Token]:
    """The subject's own words: its subtree less relative clauses, clauses and conjuncts."""
    out: list[Token] = []

    def walk(t: Token) -> None:
        out.append(t)
        for c in t.children:
            if c.dep_ not in _CUT:
                walk(c)

    walk(token)
    return sorted(out, key=lambda t: t.i)


def _name_of(head: Token) -> Span | None:
    """The named entity the subject's head word belongs to ("Rubio" in "U.S. Secretary of
    State Marco Rubio"), else a person named in apposition to it ("a French diplomat in
    Rangoon, Emmanuel Mouriez"); "U.S. officials" names no one: "U.S." only qualifies them."""
    for ent in head.doc.ents:
        if ent.start <= head.i < ent.end and ent.label_ in _NAMED:
            return ent
    ids = {t.i for t in phrase(head)}
    for ent in head.doc.ents:
        if ent.label_ == "PERSON" and ent.root.i in ids and ent.root.dep_ == "appos":
            return ent
    return None


def _last_person(token: Token) -> Span | None:
    """The person "he" or "she" most likely stands for: the last person who was a clause's
    subject ("President Kufuor also talked about young Africans. He urged them ..."), else the
    last person named."""
    before = [e for e in token.doc.ents if e.label_ == "PERSON" and e.end <= token.i]
    subjects = [e for e in before if e.root.dep_ in _SUBJECT]
    candidates = subjects or before
    return candidates[-1] if candidates else None


def _named(
    name: Span, roles: dict[str, set[str]], how: str, extra: Iterable[str] = ()
) -> Speaker:
    key = name_key(name.text)
    words = set(words_of(name.text)) | set(extra) | roles.get(key, set())
    return Speaker(_full_name(name, roles), frozenset(words), how)


def _full_name(name: Span, roles: dict[str, set[str]]) -> str:
    """The longest form of the name the text gives ("Rubio" -> "Marco Rubio")."""
    key = name_key(name.text)
    longest = name.text
    for ent in name.doc.ents:
        if name_key(ent.text) == key and len(ent.text) > len(longest):
            longest = ent.text
    return _strip_possessive(longest)


def name_key(name: str) -> str:
    """A name's last word, lower case: "Emmanuel Mouriez" -> "mouriez"."""
    words = words_of(_strip_possessive(name))
    return words[-1] if words else ""


def _strip_possessive(name: str) -> str:
    return re.sub(r"['\u2019]s$", "", name.strip())


def _content(tokens: Iterable[Token]) -> set[str]:
    out: set[str] = set()
    for t in tokens:
        if t.pos_ in _CONTENT or (t.ent_type_ and t.pos_ not in ("DET", "PUNCT", "PART")):
            out.update(words_of(t.text))
            out.update(words_of(t.lemma_))
    return out


def words_of(text: str) -> list[str]:
    return _WORD.findall(text.lower().replace("\u2019", "'"))


def _roles(doc: Doc) -> dict[str, set[str]]:
    """Role words the text ties to each person's name: titles before it ("Foreign Minister
    Sergei Lavrov"), an apposition either way ("a French diplomat, Emmanuel Mouriez", "Robert
    Scott, director of ...")."""
    roles: dict[str, set[str]] = {}
    for ent in doc.ents:
        if ent.label_ != "PERSON":
            continue
        words = roles.setdefault(name_key(ent.text), set())
        words.update(words_of(ent.text))
        root = ent.root
        for c in root.children:
            if c.i < ent.start and c.dep_ in ("compound", "nmod"):
                words.update(_content(c.subtree))
            if c.dep_ == "appos":
                words.update(_content(phrase(c)))
        if root.dep_ == "appos":
            head = root.head
            words.update(_content(t for t in phrase(head) if not (ent.start <= t.i < ent.end)))
    return roles


def attribution_only(sent: Span) -> bool:
    """Whether a sentence only says who spoke the quotation before it: no quotation mark of its
    own, its root a speech verb with a subject and no clause of content ("Ivanov said,
    referring to the Russian province ...", "he added"; not "Ivanov said the test was
    confirmed")."""
    if _has_quote(sent):
        return False
    root = sent.root
    lemma = root.lemma_.lower()
    if lemma not in SPEECH_VERBS and lemma not in WEAK_SPEECH_VERBS:
        return False
    children = list(root.children)
    return any(c.dep_ in ("nsubj", "nsubjpass") for c in children) and not any(
        c.dep_ in ("ccomp", "xcomp", "parataxis") for c in children)


# -- quotations attributed by their neighbours -----------------------------------------------
def _has_quote(sent: Span) -> bool:
    return any(c in sent.text for c in ('"', _OPEN, _CLOSE))


def _quotes(sents: list[Span], out: list[Speaker | None]) -> None:
    """Sentences of one quotation share its speaker. A quotation runs from the sentence that
    opens it to the one that closes it (within a paragraph: '"Roger, wheel stop, Endeavour.
    Congratulations. [...] higher education," said Chris Ferguson.'); its speaker is the one
    attributed inside it, else that of the sentence before it when that one introduces it
    ("X said:") or speaks in the same paragraph ("X said he was surprised. '...'")."""
    inside = _inside_quote(sents)
    n = len(sents)
    i = 0
    while i < n:
        if not (inside[i] or _has_quote(sents[i])):
            i += 1
            continue
        j = i
        while j + 1 < n and inside[j + 1]:
            j += 1
        group = range(i, j + 1)
        own = [out[k] for k in group if out[k] is not None]
        speaker = own[-1] if own else None
        if speaker is None and i > 0 and out[i - 1] is not None and not inside[i]:
            before = sents[i - 1]
            same_paragraph = "\n" not in before.text_with_ws[len(before.text.rstrip()):]
            if before.text.rstrip().endswith(":") or same_paragraph:
                speaker = out[i - 1]
        if speaker is not None:
            for k in group:
                if out[k] is None:
                    out[k] = speaker.relayed("neighbour")
        i = j + 1


def _inside_quote(sents: list[Span]) -> list[bool]:
    """Whether each sentence starts inside a quotation opened by an earlier one."""
    out = []
    open_ = False
    for sent in sents:
        out.append(open_)
        for ch in sent.text:
            if ch == _OPEN:
                open_ = True
            elif ch == _CLOSE:
                open_ = False
            elif ch == '"':
                open_ = not open_
        if "\n" in sent.text_with_ws[len(sent.text.rstrip()):]:
            open_ = False  # a quote is reopened at each new paragraph it runs into
    return out
