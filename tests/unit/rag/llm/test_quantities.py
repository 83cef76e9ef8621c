"""Numbers in a claim against the passage: units, words vs digits, scales, conversions."""

from __future__ import annotations

import pytest

from rag.llm.quantities import missing_quantity, quantities, reversed_comparison

FELIX = "It is reported as having maximum sustained winds of 165 mph (266 km/h)."
WIND = "Felix sustained maximum winds of 120 kilometers an hour."
GUSTS = "((PC )) Wind gusts up to 90MPH [~145 km/h]. And trees falling all over."


@pytest.mark.parametrize(
    ("claim", "support"),
    [
        ("winds of 165 miles per hour, or 266 km/h", FELIX),  # unit spelled out
        ("winds of about 120 km/h", WIND),  # abbreviation for the words
        ("gusts of up to 90 miles per hour, roughly 145 km/h", GUSTS),
        ("more than 150 thousand people", "over 150,000 people"),  # scale word
        ("more than 100 countries", "more than one hundred countries"),  # words vs digits
        ("Eleven of the 23 players", "11 of the 23 players"),
        ("Power is expected back in two days", "They say in 2 days."),
        ("a rate of 4.75%", "the rate fell to 4.75 percent"),
        ("64 centimetres of rain", "64 cm of rain expected"),
        ("the linked craft stay for seven to 10 days", "linked for the next seven to 10 days"),
        ("the two crews joined forces", "The crews joined forces."),  # a count of named things
        ("one of the poorest economies", "the region's poorest economies"),  # not a count
        ("Thousands of monks joined", "Monks joined by the thousands"),
        ("in the 1980s and 1990s", "in the 1980's and 1990's"),
    ],
)
def test_faithful_numbers_pass(claim: str, support: str) -> None:
    assert missing_quantity(claim, support) == ""


@pytest.mark.parametrize(
    ("claim", "support", "missing"),
    [
        ("winds of about 120 miles per hour", WIND, "120"),  # right number, wrong unit
        ("gusts of 90 miles per hour, roughly 160 km/h", GUSTS, "160"),  # bad conversion
        ("winds of up to 175 mph", FELIX, "175"),
        ("waited 21 years", "has waited 22 years", "21"),
        ("planned to last ten days", "the planned 11-day mission", "ten"),
        ("at least three people were killed", "killing at least two people", "three"),
        ("down to 4.25%", "down to 4.75 percent", "4.25"),
        ("it was retweeted thousands of times", "shared a fun fact", "thousands"),
        ("the government confirmed only one death", "killing at least two people", "one"),
    ],
)
def test_changed_numbers_are_caught(claim: str, support: str, missing: str) -> None:
    assert missing_quantity(claim, support) == missing


def test_values_and_units_are_read() -> None:
    got = [(q.value, q.unit) for q in quantities("165 miles per hour, or 266 km/h; 18mph")]
    assert got == [(165.0, "mph"), (266.0, "km/h"), (18.0, "mph")]
    assert [q.value for q in quantities("twenty-one people and 5,000 homes")] == [21.0, 5000.0]
    assert [q.vague for q in quantities("thousands of tourists")] == ["thousands"]


VIARD = ("Alan Viard, a senior economist at the Federal Reserve Bank of Dallas, said he was "
         "surprised by the half-point reduction.")


@pytest.mark.parametrize(
    ("claim", "support"),
    [
        # "one X" for the passage's "a X": the same count, in other words.
        ("One senior economist said he was surprised by the cut.", VIARD),
        ("One economist said he was surprised by the cut.", VIARD),
        # "one" standing for a noun after an article and an adjective.
        ("He was the only one surprised by the cut.", "Viard said he was surprised by it."),
        ("It was a major one for the Fed.", "The half-point reduction was the biggest in years."),
        # "one" closing its clause stands for a noun of the same sentence.
        ("In 2009 Katene introduced legislation to create one.",
         "In 2009, Rahui Katene introduced legislation to create a Matariki public holiday."),
        ("They wanted a holiday and got one, in June.", "A holiday was created in June."),
    ],
)
def test_one_that_counts_nothing_new_is_not_a_figure(claim: str, support: str) -> None:
    assert missing_quantity(claim, support) == ""


@pytest.mark.parametrize(
    ("claim", "support", "missing"),
    [
        ("The company hired one worker.", "The company hired two workers.", "one"),
        ("Two economists said they were surprised.", VIARD, "Two"),
        ("It signed a one-year contract.", "It signed a two-year contract.", "one"),
        ("In the first one hundred days", "In the first 200 days", "one hundred"),
        # A count before a full stop is still a count.
        ("Of the crew, only one.", "Two of the crew were hurt.", "one"),
        ("They found at least one.", "They found three.", "one"),
    ],
)
def test_one_that_counts_is_still_checked(claim: str, support: str, missing: str) -> None:
    assert missing_quantity(claim, support) == missing


CREW = ("Prior to docking, Kelly flew Endeavour through a back flip, allowing Expedition 15 "
        "Commander Fyodor Yurchikhin and Flight Engineer Oleg Kotov to take photographs.")


