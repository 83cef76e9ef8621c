"""Negation scope: a flipped "not" is caught; a faithful rewording of a negation is not."""

from __future__ import annotations

import pytest

from rag.llm.negation import polarity_conflict, swapped_opposite

BONAIRE = ('One Bonaire resident, Siomara Albertus, said "Thankfully we didn\'t get a very bad '
           'storm. My dog slept peacefully through the night".')
REPAIR = ("NASA decided not to repair damage to the shuttle's heat-shield tiles during a "
          "spacewalk, after conducting exhaustive tests.")
SHOTS = ("He says shots were fired by the security forces, first in the air, then on the crowds "
         "of demonstrators.")
DOUBT = ("A protester, speaking by telephone, says he doubts international pressure is swaying "
         "the military junta to exercise restraint.")
FLAME = ('"It is worthwhile to remind ourselves that freedom is a living flame that needs to be '
         'constantly fueled and not a monument to be saluted and revered occasionally," he said.')
WEAKENED = ("Within hours, winds had weakened considerably and Felix became a Category 1 "
            "hurricane as it moved inland.")


@pytest.mark.parametrize(
    ("claim", "support"),
    [
        ("Siomara Albertus said the island did get a very bad storm", BONAIRE),
        ("Yes, NASA decided to repair the heat-shield tiles on a spacewalk", REPAIR),
        ("The security forces fired only into the air and not at the crowds", SHOTS),
        ("Yes, the protester believes international pressure is persuading the junta", DOUBT),
        ("He described freedom as a living flame, and as a monument to be saluted and revered",
         FLAME),
        ("Felix did not weaken much after moving inland", WEAKENED),
        # A claim fusing two sentences: its shorter clause (split at "after") holds the flip.
        ("Injuries were reported after the storm ripped the roofs off two homes",
         "At this point, no injuries are reported. The storm did, however, rip two roofs off "
         "at least two homes and a popular concert venue was demolished."),
    ],
)
def test_flipped_polarity_is_a_conflict(claim: str, support: str) -> None:
    assert polarity_conflict(claim, support)


@pytest.mark.parametrize(
    ("claim", "support"),
    [
        ("She said thankfully the island had not had a very bad storm", BONAIRE),
        ("No, NASA decided against repairing the heat-shield tiles on a spacewalk", REPAIR),
        ("The security forces first fired into the air and then into the crowds", SHOTS),
        ("No, the protester doubts that international pressure is persuading the junta", DOUBT),
        ("Freedom is a flame to be fuelled constantly, rather than a monument to be saluted",
         FLAME),
        ("Felix weakened to a Category 1 hurricane within hours of moving inland", WEAKENED),
        # A name the two share is not what the negation is about.
        ("Ramírez felt that Lionel Messi did not deserve the FIFA Ballon d'Or",
         "Lionel Messi being awarded with the FIFA Ballon d'Or, which he considered unfair"),
        # An embedded question affirms nothing: the denial written after it, or not at all.
        ("How many people were hurt when the forces fired remains unknown",
         "He told RTL it is not clear how many people were hurt when the forces fired."),
        ("Engineers are testing whether the gouge must be repaired before re-entry",
         "NASA has not decided whether the gouge must be repaired before re-entry."),
    ],
)
def test_same_polarity_is_no_conflict(claim: str, support: str) -> None:
    assert polarity_conflict(claim, support) == ""


def test_a_quote_is_not_contradicted_by_the_next_sentence() -> None:
    # Verbatim extractive answers on SQuAD2 that an earlier version flagged.
    passage = ("However, the fact that a problem is NP-complete does not imply that all large "
               "cases of the problem are hard. Similarly, algorithms can solve the NP-complete "
               "knapsack problem over a wide range of sizes in less than quadratic time and SAT "
               "solvers routinely handle large instances of the NP-complete Boolean "
               "satisfiability problem.")
    quote = passage.split(". ", 1)[1].rstrip(".")
    assert polarity_conflict(quote, passage) == ""
    # A paraphrase that drops the "not" of the sentence it restates is still caught.
    assert polarity_conflict("The fact that a problem is NP-complete implies that all large "
                             "cases of the problem are hard", passage)


