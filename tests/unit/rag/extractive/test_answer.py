"""rag.extractive.answer, deterministic encoder: quotes are verbatim and every [n] is a citation."""

from __future__ import annotations

from fakes import HashingEncoder
from hypothesis import given, settings
from hypothesis import strategies as st

from rag.citations import REFUSAL, markers
from rag.extractive.answer import ExtractiveAnswerer
from rag.types import Passage

ENC = HashingEncoder()


def answerer() -> ExtractiveAnswerer:
    return ExtractiveAnswerer(
        ENC.encode, lambda _term: 1.0, lambda texts: ENC.encode_tokens(texts)[1], ENC.word_matcher()
    )


def passage(i: int, text: str, start: int = 0) -> Passage:
    return Passage(f"c{i}", f"a{i}", f"T{i}", "Wire", "", "", text, start, start + len(text), 1.0)


def test_answers_with_the_sentence_that_holds_the_question_terms() -> None:
    text = "The harbour opened in May. Rubio said guarantees were a legitimate desire."
    p1 = passage(1, text, 40)
    p2 = passage(2, "Macron met Witkoff in Geneva on Sunday.")
    q = "What did Rubio say about guarantees?"
    answer = answerer().answer(q, [p1, p2], *ENC.encode_one_tokens(q))
    assert not answer.refused
    assert answer.text == "Rubio said guarantees were a legitimate desire. [1]"
    (cite,) = answer.citations
    assert cite.article_id == "a1"
    (s, e), = cite.quotes
    assert cite.passage[s - cite.start : e - cite.start] == (
        "Rubio said guarantees were a legitimate desire."
    )


def test_refuses_when_no_passage_states_the_question() -> None:
    p = passage(1, "The council met on Tuesday to discuss the harbour budget.")
    q = "What is the boiling point of liquid nitrogen?"
    answer = answerer().answer(q, [p], *ENC.encode_one_tokens(q))
    assert answer.refused and answer.text == REFUSAL and answer.citations == []
    assert answer.passages == [p]


WORDS = st.sampled_from(
    "Rubio Macron Witkoff said guarantees ceasefire Kyiv Geneva summit proposal sanctions "
    "harbour council budget Tuesday met about the on in".split()
)
SENTENCE = st.lists(WORDS, min_size=3, max_size=12).map(lambda ws: " ".join(ws).capitalize() + ".")
PASSAGE = st.lists(SENTENCE, min_size=1, max_size=4).map(" ".join)


@settings(max_examples=80, deadline=None)
@given(st.lists(PASSAGE, min_size=1, max_size=5), st.lists(WORDS, min_size=2, max_size=8))
def test_every_marker_names_a_citation_whose_quotes_are_verbatim(
    texts: list[str], qwords: list[str]
) -> None:
    passages = [passage(i, t, start=100 * i) for i, t in enumerate(texts, 1)]
    question = "What did " + " ".join(qwords) + "?"
    answer = answerer().answer(question, passages, *ENC.encode_one_tokens(question))
    if answer.refused:
        assert answer.citations == [] and answer.text == REFUSAL
        return
    assert set(markers(answer.text)) == {c.n for c in answer.citations}
    assert [c.n for c in answer.citations] == list(range(1, len(answer.citations) + 1))
    for c in answer.citations:
        assert c.quotes
        for s, e in c.quotes:
            quoted = c.passage[s - c.start : e - c.start]
            assert quoted and quoted.rstrip(".") in answer.text


def test_follow_up_features_are_set_for_every_sentence_not_only_the_last() -> None:
    # Sentences next to the one an earlier answer quoted are marked, each on its own.
    text = ("The talks began in Geneva. Rubio said guarantees were a legitimate desire. "
            "He added that the plan was a living document. The weather was cold.")
    p = passage(1, text)
    q = "What else did he say about the plan?"
    ranked, _ = answerer().rank(
        q, [p], *ENC.encode_one_tokens(q),
        quoted=["Rubio said guarantees were a legitimate desire."], shortlist=10,
    )
    by_text = {c.text: c.features for c in ranked}
    given = by_text["Rubio said guarantees were a legitimate desire."]
    assert given["quoted_before"] == 1.0 and given["near_quoted"] == 0.0
    assert by_text["He added that the plan was a living document."]["near_quoted"] == 1.0
    assert by_text["He added that the plan was a living document."]["follows_quoted"] == 1.0
    assert by_text["The talks began in Geneva."]["near_quoted"] == 1.0
    assert by_text["The talks began in Geneva."]["follows_quoted"] == 0.0


