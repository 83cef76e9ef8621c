"""Who said it (rag/llm/speakers.py), on the real spaCy parse and attributed-speech layer."""

from __future__ import annotations

import pytest

from rag.llm.speakers import other_speaker

HARBOUR = (
    "The port authority confirmed that two cranes collapsed on Tuesday night. "
    "Dock workers said the night shift had complained about the cranes for weeks. "
    'Mayor Ana Ruiz said she would order an inquiry. "Nobody should work under a broken '
    'crane," she told reporters.'
)
COUNCIL = (
    "Councillor Tom Reid said the budget would cut library hours. "
    "The finance director, Priya Shah, said the cuts would save 2 million pounds."
)


def units(passage: str, restated: str) -> list[tuple[str, list[tuple[int, int]]]]:
    """The passage with the span of the sentence the claim restates."""
    start = passage.index(restated)
    return [(passage, [(start, start + len(restated))])]


@pytest.mark.parametrize(
    ("claim", "passage", "restated", "who"),
    [
        # A group that speaks elsewhere in the passage given another body's words.
        ("Dock workers said two cranes collapsed on Tuesday night.", HARBOUR,
         "The port authority confirmed that two cranes collapsed on Tuesday night.",
         "port authority"),
        # Two named people's words swapped.
        ("Tom Reid said the cuts would save 2 million pounds.", COUNCIL,
         "The finance director, Priya Shah, said the cuts would save 2 million pounds.",
         "Priya Shah"),
        ("Priya Shah said the budget would cut library hours.", COUNCIL,
         "Councillor Tom Reid said the budget would cut library hours.", "Tom Reid"),
        # "According to X" names a speaker too.
        ("According to Tom Reid, the cuts would save 2 million pounds.", COUNCIL,
         "The finance director, Priya Shah, said the cuts would save 2 million pounds.",
         "Priya Shah"),
    ],
)
def test_words_given_to_another_speaker_of_the_passage(
    claim: str, passage: str, restated: str, who: str
) -> None:
    assert who in other_speaker(claim, units(passage, restated))


@pytest.mark.parametrize(
    ("claim", "passage", "restated"),
    [
        # The same speaker by surname, by role, or by a group's name in another form.
        ("Shah said the cuts would save 2 million pounds.", COUNCIL,
         "The finance director, Priya Shah, said the cuts would save 2 million pounds."),
        ("The finance director said the cuts would save 2 million pounds.", COUNCIL,
         "The finance director, Priya Shah, said the cuts would save 2 million pounds."),
        ("A dock worker said the night shift had complained about the cranes.", HARBOUR,
         "Dock workers said the night shift had complained about the cranes for weeks."),
        # A quotation's speaker comes from the sentence that introduces it ("she told").
        ("Ruiz said nobody should work under a broken crane.", HARBOUR,
         '"Nobody should work under a broken crane," she told reporters.'),
        # Another word for a speaker the passage does not quote elsewhere: not judged.
        ("Port officials said two cranes collapsed on Tuesday night.", HARBOUR,
         "The port authority confirmed that two cranes collapsed on Tuesday night."),
        ("The city's officials confirmed that two cranes collapsed.", HARBOUR,
         "The port authority confirmed that two cranes collapsed on Tuesday night."),
        # A claim that attributes nothing, or only to "he": nothing to compare.
        ("Two cranes collapsed on Tuesday night.", HARBOUR,
         "The port authority confirmed that two cranes collapsed on Tuesday night."),
        ("He said the cuts would save 2 million pounds.", COUNCIL,
         "The finance director, Priya Shah, said the cuts would save 2 million pounds."),
        # "He said" names nobody, whatever other verb the clause holds: "outraged by the
        # unions" and "feared" do not make the unions its speaker.
        ("He said he was outraged by the unions and feared the budget would cut library hours.",
         COUNCIL + " The unions said the cuts were unfair.",
         "Councillor Tom Reid said the budget would cut library hours."),
    ],
)
def test_the_passages_own_speaker_or_none_is_left_alone(
    claim: str, passage: str, restated: str
) -> None:
    assert other_speaker(claim, units(passage, restated)) == ""