@pytest.mark.parametrize(
    ("claim", "support"),
    [
        ("The statement made no mention of the election date.",
         "The statement omitted the election date entirely."),
        ("The election date was not included in the statement.",
         "The date of the election was left out of the statement."),
        ("The team had no experienced players.", "The team lacked experienced players."),
    ],
)
def test_a_denial_without_not_reads_as_one(claim: str, support: str) -> None:
    assert polarity_conflict(claim, support) == ""


@pytest.mark.parametrize(
    ("claim", "support"),
    [
        ("The statement gave the election date.", "The statement omitted the election date."),
        ("The team had experienced players.", "The team lacked experienced players."),
        ("Women were included in the squad.", "Women were excluded from the squad."),
    ],
)
def test_affirming_what_the_passage_denies_without_not_is_a_conflict(
    claim: str, support: str
) -> None:
    assert polarity_conflict(claim, support)


@pytest.mark.parametrize(
    ("claim", "support"),
    [
        ("It is unclear how many people were hurt in the raid",
         "It is not clear how many people were hurt in the raid."),
        ("It is not clear how many people were hurt in the raid",
         "It is unclear how many people were hurt in the raid."),
        ("The council left the old bridge unrepaired after the flood",
         "The council decided not to repair the old bridge after the flood."),
        ("The number of victims is unknowable, the mayor said",
         "The mayor said it is impossible to know the number of victims."),
        # A passive turned active moves the denied words before the negation.
        ("The ministers' views may go unacknowledged by the party platforms",
         "These views may not be acknowledged by the party platforms."),
        # Words that only look prefixed are left alone.
        ("The impact of the trade pact is under review",
         "The pact's impact is under review, officials said."),
    ],
)
def test_negation_written_with_a_prefix_agrees(claim: str, support: str) -> None:
    assert polarity_conflict(claim, support) == ""


@pytest.mark.parametrize(
    ("claim", "support"),
    [
        ("It is clear how many people were hurt in the raid",
         "It is unclear how many people were hurt in the raid."),
        ("The dates of the holiday are inconsistent from year to year",
         "The dates of the holiday are consistent from year to year."),
        ("The council repaired the old bridge after the flood",
         "The old bridge was left unrepaired by the council after the flood."),
    ],
)
def test_a_prefixed_negation_still_conflicts_with_its_base(claim: str, support: str) -> None:
    assert polarity_conflict(claim, support) != ""


RATES = ("This was the first rate cut in more than four years. The central bank has been slowly "
         "raising interest rates over the past four years to fight off inflation. Are stocks "
         "higher? Shares rose 2 percent by the close.")


@pytest.mark.parametrize(
    ("claim", "found"),
    [
        ("The bank has been slowly cutting interest rates over four years to fight off inflation",
         "cut"),
        ("Shares fell 2 percent by the close", "fell"),  # an irregular form of the pair
        ("The bank has been slowly lowering rates over four years to fight inflation", "lower"),
    ],
)
def test_a_swapped_opposite_in_the_sentence_it_restates(claim: str, found: str) -> None:
    assert swapped_opposite(claim, RATES).startswith(found)


@pytest.mark.parametrize(
    "claim",
    [
        # Both sides written: the claim speaks of both.
        "The bank cut rates for the first time in four years, after slowly raising them",
        # The opposite is in another sentence than the one restated.
        "This was the first cut in rates in more than four years",
        # A question in the passage states nothing ("Are stocks higher?").
        "Stocks were lower at the close, shares rising 2 percent",
    ],
)
def test_no_swap(claim: str) -> None:
    assert swapped_opposite(claim, RATES) == ""


