"""The dropped-hedge check (rag/llm/modality.py) on the real spaCy parse: each case gives the
passage, a claim that keeps its hedge (or states what the passage states) and one that drops
it, so neither side can pass by accident."""

from __future__ import annotations

import pytest

from rag.llm.modality import dropped_hedge, one_of_dropped, opinion_as_fact, shown_for_said

CASES = [
    # (passage, faithful claim, claim that drops the hedge)
    ("It is expected to skirt Honduras before hitting Belize.",
     "The storm was expected to skirt Honduras.",
     "The storm skirted Honduras."),
    ("Rebel leader Ali may join him at the talks on Friday.",
     "Ali might join him at the talks.",
     "Ali is joining him at the talks on Friday."),
    ("The agreement could lay the foundation for a lasting peace.",
     "The agreement could be the foundation of a lasting peace.",
     "The agreement will serve as the foundation for a lasting peace."),
    ("The two sides agreed to craft a plan for the border.",
     "Both sides agreed to draw up a border plan.",
     "The two sides have drawn up a plan for the border."),
    ("The Junta try to prevent more videos and photographs getting out.",
     "The junta tried to stop videos and photographs from getting out.",
     "The junta prevented videos and photographs from getting out."),
    ("He says he is outraged and he fears there could be more violence.",
     "He said he feared more violence.",
     "He said more violence followed."),
    ("NASA says a repair, if needed, will likely take place on a later spacewalk.",
     "NASA said a repair would likely take place on a later spacewalk if needed.",
     "NASA said the gouge was repaired on a later spacewalk."),
    # A hedge a noun carries, and a claim that says the thing happened.
    ("There remain concerns of potential mudslides due to the heavy rains which continue.",
     "There are concerns about possible mudslides because the heavy rains continue.",
     "The heavy rains caused mudslides."),
    ("Potential mudslides near the river remain the biggest concern for villagers.",
     "Possible mudslides near the river are the biggest concern for villagers.",
     "Mudslides hit the villagers near the river."),
    ("Troops took up positions in anticipation of new protests in the capital.",
     "Troops took up positions in the capital, expecting new protests.",
     "New protests broke out in the capital."),
    # "appear" and "seem" leave the clause they govern open.
    ("Three pieces of foam appeared to have struck the spacecraft during lift-off.",
     "Three pieces of foam seem to have hit the spacecraft during lift-off.",
     "Three pieces of foam struck the spacecraft during lift-off."),
    # A controlled verb has its head's subject, and a noun its apposition: "the lab is
    # expected to unveil a robot, Atlas" is about the lab and Atlas.
    ("Meridian, the city's largest lab, is expected to unveil a new robot, Atlas, before the "
     "end of the year.",
     "Meridian is expected to unveil Atlas, a new robot, this year.",
     "Meridian, the city's largest lab, launched Atlas, a new robot, this year."),
    # Hearsay: "is said to be" stated as what is.
    ("Henri Dupont is said to be the last painter to use the old pigment.",
     "Henri Dupont is said to have been the last painter to use the old pigment.",
     "Henri Dupont was the last painter to use the old pigment."),
    # What something may have been, stated as what it was.
    ("In 2019 the valley had its wettest spring in a century, and there were signs that 2020 "
     "could have been a second wet year in a row.",
     "There were signs that 2020 could have been a second wet year.",
     "2020 was a second wet year in a row."),
]


@pytest.mark.parametrize(
    ("passage", "kept", "denied"),
    [
        ("A farmer said he doubts that the new dam is helping the valley's growers.",
         "A farmer doubted that the new dam was helping the valley's growers.",
         "A farmer said the new dam was not helping the valley's growers."),
        ("Officials doubt that the ceasefire will hold through the winter.",
         "Officials doubt that the ceasefire will hold through the winter.",
         "Officials said the ceasefire will not hold through the winter."),
    ],
)
def test_a_doubt_told_as_a_denial(passage: str, kept: str, denied: str) -> None:
    assert dropped_hedge(kept, passage) is None
    assert dropped_hedge(denied, passage) is not None


@pytest.mark.parametrize(("passage", "kept", "dropped"), CASES)
def test_a_dropped_hedge_is_caught_and_a_kept_one_is_not(
    passage: str, kept: str, dropped: str
) -> None:
    assert dropped_hedge(kept, passage) is None
    assert dropped_hedge(dropped, passage) is not None


