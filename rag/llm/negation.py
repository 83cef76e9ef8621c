"""Negation scope: a claim must not affirm what its passage denies, or deny what it affirms.

Embeddings barely see a flipped "not" ("the storm did get bad" sits next to "we didn't get a
very bad storm"), so polarity is compared on words. A negation cue ("not", "n't", "never",
"no", "without", "doubts", "rather than", "decided against ...ing", and the words that deny
without "not": "omitted", "excluded", "lacked", "left out", ``lexicon.IMPLICIT_NEGATIVES``)
negates the next few content words of its clause (``SCOPE_TERMS``), so "made no mention of
the date" and "omitted the date" say the same. The claim conflicts with the passage when the
words one of them negates appear together, un-negated, in a sentence of the other, and nowhere
negated. A leading "Yes," or "No," answers the question and is not a cue.

"Neither A nor B <verb>" on the subjects denies their act, not A and B; "the first X since T"
(or "in more than four years") is read as neither affirmed nor denied.

A swapped opposite ("port" for "starboard", "fell" for "rising", "cutting" for "raising") is
caught for the pairs in ``lexicon.OPPOSITES`` and WordNet's (``lexicon.wordnet_opposites``):
the claim writes one side, the passage sentence it restates (closest to one of its clauses)
writes the other and not that one, and the claim does not write both ("cut rates after
raising them" speaks of both). A question in the passage
affirms nothing ("Are there any damages to buildings?" against "no damage to buildings").

A word that negates by its prefix ("unclear", "non-binding", "incomplete") reads as "not" and
its base when the other side writes the base ("it is unclear how many were hurt" and "it is not
clear how many were hurt" agree; "it is clear how many" conflicts with the first). Only when
the base is there: "under" is no negated "der", "impact" no negated "pact" (``in-``/``im-``
need a base of six letters or more: "inform", "import", "invest" carry their base by chance).

Where the words find a conflict, the parse checks that the denial is of what the other side
states when the denial is of a predicate (``_core_affirmed``): "This is not the first attempt"
denies "first attempt", which "there were earlier attempts" and "the first holiday" do not
state, though each shares two words of the scope.

What it cannot see: opposites it does not list, a prefixed negation whose base the other side
does not write ("unfair" against "biased"), and scope that reaches past a clause boundary.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

from rag.lexicon import (
    IMPLICIT_NEGATIVE_PHRASES,
    IMPLICIT_NEGATIVES,
    OPPOSITES,
    wordnet_inflections,
    wordnet_opposites,
)
from rag.text import STOPWORDS, match_form, sentence_spans, stem_words, terms

if TYPE_CHECKING:
    from spacy.tokens import Token

# Content words a cue reaches. Measured on grounding.json (dev): 3 missed "did not expect an
# attack on them to cause much outrage" (the shared words come 4th and 5th); 5 catches it and
# still lets every faithful sentence through.
SCOPE_TERMS = 5
_CUES = {
    "not", "no", "never", "none", "nobody", "nothing", "neither", "nor", "without", "cannot",
    "doubt", "doubts", "doubted", "deny", "denies", "denied", "refuse", "refused", "refuses",
    "fail", "failed", "fails", "impossible", "unable", "unlikely", *IMPLICIT_NEGATIVES,
}
# Phrases with a "not" that deny nothing: "not only X but Y" says X, "it was not until Friday
# that the bodies were found" says they were found on Friday, "no less than 50" is a bound the
# number check reads, "whether or not" and "if not hundreds" leave the clause as it is.
_NOT_DENIALS = (
    "not only", "not just", "not merely", "not simply", "not until", "not to mention",
    "none other than", "no less than", "no fewer than", "no more than", "whether or not",
    "or not", "if not",
)
# Each phrase reads as one " not " (or as nothing: ``_NOT_DENIALS``); "whether or not" is
# listed before "or not", so the longer phrase is matched first.
_PHRASES = re.compile(
    r"\b(?:rather than|instead of|" + "|".join(_NOT_DENIALS) + "|no longer|"
    r"(?P<choice>(?:decid|vot|advis|warn|rul|argu|cho|opt|recommend|counsel|caution|lobb"
    r"|campaign|urg)\w*) against (?=\w+ing\b)|" + "|".join(IMPLICIT_NEGATIVE_PHRASES) + "|"
    # "the first mission since 2002" says there was none between: neither side of a denial.
    r"(?P<first>first)(?=(?: [\w'-]+){0,6}? (?:since|in (?:(?:more than|over|nearly|almost) )?"
    r"(?:\d+|a|an|one|two|three|four|five|six|seven|eight|nine|ten|several|many) (?:years?"
    r"|decades?|months?|weeks?)\b)))"
)
_DENIALS = {"deny", "denies", "denied"}
# Quotes and hyphens ("aren't an "illegitimate desire"", "heat-shield") do not end a scope;
# a spaced dash (match_form turns em and en dashes into "-") does.
_TOKEN = re.compile(r"[a-z0-9]+(?:'[a-z]+)?|[.,;:!?()]| - ")
_BOUNDARY = {",", ";", ":", ".", "!", "?", "(", ")", " - ", "but", "however", "although",
             "though", "while", "whereas", "yet"}
_CAPITAL = re.compile(r"\b[A-Z][\w'\u2019]*")
# Where a claim's clauses part, to align each with the passage sentence it restates: "Injuries
# were reported after the storm ripped two roofs off" fuses two sentences, and the shorter one
# holds the denial.
_CLAUSE_SPLIT = re.compile(
    r"[,;:]\s*|\s+(?:and|but|although|though|while|whereas|after|before|when|because|since"
    r"|until|unless)\s+"
)
# Adverbs that grade or stress a clause and say nothing of what it is about: "not actually a
# chapter of the treaty" denies "a chapter", and a claim that it "was the main chapter" affirms it.
_DEGREE = frozenset("actually really truly quite very even ever".split())
# "Few residents returned": a quantifier that denies, unless an article or a determiner makes
# it a small amount ("a few", "the few", "quite a few"). Not "little": "took little part in
# imperialism until the late 19th century" lost a faithful sentence over "participation was
# negligible until ..." on unseen text (squad2-dev's second batch) for one flip it caught.
_SCARCE = frozenset(("few",))
_NOT_SCARCE = frozenset(
    "a the this that these those his her its their our my your quite very precious so".split()
)
_IF = re.compile(r"\bif\b", re.IGNORECASE)
_HYPHENATED = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)+")
# A denial of what the sentence said before it: "seen as incapable of such a feat", "promised
# to resign but did not do so", "refused to do it".
_ANAPHORIC_DENIAL = re.compile(
    r"\b(?:not|never|no longer|cannot|\w+n't|unable|incapable|impossible|fail(?:s|ed)?"
    r"|refus(?:es|ed)?|declin(?:es|ed)?)\b(?:\s+[a-z]+){0,3}?\s+"
    r"(?:such\b|(?:do|does|did|doing|done)\s+(?:so|it|this|that)\b)"
)
_ANSWER = re.compile(r"^\s*(?:yes|no)\b\s*[,.;:!-]", re.IGNORECASE)
# Negating prefixes, each with the shortest base it is trusted with.
_PREFIXES = (("non-", 3), ("non", 4), ("un", 4), ("in", 6), ("im", 6), ("il", 6), ("ir", 6))
_PREFIX_STARTS = tuple({p[:2] for p, _ in _PREFIXES})
_PLAIN_WORD = re.compile(r"[A-Za-z][A-Za-z-]*[A-Za-z]")


@dataclass(frozen=True)
class _Sentence:
    plain: frozenset[str]  # content terms outside any negation scope
    negated: tuple[frozenset[str], ...]  # one set of terms per cue
    # Terms of an embedded question ("how many people were hurt", "whether the tiles must be
    # fixed"): what the sentence is about, neither affirmed nor denied.
    asked: frozenset[str] = frozenset()
    # The stems of each hyphenated word ("low-skilled": low, skill).
    compounds: tuple[frozenset[str], ...] = ()

    def words(self) -> frozenset[str]:
        return self.plain | self.negated_terms() | self.asked

    def negated_terms(self) -> frozenset[str]:
        return frozenset().union(*self.negated) if self.negated else frozenset()


@lru_cache(maxsize=4096)
def _parse(sentence: str, hypothetical: bool = True) -> _Sentence:
    """``sentence``'s terms by polarity. With ``hypothetical`` False, what an "if" clause says
    ("If Magicicadas appeared at non-prime intervals, ...") is neither affirmed nor denied: a
    condition asserts nothing. Pass True when the other side states a condition too, so the
    two conditions are compared ("if nobody objects" against "if there is audible dissent")."""
    if "neither" in sentence.lower():
        sentence = _subject_neither(sentence)
    # Names say what a sentence is about, not what it affirms: they stay out of scopes.
    names = {match_form(m.group(0)) for i, m in enumerate(_CAPITAL.finditer(sentence))
             if m.start() > 0}
    low = match_form(_ANSWER.sub(" ", sentence, count=1))
    low = _PHRASES.sub(_as_cue, low)
    plain: set[str] = set()
    scopes: list[set[str]] = []
    open_scope: set[str] | None = None
    asked: set[str] = set()
    asking, supposing, previous = False, False, ""
    for tok in _TOKEN.findall(low):
        if tok in _BOUNDARY:
            open_scope = None
            asking = supposing = False
            continue
        if tok == "if" and not hypothetical:
            supposing = True  # the condition's words follow, up to the clause's end
            open_scope = None
        if tok == "whether" or (previous == "how" and tok in ("many", "much")):
            asking = True  # the question's words follow; a cue before it scopes no further
            open_scope = None
        before, previous = previous, tok
        if asking or supposing:
            if tok not in STOPWORDS and tok not in names and (stem := terms(tok)):
                asked.add(stem[0])
            continue
        if tok in _CUES or tok.endswith("n't") or (
                tok in _SCARCE and before not in _NOT_SCARCE):
            if (open_scope is not None and not open_scope and scopes
                    and scopes[-1] is open_scope and tok not in _DENIALS):
                # A cue right after a cue affirms: "no doubt that", "never failed to", "not
                # unlikely", "have not ruled out" (not "did not deny": that affirms nothing).
                scopes.pop()
                open_scope = None
                continue
            open_scope = set()
            scopes.append(open_scope)
            continue
        if tok in STOPWORDS or tok in names or tok in _DEGREE:
            continue
        stems = _lemma_terms(tok)
        if not stems:
            continue
        if open_scope is not None and len(open_scope) < SCOPE_TERMS:
            open_scope.add(stems[0])
        else:
            plain.add(stems[0])
    compounds = tuple(c for m in _HYPHENATED.finditer(low)
                      if len(c := frozenset(w for part in m.group(0).split("-")
                                            for w in _lemma_terms(part))) > 1)
    return _Sentence(frozenset(plain), tuple(frozenset(s) for s in scopes if s), frozenset(asked),
                     compounds)


def _subject_neither(sentence: str) -> str:
    """``sentence`` with "neither A nor B <verb>" as "A and B not <verb>": a denial of the
    subjects' act, not of the subjects ("neither the party system nor the economy is solving
    the problems" says both exist and solve nothing). "found neither survivors nor wreckage"
    stays: there the things are what is denied."""
    from rag.language.parse import parse_sentence

    doc = parse_sentence(sentence)
    edits: list[tuple[int, int, str]] = []
    for tok in doc:
        subject = tok.head
        if (tok.lower_ != "neither" or tok.dep_ not in ("preconj", "det")
                or subject.dep_ not in ("nsubj", "nsubjpass")):
            continue
        verb = subject.head
        first = min((c for c in verb.children if c.dep_ in ("aux", "auxpass")
                     and c.i > subject.i), key=lambda c: c.i, default=verb)
        edits.append((tok.idx, tok.idx + len(tok), ""))
        edits += [(c.idx, c.idx + len(c), "and") for c in subject.children
                  if c.dep_ == "cc" and c.lower_ == "nor"]
        edits.append((first.idx, first.idx, "not "))
    for start, end, text in sorted(edits, reverse=True):
        sentence = sentence[:start] + text + sentence[end:]
    return sentence


def _as_cue(m: re.Match[str]) -> str:
    """A phrase of ``_PHRASES`` as the word reading takes it: " not ", or nothing for a "not"
    that denies nothing; a choice against an act keeps its verb ("decided not repairing");
    "first ... since" reads as neither."""
    if m.group("choice"):
        return f" {m.group('choice')} not "
    if m.group("first"):
        # "The first mission since 2002" denies missions between and affirms this one: its
        # words are read as neither, as a question's are ("whether" opens that reading).
        return " whether "
    return "" if m.group(0) in _NOT_DENIALS else " not "


@lru_cache(maxsize=1)
def _lemmas() -> dict[str, str]:
    """Irregular verb form -> its lemma ("won": "win", "lost": "lose"), from the lemmatizer's
    exception table: "did not win" and "won" deny and affirm the same word."""
    from rag.language.parse import verb_forms

    out: dict[str, str] = {}
    for lemma, forms in verb_forms().items():
        for form in forms:
            out.setdefault(form, lemma)
    return out


@lru_cache(maxsize=20_000)
def _lemma_terms(word: str) -> tuple[str, ...]:
    """``word``'s stems as every reading here takes them, an irregular form as its lemma
    ("won" -> "win"): the word reading's scopes and the parse's clauses and predicates."""
    return tuple(terms(_lemmas().get(word, word)))


def _base_stem(stem: str) -> str:
    """An irregular form's stem as ``_parse`` reads it: "lost" -> "lose"."""
    base = _lemma_terms(stem)
    return base[0] if base else stem


