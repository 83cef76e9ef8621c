"""Figures bound to the wrong thing (rag/llm/bindings.py)."""

from __future__ import annotations

import pytest

from rag.llm.bindings import figures, swapped_figure, swapped_name

FLOOD = ("The river rose 4 metres overnight and 1,200 people were moved to shelters; 35 homes "
         "were flooded and 3 bridges closed, the county said on Tuesday.")
QUAKE = "A magnitude 6.1 quake struck at 3 a.m., and 14 villages lost power for 9 hours."


def test_a_figure_counts_the_words_after_it_and_the_noun_before_it() -> None:
    found = {f.value: (f.head, f.words) for f in figures(FLOOD)}
    assert found[1200] == ("move", {"move", "shelter"})  # "people" says how, not what
    assert found[35] == ("home", {"home", "flood"})
    assert found[3] == ("bridg", {"bridg", "close"})
    assert found[4] == ("overnight", {"rose", "overnight"})  # the unit is left out
    quake = {f.value: (f.head, f.words) for f in figures(QUAKE)}
    assert quake[6.1] == ("quak", {"magnitud", "quak", "struck"})  # "magnitude 6.1 quake"
    assert quake[9] == ("", set())  # "for 9 hours.": how long, not what


@pytest.mark.parametrize(
    ("claim", "support", "figure"),
    [
        ("The flood moved 35 people to shelters and damaged 1,200 homes", FLOOD, "1,200"),
        ("Three homes were flooded and 35 bridges closed", FLOOD, "3"),
        ("A magnitude 9 quake struck, and 6.1 villages lost power", QUAKE, "9"),
        ("9 villages lost power for 14 hours", QUAKE, "9"),
    ],
)
def test_swapped_figures_are_found(claim: str, support: str, figure: str) -> None:
    assert swapped_figure(claim, support).startswith(f"{figure} is not the figure for")


@pytest.mark.parametrize(
    ("claim", "support"),
    [
        ("1,200 residents were moved to shelters and 35 homes were flooded", FLOOD),
        ("35 houses flooded", FLOOD),  # other words for the same thing: no evidence of a swap
        ("The county said 1,200 people had to leave their homes", FLOOD),
        ("Fourteen villages were without power for nine hours after a 6.1 quake", QUAKE),
        ("The river rose by four metres", FLOOD),
        ("50 people were hurt", FLOOD),  # a number the passage lacks: the number check's job
    ],
)
def test_faithful_figures_pass(claim: str, support: str) -> None:
    assert swapped_figure(claim, support) == ""


CREW = ("Commander Mia Lund steered the ship into the harbour while Pilot Ravi Okoye watched the "
        "radar. Chief Engineer Tomas Berg said Lund's crew had trained for a year. Mayor "
        "Ines Duarte's office welcomed the ship; Berg's team repaired the crane.")


@pytest.mark.parametrize(
    ("claim", "why"),
    [
        ("Pilot Mia Lund steered the ship into the harbour", "pilot is Okoye"),
        ("Commander Ravi Okoye watched the radar", "commander is Lund"),
        ("Chief Engineer Ravi Okoye said the crew had trained for a year", "chief engineer is"),
        ("Okoye's crew had trained for a year", "crew is Lund's"),
    ],
)
def test_a_title_or_owner_given_to_another_name(claim: str, why: str) -> None:
    assert why in swapped_name(claim, CREW)


@pytest.mark.parametrize(
    "claim",
    [
        "Commander Mia Lund steered the ship while pilot Ravi Okoye watched the radar",
        "Lund, the commander, steered the ship into the harbour",
        "Engineer Tomas Berg said the crew had trained for a year",  # part of his title
        "Captain Mia Lund steered the ship",  # a title the passage gives no one: no evidence
        "Lund's crew trained for a year, and Berg's team repaired the crane",
        "It's Duarte's office that welcomed the ship",
    ],
)
def test_names_kept_with_their_titles_and_things(claim: str) -> None:
    assert swapped_name(claim, CREW) == ""


def test_a_capital_owns_what_its_country_owns() -> None:
    talks = "Russia's plan has 28 points. Ukraine's plan keeps its army at full size."
    assert swapped_name("Moscow's plan has 28 points", talks) == ""
    assert swapped_name("Kyiv's plan keeps its army at full size", talks) == ""
    assert "Russia" in swapped_name("Paris's plan has 28 points", talks)


