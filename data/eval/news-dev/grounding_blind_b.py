# ruff: noqa: E501  (case texts are one line each)
"""Writes grounding-blind-b.json: the second blind batch of news cases (issue 22), written in
the tenth session before the check was run on them and run once as written.

    .venv/bin/python data/eval/news-dev/grounding_blind_b.py

The first blind batch (grounding_blind.py) had one passage and mostly one sentence per case;
the report set's answers average nearly two sentences (by its counts: 104 faithful sentences in
59 answers). These cases give two passages, and the pronoun answers name someone in one
sentence and say "he", "she" or "it" in the next, over
articles of this set the earlier batches used least (Ghana at fifty, Endeavour's landing,
Burma's crackdown, Myanmar's blocked internet, the Haiti toll, the Matariki holiday, the
Brian Moore interview, Felix's landfall). Faithful answers restate in other words
(``paraphrase``, ``compound``, ``summary``, ``pronoun``, ``negation-reworded``, ``metonymy``);
unsupported ones change one thing (``antonym``, ``modality``, ``speaker``, ``binding-number``,
``binding-name``); ``bad_sentence`` says which sentence carries the change. Every passage is a
verbatim span of its article.
"""

from __future__ import annotations

from single_passage_cases import HERE, span, write_cases_to

CROWD = span("14-ghana-50th-independence.txt", "Thousands of ordinary Ghanaians", "filed this report for VOA.")
FIRST = span("14-ghana-50th-independence.txt", "After a long struggle", "50 years ago.")
REMARKS = span("14-ghana-50th-independence.txt", "In his remarks to the crowd", "hard-won freedom.")
QUOTE = span("14-ghana-50th-independence.txt", "In his remarks to the crowd", "defines our humanity.\"")
MIGRANTS = span("14-ghana-50th-independence.txt", "President Kufuor also talked", "energy and dynamism.")
HISTORY = span("14-ghana-50th-independence.txt", "Independent Ghana, like many", "model democracy in the region.")
LANDED = span("09-endeavour-lands-florida.txt", "The space shuttle Endeavour has landed", "after a perfect landing.")
FERGUSON = span("09-endeavour-lands-florida.txt", "NASA spokeswoman Kylie Clem", "said Chris Ferguson.")
MORGAN = span("09-endeavour-lands-florida.txt", "After waiting 22 years", "killed in 1986.")
VIDEO = span("09-endeavour-lands-florida.txt", "During a video conference", "through a straw, in space.")
STARS = span("09-endeavour-lands-florida.txt", "Although Morgan captured the spotlight", "consulting independent experts.")
RAIDS = span("11-burma-monastery-raids.txt", "Reports from Burma say", "new demonstrations.")
BARRED = span("11-burma-monastery-raids.txt", "Burma's military rulers are barring", "care about the international community,\" he said.")
BLOGS = span("12-myanmar-internet-blocked.txt", "There have been massive support", "email-to-blog techniques.")
MONITORED = span("12-myanmar-internet-blocked.txt", "To make the matter worse", "latest Myanmar news.")
CBOX = span("12-myanmar-internet-blocked.txt", "Among them Niknayman", "for internationalization.")
TOLL = span("18-haiti-minister-death-toll.txt", "The Haitian government Communications Minister", "by a state company, CNE.")
RUBBLE = span("18-haiti-minister-death-toll.txt", "\"Nobody knows how many bodies", "Lassegue as commenting.")
GRAVES = span("18-haiti-minister-death-toll.txt", "Yesterday, the United Nations", "getting aid to survivors.")
WAITANGI = span("17-nz-matariki-holiday.txt", "At Waitangi, New Zealand Prime Minister", "public holidays in June and October.")
DATES = span("17-nz-matariki-holiday.txt", "The date of the Matariki holiday", "Friday, June 24 of next year.")
ELECTION = span("17-nz-matariki-holiday.txt", "Ardern's Labour Party made", "mixed-member proportional system.")
WHY = span("19-interview-brian-moore.txt", "Moore: Because the two party", "that they offer.")
OFFICES = span("19-interview-brian-moore.txt", "Moore: Yes, I ran for city council", "2002, 2004 and 2006 respectively.")
PARTIES = span("19-interview-brian-moore.txt", "Moore: Yes, I was a member", "for a long period of time.")
LANDFALL = span("03-felix-landfall-nicaragua.txt", "Hurricane Felix made landfall", "towards Guatemala and Honduras.")

