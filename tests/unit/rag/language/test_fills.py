"""What fills an asked slot (rag/language/fills.py, issue 32): figures bound to the noun they
count, dates and spans of time bound to their verb, places, people in a role, causes; and the
question's own words never count as an answer. Sentences from news-dev's articles."""

from __future__ import annotations

import pytest

from rag.language.analysis import analyse
from rag.language.asked import asked
from rag.language.fills import fit

FELIX_TOLL = ("Hurricane Felix has left at least 21 people dead and over 200 missing after it "
              "passed through Nicaragua.")
FELIX_WINDS = ("Felix was upgraded from a tropical storm to a hurricane Saturday evening as it "
               "sustained maximum winds of 120 kilometers an hour.")
WALKS = "The crew will perform four anticipated space walks during the 11-day mission."
LANDED = ("The mission lasted 13 days, and Endeavour landed at Edwards Air Force Base in "
          "California.")
MORGAN = "Barbara Morgan, a teacher from Idaho, flew on Endeavour."
RESIGNED = "Yermak resigned on Friday after a corruption probe."
SPENT = "Ghana spent $2.5 million on the project because the old stadium had collapsed."
ARRESTED = "Dozens of protesters were arrested on Tuesday in Yangon."


def fits(question: str, sentence: str) -> tuple[bool, bool]:
    [analysis] = analyse([sentence])
    got = fit(asked(question), question, analysis.fills)
    assert got.checked
    return got.filled, got.bound


@pytest.mark.parametrize(
    ("question", "sentence", "filled", "bound"),
    [
        # A figure, counted in the asked noun or unit, or not.
        ("How many people died in Nicaragua?", FELIX_TOLL, True, True),
        ("How many people died in Nicaragua?", FELIX_WINDS, True, False),
        ("How many spacewalks are planned?", WALKS, True, True),
        ("How strong were Felix's winds?", FELIX_WINDS, True, True),
        ("How strong were Felix's winds?", FELIX_TOLL, True, False),
        ("How much did Ghana spend?", SPENT, True, True),
        ("How many protesters were arrested?", ARRESTED, True, True),
        ("How many people died in Nicaragua?", MORGAN, False, False),
        # A span of time for "how long", a date for "when", bound to the asked event.
        ("How long did the mission last?", LANDED, True, True),
        ("How long did the mission last?", WALKS, True, True),
        ("How long did the mission last?", RESIGNED, False, False),
        ("When were the protesters arrested?", ARRESTED, True, True),
        ("When did Yermak resign?", RESIGNED, True, True),
        ("When did Yermak resign?", ARRESTED, True, False),
        # A place bound to the event; a person in the asked role.
        ("Where did Endeavour land?", LANDED, True, True),
        ("Where did Endeavour land?", ARRESTED, True, False),
        ("Which teacher flew on Endeavour?", MORGAN, True, True),
        ("Which teacher flew on Endeavour?", RESIGNED, True, False),
        # The question's own name is no answer to "who".
        ("Who replaced Yermak?", RESIGNED, False, False),
        # A cause in a sentence about the asked event.
        ("Why did Ghana spend the money?", SPENT, True, True),
        ("Why did Ghana spend the money?", WALKS, False, False),
        # A name: a proper name of the asked thing; a person's for a person.
        ("What is the name of the rail system?", "The city opened a rail system called Metro "
         "Rail in 1990.", True, True),
        ("What is the name of the rail system?", LANDED, True, False),
        ("What's the teacher's name?", MORGAN, True, True),
        ("What's the teacher's name?", WALKS, False, False),
    ],
)
def test_a_sentence_fills_the_asked_slot_for_its_focus(
    question: str, sentence: str, filled: bool, bound: bool
) -> None:
    assert fits(question, sentence) == (filled, bound)


def test_the_questions_own_figure_and_date_are_no_answer() -> None:
    assert fits("How many people died after the storm hit on Friday, 21?", FELIX_TOLL)[0]
    sentence = "The storm hit on Friday."
    assert fits("When did the storm hit, Friday?", sentence) == (False, False)


@pytest.mark.parametrize(
    "question",
    ["What did Rubio say about guarantees?", "Is the mine still open?",
     "How did the rescuers reach the miners?", "Which bridge reopened on Monday?"],
)
def test_slots_this_does_not_read_are_not_checked(question: str) -> None:
    [analysis] = analyse([FELIX_TOLL])
    got = fit(asked(question), question, analysis.fills)
    assert not got.checked
    assert got.features() == {"slot_miss": 0.0, "slot_bound": 0.0}