def _words(text: str) -> str:
    return " " + " ".join(re.findall(r"[a-z0-9]+(?:'[a-z]+)?", match_form(text))) + " "


def _quoted(claim: str, support: str) -> bool:
    """``claim`` is a run of ``support``'s words, not right after a negation ("injuries were
    reported" is in "no injuries were reported", and says the opposite)."""
    mine, theirs = _words(claim), _words(support)
    start = theirs.find(mine)
    while start >= 0:
        before = theirs[:start].split()[-1:]
        if not before or not (before[0] in _CUES or before[0].endswith("n't")):
            return True
        start = theirs.find(mine, start + 1)
    return False


@lru_cache(maxsize=4096)
def _plain_terms(text: str) -> frozenset[str]:
    return frozenset(terms(" ".join(_PLAIN_WORD.findall(text))))


@lru_cache(maxsize=20_000)
def _terms(word: str) -> tuple[str, ...]:
    return tuple(terms(word))


def _unprefixed(text: str, other: str) -> str:
    """``text`` with each word negated by its prefix, whose base ``other`` writes, spelled
    "not <base>": "unclear" -> "not clear" when ``other`` says "clear"."""
    theirs = _plain_terms(other)

    def swap(m: re.Match[str]) -> str:
        word = m.group(0).lower()
        if not word.startswith(_PREFIX_STARTS):
            return m.group(0)
        if set(_terms(word)) & theirs:
            # The other side writes the prefixed word itself ("inequality" on both sides,
            # "equal" beside it in one): the two agree on it, whatever else the base does.
            return m.group(0)
        for prefix, shortest in _PREFIXES:
            base = word[len(prefix):]
            if not word.startswith(prefix) or len(base) < shortest:
                continue
            # "unrepaired" for "not to repair" (the stems agree); "unknowable" for "impossible
            # to know" (less its -able).
            if set(_terms(base)) & theirs:
                return f"not {base}"
            bare = re.sub(r"(?:able|ible)$", "", base)
            if len(bare) >= 3 and set(_terms(bare)) & theirs:
                return f"not {bare}"
        return m.group(0)

    return _PLAIN_WORD.sub(swap, text)