# (id, question, passages, answer, label, defect, bad sentence or None)
CASES = [
    # Pronoun answers: the first sentence names, the next says "he", "she" or "it".
    ("c1a", "What did President Kufuor say at the celebration?", [REMARKS, MIGRANTS], "President Kufuor paid tribute to those who fought for Ghana's independence and urged all Ghanaians to protect their hard-won freedom [1]. He also urged young Africans who risk their lives crossing the Sahara or the Atlantic in search of work to stay at home, saying the continent needs their brains, energy and dynamism [2].", "faithful", "pronoun", None),
    ("c2a", "What did Barbara Morgan do on the mission?", [MORGAN, VIDEO], "Barbara Morgan waited 22 years for the chance to teach schoolchildren from space, after NASA picked her as Christa McAuliffe's back-up Teacher in Space [1]. In a video conference with students in Idaho she showed weightlessness by lifting two male crewmates over her head [2].", "faithful", "pronoun", None),
    ("c3a", "How many people died in Port-au-Prince?", [TOLL, RUBBLE], "Haiti's communications minister said more than 150,000 people in Port-au-Prince had been confirmed dead [1]. She said the figure was based on corpses a state company, CNE, had found and collected in the city [1].", "faithful", "pronoun", None),
    ("c4a", "What did Ardern say about the new holiday?", [WAITANGI, DATES], "Jacinda Ardern said Matariki would be a day to acknowledge New Zealand's unique, shared identity and the importance of tikanga Māori [1]. She added that it would break up the gap of more than four months between the public holidays in June and October [1].", "faithful", "pronoun", None),
    ("c5a", "What offices has Brian Moore run for?", [OFFICES, PARTIES], "Brian Moore ran for city council and mayor in Washington in the 1980s and 1990s [1]. He then ran for the U.S. Congress and the U.S. Senate in Florida, in 2002, 2004 and 2006 [1].", "faithful", "pronoun", None),
    ("c6a", "What did protesters say about the crackdown?", [BARRED, RAIDS], "A protester who spoke by telephone doubted that international pressure was pushing the junta toward restraint [1]. He said the protesters had been very peaceful when they were cracked down on, and that the regime did not really care about the international community [1].", "faithful", "pronoun", None),
    ("c7a", "What happened when Felix reached Nicaragua?", [LANDFALL], "Hurricane Felix came ashore in Nicaragua on Tuesday as a Category 5 storm, the strongest level [1]. It weakened to a Category 1 hurricane within hours as it moved inland [1].", "faithful", "pronoun", None),
    # Paraphrase, compound and summary.
    ("c8a", "Who attended the independence celebration?", [CROWD, FIRST], "Thousands of ordinary Ghanaians, along with heads of state and other dignitaries, gathered in Accra's Independence Square on Tuesday to mark 50 years of independence [1].", "faithful", "paraphrase", None),
    ("c9a", "Why is Ghana's independence significant?", [FIRST, HISTORY], "Ghana became the first black African country to win political independence, after a long struggle to free itself from Britain [1]. Its political history was marked by military coups until 1992, but it is now regarded as a model democracy in the region [2].", "faithful", "summary", None),
    ("c10a", "How did bloggers respond to the ban?", [BLOGS, MONITORED], "After the junta banned political blogs and then the entire Blogger domain, a few bloggers turned to proxies and email-to-blog tools to keep posting [1].", "faithful", "paraphrase", None),
    ("c11a", "What did security forces do in Rangoon?", [RAIDS, BARRED], "Security forces raided at least two monasteries and took away scores of Buddhist monks, then opened fire to break up demonstrators for a second straight day [1].", "faithful", "compound", None),
    ("c12a", "Why are the experts praising NASA?", [STARS, MORGAN], "Some experts say NASA's managers and engineers were the real stars of the mission [1]. NASA decided against repairing the heat-shield tiles on a spacewalk after exhaustive tests and analyses and advice from independent experts [1].", "faithful", "summary", None),
    ("c13a", "What did Chris Ferguson say when Endeavour landed?", [FERGUSON, LANDED], "From Mission Control in Houston, astronaut Chris Ferguson welcomed the crew home and said they had given a new meaning to higher education [1].", "faithful", "paraphrase", None),
    ("c14a", "How did Labour do in the election?", [ELECTION, WAITANGI], "Labour promised the Matariki holiday in its campaign and won last year's general election with a majority, the best result for any party since the mixed-member proportional system was adopted in 1996 [1].", "faithful", "compound", None),
    # Denials reworded.
    ("c15a", "Did NASA repair the heat shield?", [STARS], "NASA chose not to fix the damaged heat-shield tiles on a spacewalk, a decision it took after exhaustive tests and consultations with outside experts [1].", "faithful", "negation-reworded", None),
    ("c16a", "Where does news from Burma come from?", [BARRED, RAIDS], "Because foreign journalists are kept out of the country, much of the information comes from eyewitnesses [1].", "faithful", "negation-reworded", None),
    ("c17a", "When is the Matariki holiday?", [DATES, WAITANGI], "The holiday has no fixed date, because it follows Maramataka, the Māori lunar calendar, though Ardern said it would likely always fall on a Monday or a Friday [1].", "faithful", "negation-reworded", None),
    ("c18a", "Why is Brian Moore running?", [WHY], "Moore said neither the two-party system nor the capitalist economy is solving the country's problems at home or abroad, and that nobody so far offers a forthright alternative [1].", "faithful", "negation-reworded", None),
    # A seat of government for its government.
    ("c19a", "Is the search for survivors still going on?", [GRAVES, TOLL], "No: Port-au-Prince officially ended its search for survivors buried under buildings on Saturday, and the focus has shifted to getting aid to survivors [1].", "faithful", "metonymy", None),
    # Antonyms.
    ("c1b", "What did President Kufuor say about young Africans?", [MIGRANTS, REMARKS], "President Kufuor urged young Africans to leave home and look for work in Europe [1].", "unsupported", "antonym", 0),
    ("c2b", "How did Endeavour land?", [LANDED, FERGUSON], "Endeavour rolled to a stop on Tuesday at the Kennedy Space Center in Florida after a rough landing [1].", "unsupported", "antonym", 0),
    ("c3b", "What was Rangoon like on Thursday?", [RAIDS, BARRED], "Rangoon residents said the streets were crowded early Thursday as security forces took up positions ahead of new demonstrations [1].", "unsupported", "antonym", 0),
    ("c4b", "Is Niknayman's CBox popular?", [CBOX, MONITORED], "Niknayman's CBox is viewed by thousands of visitors around the clock, but its popularity is declining rapidly [1].", "unsupported", "antonym", 0),
    ("c5b", "Is the search for survivors still going on?", [GRAVES, TOLL], "The government officially announced on Saturday that its search for survivors buried beneath buildings had begun [1].", "unsupported", "antonym", 0),
    ("c6b", "Has Brian Moore been an independent?", [PARTIES, OFFICES], "Moore was briefly an independent, and has also belonged to the Democratic, Citizens, Reform and Socialist parties [1].", "unsupported", "antonym", 0),
    ("c7b", "How active were Myanmar's bloggers?", [MONITORED, BLOGS], "The number of blog posts has grown tremendously, and some freedom bloggers are still in contact with the outside world [1].", "unsupported", "antonym", 0),
    ("c8b", "What does the author think of the bloggers still posting?", [MONITORED, CBOX], "The blogger found it very discouraging that some freedom bloggers were still in contact with the outside world [1].", "unsupported", "antonym", 0),
    # Modality: a hedge, a doubt, a question or a report told as fact.
    ("c9b", "What day will the Matariki holiday fall on?", [DATES, WAITANGI], "The holiday follows the Māori lunar calendar, and it will always fall on a Monday or a Friday [1].", "unsupported", "modality", 0),
    ("c10b", "Is international pressure working on the junta?", [BARRED, RAIDS], "A protester said international pressure was not swaying the military junta to exercise restraint [1].", "unsupported", "modality", 0),
    ("c11b", "How many bodies are under the rubble?", [RUBBLE, TOLL], "Lassegue said 200,000 to 300,000 bodies are buried in the rubble [1].", "unsupported", "modality", 0),
    ("c12b", "Who were the stars of the mission?", [STARS, MORGAN], "Although Morgan captured the spotlight, NASA's managers and engineers were the real stars of the mission [1].", "unsupported", "modality", 0),
    ("c13b", "How many people died in Wednesday's violence?", [BARRED, RAIDS], "At least one person was killed in Wednesday's violence, and other sources confirmed the number of dead is higher [1].", "unsupported", "modality", 0),
    # Bindings: a figure or a name moved to another thing of the passage.
    ("c14b", "How many bodies have been recovered?", [GRAVES, TOLL], "The UN said the government had recovered 75,000 bodies from the rubble, and at least 111,481 corpses had been buried in mass graves [1].", "unsupported", "binding-number", 0),
    ("c15b", "How long had Morgan waited?", [MORGAN, VIDEO], "After waiting 55 years for the chance, the 22-year-old Morgan finally taught schoolchildren from space [1].", "unsupported", "binding-number", 0),
    ("c16b", "What offices has Brian Moore run for?", [OFFICES, PARTIES], "Moore ran for city council and mayor in Florida in the 1980s and 1990s, and for Congress and the Senate in Washington in 2002, 2004 and 2006 [1].", "unsupported", "binding-name", 0),
    ("c17b", "Who was the back-up Teacher in Space?", [MORGAN, VIDEO], "NASA had picked Christa McAuliffe as the back-up Teacher in Space for Barbara Morgan, one of the seven Challenger astronauts killed in 1986 [1].", "unsupported", "binding-name", 0),
    # Speakers: words given to another person the passage names.
    ("c18b", "What did NASA say about the landing?", [FERGUSON, LANDED], "NASA spokeswoman Kylie Clem said the crew had given a new meaning to higher education [1].", "unsupported", "speaker", 0),
    ("c19b", "What is the Matariki advisory group for?", [DATES, WAITANGI], "Ardern explained that the advisory group would advise on future dates of the holiday and how it should be celebrated [1].", "unsupported", "speaker", 0),
    ("c20b", "What did Kufuor say about freedom?", [QUOTE, CROWD], "Efam Dovi said freedom is a living flame that needs to be constantly fueled [1].", "unsupported", "speaker", 0),
]


if __name__ == "__main__":
    write_cases_to(HERE, "grounding-blind-b.json", CASES)