@pytest.mark.parametrize(
    ("claim", "missing"),
    [
        # A count of the names listed right after it, each named by the passage.
        ("The pictures were taken by two members of the station's crew, commander Fyodor "
         "Yurchikhin and flight engineer Oleg Kotov.", ""),
        ("The photographs were taken by the two station crew members: Yurchikhin and Kotov.",
         ""),
        # The wrong count, a name the passage lacks, or no list: the number is the claim's own.
        ("The pictures were taken by three members of the crew, commander Fyodor Yurchikhin "
         "and flight engineer Oleg Kotov.", "three"),
        ("The pictures were taken by two members of the crew, Fyodor Yurchikhin and Clay "
         "Anderson.", "two"),
        ("Two crew members took the pictures.", "Two"),
    ],
)
def test_a_count_of_the_names_listed_after_it_is_given_by_the_names(
    claim: str, missing: str
) -> None:
    assert missing_quantity(claim, CREW) == missing


@pytest.mark.parametrize(
    ("claim", "support", "missing"),
    [
        # News writes millions and billions short: "25m", "2.4m", "$1.7bn", "3mn".
        ("The show reached more than 25 million viewers.", "It reached more than 25m viewers.", ""),
        ("Another 2.4 million customers signed up.", "An extra 2.4m customers signed up.", ""),
        ("Losses came to $1.7 billion.", "Losses came to $1.7bn.", ""),
        ("The fund holds 3 million dollars.", "The fund holds 3mn dollars.", ""),
        # "25m" may be metres too: either reading is backed, nothing else.
        ("The tower is 25 metres tall.", "The tower is 25m tall.", ""),
        ("It reached 26 million viewers.", "It reached more than 25m viewers.", "26"),
        # Written apart, "m" is metres only.
        ("The wall is 25 million strong.", "The wall is 25 m high.", "25"),
    ],
)
def test_short_scales_of_news_copy(claim: str, support: str, missing: str) -> None:
    assert missing_quantity(claim, support) == missing


@pytest.mark.parametrize(
    ("claim", "missing"),
    [
        # Days or weeks between two dates the passage gives are the passage's figure.
        ("Two days later it warned residents to leave.", ""),
        ("A strike followed one week later.", ""),
        ("It lasted 9 days.", ""),
        ("Three days later it warned residents to leave.", "Three"),
        ("Two weeks later it warned residents to leave.", "Two"),
    ],
)
def test_a_span_between_two_dates(claim: str, missing: str) -> None:
    passage = ("Deliveries stopped on Oct. 10, 2023. On Oct. 12, 2023, residents were warned. "
               "A strike began on 17 October, 2023. Talks opened on 30 September and closed "
               "on Oct. 9.")
    assert missing_quantity(claim, passage) == missing


@pytest.mark.parametrize(
    ("claim", "support", "missing"),
    [
        # A fraction is its own value, not the number word that opens it.
        ("The water rose to replace one-fourth of the air.",
         "The water rose to replace one-fourteenth of the air's volume.", "one-fourth"),
        ("Two thirds of voters backed the plan.", "A third of voters backed the plan.",
         "Two thirds"),
        # The same fraction, or one the passage writes with an article or as "half".
        ("The water replaced one-fourteenth of the air.",
         "The water replaced one-fourteenth of the air.", ""),
        ("One third of the homes were lost.", "A third of the homes were lost.", ""),
        ("One half of the homes were lost.", "Half the homes were lost in the storm.", ""),
        ("Three-quarters of them fled.", "Nearly three-quarters eventually fled.", ""),
    ],
)
def test_fractions_are_values_of_their_own(claim: str, support: str, missing: str) -> None:
    assert missing_quantity(claim, support) == missing


def test_a_time_of_day_is_one_quantity() -> None:
    passage = "The shuttle docked at 18:02 UT and will stay linked for seven to 10 days."
    assert missing_quantity("It will stay linked for 18 days.", passage) == "18"
    assert missing_quantity("It docked at 10:02 UT.", passage) == "10:02"
    assert missing_quantity("It docked at 18:02 UT and stays for up to 10 days.", passage) == ""


@pytest.mark.parametrize(
    ("claim", "wrong"),
    [
        # Figures side by side that the sentence's own words compare wrongly, or rightly ("").
        ("Sales rose 2% to $1.57 billion, slightly above the $1.59 billion analysts had "
         "expected.", "1.57 is not above 1.59 (above)"),
        ("Sales rose 2% to $1.60 billion, slightly above the $1.59 billion expected.", ""),
        ("Net income was $1.45 billion, up from $1.47 billion.", "1.45 is not above 1.47 (up)"),
        ("Net income was $1.45 billion, down from $1.47 billion.", ""),
        ("The toll rose to 150 from 160.", "150 is not above 160 (rose)"),
        ("The Fed cut its rate to 4.75 percent from 5.25 percent.", ""),
        ("The Fed cut its rate to 5.25 percent from 4.75 percent.",
         "5.25 is not below 4.75 (fell)"),
        ("The Fed raised the rate from 4.75 percent to 5.25 percent.", ""),
        ("The rate rose from 5.25 percent to 4.75 percent.", "4.75 is not above 5.25 (rose)"),
        # Not a comparison of the two figures: another unit, a bound on one figure, years,
        # house numbers.
        ("The Dow rose 2%, more than 330 points.", ""),
        ("At least 21 people died and more than 200 are missing.", ""),
        ("Prices fell from 2006 to 2008.", ""),
        ("They moved from 10 to 12 Downing Street.", ""),
        # Out of reach: another figure stands between the two compared.
        ("Net income of $1.45 billion, or 94 cents a share, was up from $1.47 billion.", ""),
    ],
)
def test_figures_compared_the_wrong_way_round(claim: str, wrong: str) -> None:
    assert reversed_comparison(claim) == wrong
    assert reversed_comparison(claim) == wrong  # twice: the same
