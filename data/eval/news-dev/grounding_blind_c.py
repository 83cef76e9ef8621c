# ruff: noqa: E501  (case texts are one line each)
"""Writes grounding-blind-c.json: the third blind batch of news cases (issue 22), written in
the tenth session after the second batch's rules landed, before the check was run on them, and
run once as written.

    .venv/bin/python data/eval/news-dev/grounding_blind_c.py

The second batch's pronoun answers all passed, while the report set rejects half of its own:
these answers refer back in more ways ("it", "they", "its", "their", "the storm", "the
agency", "the 55-year-old") and reword denials with the idioms news uses ("stopped short of",
"no sign of", "free of"). Unsupported answers change one thing (``antonym``, ``negation``,
``modality``, ``speaker``, ``binding-number``, ``binding-name``, ``added-clause``);
``bad_sentence`` says which sentence carries it. Over articles the earlier batches used least: Felix's toll, the
Endeavour launch and docking, Mandalay's march, the tweets of the USA/England match, a
farewell to the 2014 World Cup.
"""

from __future__ import annotations

from single_passage_cases import HERE, span, write_cases_to

TOLL = span("04-felix-21-dead-nicaragua.txt", "Hurricane Felix has left", "up to 160 mph.")
HOMES = span("04-felix-21-dead-nicaragua.txt", "As many as 5,000 homes", "in preparation for the storm.")
LIFTOFF = span("05-endeavour-launch-teacher.txt", "The U.S. Space Shuttle Endeavour has lifted off", "teacher-turned-astronaut Barbara Morgan.")
SMOOTH = span("05-endeavour-launch-teacher.txt", "The first mission of the space shuttle Endeavour", "creating a classroom in space.\"")
WAITED = span("05-endeavour-launch-teacher.txt", "Seven astronauts are on board", "her first time in space.")
LESSONS = span("05-endeavour-launch-teacher.txt", "The plan had been for Christa McAuliffe", "speak with school children from orbit.")
DOCKED = span("06-endeavour-docks-station.txt", "The U.S. space agency, NASA, confirmed", "next seven to 10 days.")
BACKFLIP = span("06-endeavour-docks-station.txt", "Shortly before docking", "during Wednesday's launch.")
FOAM = span("06-endeavour-docks-station.txt", "NASA officials say three small pieces", "scheduled for Saturday.")
PLANNED = span("06-endeavour-docks-station.txt", "This is Endeavour's first mission since", "a replacement gyroscope.")
KNELT = span("13-myanmar-soldiers-mandalay.txt", "Soldiers from #33 Battalion knelt", "reported the witnesses from Mandalay.")
MATCH = span("22-gv-tweeting-usa-england.txt", "As usual, the Twittersphere", "time for some humor.")
FACT = span("22-gv-tweeting-usa-england.txt", "As the game got going", "born in a foreign country")
FAREWELL = span("21-gv-muito-obrigado-brazil.txt", "Colombian student Juan Pablo Ramírez", "and mucha more.")
MESSI = span("21-gv-muito-obrigado-brazil.txt", "The author also writes about Lionel Messi", "as the highest scorer.")