# Denials written without "not", double negations and "not" phrases that deny nothing: each
# passage with a faithful rewording and one that drops the denial.
IDIOMS = [
    ("Officials declined to comment on the arrests.",
     "Officials did not comment on the arrests.", "Officials commented on the arrests."),
    ("The rebels have yet to respond to the offer.",
     "The rebels have not responded to the offer.", "The rebels responded to the offer."),
    ("Police have not ruled out foul play in the death.",
     "Police are considering foul play in the death.", None),
    ("Police have ruled out foul play in the death.",
     "Police do not suspect foul play in the death.",
     "Police are considering foul play in the death."),
    ("The team never failed to qualify for the cup.",
     "The team always qualified for the cup.", "The team did not qualify for the cup."),
    ("There is no doubt that the economy is slowing.",
     "The economy is slowing.", "The economy is not slowing."),
    ("It was not until Friday that the bodies were found.",
     "The bodies were found on Friday.", None),
    ("The ferry hardly ever runs on time.",
     "The ferry rarely runs on time.", "The ferry runs on time."),
    ("No injuries were reported after the quake.",
     "Nobody was reported hurt after the quake.", "Injuries were reported after the quake."),
    ("The company did not deny the report about layoffs.",
     "The company did not dispute the report about layoffs.", None),
    ("The agency stopped short of recommending a ban on travel.",
     "The agency did not recommend a ban on travel.",
     "The agency recommended a ban on travel."),
    ("The agency has not recommended a ban on travel.",
     "The agency refrained from recommending a ban on travel.",
     "The agency recommended a ban on travel."),
    ("By Friday the harbour was free of oil.",
     "By Friday there was no oil in the harbour.", "By Friday oil covered the harbour."),
    # "The first crossing since March" says there was none between, and that this one was:
    # its words are read as neither affirmed nor denied.
    ("This is the ferry's first crossing since March.",
     "The ferry had not crossed since March.", None),
    ("It was the bank's first rate cut in more than four years.",
     "The bank had not cut its rate in more than four years.", None),
    ("The bank had not cut its rate in more than four years.",
     "It was the first cut in the bank's lending rate in more than four years.", None),
]


@pytest.mark.parametrize(("support", "faithful", "dropped"), IDIOMS)
def test_idiomatic_denials_read_both_ways(
    support: str, faithful: str, dropped: str | None
) -> None:
    assert polarity_conflict(faithful, support) == ""
    if dropped is not None:
        assert polarity_conflict(dropped, support)


def test_a_quote_that_leaves_out_the_denial_before_it_is_no_quote() -> None:
    # "injuries were reported" is a run of the passage's words, right after its "No".
    assert polarity_conflict("injuries were reported", "No injuries were reported.")
    assert polarity_conflict("no injuries were reported", "No injuries were reported.") == ""


@pytest.mark.parametrize(
    ("support", "claim"),
    [
        # A "not" that denies nothing.
        ("The award went not just to the scientists but to the panel as a whole.",
         "The award went to the scientists and the panel."),
        ("No less than 50 people were hurt in the crush.",
         "At least 50 people were hurt in the crush."),
        ("It is unclear whether or not the ceasefire will hold.",
         "It is unclear whether the ceasefire will hold."),
        ("The visit was led by none other than the president.", "The president led the visit."),
    ],
)
def test_a_not_that_denies_nothing_is_no_conflict(
    support: str, claim: str
) -> None:
    assert polarity_conflict(claim, support) == ""



@pytest.mark.parametrize(
    ("claim", "support"),
    [
        ("The main airport closed its runways to passenger flights on Tuesday.",
         "The main airport reopened its runways to passenger flights on Tuesday after the storm."),
        ("Police released the two men they had questioned about the fire.",
         "Police arrested the two men they had questioned about the fire."),
        ("The company admitted the accounting error in a statement.",
         "The company denied the accounting error in a statement."),
        ("The government lifted sanctions on the country's banks.",
         "The government imposed sanctions on the country's banks."),
        ("A later study confirmed the paper's claims about the data.",
         "A later study refuted the paper's claims about the data."),
        ("The review called the errors central to the report.",
         "The review called the errors marginal to the report."),
        ("The motion to cut the budget was passed at the vote.",
         "The motion to cut the budget was rejected at the vote."),
        ("Tests showed the strain in the north matched the one found in the south.",
         "Tests showed the strain in the north differed from the one found in the south."),
        ("Visitors described the islanders as industrious.",
         "Visitors described the islanders as lazy."),
        ("After a decade of strong profits, the carriers made 300 billion dollars.",
         "The carriers made 300 billion dollars after a decade of scant profits."),
        ("Sales of the magazine have grown steadily this year.",
         "Sales of the magazine have declined steadily this year."),
        ("The number of visitors has grown since the ban.",
         "The number of visitors has been reduced since the ban."),
    ],
)
def test_common_opposites_of_news_reports_are_swaps(claim: str, support: str) -> None:
    assert swapped_opposite(claim, support)
    assert swapped_opposite(support, support) == ""


