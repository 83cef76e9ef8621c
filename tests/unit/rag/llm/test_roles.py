"""Who did what to whom (rag/llm/roles.py), on the real spaCy parse."""

from __future__ import annotations

import pytest

from rag.llm.roles import swapped_role

FORT = ("Hundreds of soldiers surrendered to the Spanish forces led by Pedro Menendez. "
        "Menendez proceeded to massacre the prisoners, after which he burned the fort.")
PLAY = "In the play, Maria defies the king, who is trying to stop her from leaving."
ALBUM = ("The band's debut was an album, \"Night Roads\", produced by veteran engineer Leo Park "
         "and mixed by Ana Ruiz of the Lisbon studio collective.")
LETTERS = ("In 1742 Christian Goldbach listed 1 as the first prime in his famous letters to "
           "Leonhard Euler, who did not agree.")
ALLOY = ("In 1950, Ida Brandt proved that the alloy resists heat. Engineer Karl Vos extended "
         "the work by showing that the alloy cracks under strain.")


@pytest.mark.parametrize(
    ("claim", "passage", "why"),
    [
        # The same act with the parties the other way round.
        ("The king defies Maria.", PLAY, "other way round"),
        # Another named party given the act the passage gives to a named one.
        ("Jean Ribault massacred the prisoners.", FORT, "menendez"),
        ("The Earth has a higher share of the isotope than the Sun.",
         "Samples show that the Sun has a higher share of the isotope than the Earth.", "sun"),
        # Two parties that trade acts, in participles hung on a noun.
        ("The album was produced by Ana Ruiz and mixed by Leo Park.", ALBUM, "other way round"),
        # A finding given to another; the passage's finder does it "by showing".
        ("Ida Brandt showed that the alloy cracks under strain.", ALLOY, "brandt"),
        # The sentence that gives the act to another names the claim's party in another part.
        ("Leonhard Euler listed 1 as the first prime in his letters to Christian Goldbach.",
         LETTERS, "goldbach"),
    ],
)
def test_an_act_given_to_another_party(claim: str, passage: str, why: str) -> None:
    assert why in swapped_role(claim, passage)


@pytest.mark.parametrize(
    ("claim", "passage"),
    [
        ("Maria defies the king.", PLAY),
        # The act's subject inherited through "proceeded to", and named by surname alone.
        ("Pedro Menendez massacred the prisoners.", FORT),
        # Passive for active: the agent is the subject.
        ("The prisoners were massacred by Menendez.", FORT),
        # A pronoun subject in the passage may be anyone: no swap is claimed.
        ("Menendez burned the fort.", FORT),
        ("Ribault burned the fort.", "He burned the fort."),
        # A verb the passage does not use: nothing to compare.
        ("Menendez killed the prisoners.", FORT),
        # A title's holder hung on its "of" by the parse still names the party.
        ("In 2009 Rahui Katene introduced legislation to create the holiday.",
         "In 2009, Labour Party Member of Parliament Rahui Katene introduced legislation to "
         "create the holiday."),
        # Speech is the speaker layer's, not this check's.
        ("Maria said the king was wrong.", "The king said Maria was wrong."),
        ("Maria wrote that the king was wrong.", "The king wrote that Maria was wrong."),
        ("The album was produced by Leo Park and mixed by Ana Ruiz.", ALBUM),
        ("Karl Vos showed that the alloy cracks under strain.", ALLOY),
        ("Ida Brandt proved that the alloy resists heat.", ALLOY),
        ("Christian Goldbach listed 1 as the first prime in his letters to Euler.", LETTERS),
        # A meeting the other way round is the same meeting: "met with" holds no object, and
        # the claim's party named beside the act is its partner.
        ("Witkoff met Macron at the summit.", "French President Emmanuel Macron met with U.S. "
         "envoy Steve Witkoff at the summit on Thursday."),
        # A pronoun doer in the passage may be the claim's man.
        ("Euler listed 1 as the first prime.", "Euler wrote to Goldbach. He listed 1 as the "
         "first prime, Goldbach said."),
    ],
)
def test_acts_of_the_passages_parties_are_left_alone(claim: str, passage: str) -> None:
    assert swapped_role(claim, passage) == ""


def test_a_claims_conjoined_verb_is_not_judged_on_a_guessed_subject() -> None:
    # The parse hangs "touted" on "meets" (subject Gemini); the passage gives it to Google.
    passage = ("Google touted Gemini's superior architecture, claiming that the model meets "
               "the performance of other models.")
    claim = ("Google claimed that Gemini meets the performance of other models, and touted its "
             "superior architecture.")
    assert swapped_role(claim, passage) == ""


def test_a_claim_naming_no_one_is_not_read() -> None:
    # The swap is real, but with no named party the parse is not paid for (docs/LLM.md).
    assert swapped_role("The king defies the queen.", "The queen defies the king.") == ""
    assert "other way round" in swapped_role("The king defies Maria.", "Maria defies the king.")