def polarity_conflict(claim: str, support: str) -> str:
    """The words a negation flips between ``claim`` and ``support``; "" when none does."""
    if _quoted(claim, support):
        return ""  # a verbatim quote says what its passage says, whatever the next line denies
    claim, support = _unprefixed(claim, support), _unprefixed(support, claim)
    mine = _parse(claim, _IF.search(support) is not None)
    sentences = _sentences(support)
    every = [_parse(t, _IF.search(claim) is not None) for t in sentences]
    # What the passage affirms comes from its statements: a question affirms nothing, though
    # it may deny ("Nobody knows how many are buried?").
    stated = [p for t, p in zip(sentences, every, strict=True) if not _question(t)]
    aligned = _aligned(claim, stated)
    theirs = [stated[i] for i in aligned]
    statements = [t for t in sentences if not _question(t)]
    # A sentence that denies "such a feat" or that someone "did not do so" may deny the very
    # words it states before: it affirms nothing the claim denies.
    plainly = [s for i, s in zip(aligned, theirs, strict=True)
               if not _ANAPHORIC_DENIAL.search(match_form(statements[i]))]
    # A side that negates any word of the other's scope denies it too, whatever the word
    # order ("may not be acknowledged by the platforms" = "the platforms may leave
    # unacknowledged"): a "not" scopes forward, a passive turned active moves the words.
    for scope in mine.negated:
        affirmed = [s for s in plainly if _affirms(s, scope)]
        # A denial of the words elsewhere spares the claim only from a sentence as close to
        # it as the one affirming them: "did not even consider 1 a number" (the early Greeks)
        # does not back "few mathematicians still considered 1 a prime" where the sentence it
        # restates says many did.
        closest = max((len(mine.words() & s.words()) for s in affirmed), default=0)
        denied = any(scope & s.negated_terms() for s in every
                     if len(mine.words() & s.words()) >= closest)
        if (affirmed and not denied and not any(_restated_by_opposite(scope, s) for s in theirs)
                and _parse_agrees(claim, scope, affirmed)):
            return " ".join(sorted(scope))
    for i, s in zip(aligned, theirs, strict=True):
        for scope in s.negated:
            if (_affirms(mine, scope) and not scope & mine.negated_terms()
                    and not _restated_by_opposite(scope, mine)
                    and _parse_agrees(statements[i], scope, [mine])):
                return " ".join(sorted(scope))
    return ""


