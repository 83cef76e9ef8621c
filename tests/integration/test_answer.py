"""The extractive answerer (rag/extractive/answer.py): composing several outlets, refusal rules,
and the reader questions of issue 11 over the sample article (real model, real store)."""

from __future__ import annotations

from rag.extractive.answer import ExtractiveAnswerer, arrange, unstated
from rag.extractive.evidence import Candidate
from rag.extractive.question import analyse
from rag.newsdesk import Newsdesk
from rag.types import Passage


def _passage(aid: str, source: str, published: str, text: str) -> Passage:
    return Passage(f"{aid}#0", aid, f"Title {aid}", source, "", published, text, 0, len(text),
                   1.0)


def _cand(passage: int, text: str, score: float, **features: float) -> Candidate:
    base = {"admissible": 1.0, "type_miss": 0.0, "title": 0.0, "names_passage": 1.0,
            "speaker_near": 1.0}
    return Candidate(passage, 0, len(text), text, 0, {**base, **features}, score)


VOA = "Witnesses say security forces killed at least two people on Wednesday."
GOV = "The government confirms one person was killed in Wednesday's violence."


def test_outlets_that_differ_are_named_newest_first() -> None:
    passages = [_passage("a", "Voice of America", "2007-09-26", VOA),
                _passage("b", "Voice of America", "2007-09-27", GOV)]
    ranked = [_cand(0, VOA, 5.0), _cand(1, GOV, 4.9)]
    groups = ExtractiveAnswerer(None, None).compose(
        analyse("How many people died in Wednesday's violence?"), ranked, passages
    )
    assert [g[0].text for _, g in groups] == [GOV, VOA]  # newest first
    labels = [label for label, _ in groups]
    assert labels[0] == "The articles differ. Voice of America (27 Sep 2007):"
    assert labels[1] == "Voice of America (26 Sep 2007):"


def test_different_figures_of_different_events_are_not_called_a_disagreement() -> None:
    import numpy as np

    landed = "Endeavour rolled to a stop Tuesday at the Kennedy Space Center."
    docked = "Endeavour connected with the space station Friday at 18:02 UT."
    passages = [_passage("a", "VOA", "2007-08-21", landed), _passage("b", "VOA", "2007-08-10",
                                                                     docked)]
    a, b = _cand(0, landed, 5.0), _cand(1, docked, 4.9)
    # Sentence vectors 0.45 apart: alike enough to cite both, not to say they disagree.
    a.vector = np.array([1.0, 0.0], dtype=np.float32)
    b.vector = np.array([0.45, (1 - 0.45**2) ** 0.5], dtype=np.float32)
    groups = ExtractiveAnswerer(None, None).compose(
        analyse("On what day did Endeavour land?"), [a, b], passages
    )
    assert len(groups) == 2 and [label for label, _ in groups] == ["", ""]
    b.vector = np.array([0.3, (1 - 0.3**2) ** 0.5], dtype=np.float32)  # not even alike
    assert len(ExtractiveAnswerer(None, None).compose(
        analyse("On what day did Endeavour land?"), [a, b], passages)) == 1


def test_outlets_that_agree_are_cited_without_labels() -> None:
    one = "Felix made landfall in Nicaragua on Tuesday."
    two = "Hurricane Felix came ashore in Nicaragua."
    passages = [_passage("a", "Wikinews", "2007-09-04", one),
                _passage("b", "VOA", "2007-09-05", two)]
    groups = ExtractiveAnswerer(None, None).compose(
        analyse("Which country did the hurricane come ashore in?"),
        [_cand(0, one, 5.0), _cand(1, two, 4.95)], passages,
    )
    assert [label for label, _ in groups] == ["", ""]
    assert [g[0].text for _, g in groups] == [two, one]


def test_a_weaker_or_unfit_sentence_of_another_outlet_is_not_cited() -> None:
    passages = [_passage("a", "VOA", "2007-09-26", VOA), _passage("b", "GV", "2007-09-28", GOV)]
    q = analyse("How many people died in Wednesday's violence?")
    answerer = ExtractiveAnswerer(None, None)
    assert len(answerer.compose(q, [_cand(0, VOA, 5.0), _cand(1, GOV, 2.0)], passages)) == 1
    unfit = _cand(1, GOV, 4.99, type_miss=1.0)
    assert len(answerer.compose(q, [_cand(0, VOA, 5.0), unfit], passages)) == 1


