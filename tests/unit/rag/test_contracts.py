"""The typed seams: readers, LLM backends and answerers checked against their Protocols, and
``top_k`` checked once, by Settings."""

from __future__ import annotations

import types

import pytest
from fakes import HashingEncoder

from ingest.readers import REGISTERED, Reader
from rag.answering import Answerer
from rag.contracts import ContractError, conform
from rag.extractive.answer import ExtractiveAnswerer
from rag.llm.backends import Backend, BackendModule, LLMBackend
from rag.llm.generate import GenerativeAnswerer
from rag.llm.registry import BACKENDS, BackendEntry, load
from rag.llm.scripted import scripted_backend
from rag.retrieval.embedder import Query
from rag.settings import TOP_K_MAX, Settings
from rag.types import Passage


def reader_module(**names: object) -> types.ModuleType:
    module = types.ModuleType("ingest.readers.odt")
    for name, value in names.items():
        setattr(module, name, value)
    return module


def test_every_registered_reader_and_backend_module_keeps_its_contract() -> None:
    for reader in REGISTERED:
        conform(reader, Reader, reader.__name__)  # type: ignore[attr-defined]
    for entry in BACKENDS.values():
        conform(load(entry), BackendModule, entry.module)
    conform(scripted_backend([]), LLMBackend, "scripted")
    conform(ExtractiveAnswerer, Answerer, "ExtractiveAnswerer")
    conform(GenerativeAnswerer, Answerer, "GenerativeAnswerer")


def test_a_reader_missing_a_member_is_named_with_what_it_lacks() -> None:
    def read(raw: str, display: str, suffix: str) -> None:
        return None

    with pytest.raises(ContractError, match=r"reader odt is not a Reader: no 'DESCRIPTION'"):
        conform(reader_module(SUFFIXES=(".odt",), read=read), Reader, "reader odt")


def test_a_reader_whose_read_takes_other_arguments_is_refused() -> None:
    module = reader_module(SUFFIXES=(".odt",), DESCRIPTION="OpenDocument", read=lambda raw: raw)
    expected = r"read\(\) cannot be called with \(raw, display, suffix\)"
    with pytest.raises(ContractError, match=expected):
        conform(module, Reader, "reader odt")
    # Other parameter names are fine: readers are called by position.
    conform(reader_module(SUFFIXES=(".odt",), DESCRIPTION="x", read=lambda a, b, c: None),
            Reader, "reader odt")


def test_a_backend_module_without_build_fails_when_loaded_naming_the_module() -> None:
    with pytest.raises(ContractError, match=r"backend module 'rag.text' is not a BackendModule"):
        load(BackendEntry("broken", "rag.text", "a module that is not a backend"))


def test_an_answerer_class_is_checked_as_its_instances_are_called() -> None:
    class Wrong:
        def respond(self, query: Query) -> None:
            return None

    with pytest.raises(ContractError, match=r"respond\(\) cannot be called"):
        conform(Wrong, Answerer, "Wrong")
    with pytest.raises(ContractError, match=r"no 'stream'"):
        conform(object(), LLMBackend, "nothing")
    conform(Backend(llm=None, url="u", model="m"), LLMBackend, "Backend")  # type: ignore[arg-type]


def test_the_extractive_answerer_responds_whole_with_the_answer_it_composes() -> None:
    enc = HashingEncoder()
    answerer = ExtractiveAnswerer(
        enc.encode, lambda _t: 1.0, lambda texts: enc.encode_tokens(texts)[1], enc.word_matcher()
    )
    text = "Rubio said guarantees were a legitimate desire."
    passages = [Passage("c1", "a1", "T", "Wire", "", "", text, 0, len(text), 1.0)]
    question = "What did Rubio say about guarantees?"
    vector, words = enc.encode_one_tokens(question)
    produce = answerer.respond(Query(question, vector, words), passages)
    with pytest.raises(StopIteration) as done:
        next(produce)  # no deltas: composed whole
    assert done.value.value == answerer.answer(question, passages, vector, words)
    assert not done.value.value.refused


@pytest.mark.parametrize("bad", [0, -1, TOP_K_MAX + 1, True, 2.5, "5"])
def test_top_k_is_checked_once_by_settings(bad: object) -> None:
    with pytest.raises(ValueError, match=f"top_k must be between 1 and {TOP_K_MAX}"):
        Settings().passages_for(bad)  # type: ignore[arg-type]


def test_top_k_defaults_to_the_setting_and_keeps_a_valid_override() -> None:
    s = Settings(top_k=7)
    assert s.passages_for(None) == 7
    assert s.passages_for(1) == 1 and s.passages_for(TOP_K_MAX) == TOP_K_MAX