def _parse_agrees(negating: str, scope: frozenset[str], affirming: list[_Sentence]) -> bool:
    """Whether the parse of ``negating`` confirms the conflict the words found: the denial's
    clause holds the words ``affirming`` states, and its predicate is what they state."""
    return (_clause_affirmed(negating, scope, affirming)
            and _core_affirmed(negating, scope, affirming))


def _clause_affirmed(negating: str, scope: frozenset[str], affirming: list[_Sentence]) -> bool:
    """Whether one of ``affirming`` states two of ``scope``'s words (one, if that is all the
    clause holds) inside the clause of a cue that reaches them: the word reading's scope runs
    on over "and" into the next clause ('... has become a clamour without substance" and the
    IPCC had investigated the other alleged mistakes'), the parse's clause does not. A cue the
    parse does not show, or whose clause holds none of the scope, keeps the word reading."""
    restricted = [scope & clause for clause in _clauses(negating) if scope & clause]
    if not restricted:
        return True
    return any(_affirms(s, part) for part in restricted for s in affirming)


@lru_cache(maxsize=4096)
def _clauses(sentence: str) -> tuple[frozenset[str], ...]:
    """For each negation cue of ``sentence``, the stems of its clause: the subtree of the verb
    it belongs to, less conjoined clauses of that verb."""
    from rag.language.parse import parse_sentence

    out = []
    for tok in parse_sentence(sentence):
        low = tok.lower_
        if not (tok.dep_ == "neg" or low in _CUES or low.endswith("n't")):
            continue
        verb = tok
        for _ in range(8):
            if verb.pos_ in ("VERB", "AUX") or verb.head.i == verb.i:
                break
            verb = verb.head
        cut = {t.i for c in verb.children if c.dep_ in ("conj", "cc") for t in c.subtree}
        out.append(frozenset(
            stem for t in verb.subtree if t.i not in cut
            for stem in _lemma_terms(t.lower_)))
    return tuple(out)