def test_the_feature_table_matches_the_weights_and_what_evidence_computes() -> None:
    import pytest

    from rag.errors import NewsdeskError
    from rag.extractive import answer_weights as weights
    from rag.extractive import features

    for model, names in features.MODELS.items():
        features.check(model, getattr(weights, model))  # the shipped weights load
        misspelt = {(n[:-1] if n == names[-1] else n): 1.0 for n in names}
        with pytest.raises(NewsdeskError, match=f"unknown \\['{names[-1][:-1]}'\\]"):
            features.check(model, misspelt)
        with pytest.raises(NewsdeskError, match="missing"):
            features.check(model, {n: 1.0 for n in names[1:]})
    p = passage(1, "Hurricane Felix has left at least 21 people dead. The rain stopped on Friday.")
    q = "How many people died?"
    answerer_ = answerer()
    ranked, evidence = answerer_.rank(q, [p], *ENC.encode_one_tokens(q))
    for c in ranked:
        assert set(features.FULL) <= set(c.features)
    assert set(features.REFUSAL) <= set(evidence.answerability(ranked[0], ranked, [p]))
    by_text = {c.text: c.features for c in ranked}
    assert by_text["Hurricane Felix has left at least 21 people dead."]["slot_bound"] == 1.0
    assert by_text["The rain stopped on Friday."]["slot_miss"] == 1.0


def test_the_phrase_that_fills_the_asked_slot_is_marked_inside_the_quote() -> None:
    text = ("Rain fell all week. Hurricane Felix has left at least 21 people dead and over 200 "
            "missing after it passed through Nicaragua.")
    p = passage(1, text, 100)
    q = "How many people died in Nicaragua?"
    answer = answerer().answer(q, [p], *ENC.encode_one_tokens(q))
    assert not answer.refused
    (cite,) = answer.citations
    (qs, qe), = cite.quotes
    assert cite.passage[qs - cite.start:qe - cite.start].startswith("Hurricane Felix")
    (ms, me), = cite.marks  # "over 200" counts no one: only the figure counting people
    assert cite.passage[ms - cite.start:me - cite.start] == "at least 21"
    assert qs <= ms < me <= qe
    assert cite.to_json()["marks"] == [[ms, me]] and cite.to_json()["quotes"] == [[qs, qe]]


def test_a_speech_answer_marks_nothing_inside_its_quote() -> None:
    p = passage(1, "Rubio said guarantees were a legitimate desire.")
    q = "What did Rubio say about guarantees?"
    (cite,) = answerer().answer(q, [p], *ENC.encode_one_tokens(q)).citations
    assert cite.quotes and cite.marks == ()


def test_the_next_sentence_that_names_who_is_quoted_with_the_one_about_the_role() -> None:
    text = ("Endeavour lifted off on Wednesday. The crew includes a teacher who will fly to "
            "the station. Barbara Morgan was picked in 1998 as a backup.")
    p = passage(1, text)
    q = "Which teacher flew on Endeavour?"
    ranked, evidence = answerer().rank(q, [p], *ENC.encode_one_tokens(q), shortlist=10)
    by_text = {c.text: c for c in ranked}
    role = by_text["The crew includes a teacher who will fly to the station."]
    assert role.features["slot_next"] == 1.0 and role.filled_next is not None
    assert role.filled_next.text == "Barbara Morgan was picked in 1998 as a backup."
    (ms, me), = role.filled_next.marks
    assert text[ms:me] == "Barbara Morgan"
    # When the ranker picks the role sentence, the name is quoted after it.
    first = [role, *(c for c in ranked if c is not role)]
    [(label, quoted)] = answerer().compose(evidence.q, first, [p])
    assert [c.text for c in quoted][-1] == "Barbara Morgan was picked in 1998 as a backup."


def test_a_quotation_is_quoted_with_the_sentence_that_says_who_spoke_it() -> None:
    text = ('Officials met on Monday. "We know the exact site of the test. The ecological '
            'situation is normal, including on Russian territory." Ivanov said, referring to '
            "the province that borders the North.")
    q = "Is the ecological situation on Russian territory normal?"
    answer = answerer().answer(q, [passage(1, text)], *ENC.encode_one_tokens(q))
    assert not answer.refused
    assert answer.text == (
        '"We know the exact site of the test. [1] The ecological situation is normal, '
        'including on Russian territory." [1] Ivanov said, referring to the province that '
        "borders the North. [1]"
    )
    (cite,) = answer.citations
    assert [text[s:e] for s, e in cite.quotes][-1].startswith("Ivanov said")