def test_a_prefixed_word_both_sides_write_is_not_read_as_not_its_base() -> None:
    passage = ("Inequality follows development. Poor countries have relatively equal "
               "incomes.")
    assert polarity_conflict("Economic inequality follows development.", passage) == ""
    # The base alone against the prefixed word is still a flip.
    assert polarity_conflict("It is clear how many were hurt.",
                             "It is unclear how many were hurt.")


def test_a_condition_asserts_nothing() -> None:
    passage = ("Prime intervals keep predators away. If the insects appeared at non-prime "
               "intervals, predators would meet them.")
    assert polarity_conflict("Prime intervals keep predators away from the insects.",
                             passage) == ""
    # A condition against a condition is compared: "if nobody objects" is not "if there is
    # no objection"'s opposite, but "if members object" is.
    rule = "If members do not object, the motion passes."
    assert polarity_conflict("If members object, the motion passes.", rule)
    assert polarity_conflict("If members do not object, the motion passes.", rule) == ""


def test_a_degree_adverb_does_not_stretch_a_denial() -> None:
    passage = "The storm was not actually a hurricane when it struck."
    assert polarity_conflict("The storm was a hurricane when it struck.", passage)


def test_too_little_and_falling_short_deny_like_not_enough() -> None:
    passage = "The lawsuits claim the company hasn't done enough to prevent assaults by drivers."
    assert polarity_conflict(
        "The lawsuits say the company has done too little to stop assaults by drivers.",
        passage) == ""
    # Said outright, it is a flip.
    assert polarity_conflict("The company has done enough to prevent assaults by drivers.",
                             passage)
    assert polarity_conflict("The paper met the magazine's standards.",
                             "The paper fell short of the magazine's standards.")


def test_a_word_the_passage_says_in_another_form_of_its_side_is_no_swap() -> None:
    passage = "The defeat coupled with Montreal's big 4-1 victory over Portland ended the run."
    assert swapped_opposite("Montreal's 4-1 win over Portland ended the run.", passage) == ""
    # Rise and decrease are opposites across the table's rows.
    assert swapped_opposite("The rate rose 38% between the two reports.",
                            "The rate decreased 38% between the two reports.")


@pytest.mark.parametrize(
    ("passage", "claim"),
    [
        # A denial restated by the opposite word, either way round.
        ("The team did not win the match.", "The team lost the match."),
        ("The bill was not approved by parliament.", "Parliament rejected the bill."),
        ("The rebels rejected the government's offer.",
         "The rebels did not accept the government's offer."),
        ("The club lost its first game of the season.",
         "The club did not win its first game of the season."),
    ],
)
def test_a_denial_restated_by_an_opposite_agrees(passage: str, claim: str) -> None:
    assert polarity_conflict(claim, passage) == ""
    assert swapped_opposite(claim, passage) == ""


@pytest.mark.parametrize(
    ("passage", "claim"),
    [
        ("The team won the match.", "The team did not win the match."),
        ("The company lost money.", "The company did not lose money."),
        ("The rebels accepted the offer.", "The rebels did not accept the offer."),
        ("The rebels accepted the offer.", "The rebels rejected the offer."),
    ],
)
def test_an_irregular_form_is_denied_by_its_base(passage: str, claim: str) -> None:
    # "won" and "win" are one word to a denial ("lost" and "lose" too).
    assert polarity_conflict(claim, passage) or swapped_opposite(claim, passage)


@pytest.mark.parametrize(
    ("passage", "claim", "flip"),
    [
        # Denials in other words: a bar, an unbeaten run ("missed" and "stopped ...ing" read
        # as "not" cost faithful sentences whose denial is about another verb: docs/LLM.md).
        ("The court did not allow cameras in the room.", "The court barred cameras from the room.",
         "The court allowed cameras in the room."),
        ("The team has not lost at home this season.", "The team is unbeaten at home this season.",
         "The team lost at home this season."),
    ],
)
def test_denials_said_in_other_words(passage: str, claim: str, flip: str) -> None:
    assert polarity_conflict(claim, passage) == ""
    assert swapped_opposite(claim, passage) == ""
    # The claim against its plain opposite still conflicts.
    assert polarity_conflict(claim, flip) or swapped_opposite(claim, flip)