def _core_affirmed(negating: str, scope: frozenset[str], affirming: list[_Sentence]) -> bool:
    """Whether one of ``affirming`` states what ``negating``'s denial is about, read on the
    parse where the denial is of a predicate: the noun and its modifiers, or the adjective, a
    copula's "not" denies ("is not the first attempt": "first attempt", which "earlier
    attempts" and "the first holiday" do not state; "is not clear"), or the noun a "not" hangs
    on ("... and not the moral reasons to follow this law": a claim about "the law's moral
    dialogue" shares "moral" and "law", not "reasons"). The scope's words only say where a
    denial reaches, and two of them may be shared by chance. Every other cue (a negated verb,
    "no", an implicit negative, "rather than") keeps the word reading: True."""
    cores = [c for c in _cores(negating) if c & scope]
    if not cores:
        return True
    # An adjective in "-able" states its verb's act: "well suited to" is "suitable for".
    return any({_root(w) for w in core} <= {_root(w) for w in s.plain - s.negated_terms()}
               for core in cores for s in affirming)


def _root(stem: str) -> str:
    """A stem less an "-able" / "-ible" ending ("suitabl" -> "suit")."""
    return stem[:-3] if stem.endswith(("abl", "ibl")) and len(stem) > 5 else stem


@lru_cache(maxsize=4096)
def _cores(sentence: str) -> tuple[frozenset[str], ...]:
    """The stems each negated predicate of ``sentence`` denies (see ``_core_affirmed``)."""
    from rag.language.parse import parse_sentence

    out = []
    for tok in parse_sentence(sentence):
        if tok.dep_ != "neg":
            continue
        negated = tok.head
        head: Token | None = None
        if negated.lemma_ == "be":  # "is not the first attempt", "is not clear"
            head = next((c for c in negated.children if c.dep_ in ("attr", "acomp")), None)
        elif negated.pos_ in ("NOUN", "PROPN"):  # "... and not the moral reasons"
            head = negated
        # A negated verb keeps the word reading: the other side often restates the verb in
        # another word ("did not expect ... outrage" / "have been predicting ... outrage"), or
        # negates the verb of belief for its clause ("do not believe there is any critical
        # damage").
        if head is None:
            continue
        words = [head] + [c for c in head.children
                          if head.pos_ in ("NOUN", "PROPN") and c.dep_ in ("amod", "compound")]
        # In the word reading's vocabulary: names and stopwords are in no scope.
        stems = {t for w in words if w.lower_ not in STOPWORDS and w.lower_ not in _DEGREE
                 and not (w.i > 0 and w.text[:1].isupper())
                 for t in _lemma_terms(w.lower_)}
        if stems:
            out.append(frozenset(stems))
    return tuple(out)


