# ruff: noqa: E501  (pairs are one line each)
"""Reworded denials against the negation layer (issue 22): how many faithful restatements of a
denial it wrongly flags, and how many plain flips it still catches.

    PYTHONPATH=. .venv/bin/python bench/negation_probe.py [--show]

Sentence pairs written for the seventh session (not drawn from any eval set): a passage
sentence and a claim that says the same in other words ("did not win" / "lost", "did not
attend" / "stayed away from"), and a passage and a claim that flips it. Each claim goes through
``polarity_conflict`` and ``swapped_opposite`` as the grounding check calls them.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from rag.llm.negation import polarity_conflict, swapped_opposite  # noqa: E402

# (passage, faithful claim)
FAITHFUL = [
("No one was killed in the crash.", "Everyone survived the crash."),
("The team did not win the match.", "The team lost the match."),
("The bill was not approved by parliament.", "Parliament rejected the bill."),
("The minister did not attend the meeting.", "The minister stayed away from the meeting."),
("The company did not comment on the report.", "The company declined to comment on the report."),
("There were no injuries in the blast.", "Nobody was hurt in the blast."),
("The plan failed.", "The plan did not succeed."),
("He refused to resign from the cabinet.", "He would not step down from the cabinet."),
("The airport remained closed on Monday.", "The airport did not reopen on Monday."),
("The talks did not produce an agreement.", "The talks ended without an agreement."),
("The shuttle did not suffer any damage during landing.", "The shuttle was undamaged during landing."),
("Nobody claimed responsibility for the attack.", "No group has claimed responsibility for the attack."),
("The rebels rejected the government's offer.", "The rebels did not accept the government's offer."),
("The government has yet to respond to the letter.", "The government has not responded to the letter."),
("The storm did not strengthen overnight.", "The storm failed to strengthen overnight."),
("Prices did not increase last month.", "Prices failed to rise last month."),
("The vote was not unanimous.", "Not every member voted in favour."),
("The ship was only lightly damaged.", "The ship did not suffer heavy damage."),
("The search found no survivors.", "No survivors were found in the search."),
("The club lost its first game of the season.", "The club did not win its first game of the season."),
("Officials said the dam did not break.", "Officials said the dam held."),
("The new law does not apply to small firms.", "Small firms are exempt from the new law."),
("The senator voted against the bill.", "The senator did not support the bill."),
("The troops did not withdraw from the city.", "The troops stayed in the city."),
("He was not re-elected.", "He lost his seat."),
("The match was not played because of rain.", "Rain stopped the match from being played."),
("Few residents returned to the town.", "Most residents did not return to the town."),
("The committee did not include any women.", "The committee was all male."),
("The company never released the figures.", "The company kept the figures private."),
("The report omitted the death toll.", "The report did not give the death toll."),
("The minister did not attend the summit.", "The minister skipped the summit."),
("The company did not disclose the price.", "The company kept the price secret."),
("The government has not ruled out new taxes.", "New taxes remain possible, the government said."),
("No decision has been made on the stadium.", "The stadium decision is still pending."),
("The suspect was not armed.", "The suspect was unarmed."),
("Police did not find any weapons in the car.", "Police found no weapons in the car."),
("The rescue teams could not reach the village.", "The rescue teams were unable to reach the village."),
("The museum will not reopen until March.", "The museum stays closed until March."),
("The report did not name the victims.", "The victims were not named in the report."),
("The president did not sign the bill.", "The bill remains unsigned by the president."),
("The storm caused no deaths.", "Nobody died in the storm."),
("Officials could not confirm the toll.", "The toll could not be confirmed by officials."),
("The striker has not scored since August.", "The striker's last goal came in August."),
("The union rejected the pay offer.", "The union turned down the pay offer."),
("The drug was not effective against the virus.", "The drug failed against the virus."),
("The bridge has never been repaired.", "The bridge was never fixed."),
("The actor did not attend the premiere.", "The actor was absent from the premiere."),
("There is no evidence of fraud, the auditors said.", "The auditors found no evidence of fraud."),
("The talks broke down without a deal.", "The talks failed to reach a deal."),
("The candidate conceded defeat.", "The candidate admitted she had lost."),
("The ship did not sink.", "The ship stayed afloat."),
("None of the passengers were hurt.", "All of the passengers were unhurt."),
("The lake never freezes in winter.", "The lake stays ice-free in winter."),
("The firm did not meet its sales target.", "The firm missed its sales target."),
("The team has not lost at home this season.", "The team is unbeaten at home this season."),
("The court did not allow cameras in the room.", "The court barred cameras from the room."),
("He did not know about the plan.", "He was unaware of the plan."),
("The shop no longer sells newspapers.", "The shop has stopped selling newspapers."),
("The plane did not land in Paris.", "The plane was diverted away from Paris."),
("Voters did not turn out in large numbers.", "Turnout was low."),
("The patient did not survive the operation.", "The patient died during the operation."),
("The player was not included in the squad.", "The player was left out of the squad."),
("The project was not finished on time.", "The project ran late."),
("Nothing was stolen from the house.", "The thieves took nothing from the house."),
("The vaccine was not approved for children.", "Children were not cleared to get the vaccine."),
]
# (passage, claim that flips it)
FLIPS = [
("The team won the match.", "The team lost the match."),
("The team won the match.", "The team did not win the match."),
("Parliament approved the bill.", "Parliament rejected the bill."),
("Parliament approved the bill.", "The bill was not approved by parliament."),
("The rebels accepted the offer.", "The rebels did not accept the offer."),
("The rebels accepted the offer.", "The rebels rejected the offer."),
("The rebels rejected the offer.", "The rebels accepted the offer."),
("The rebels did not reject the offer.", "The rebels rejected the offer."),
("Prices rose last month.", "Prices fell last month."),
("Prices did not rise last month.", "Prices rose last month."),
("The storm weakened overnight.", "The storm did not weaken overnight."),
("The storm did not strengthen overnight.", "The storm strengthened overnight."),
("The company lost money.", "The company did not lose money."),
]


def main() -> None:
    show = "--show" in sys.argv
    flagged = caught = 0
    for passage, claim in FAITHFUL:
        why = polarity_conflict(claim, passage) or swapped_opposite(claim, passage)
        flagged += bool(why)
        if show and why:
            print(f"wrongly flagged: {claim} ({why})")
    for passage, claim in FLIPS:
        why = polarity_conflict(claim, passage) or swapped_opposite(claim, passage)
        caught += bool(why)
        if show and not why:
            print(f"missed flip: {passage} -> {claim}")
    print(f"faithful restatements wrongly flagged: {flagged} of {len(FAITHFUL)}")
    print(f"flips caught: {caught} of {len(FLIPS)}")


if __name__ == "__main__":
    main()
