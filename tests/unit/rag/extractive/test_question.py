"""What a question asks for (rag/extractive/question.py) and how a follow-up is rewritten
(rag/language/condense.py).

Pure rules, no model: these run in milliseconds.
"""

from __future__ import annotations

import pytest

from rag.extractive.question import (
    DATE,
    NUMBER,
    PERSON,
    PLACE,
    REASON,
    SPEECH,
    admissible,
    analyse,
    holds,
    measured,
    names_held,
)
from rag.language.asked import question_subject
from rag.language.condense import CONTEXT, condense, split


@pytest.mark.parametrize(
    ("question", "wants"),
    [
        ("Which news agency reported the plan?", {PERSON}),
        ("By when does Washington want a ceasefire?", {DATE}),
        ("Where were the discussions held?", {PLACE}),
        ("After passing Honduras, where was Felix expected to do its main damage?", {PLACE}),
        ("What did Rubio say about Ukraine's right to self-defense?", {SPEECH}),
        ("How did Ghana's president describe freedom in his speech?", {SPEECH}),
        ("How many people did Hurricane Felix kill in Honduras?", {NUMBER}),
        ("Who won the USA-England World Cup match, and by what score?", {PERSON, NUMBER}),
        ("Why did the shuttle flip over just before docking?", {REASON}),
        ("What set off the protests in the first place?", {REASON}),
        ("What does the new New Zealand holiday mark?", set()),
        # "mean" asks for a definition, "response" inside a noun phrase is no quote.
        ("What does 'Pax Mongolica' mean?", set()),
        ("What is partially responsible for weakened immune response in older people?", set()),
    ],
)
def test_answer_types_from_the_question_words(question: str, wants: set[str]) -> None:
    assert set(analyse(question).wants) == wants


def test_names_figures_and_recency() -> None:
    q = analyse("Did the Fed cut rates again at its October 2007 meeting?")
    assert q.names == ("Fed", "October") and q.numbers == ("2007",)
    # Roles, honorifics and two-letter abbreviations are not names a passage must repeat.
    assert analyse("What did Fed Chairman Ben Bernanke say?").name_terms == {"fed", "ben",
                                                                            "bernanke"}
    assert analyse("What did the US say?").name_terms == frozenset()
    # The first word is capitalised by position, not a name.
    assert analyse("Along with sport and art, what is a talent scholarship?").names == ()
    assert analyse("What's the death toll from Felix in Nicaragua so far?").recent
    assert not analyse("What was the death toll from Felix?").recent
    # A name is held as written, as a prefix, or not at all.
    q = analyse("How many people are confirmed dead in Haiti's capital?")
    assert names_held(q, {"haitian", "capital"}) == 1.0
    assert names_held(q, {"port", "au", "prince"}) == 0.0
    # A government's seat is held where its country is named ("U.S. officials").
    q = analyse("By when does Washington want a ceasefire?")
    assert names_held(q, {"us", "officials"}) == 1.0
    assert names_held(q, {"french", "officials"}) == 0.0


@pytest.mark.parametrize(
    ("question", "sentence", "expected"),
    [
        ("How many spacewalks were planned?", "the first of four anticipated space walks", True),
        ("How long did the mission last?", "after a 13-day construction mission", True),
        ("How long did the mission last?", "This is Endeavour's first mission since 2002.", False),
        ("How strong were Felix's winds?", "sustained winds of 120 kilometers an hour", True),
        ("How strong were Felix's winds?", "Felix became a Category 1 hurricane", False),
        ("How many people died on Wednesday?", "one person was killed on Wednesday", True),
        ("How much did Ghana spend on the celebrations?", "the 50th anniversary", False),
        ("How much did Ghana spend on the celebrations?", "It cost $20 million.", True),
        ("How fast were the gusts?", "Wind gusts up to 90MPH [~145 km/h].", True),
    ],
)
def test_figures_in_the_asked_unit(question: str, sentence: str, expected: bool) -> None:
    assert measured(sentence, analyse(question)) is expected


def test_how_much_without_money_wants_any_figure() -> None:
    q = analyse("How much does the Rhine discharge at the Dutch border?")
    assert q.unit == "" and NUMBER in q.wants
    assert admissible("an annual mean discharge of 2,290 m3/s", "", q)


def test_admissible_sentences_hold_what_is_asked() -> None:
    when = analyse("When did Ghana's military coups end?")
    assert admissible("a series of military coups, which ended in 1992", "", when)
    assert not admissible("The coups were a dark chapter.", "", when)
    # A quote question is answered by a sentence with a speech cue in it or beside it.
    said = analyse("What did the French diplomat say about the injured?")
    assert admissible("Blood was spilled.", "He says blood was spilled.", said)
    assert not admissible("Blood was spilled.", "Blood was spilled on the street.", said)
    # The question's own figure is no answer to "When ...?".
    assert not holds(DATE, "The 2007 prize went to Gore.", analyse("When was the 2007 prize?"))


PREVIOUS = "What did the Bonaire resident say about how the night went?"


@pytest.mark.parametrize(
    ("previous", "question", "standalone"),
    [
        ("What did Rubio say about guarantees?", "And what did Macron say?",
         "What did Macron say about guarantees?"),
        ("What did Rubio say about guarantees?", "And Macron?",
         "What did Macron say about guarantees?"),
        (PREVIOUS, "What's her name?", "What's the Bonaire resident's name?"),
        ("What did the French diplomat say about the injured?",
         "What's his name, and who did he speak to?",
         "What's the French diplomat's name, and who did the French diplomat speak to?"),
        ("Why is the Socialist candidate running for president?", "Has he run for office before?",
         "Has the Socialist candidate run for office before?"),
        ("What did the Economic Policy Institute expert say about the crisis?", "Who is he?",
         "Who is the Economic Policy Institute expert?"),
        # Not leaning on the conversation: left alone.
        ("What did Rubio say about guarantees?", "What is the capital that Ghana chose?",
         "What is the capital that Ghana chose?"),
    ],
)
def test_follow_ups_resolved_from_the_previous_subject(
    previous: str, question: str, standalone: str
) -> None:
    assert condense(question, [(previous, "an answer")]) == standalone


def test_unresolved_follow_ups_keep_the_previous_question_as_context() -> None:
    previous = "What did Mission Control radio to the crew once the shuttle stopped?"
    out = condense("Who said that?", [(previous, "an answer")])
    assert out == f"Who said that?{CONTEXT}{previous}"
    assert split(out) == ("Who said that?", previous)
    # "it" is never guessed: "what is it based on?" names the answer's figure.
    out = condense("And what is it based on?", [("How many died in Haiti?", "150,000 [1]")])
    assert split(out)[0] == "What is it based on?"
    # A context already kept is not nested.
    again = condense("And when?", [(out, "an answer")])
    assert again.count(CONTEXT) == 1


def test_subject_noun_phrase() -> None:
    assert question_subject("What did the prime minister say the day would be for?") == (
        "the prime minister"
    )
    assert question_subject("Why did the shuttle flip over just before docking?") == "the shuttle"
    assert question_subject("How long had Morgan waited for her chance?") == "Morgan"
    assert question_subject("How did Ghana's president describe freedom?") == "Ghana's president"
    assert question_subject("Where is the capital?") == "the capital"