def _restated_by_opposite(scope: frozenset[str], sentence: _Sentence) -> bool:
    """``sentence`` states the opposite of a word ``scope`` denies: "did not accept the offer"
    is "rejected the offer", "did not win" is "lost"."""
    stated = sentence.plain - sentence.negated_terms()
    return any(_OPPOSITE.get(word, set()) & stated for word in scope)


def _affirms(sentence: _Sentence, scope: frozenset[str]) -> bool:
    """``sentence`` states outright two words of ``scope`` (one, if that is all it has); the
    parts of one hyphenated word are one word ("low-skilled jobs" states "low-skilled" once)."""
    hits = scope & (sentence.plain - sentence.negated_terms())
    count = len(hits) - sum(len(c & hits) - 1 for c in sentence.compounds if len(c & hits) > 1)
    return count >= min(2, len(scope))


def _sentences(support: str) -> list[str]:
    return [support[s:e] for s, e in sentence_spans(support)]


def _question(sentence: str) -> bool:
    """"Are there any damages?" affirms nothing."""
    return sentence.rstrip(" \"'\u201d\u2019").endswith("?")


def _aligned(claim: str, every: list[_Sentence], share: float = 0.5) -> list[int]:
    """The passage sentences the claim or a clause of it restates: for each, those sharing at
    least ``share`` as many of its terms as the closest one (a verbatim quote of one sentence is
    not contradicted by a "not" in the next)."""
    aligned: set[int] = set()
    parts = _CLAUSE_SPLIT.split(claim)
    # The whole claim too: a clause of one shared term aligns with nothing on its own.
    for part in [claim, *parts] if len(parts) > 1 else parts:
        words = _parse(part).words()
        overlap = [len(words & s.words()) for s in every]
        top = max(overlap, default=0)
        aligned |= {i for i, k in enumerate(overlap) if k >= max(2, top * share)}
    return sorted(aligned)