def test_a_restated_sentence_nobody_speaks_is_not_judged() -> None:
    passage = "Two cranes collapsed on Tuesday night. Dock workers said the shift was stopped."
    claim = "Dock workers said two cranes collapsed on Tuesday night."
    assert other_speaker(claim, units(passage, "Two cranes collapsed on Tuesday night.")) == ""


def test_of_a_unit_spanning_two_sentences_the_one_restated_is_judged() -> None:
    # The similarity step matched both sentences; the claim restates the second.
    claim = "Tom Reid said the cuts would save 2 million pounds."
    assert "Priya Shah" in other_speaker(claim, units(COUNCIL, COUNCIL))
    assert other_speaker("Shah said the cuts would save 2 million pounds.",
                         units(COUNCIL, COUNCIL)) == ""


def test_a_claim_restating_two_sentences_may_name_either_speaker() -> None:
    claim = "Dock workers said the cranes collapsed after weeks of complaints."
    both = ("The port authority confirmed that two cranes collapsed on Tuesday night. "
            "Dock workers said the night shift had complained about the cranes for weeks.")
    assert other_speaker(claim, units(HARBOUR, both)) == ""


def test_a_given_name_alone_does_not_make_two_people_one() -> None:
    passage = ("Economist Lawrence Katz estimates that trade explains only a small share of "
               "rising inequality. Robert Lawrence argues that machines have replaced "
               "low-skilled jobs in richer nations.")
    restated = ("Robert Lawrence argues that machines have replaced low-skilled jobs in richer "
                "nations.")
    claim = "Lawrence Katz argues that machines have replaced low-skilled jobs in richer nations."
    assert "Robert Lawrence" in other_speaker(claim, units(passage, restated))
    assert other_speaker("Lawrence argues that machines have replaced low-skilled jobs.",
                         units(passage, restated)) == ""


def test_the_sentence_holding_what_is_said_is_judged_though_the_match_was_on_the_name() -> None:
    # The similarity step matched the sentence that introduces the finance director (its words
    # are the claim's speaker's); what she is said to have said is Tom Reid's.
    passage = ("The finance director, Priya Shah, presented the accounts on Monday. "
               "Councillor Tom Reid said the budget would cut library hours. "
               "Shah said the accounts were late.")
    intro = "The finance director, Priya Shah, presented the accounts on Monday."
    claim = "Finance director Priya Shah said the budget would cut library hours."
    assert "Tom Reid" in other_speaker(claim, units(passage, intro))
    # Her own words stay hers.
    assert other_speaker("Finance director Priya Shah said the accounts were late.",
                         units(passage, intro)) == ""


REPORT = (
    "Thousands gathered in the capital to mark the harbour's reopening. Ana Ruiz was there "
    "and filed this report. In his remarks to the crowd, Mayor Tom Reid said the harbour "
    "would stay open through the winter. He urged young people to stay in the city."
)


@pytest.mark.parametrize(
    "restated",
    [
        "In his remarks to the crowd, Mayor Tom Reid said the harbour would stay open through "
        "the winter.",
        # The pronoun's speaker, named in the sentence before.
        "He urged young people to stay in the city.",
    ],
)
def test_words_given_to_a_person_the_passage_names_but_does_not_quote(restated: str) -> None:
    """The reporter who files the story is named, never quoted: a claim giving her the
    mayor's words names the wrong speaker, though she speaks nowhere."""
    claim = ("Ana Ruiz said the harbour would stay open through the winter."
             if "winter" in restated else "Ana Ruiz urged young people to stay in the city.")
    assert "Tom Reid" in other_speaker(claim, units(REPORT, restated))
    # By name or by title, the mayor himself; one capitalised word, or a role, is not judged.
    right = claim.replace("Ana Ruiz", "Mayor Reid")
    assert other_speaker(right, units(REPORT, restated)) == ""
    assert other_speaker(claim.replace("Ana Ruiz", "Ruiz"), units(REPORT, restated)) == ""
    assert other_speaker(claim.replace("Ana Ruiz", "A reporter for the Harbour Gazette"),
                         units(REPORT, restated)) == ""
