"""Names in a claim against the passage: acronyms, possessives, sentence openers."""

from __future__ import annotations

import pytest

from rag.llm.names import known_names, missing_name

DOCKING = ("The crew of Space Shuttle Endeavour joined forces with the International Space "
           "Station crew this afternoon at 3:04 p.m. CDT when STS-118 Commander Scott Kelly "
           "floated into the Destiny Laboratory.")
HAITI = ("The Haitian government Communications Minister states that over 150,000 people in "
         "Port-au-Prince are confirmed dead.")


@pytest.mark.parametrize(
    ("claim", "support"),
    [
        ("He led his crew into the Destiny lab at 3:04, Central Daylight Time", DOCKING),
        ("Haiti's communications minister says 150,000 people died", HAITI),
        ("Stocks cheered the move", "The stock market responded enthusiastically."),
        ("Eleven of the 23 players on the U.S. team", "11 of the 23 players on the US team"),
        ("Today it is regarded as a model democracy", "It is now seen as a model democracy."),
        # An acronym for part of a longer run of capitalised words.
        ("The UK Parliament passed the bill", "The United Kingdom Parliament passed the bill."),
    ],
)
def test_names_found(claim: str, support: str) -> None:
    assert missing_name(claim, support) == ""


@pytest.mark.parametrize(
    ("claim", "support", "missing"),
    [
        ("The docking came at 3:04 p.m. CDT when Commander Charles Hobaugh floated in", DOCKING,
         "Charles"),
        ("Felix pounded Jamaica with heavy rain", "Felix pounded Grenada with heavy rains.",
         "Jamaica"),
        ("The storm hit on Sunday evening", "The storm hit Saturday evening.", "Sunday"),
        ("MPT was shut down", "BaganNet, Myanmar main ISP has been shut down.", "MPT"),
        # Initials of no stretch of the passage's capitalised words.
        ("The EU Parliament passed the bill", "The United Kingdom Parliament passed it.", "EU"),
    ],
)
def test_names_missing(claim: str, support: str, missing: str) -> None:
    assert missing_name(claim, support) == missing


def test_an_opening_word_is_a_name_when_the_passages_use_it_as_one() -> None:
    passages = ["French President Emmanuel Macron met Witkoff.", "Rubio spoke on Friday."]
    names = known_names(passages)
    assert "macron" in names and "french" not in names  # it opens its sentence there
    assert missing_name("Macron said so", passages[1], names) == "Macron"
    assert missing_name("Macron said so", passages[1]) == ""  # unknown opener: not checked


@pytest.mark.parametrize(
    ("claim", "support"),
    [
        # A seat of government for its country, and the other way round.
        ("Officials in Kyiv rejected the plan.", "Ukraine rejected the proposal on Friday."),
        ("On Friday Ukraine rejected the plan.", "Kyiv rejected the proposal on Friday."),
        ("Later the Kremlin said no.", "Russian officials said no."),
        ("Later Washington pushed the plan.", "The US pushed the proposal."),
        ("Later the US said no.", "Officials in Washington said no."),
        # Each name of a hyphenated pair, and a plural.
        ("The Trump-Putin call was brief.", "Trump spoke with Putin briefly."),
        ("The U.S.-China talks resumed.", "Talks between the U.S. and China resumed."),
        ("She won two World Cups.", "She won the World Cup twice."),
        # A name with or without its accents, either way round.
        ("It follows the Maori lunar calendar.", "It follows the Māori lunar calendar."),
        ("The plane landed in São Paulo.", "The plane landed in Sao Paulo."),
    ],
)
def test_names_written_another_way_are_found(claim: str, support: str) -> None:
    assert missing_name(claim, support) == ""


@pytest.mark.parametrize(
    ("claim", "support", "missing"),
    [
        # "us" the pronoun is not the United States; Moscow does not stand for Ukraine.
        ("Later Washington pushed the plan.", "He told us about the proposal.", "Washington"),
        ("Later Moscow rejected the plan.", "Ukraine rejected the proposal.", "Moscow"),
        ("The Trump-Xi call was brief.", "Trump spoke with Putin briefly.", "Trump-Xi"),
        ("She won two World Series.", "She won the World Cup twice.", "Series"),
        # Accents dropped, not letters: "Malmö" is not "Malmo" with another letter.
        ("The ferry left Malma.", "The ferry left Malmö.", "Malma"),
    ],
)
def test_stand_ins_and_pairs_still_need_their_names(claim: str, support: str, missing: str) -> None:
    assert missing_name(claim, support) == missing


def test_a_month_for_its_abbreviation() -> None:
    passage = "Deliveries stopped on Oct. 10, 2023, and resumed in Sept. 2024."
    assert missing_name("Deliveries stopped on October 10, 2023.", passage) == ""
    assert missing_name("They resumed in September 2024.", passage) == ""
    assert missing_name("They resumed in November 2024.", passage) == "November"