# (id, question, passages, answer, label, defect, bad sentence or None)
CASES = [
    ("d1a", "How much damage did Felix do in Nicaragua?", [TOLL, HOMES], "Hurricane Felix left at least 21 people dead and more than 200 missing in Nicaragua [1]. The storm destroyed many poor houses, and it had hit land with winds of up to 160 mph [1].", "faithful", "pronoun", None),
    ("d2a", "Who is Barbara Morgan?", [WAITED, LESSONS], "Barbara Morgan is a teacher-astronaut who waited 22 years for the chance to teach schoolchildren from space [1]. The 55-year-old had been NASA's backup Teacher in Space for Christa McAuliffe, and she watched from a few kilometers away as Challenger blew up [1].", "faithful", "pronoun", None),
    ("d3a", "What did NASA say about the docking?", [DOCKED, FOAM], "NASA confirmed that Endeavour docked with the space station on Friday over the South Pacific [1]. The agency said the two spacecraft would stay linked for seven to 10 days [1].", "faithful", "pronoun", None),
    ("d4a", "What did the soldiers in Mandalay do?", [KNELT], "Soldiers from the 33rd Battalion knelt and asked the protesting monks to stop [1]. They blocked the monks' march at 42nd street, but in the end they stepped aside and let the monks go, witnesses said [1].", "faithful", "pronoun", None),
    ("d5a", "What did Juan Pablo Ramírez think of the World Cup?", [FAREWELL, MESSI], "Colombian student Juan Pablo Ramírez called the 2014 tournament in Brazil the best World Cup of the 21st century [1]. He credited its many broken records and surprises, such as Colombia reaching the quarter-finals for the first time [1].", "faithful", "pronoun", None),
    ("d6a", "What happened before the docking?", [BACKFLIP, DOCKED], "Just before docking, the shuttle did a backflip so the station crew could photograph its heat shield [1]. Flight managers would study the images for any damage from Wednesday's launch [1].", "faithful", "pronoun", None),
    ("d7a", "How did the launch go?", [SMOOTH, LIFTOFF], "Endeavour's first mission in more than four years got off to a smooth start, with George Diller of Launch Control counting it down [1].", "faithful", "paraphrase", None),
    ("d8a", "Was the shuttle badly damaged?", [FOAM, BACKFLIP], "NASA officials said three small pieces of foam from the external fuel tank appeared to have struck the shuttle at lift-off, but managers saw no sign of critical damage [1].", "faithful", "negation-reworded", None),
    ("d9a", "What will the mission do?", [PLANNED, FOAM], "Over a planned 11 days, the crew is to deliver a support beam to the space station and attach a replacement gyroscope [1].", "faithful", "paraphrase", None),
    ("d10a", "How did England fans feel before the match?", [MATCH, FACT], "American TV ads billed it as the most anticipated match of the World Cup, while fans in England were almost sure their team would win [1].", "faithful", "compound", None),
    ("d11a", "What fact did Global Voices share about Team USA?", [FACT, MATCH], "Global Voices' 2010 Twitter account noted that 11 of the 23 US players grew up in a home where at least one parent was born abroad [1].", "faithful", "paraphrase", None),
    ("d12a", "Did Ramírez think Messi deserved the Golden Ball?", [MESSI, FAREWELL], "No: he thought, like many others, that giving Messi the Ballon d'Or was unfair, given that James Rodríguez was the top scorer [1].", "faithful", "negation-reworded", None),
    ("d13a", "Has Endeavour flown recently?", [PLANNED, DOCKED], "Endeavour had not flown since November 2002 before this mission [1].", "faithful", "negation-reworded", None),
    ("d14a", "Were the homes in Honduras evacuated?", [HOMES, TOLL], "In Honduras, 27,000 people were evacuated ahead of the storm, and five Central American countries were put on flood alert [1].", "faithful", "summary", None),
    ("d1b", "How damaging was Felix?", [TOLL, HOMES], "Hurricane Felix left at least 21 people dead in Nicaragua, though it spared the country's poor houses [1].", "unsupported", "antonym", 0),
    ("d2b", "How did the launch go?", [SMOOTH, LIFTOFF], "Endeavour's first mission in more than four years got off to a bumpy start [1].", "unsupported", "antonym", 0),
    ("d3b", "How did England fans feel before the match?", [MATCH, FACT], "The game was highly anticipated in the United States, while fans in England doubted their team would win [1].", "unsupported", "antonym", 0),
    ("d4b", "Was the shuttle badly damaged?", [FOAM, BACKFLIP], "Managers said they believe there is critical damage from the foam that struck the shuttle [1].", "unsupported", "negation", 0),
    ("d5b", "How many homes did Felix destroy?", [HOMES, TOLL], "Felix destroyed 5,000 homes, and 64 cm of rain fell on Central America [1].", "unsupported", "modality", 0),
    ("d6b", "Will Morgan teach from space?", [LESSONS, WAITED], "Morgan will teach two live lessons from space, telling children what it is like to live and work aboard the shuttle [1].", "unsupported", "binding-name", 0),
    ("d7b", "What struck the shuttle?", [FOAM, BACKFLIP], "Three small pieces of insulating foam from the external fuel tank struck the shuttle during lift-off [1].", "unsupported", "modality", 0),
    ("d8b", "How long will the spacecraft be linked?", [DOCKED, FOAM], "NASA said the two spacecraft will be linked for the next 18 days after docking at 10:02 UT [1].", "unsupported", "binding-number", 0),
    ("d9b", "How many players on the US team had a parent born abroad?", [FACT, MATCH], "23 of the 11 players on the US team come from a home where at least one parent was born in a foreign country [1].", "unsupported", "binding-number", 0),
    ("d10b", "Who counted down the launch?", [SMOOTH, LIFTOFF], "Cindy Saine of Launch Control counted down the launch of Endeavour [1].", "unsupported", "binding-name", 0),
    ("d11b", "What did Ramírez say about the Ballon d'Or?", [MESSI, FAREWELL], "Ramírez considered it unfair that James Rodríguez was awarded the FIFA Ballon d'Or, since Lionel Messi was the highest scorer [1].", "unsupported", "binding-name", 0),
    ("d12b", "What did the monks tell the soldiers?", [KNELT], "The monks told the soldiers, \"You may shoot but we will still march\", and the soldiers opened fire [1].", "unsupported", "added-clause", 0),
    ("d13b", "What did George Diller say about Morgan?", [WAITED, SMOOTH], "George Diller said Morgan has waited 22 years for the chance to teach schoolchildren from outer space [1].", "unsupported", "speaker", 0),
]


if __name__ == "__main__":
    write_cases_to(HERE, "grounding-blind-c.json", CASES)