@pytest.mark.parametrize(
    ("passage", "claim"),
    [
        # "would" under a past reporting verb is the future seen from then.
        ("Ardern also said the new holiday would break up the gap between the holidays.",
         "Ardern said the new holiday will break up the gap between the holidays."),
        # The event is stated outright elsewhere in the passage.
        ("Officials said the bridge could reopen on Monday. The bridge reopened on Monday "
         "morning after repairs.", "The bridge reopened on Monday."),
        # A clause under a noun ("the fact that ...") is stated, whatever the verb above wants.
        ("I want to add the fact transformers lit the sky up for miles.",
         "Transformers lit up the sky for miles."),
        # A "because" clause is stated, whatever its head's modal says.
        ("Freedom must be an eternal flame because this freedom defines our humanity.",
         "Freedom defines our humanity."),
        # A purpose is not an event.
        ("The Junta try to prevent more videos getting out.",
         "The junta cut internet access to stop more videos getting out."),
        # A claim that reports the hedge itself states nothing outright.
        ("Forecasters say the storm could bring 10 inches of rain.",
         "Forecasters warned of up to 10 inches of rain."),
        # "spoke with children" is an event, and so is the passage's "set to speak" a plan:
        # the claim keeps the plan.
        ("Now, Morgan is also set to speak with school children from orbit.",
         "Morgan is scheduled to speak with school children from orbit."),
        # A conditional claim keeps the condition.
        ("NASA says a repair, if needed, will likely take place on a later spacewalk.",
         "The repair will take place on a later spacewalk if it is needed."),
        # "was able to" says it happened; "reportedly" says who tells it; "must" is as often a
        # duty as a guess; "could see" is a past ability, an event.
        ("After waiting 22 years, Morgan was finally able to realize her dream of teaching.",
         "Morgan realized her dream of teaching."),
        ("Soldiers reportedly fired at the crowd near the pagoda.",
         "Soldiers fired at the crowd near the pagoda."),
        ("Villagers said they must leave their homes before the river rises.",
         "Villagers said they had to leave their homes."),
        ("From his window he could see flames rising over the harbour.",
         "He saw flames rising over the harbour."),
        # A hedged noun the claim only names: "the planned mission" is still the mission.
        ("The shuttle's planned 11-day mission includes delivering a support beam.",
         "The shuttle's 11-day mission includes delivering a support beam."),
        # ... or one the passage also states outright.
        ("Officials warned of potential mudslides. Mudslides later blocked two roads.",
         "The rains caused mudslides."),
        # Nothing in the passage hedges.
        ("The shuttle landed safely at Cape Canaveral on Tuesday.",
         "The shuttle landed at Cape Canaveral."),
    ],
)
def test_faithful_restatements_are_left_alone(passage: str, claim: str) -> None:
    assert dropped_hedge(claim, passage) is None


def test_the_reason_names_the_claims_verb_and_the_passages_hedge() -> None:
    reason = dropped_hedge("The storm skirted Honduras.",
                           "It is expected to skirt Honduras before hitting Belize.")
    assert reason == "'skirted' states what the passage hedges (expected to skirt)"


def test_a_shared_noun_ties_events_only_in_the_sentence_the_claim_rewrites() -> None:
    passage = ("Thousands of residents were moved out of the valley on Monday. "
               "Officials said residents may return next week.")
    claim = "Residents were evacuated from the valley."
    # Rewriting the first sentence: "may return" is another event about the same residents.
    assert dropped_hedge(claim, passage, ["Thousands of residents were moved out of the "
                                          "valley on Monday."]) is None
    # Without the rewritten unit, a shared noun is enough (the looser reading).
    assert dropped_hedge(claim, passage) is not None


def test_due_to_a_cause_hedges_nothing() -> None:
    passage = "They stay indoors more due to lower activity levels."
    assert dropped_hedge("They stay indoors more.", passage) is None
    # "due to" with a verb is a schedule: the event is still open.
    assert dropped_hedge("The crew returned to Earth.",
                         "The crew is due to return to Earth next week.") is not None


def test_a_conjecture_is_a_hedge() -> None:
    passage = "It is conjectured that falling hormone levels weaken immune responses."
    assert dropped_hedge("Falling hormone levels weaken immune responses.", passage)


def test_preparing_for_a_potential_event_does_not_state_it() -> None:
    passage = ("The army is reportedly preparing for a ground invasion. Residents were told to "
               "leave ahead of a potential ground invasion.")
    assert dropped_hedge("The army has begun a ground invasion.", passage)
    assert dropped_hedge("The army is preparing for a ground invasion.", passage) is None


@pytest.mark.parametrize(
    ("claim", "restated"),
    [
        ("The economist proved that rising inequality is the main problem.",
         "The economist said that rising inequality is the main problem."),
        ("Tests have shown that the heat-shield tiles are safe.",
         "Engineers believe the heat-shield tiles are safe."),
        ("The minister demonstrated that the plan would cut costs.",
         "The minister argued that the plan would cut costs."),
        # A guess or an inference is no proof.
        ("From the samples she proved that the lake is fed by a spring.",
         "From the samples she surmised that the lake is fed by a spring."),
    ],
)
def test_a_report_presented_as_shown(claim: str, restated: str) -> None:
    assert shown_for_said(claim, [restated])


@pytest.mark.parametrize(
    ("claim", "restated"),
    [
        # The passage's own verb of finding backs it.
        ("The study showed that rents rose by a third.", "The study found that rents rose by a "
         "third, the authors said."),
        # Reported as reported.
        ("The economist said rising inequality is the main problem.",
         "The economist said that rising inequality is the main problem."),
        # "showed" without a clause is an event, not a verdict.
        ("The pictures showed the damaged tiles.", "Officials said the pictures showed damage."),
        # A passage that reports nothing: the other checks judge it.
        ("The data showed that prices fell.", "Prices fell in March."),
    ],
)
def test_shown_where_the_passage_shows_or_the_claim_reports(claim: str, restated: str) -> None:
    assert shown_for_said(claim, [restated]) is None


