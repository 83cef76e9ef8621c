"""Question analysis for speech (rag/language/asked.py): who is asked about, matched against
the speakers the linguistic layer finds in real sentences."""

from __future__ import annotations

import pytest

from rag.language.analysis import analyse
from rag.language.asked import asked_speech


def speaker(text: str):  # the speaker of a one-sentence text
    [a] = analyse([text])
    return a.speakers[0]


@pytest.mark.parametrize(
    ("question", "name", "role", "topic"),
    [
        ("What did Rubio say about guarantees?", "rubio", set(), "guarantees"),
        ("What did the prime minister say the day would be for?", "", {"prime", "minister"}, ""),
        ("How did Trump react to the news?", "trump", set(), ""),
        ("What is Macron's position on the plan?", "macron", set(), "the plan"),
        ("According to Zelensky, what happened at the talks?", "zelensky", set(), ""),
        ("What did the French diplomat tell reporters?", "", {"french", "diplomat"}, ""),
        ("What did Macron call the plan?", "macron", set(), ""),
        ("What did Rubio have to say about guarantees?", "rubio", set(), "guarantees"),
    ],
)
def test_speaker_and_topic(question: str, name: str, role: set[str], topic: str) -> None:
    ask = asked_speech(question)
    assert ask is not None
    assert ask.name == name
    assert set(ask.role) == role
    assert ask.topic == topic


@pytest.mark.parametrize(
    "question",
    ["Who said that?", "How many people died in the storm?", "Why did the shuttle flip over?",
     "When will the holiday fall?", "",
     # A verb that reports speech only of someone named: these ask for facts.
     "What did the launch video and pre-docking photos reveal on the shuttle's underside?",
     "Was the size of the cut what experts expected?",
     "Which blogger has been posting live news of the protests?"],
)
def test_not_a_speech_question(question: str) -> None:
    assert asked_speech(question) is None


def test_else_and_next() -> None:
    more = asked_speech("What else did Ardern say?")
    assert more is not None and more.more and not more.next and more.name == "ardern"
    nxt = asked_speech("And what did he say next?")
    assert nxt is not None and nxt.next and not nxt.known  # "he": resolved by the conversation
    plain = asked_speech("What did Ardern say about the holiday?")
    assert plain is not None and not plain.more and not plain.next
    then = asked_speech("What did he say after that?")
    assert then is not None and then.next
    # "after" with its own object dates the statement; it does not ask for the next one.
    for dated in ("What did Nicaragua's president say after touring the damage from Felix?",
                  "What did China's UN ambassador say after the October vote?"):
        ask = asked_speech(dated)
        assert ask is not None and ask.known and not ask.next and not ask.more, dated


def test_matching_names_roles_and_qualifiers() -> None:
    rubio = speaker("On Friday, U.S. Secretary of State Marco Rubio said that guarantees "
                    "were not an illegitimate desire.")
    davis = speaker("Kelvin Davis, the minister for Crown relations, said the day was a first.")
    ardern = speaker("Prime Minister Jacinda Ardern said the holiday would fall on a Friday.")
    scott = speaker("Robert Scott, Director of International Programs at the Economic Policy "
                    "Institute, says the crisis is going to get worse.")
    by_name = asked_speech("What did Rubio say about guarantees?")
    by_role = asked_speech("What did the prime minister say the day would be for?")
    by_qualifier = asked_speech("What did the Economic Policy Institute expert say?")
    assert by_name and by_role and by_qualifier
    assert by_name.spoken_by(rubio) and not by_name.spoken_by(ardern)
    assert not by_name.spoken_by(None)
    assert by_role.spoken_by(ardern) and not by_role.spoken_by(davis)
    assert by_qualifier.spoken_by(scott) and not by_qualifier.spoken_by(rubio)
    # A place narrows a role but names no speaker: Burma's witnesses are not its junta's head.
    witnesses = speaker("Witnesses in Burma say security forces have opened fire on "
                        "demonstrators.")
    head = asked_speech("What did the head of Burma's military government say about the "
                        "protests?")
    assert head is not None and head.role == {"head"} and not head.spoken_by(witnesses)


@pytest.mark.parametrize(
    ("question", "name", "topic"),
    [
        ("Did Macron comment on the plan?", "macron", "the plan"),  # "Macron comment": one NP
        ("What is Macron quoted as saying about the plan?", "macron", "the plan"),
        ("What reason did Macron give for rejecting the plan?", "macron", ""),
        ("What concerns did Macron raise about the plan?", "macron", "the plan"),
        ("What was the message from Macron?", "macron", ""),
        ("What did Macron warn about?", "macron", ""),  # the wh-word is no topic
        ("What did Macron tell reporters about the plan?", "macron", "the plan"),
    ],
)
def test_more_ways_to_ask_for_someones_words(question: str, name: str, topic: str) -> None:
    ask = asked_speech(question)
    assert ask is not None and ask.name == name and ask.topic == topic, ask


@pytest.mark.parametrize(
    "question",
    ["What reason did the court give?", "How many concerns did Macron raise?",
     "Which concerns did Macron raise?", "What did the report raise?"],
)
def test_light_verbs_without_a_named_speaker_or_with_a_wh_phrase_ask_for_facts(
    question: str,
) -> None:
    assert asked_speech(question) is None

