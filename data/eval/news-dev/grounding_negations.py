# ruff: noqa: E501  (case texts are one line each)
"""Writes grounding-negations.json: dev cases for the negation check (issue 22): a passage's
denial written another way, and a few flips, over paragraphs of this set's articles.

    .venv/bin/python data/eval/news-dev/grounding_negations.py

Each passage is a verbatim span of its article, one or two whole paragraphs, so the denied
sentence sits beside sentences that affirm things with the same words. Faithful answers
(``negation-reworded``) restate a denial with another cue ("no one has reported injuries",
"ruled out a repair", "remains unknown", "has no interest in"), or without one ("varies from
year to year"); unsupported ones (``negation``) affirm what the passage denies or deny what it
affirms. SOURCE.md says what they are for.
"""

from __future__ import annotations

from single_passage_cases import Case, span, write

GRENADA = span("01-felix-category1-aruba.txt", "Hurricane Felix swept over Grenada", "popular concert venue was demolished.")
FOAM = span("06-endeavour-docks-station.txt", "NASA officials say three small pieces", "do not believe there is any critical damage.")
TILES = span("09-endeavour-lands-florida.txt", "Although Morgan captured the spotlight", "consulting independent experts.")
HURT = span("10-burma-forces-fire-protesters.txt", "A French diplomat in Rangoon, Emmanuel Mouriez", "blood was spilled.")
FLAME = span("14-ghana-50th-independence.txt", "In his remarks to the crowd", "this freedom defines our humanity.\"")
GORE = span("16-nobel-peace-gore-ipcc.txt", "Al Gore served in the United States Congress", "grow more insistent.")
DATE = span("17-nz-matariki-holiday.txt", "The date of the Matariki holiday is not consistent", "of next year.")
ATTEMPT = span("17-nz-matariki-holiday.txt", "This is not the first attempt", "Matariki public holiday.")

CASES: list[Case] = [
    # (id, question, passage, answer, label, defect)
    ("v1a", "Were there injuries in Grenada?", GRENADA, "So far nobody has reported any injuries in Grenada [1].", "faithful", "negation-reworded"),
    ("v2a", "Were there injuries in Grenada?", GRENADA, "There were no reports of injuries at that point, though the storm ripped the roofs off two homes [1].", "faithful", "negation-reworded"),
    ("v2b", "Were there injuries in Grenada?", GRENADA, "Injuries were reported after the storm ripped the roofs off two homes [1].", "unsupported", "negation"),
    ("v3a", "Is the foam damage serious?", FOAM, "Managers doubt that the damage from the foam strikes is critical [1].", "faithful", "negation-reworded"),
    ("v4a", "Is the foam damage serious?", FOAM, "Mission managers believe none of the damage is critical [1].", "faithful", "negation-reworded"),
    ("v4b", "Is the foam damage serious?", FOAM, "Managers believe there is critical damage from the foam [1].", "unsupported", "negation"),
    ("v5a", "Did NASA repair the tiles?", TILES, "NASA ruled out repairing the heat-shield tiles on a spacewalk after exhaustive tests and analyses [1].", "faithful", "negation-reworded"),
    ("v6a", "Did NASA repair the tiles?", TILES, "After consulting independent experts, NASA chose to leave the damaged tiles unrepaired [1].", "faithful", "negation-reworded"),
    ("v6b", "Did NASA repair the tiles?", TILES, "NASA decided to repair the heat-shield tiles during a spacewalk [1].", "unsupported", "negation"),
    ("v7a", "How many people were hurt?", HURT, "How many people were hurt when security forces fired at demonstrators remains unknown, according to Mouriez [1].", "faithful", "negation-reworded"),
    ("v8a", "How many people were hurt?", HURT, "Mouriez said nobody could know how many people were injured, but he was sure blood was spilled [1].", "faithful", "negation-reworded"),
    ("v8b", "How many people were hurt?", HURT, "Mouriez said it was clear how many people were hurt when security forces fired [1].", "unsupported", "negation"),
    ("v9a", "What did Kufuor say about freedom?", FLAME, "Kufuor said freedom is a living flame to be constantly fueled rather than a monument to be saluted occasionally [1].", "faithful", "negation-reworded"),
    ("v10a", "Will Gore run again?", GORE, "Gore has repeatedly said he has no interest in a new race [1].", "faithful", "negation-reworded"),
    ("v11a", "Will Gore run again?", GORE, "Gore has repeatedly ruled out another run for president [1].", "faithful", "negation-reworded"),
    ("v11b", "Will Gore run again?", GORE, "Gore has repeatedly said he is interested in a new race [1].", "unsupported", "negation"),
    ("v12a", "When is Matariki?", DATE, "The date of the Matariki holiday varies from year to year because it follows the Maori lunar calendar [1].", "faithful", "negation-reworded"),
    ("v13a", "When is Matariki?", DATE, "The Matariki holiday will not fall on the same date every year, since it follows the Maori lunar calendar [1].", "faithful", "negation-reworded"),
    ("v13b", "When is Matariki?", DATE, "The date of the Matariki holiday is the same every year [1].", "unsupported", "negation"),
    ("v14a", "Has Matariki been proposed before?", ATTEMPT, "There have been earlier attempts to make Matariki a public holiday: in 2009 Rahui Katene introduced legislation to create one [1].", "faithful", "negation-reworded"),
    ("v15a", "Has Matariki been proposed before?", ATTEMPT, "The current plan is not the first time someone has tried to make Matariki a public holiday [1].", "faithful", "negation-reworded"),
    ("v15b", "Has Matariki been proposed before?", ATTEMPT, "This is the first attempt to make Matariki a public holiday [1].", "unsupported", "negation"),
]


def main() -> None:
    write("grounding-negations.json", CASES)


if __name__ == "__main__":
    main()