@pytest.mark.parametrize(
    ("claim", "restated"),
    [
        ("The city has the highest number of skyscrapers in the region.",
         "It has been said that the city is one of the cities with the highest number of "
         "skyscrapers in the region."),
        ("Its stock exchange is the largest in Central Europe.",
         "The stock exchange is one of the largest and most important in Central Europe."),
        ("He is the best player in the league.", "He is among the best players in the league."),
        # One of a group made its first or only member.
        ("She was the first woman to chart the reef.",
         "She was one of several women charting the reef in the 1950s."),
        ("He was the only doctor to treat the patients.",
         "He was among the first doctors to treat the patients."),
    ],
)
def test_one_of_a_group_made_the_only_one(claim: str, restated: str) -> None:
    assert one_of_dropped(claim, [restated])


@pytest.mark.parametrize(
    ("claim", "restated"),
    [
        ("The city is one of the places with the most skyscrapers in the region.",
         "The city is one of the cities with the highest number of skyscrapers in the region."),
        ("He is among the best players in the league.",
         "He is one of the best players in the league."),
        # "one of" that restricts no superlative.
        ("He scored the highest mark.", "He scored the highest mark, one of the officials said."),
        # "one of the protest leaders": no superlative, whatever its spelling.
        ("The protest leaders were arrested.", "One of the protest leaders was arrested."),
        ("She was one of the first women to chart the reef.",
         "She was one of several women charting the reef in the 1950s."),
        # "first" on another noun than the group's.
        ("She charted the reef in the first survey.",
         "She was one of several women charting the reef in the 1950s."),
    ],
)
def test_a_group_kept_or_no_superlative_restricted(claim: str, restated: str) -> None:
    assert one_of_dropped(claim, [restated]) is None


def test_an_outright_verb_about_other_things_states_nothing_hedged() -> None:
    passage = ("The storm destroyed many old barns in the county. As many as 900 homes are "
               "thought to have been destroyed, officials said.")
    assert dropped_hedge("The storm destroyed as many as 900 homes.", passage) is not None
    assert dropped_hedge("The storm destroyed many old barns.", passage) is None


@pytest.mark.parametrize(
    ("passage", "claim"),
    [
        ("The negotiators will resume the talks on Monday.",
         "The negotiators resumed the talks on Monday."),
        ('"I think that crisis is going to get a lot worse before it gets better," he said.',
         "He said the crisis has got a lot worse."),
    ],
)
def test_a_future_told_as_done(passage: str, claim: str) -> None:
    assert dropped_hedge(claim, passage) is not None


@pytest.mark.parametrize(
    ("passage", "claim"),
    [
        # A schedule in the present is how news writes a future.
        ("The negotiators will resume the talks on Monday.",
         "The negotiators resume the talks on Monday."),
        ("The negotiators will resume the talks on Monday.",
         "The negotiators will resume the talks on Monday, officials said."),
        # "would later" is the past's future, which happened.
        ("In 1858 Tom Reyes, a young student who would later become the club's longest-serving "
         "chair, bought red caps for his crew.",
         "He was a young student at the time who later became the club's longest-serving chair."),
        # Another verb sharing a noun is another event.
        ("Managers decided to have the crew inspect the tiles. The inspections will be carried "
         "out using the boom.", "Managers ordered inspections of the tiles using the boom."),
        # Told as done where the passage says it was done.
        ("The negotiators will resume the talks on Monday. On Monday the negotiators resumed "
         "the talks.", "The negotiators resumed the talks on Monday."),
    ],
)
def test_a_future_kept_or_done_in_the_passage(passage: str, claim: str) -> None:
    assert dropped_hedge(claim, passage) is None


@pytest.mark.parametrize(
    ("restated", "claim"),
    [
        ("Some analysts are saying the merger was the real cause of the losses.",
         "The merger was the real cause of the losses."),
        ("Many economists believe the central bank will cut rates again in March.",
         "The central bank will cut rates again in March."),
        ("The ministry confirmed two deaths. Other sources say the toll is higher.",
         "The toll is higher than two."),
    ],
)
def test_the_view_of_some_of_a_group_told_as_fact(restated: str, claim: str) -> None:
    assert opinion_as_fact(claim, [restated])


@pytest.mark.parametrize(
    ("restated", "claim"),
    [
        # The answer keeps who holds the view, in its own words.
        ("Some analysts are saying the merger was the real cause of the losses.",
         "Some analysts say the merger caused the losses."),
        ("Many economists believe the central bank will cut rates again in March.",
         "According to many economists, the bank will cut rates again in March."),
        # A named or whole body's statement is its report, not a part's view.
        ("Analysts at the bank say the merger caused the losses.",
         "The merger caused the losses."),
        ("The ministry confirmed two deaths on Monday.", "Two people died on Monday."),
    ],
)
def test_a_view_kept_as_a_view_or_a_body_s_statement_passes(restated: str, claim: str) -> None:
    assert opinion_as_fact(claim, [restated]) is None