def _opposites() -> tuple[dict[str, set[str]], dict[str, set[str]]]:
    """Word -> its opposites (``lexicon.OPPOSITES`` and WordNet's), and word -> the words on
    its own side: the hand-made table's ("win": "victory"), and a WordNet lemma's inflections
    ("men": "man"), not its comparatives ("highest" is not the "high" of "highly
    selective")."""
    table: dict[str, set[str]] = {}
    side: dict[str, set[str]] = {}
    for a, b in OPPOSITES:
        sa, sb = set(terms(a)), set(terms(b))
        for mine, other in ((sa, sb), (sb, sa)):
            for x in mine:
                table.setdefault(x, set()).update(other)
                side.setdefault(x, set()).update(mine)
    wordnet = wordnet_opposites()
    # WordNet's forms are plain lower-case words: stemmed in one batch, as ``terms`` would.
    words = sorted({w for pair in wordnet for forms in pair for w in forms.split()} - STOPWORDS)
    stem = dict(zip(words, stem_words(words), strict=True))

    def stemmed(forms: str) -> list[str]:
        return [stem[w] for w in forms.split() if w in stem]

    for wa, wb in wordnet:
        for forms, others in ((wa, wb), (wb, wa)):
            same = stemmed(wordnet_inflections(forms.split()[0]))  # "men" for "man"
            for x in stemmed(forms):
                table.setdefault(x, set()).update(stemmed(others))
                side.setdefault(x, set()).update(same if x in same else (x,))
    return table, side


_OPPOSITE, _SIDE = _opposites()


def swapped_opposite(claim: str, support: str) -> str:
    """"fell (passage: rise)" when the claim swaps a word for its opposite; else ""."""
    # A word the claim denies is no swap: "did not win" says what "lost" says.
    mine = set(terms(claim))
    denied = _parse(claim).negated_terms()
    every = [t for t in _sentences(support) if not _question(t)]
    parsed = [_parse(t) for t in every]
    # The closest sentence of each clause only: a word is swapped where the claim restates.
    aligned = _aligned(claim, parsed, share=1.0)
    restated = [set(terms(every[i])) for i in aligned]
    written = set().union(*restated) if restated else set()
    # Nor is a word the passage denies the claim's opposite: "lost" where it has "did not win".
    negated = set().union(*(parsed[i].negated_terms() - parsed[i].plain for i in aligned))
    for word in sorted(mine - written - denied):
        if _SIDE.get(word, set()) & written:
            continue  # the passage says it too, in another word: "win" where it has "victory"
        other = {w for w in _OPPOSITE.get(word, set()) & written - mine
                 if w not in negated and _base_stem(w) not in negated}
        if other:
            return f"{word} (passage: {', '.join(sorted(other))})"
    return ""