def test_the_latest_prefers_the_newest_article() -> None:
    old = "Felix has left at least 12 people dead."
    new = "Felix has left at least 21 people dead and over 200 missing."
    passages = [_passage("a", "Wikinews", "2007-09-04", old),
                _passage("b", "Wikinews", "2007-09-05", new)]
    ranked = [_cand(0, old, 5.0), _cand(1, new, 4.9)]
    answerer = ExtractiveAnswerer(None, None)
    latest = answerer.compose(analyse("What is the death toll from Felix so far?"), ranked,
                              passages)
    assert latest[0][1][0].text == new


def test_refusal_rules_and_admissible_order() -> None:
    base = {"names_passage": 1.0, "numbers_passage": 1.0, "negation_miss": 0.0,
            "admissible": 1.0, "speaker_near": 1.0}
    assert not unstated(base)
    for key, value in (("names_passage", 0.5), ("numbers_passage", 0.0),
                       ("negation_miss", 1.0), ("admissible", 0.0), ("speaker_near", 0.0)):
        assert unstated({**base, key: value}), key
    ranked = arrange([_cand(0, "no figure here", 9.0, admissible=0.0),
                      _cand(0, "it cost $3 million", 2.0)])
    assert ranked[0].text == "it cost $3 million"


# The reader questions of issue 11 over corpus/us-peace-deal-proposal.txt, and what the
# article says for each (data/eval/corpus_questions.json holds the answerable ones).
READER = {
    "Which news agency reported the plan?": "Bloomberg reports this",
    "What did the Europeans refuse to recognize?": "would not recognize the occupied",
    "By when does Washington want a ceasefire?": "within the next few weeks",
    "Where were the discussions held?": "Discussions in Paris",
    "What is Rubio's job?": "Secretary of State Marco Rubio",
    "What did Rubio say about Ukraine's right to self-defense?": "right to defend itself",
}


def test_reader_questions_over_the_sample_article(desk: Newsdesk, corpus) -> None:
    from ingest import ingest

    ingest(desk, [corpus])
    answered = {}
    for question, quote in READER.items():
        answer = desk.query(question)
        answered[question] = not answer.refused and any(
            quote in c.passage[s - c.start:e - c.start] for c in answer.citations
            for s, e in c.quotes
        )
    # Before this answerer all 6 were refused (checked on 8690a94); now 4 are answered from the
    # sentence that says it. Still missed: "Bloomberg reports this." (the plan is only "this")
    # and the job, which the article gives in passing ("U.S. Secretary of State Marco Rubio").
    assert sum(answered.values()) >= 4, answered
    assert answered["Where were the discussions held?"]
    assert answered["What did Rubio say about Ukraine's right to self-defense?"]
    for question in ("What is the boiling point of liquid nitrogen?",
                     "What did Zelensky say about the proposal?"):
        assert desk.query(question).refused, question


def test_the_refusal_threshold_is_a_setting(settings, embedder, corpus) -> None:
    """NEWSDESK_REFUSE_AT moves the answerer along the measured trade-off: the sample question
    is answered at the fitted threshold and refused by a desk that refuses at almost any doubt;
    1.0 leaves only the hard rules."""
    from ingest import ingest
    from rag.extractive.answer_weights import REFUSE_AT

    question = "What did Rubio say about guarantees?"
    desks = {at: Newsdesk(settings.model_copy(update={"refuse_at": at}), embedder=embedder)
             for at in (0.0, 0.001, 1.0)}
    try:
        ingest(desks[0.0], [corpus])
        assert desks[0.0].answerer().refuse_at == REFUSE_AT
        decision = desks[0.001].answerer().decide(
            question, desks[0.001].retrieve(question),
            *desks[0.001].embedder.encode_one_tokens(question),
        )
        assert decision is not None and 0.001 <= decision.refuse_probability < REFUSE_AT
        assert not desks[0.0].query(question).refused
        assert desks[0.001].query(question).refused
        assert not desks[1.0].query(question).refused
    finally:
        for d in desks.values():
            d.close()