def test_ownership_written_without_a_possessive_is_ownership() -> None:
    talks = "Russia's envoy met the U.S. envoy in Geneva; the army of Ukraine stayed at full size."
    assert swapped_name("Washington's envoy met Russia's envoy in Geneva", talks) == ""
    assert swapped_name("Ukraine's army stayed at full size", talks) == ""
    assert "Russia" in swapped_name("France's envoy met the U.S. envoy", talks)


ARMS = ("Pilot Charles Hobaugh joined Flight Engineer Clay Anderson to manipulate the station's "
        "Canadarm2 while Tracy Caldwell and Rick Mastracchio operated the shuttle's arm.")


def test_a_named_thing_given_to_another_owning_noun() -> None:
    why = swapped_name("Hobaugh and Anderson manipulated the shuttle's Canadarm2.", ARMS)
    assert "station" in why and "canadarm2" in why
    assert swapped_name("Hobaugh and Anderson manipulated the station's Canadarm2.", ARMS) == ""
    # A role for the passage's name is not a swap: only nouns are compared with nouns.
    assert swapped_name("The agency's Endeavour landed.", "NASA's Endeavour landed.") == ""


def test_only_figures_of_one_kind_stand_in_for_each_other() -> None:
    enrolment = ("The college enrolled 5,792 students in 2014. In 2012, over 26% of students "
                 "came from abroad.")
    # A share of the student body is no count of students, and a share "of" a whole counts
    # what its verb says, not the whole.
    assert swapped_figure("About 26% of the student body came from abroad.", enrolment) == ""
    drought = "There were signs that 2006 could be the second year of drought in a row."
    assert swapped_figure("2006 could be a second drought year.",
                          drought + " The forest can survive three years of drought.") == ""
    # Lengths in two units are still one kind: a swap between feet and miles is caught.
    flip = "The shuttle flew 600 feet below the station, 214 miles above the Pacific."
    assert swapped_figure("The shuttle flew 214 miles below the station.", flip)


def test_a_named_owner_of_a_modified_thing() -> None:
    match = "Alvaro Barreal's 78th-minute goal ended the run. Luciano Acosta was fouled."
    assert "barreal" in swapped_name("Luciano Acosta's goal ended the run.", match).lower()
    assert swapped_name("Alvaro Barreal's goal ended the run.", match) == ""


DEFECTORS = ("Nearly two-thirds of the rebels were eventually captured or surrendered, while "
             "about 4,000 rebels had fled across the border by spring.")


def test_two_figures_that_trade_what_they_count_are_found() -> None:
    claim = "About 4,000 rebels were captured, while two-thirds fled across the border."
    assert "trade places" in swapped_figure(claim, DEFECTORS)


@pytest.mark.parametrize(
    "claim",
    [
        "About 4,000 rebels fled across the border, while two-thirds were captured.",
        # One side only ("captured" is the passage's two-thirds', "escaped" nobody's): left to
        # the other checks, a paraphrase as often as a swap.
        "About 4,000 rebels were captured, while two-thirds escaped.",
    ],
)
def test_figures_kept_with_their_acts_or_one_sided_pass(claim: str) -> None:
    assert swapped_figure(claim, DEFECTORS) == ""


TENURE = ("The tradition goes back to 1858, when Tom Reyes, who would later serve as the "
          "club's longest-serving chair (1869-1909), bought blue caps for his crew.")


@pytest.mark.parametrize(
    "claim",
    ["Reyes chaired the club from 1858 to 1909.", "Reyes was chair between 1869 and 1910."],
)
def test_a_range_with_another_events_end_is_found(claim: str) -> None:
    assert "range" in swapped_figure(claim, TENURE)


@pytest.mark.parametrize(
    ("claim", "support"),
    [
        ("Reyes chaired the club from 1869 to 1909.", TENURE),
        ("Reyes chaired the club between 1869 and 1909.", TENURE),
        # Two ranges that meet back one that spans them.
        ("Prices rose from 2010 to 2020.", "Prices rose in 2010-2015 and again in 2015-2020."),
        # No range in the passage: its numbers are the number check's.
        ("Prices rose from 5 to 7 dollars.", "Prices rose to 7 dollars, from 5 dollars."),
    ],
)
def test_ranges_the_passage_gives_pass(claim: str, support: str) -> None:
    assert swapped_figure(claim, support) == ""