def test_few_without_an_article_denies() -> None:
    assert polarity_conflict("Few residents returned to the town.",
                             "Residents returned to the town.")
    # With an article or a determiner they are a small amount, not a denial.
    assert polarity_conflict("A few residents returned to the town.",
                             "Residents returned to the town.") == ""
    assert polarity_conflict("The few residents who stayed rebuilt the school.",
                             "Residents who stayed rebuilt the school.") == ""
    assert polarity_conflict("Most residents did not return to the town.",
                             "Few residents returned to the town.") == ""


@pytest.mark.parametrize(
    ("claim", "support"),
    [
        # A copula's "not" denies its predicate with the predicate's modifiers: "earlier
        # attempts" and "the first festival" share words with "not the first attempt", but
        # neither says this was the first attempt.
        ("There were earlier attempts to make the festival a public holiday",
         "This is not the first attempt to make the festival a public holiday."),
        ("The first festival public holiday falls in June",
         "This is not the first attempt to make the festival a public holiday. The first "
         "holiday falls in June."),
        # A "not" on a noun denies that noun: the claim shares "moral" and "law", not "reasons".
        ("Deterrence weakens the law's moral dialogue with the offender",
         "Deterrence weakens the law's dialogue with the offender, since it stresses the "
         "threat and not the moral reasons to follow the law."),
    ],
)
def test_a_denial_is_about_its_head_not_any_two_words_of_its_scope(claim: str,
                                                                    support: str) -> None:
    assert polarity_conflict(claim, support) == ""


@pytest.mark.parametrize(
    ("claim", "support"),
    [
        ("This is the first attempt to make the festival a public holiday",
         "This is not the first attempt to make the festival a public holiday."),
        ("Deterrence stresses the moral reasons to follow the law",
         "Deterrence stresses the threat and not the moral reasons to follow the law."),
        ("Rebels have agreed to a full ceasefire", "Rebels have not agreed to a full ceasefire."),
        ("Injuries were reported in the city", "No injuries were reported in the city."),
        ("It is clear how the fire started", "It is not clear how the fire started."),
    ],
)
def test_a_claim_stating_a_denials_head_conflicts(claim: str, support: str) -> None:
    assert polarity_conflict(claim, support)


@pytest.mark.parametrize(
    ("claim", "support"),
    [
        # "against" before an -ing word denies only after a verb of choosing or advising: a
        # crime against shipping waste says nothing against shipping it.
        ("The ministers proposed penalties for shipping toxic waste",
         "The ministers proposed penalties for crimes against shipping toxic waste."),
        # A denial's scope ends with its clause: "without substance" does not reach the next
        # clause's "investigated the other alleged mistakes".
        ("The panel looked into the other alleged mistakes",
         'He said the row "has become a clamour without substance" and the panel had '
         "investigated the other alleged mistakes."),
    ],
)
def test_a_denial_reaches_only_its_own_clause_and_cue(claim: str, support: str) -> None:
    assert polarity_conflict(claim, support) == ""


@pytest.mark.parametrize(
    ("claim", "support"),
    [
        ("NASA decided to repair the tiles", "NASA decided against repairing the tiles."),
        ("The agency advised travelling to the region",
         "The agency advised against travelling to the region."),
        ("The panel said the row had substance",
         'He said the row "has become a clamour without substance" and the panel had '
         "investigated the other alleged mistakes."),
    ],
)
def test_a_denial_in_its_own_clause_still_conflicts(claim: str, support: str) -> None:
    assert polarity_conflict(claim, support)


@pytest.mark.parametrize(
    ("claim", "support"),
    [
        # A sentence that denies "such a feat" or that someone "did not do so" affirms nothing
        # the claim denies.
        ("The settlers were seen as unable to run a modern state",
         "The settlers were believed to need help to run a modern state; they were seen as "
         "incapable of such a feat."),
        ("The mayor did not resign",
         "The mayor promised to resign after the vote but did not do so."),
        # The parts of one hyphenated word are one word of a denial's scope: "low-skilled" is
        # all "low-skilled jobs" shares with "no longer have many low-skilled workers".
        ("More trade made low-skilled jobs easier to trade",
         "Increased trade resulted in low skilled jobs becoming more tradeable. Wealthier "
         "countries no longer have significant numbers of low-skilled manufacturing workers."),
    ],
)
def test_anaphoric_denials_and_compounds_are_not_conflicts(claim: str, support: str) -> None:
    assert polarity_conflict(claim, support) == ""


@pytest.mark.parametrize(
    ("claim", "support"),
    [
        ("The settlers were able to run a modern state",
         "The settlers were unable to run a modern state."),
        ("Rich countries have significant numbers of low-skilled manufacturing workers",
         "Rich countries no longer have significant numbers of low-skilled manufacturing "
         "workers."),
    ],
)
def test_plain_denials_still_conflict(claim: str, support: str) -> None:
    assert polarity_conflict(claim, support)


PRIMES = ("Most early Greeks did not even consider 1 to be a number. In the 19th century many "
          "mathematicians still considered the number 1 to be a prime.")


@pytest.mark.parametrize(
    ("claim", "support"),
    [
        # The sentence the claim restates affirms what it denies; a denial of some of its
        # words in a sentence less close to it spares nothing.
        ("In the 19th century few mathematicians still considered the number 1 to be a prime",
         PRIMES),
        # "well suited to" states what "not suitable for" denies.
        ("The engines were well suited to operations requiring constant speed",
         "The engines were not suitable for operations requiring constant speed."),
    ],
)
def test_a_restated_sentences_polarity_decides(claim: str, support: str) -> None:
    assert polarity_conflict(claim, support)


def test_a_denial_as_close_as_the_affirmation_still_spares() -> None:
    support = "Many mathematicians considered 1 a prime. Few mathematicians considered 1 a prime."
    assert polarity_conflict("Few mathematicians considered 1 a prime", support) == ""
    assert polarity_conflict("The engines were unsuited to operations requiring constant speed",
                             "The engines were not suitable for operations requiring constant "
                             "speed.") == ""


@pytest.mark.parametrize(
    ("claim", "passage"),
    [
        # "Neither A nor B <verb>" denies the act, not A and B.
        ("Neither the police nor the army has stopped the looting.",
         "The police and the army have not stopped the looting in the capital."),
        ("Reid said neither the budget nor the new tax is closing the deficit.",
         "Reid said the budget, and the new tax, are not closing the deficit."),
    ],
)
def test_neither_nor_on_the_subjects_denies_their_act(claim: str, passage: str) -> None:
    assert polarity_conflict(claim, passage) == ""


def test_neither_nor_on_the_objects_denies_them() -> None:
    passage = "Divers found survivors and wreckage near the coast on Monday."
    assert polarity_conflict("Divers found neither survivors nor wreckage near the coast.",
                             passage)
    # And a subjects' denial still conflicts with the act affirmed.
    assert polarity_conflict("Neither the police nor the army stopped the looting.",
                             "The police and the army stopped the looting on Friday.")


@pytest.mark.parametrize(
    ("claim", "support"),
    [
        # Pairs only WordNet's table (rag/wordnet_opposites.tsv) holds.
        ("The reporter found the turnout very discouraging for the party.",
         "The reporter found the turnout very encouraging for the party."),
        ("Witnesses said the guards were cowardly during the raid.",
         "Witnesses said the guards were brave during the raid."),
        ("Most of the crew were asleep when the alarm sounded.",
         "Most of the crew were awake when the alarm sounded."),
        ("The vote divided the two parties over the budget.",
         "The vote united the two parties over the budget."),
    ],
)
def test_wordnet_opposites_are_swaps(claim: str, support: str) -> None:
    assert swapped_opposite(claim, support)
    assert swapped_opposite(support, support) == ""


def test_a_wordnet_lemma_s_own_forms_are_no_swap() -> None:
    # "men" is "man" (an irregular plural), so "women" beside it is no swap for "woman" ...
    assert swapped_opposite("He wants to represent working men and women.",
                            "He wants to represent the working man and woman.") == ""
    # ... and a comparative is not its adjective: "highly selective" keeps "highest" against
    # the passage's "lowest" a swap.
    passage = ("Admission is highly selective. The college accepted 7.8% of applicants, the "
               "lowest rate in its history.")
    assert swapped_opposite("Admission is highly selective: it accepted 7.8% of applicants, "
                            "the highest rate in its history.", passage)