STANDINGS = ("The Hawks defense has allowed the fewest goals per game this season (1.9) and the "
             "second-fewest shots (24.2), while the Wolves rank second in goals (2.4).")
ORDER = ("Officials stopped fuel deliveries to the town's 40,000 residents on May 3. On May 5, "
         "officials told 9,000 residents of the northern district to leave for the coast.")


@pytest.mark.parametrize(
    ("claim", "support", "figure"),
    [
        ("The Hawks have allowed the fewest goals per game this season, 2.4.", STANDINGS, "2.4"),
        ("On May 5, officials told 40,000 people in the northern district to leave.", ORDER,
         "40,000"),
        ("The premier committed her cabinet to a regional assembly in 1982.",
         "The protests led to the premier committing her cabinet to some form of regional "
         "assembly in 1977. However, it was not until 1982 that final proposals for the "
         "assembly were passed by parliament.", "1982"),
    ],
)
def test_a_figure_where_the_passage_has_another(claim: str, support: str, figure: str) -> None:
    assert swapped_figure(claim, support).startswith(f"{figure} stands where the passage has")


@pytest.mark.parametrize(
    ("claim", "support"),
    [
        ("The Hawks have allowed the fewest goals per game this season, 1.9.", STANDINGS),
        ("On May 5, officials told 9,000 people in the northern district to leave.", ORDER),
        # Beside the word it has in the passage: in its place, whatever else is around it.
        ("More than 150,000 people died in the capital after the magnitude 7.0 quake.",
         "The magnitude 7.0 quake struck the capital; more than 150,000 people died there."),
        # A figure in parentheses annotates what precedes it, not the clause after it.
        ("In 1858 he bought red caps for his crew.",
         "It goes back to 1858, when Tom Reyes, later the club's chair (1869-1909), bought red "
         "caps for his crew."),
        # A number in a name or a clock time is no figure: "STS-118", "3:04".
        ("Mission STS-118 docked at 3:04 p.m. with two crew members watching.",
         "At 3:04 p.m. two crew members watched as mission STS-118 docked."),
    ],
)
def test_figures_in_their_place_pass(claim: str, support: str) -> None:
    assert swapped_figure(claim, support) == ""


def test_a_place_that_holds_a_thing_owns_it() -> None:
    rally = "Crowds gathered in Ghana's Independence Square in the capital, Accra, on Tuesday."
    assert swapped_name("Crowds gathered in Accra's Independence Square.", rally) == ""
    assert "Ghana" in swapped_name("Crowds gathered in Kumasi's Independence Square.", rally)


CAMPAIGNS = ("She ran for the state assembly in Ohio in 1998 and 2002; and she ran for governor "
             "in Texas in 2010 and 2014.")


def test_two_places_swapped_between_two_acts() -> None:
    why = swapped_name("She ran for the state assembly in Texas in 1998 and 2002, and for "
                       "governor in Ohio in 2010 and 2014.", CAMPAIGNS)
    assert "Texas" in why and "Ohio" in why
    assert swapped_name("She ran for the state assembly in Ohio in 1998 and 2002, and for "
                        "governor in Texas in 2010 and 2014.", CAMPAIGNS) == ""


def test_an_act_moved_to_a_place_another_sentence_gives_another_act() -> None:
    passage = ("Rescue teams in Lima searched the collapsed school through the night. "
               "In Cusco, volunteers handed out blankets and water to families.")
    assert "Lima" in swapped_name("In Cusco, rescue teams searched the collapsed school "
                                  "through the night.", passage)
    assert swapped_name("Rescue teams in Lima searched the collapsed school overnight.",
                        passage) == ""


def test_a_place_within_another_of_the_same_sentence_is_not_moved() -> None:
    # Nearness alone cannot tell whether the act is Burma's or Rangoon's: no swap, no verdict.
    passage = ("Witnesses in Burma say security forces opened fire on demonstrators, killing "
               "two people in the main city, Rangoon.")
    assert swapped_name("Security forces opened fire on demonstrators in Rangoon, killing two "
                        "people.", passage) == ""
