# ruff: noqa: E501, E702  (case texts are one line each; article names share lines)
"""Writes grounding-bindings.json: dev cases for issue 22's checks over this set's articles.

    .venv/bin/python data/eval/news-dev/grounding_bindings.py

Each passage is a verbatim, contiguous span of its article, cut between two anchors
(``span``), or a sentence given whole; ``main`` checks every passage is in its article before
writing. SOURCE.md ("grounding-bindings.json") says what the cases are for.
"""

from __future__ import annotations

import json
from pathlib import Path

HERE = Path(__file__).resolve().parent
ARTICLES = HERE / "articles"


def _body(article: str) -> str:
    return (ARTICLES / article).read_text(encoding="utf-8")


A15 = "15-fed-rate-cut-2007.txt"; A17 = "17-nz-matariki-holiday.txt"; A10 = "10-burma-forces-fire-protesters.txt"
A04 = "04-felix-21-dead-nicaragua.txt"; A18 = "18-haiti-minister-death-toll.txt"; A07 = "07-sts118-status-report-05.txt"
A09 = "09-endeavour-lands-florida.txt"; A06 = "06-endeavour-docks-station.txt"; A16 = "16-nobel-peace-gore-ipcc.txt"
VIARD = "Alan Viard, a senior economist at the Federal Reserve Bank of Dallas and is now a resident scholar with the American Enterprise Institute, said he was surprised by the half-point reduction."
SCOTT = "Robert Scott, Director of the Washington-based International Programs at the Economic Policy Institute, said the Fed's bold rate cut reflects serious concerns."
SCOTT2 = "\"Well I think the Fed is more worried than some have expected about the mortgage crisis and its likely effect on consumer spending. I think that crisis is going to get a lot worse before it gets better, and I think the Fed is well aware of this,\" he said."
ARDERN = "Ardern also said the new holiday would break up the over-4 month gap between public holidays in June and October."
DAVIS = "A Matariki advisory group has been established, with Māori Crown Relations — Te Arawhiti — Minister Kelvin Davis explaining that the purpose of the group is \"to provide advice on future dates of the public holiday, how it should be celebrated and to support the development of resources to educate the public on Matariki and the celebrations\"."
ARDERN0 = "At Waitangi, New Zealand Prime Minister Jacinda Ardern said \"This will be a day to acknowledge our nation's unique, shared identity, and the importance of tikanga Māori. It's going to be something very special, and something uniquely New Zealand.\""
MOURIEZ = "A French diplomat in Rangoon, Emmanuel Mouriez, told French radio network RTL it is not clear how many people were hurt when security forces fired at demonstrators."
DEMO = "This demonstrator, speaking to VOA by telephone from Rangoon, says he saw truckloads of soldiers heading toward the city center, where witnesses say they saw security forces beating monks and others with batons."
LASSEGUE = "\"Nobody knows how many bodies are buried in the rubble — 200,000, 300,000? Who knows the overall death toll?\" the Associated Press reports Lassegue as commenting."
UN = "Yesterday, the United Nations reported the Haitian government found 111,481 bodies recovered from rubble."
MINISTER = "The Haitian government Communications Minister states that over 150,000 people in Port-au-Prince, the country's capital, are confirmed dead from the recent magnitude 7.0 earthquake there."
FELIX = "Hurricane Felix has left at least 21 people dead and over 200 missing after it passed through Nicaragua."
FELIX2 = "As many as 5,000 homes have thought to have been destroyed and 5 countries in Central America have been put on flood alert, with 64 cm of rain expected. 27,000 people have also been evacuated from Honduras in preparation for the storm."
DOCK = "The shuttle and space station docked at 1:02 p.m. CDT while traveling 214 miles above the South Pacific Ocean, northeast of Sydney, Australia."
FLIP = "Prior to docking, Kelly flew Endeavour through an orbital back flip while about 600 feet below the space station, allowing Expedition 15 Commander Fyodor Yurchikhin and Flight Engineer Oleg Kotov to take a series of high-resolution photographs of the orbiter’s heat shield."
MORGAN = "After waiting 22 years for the chance, the 55-year-old Morgan was finally able to realize her dream of teaching school children from space."
LANDED = "The space shuttle Endeavour has landed safely at Cape Canaveral in Florida after a 13-day construction mission to the International Space Station."
GRAVES = "Meanwhile, at least 75,000 corpses have been buried in mass graves."

def case(cid: str, q: str, passages: list[tuple[str, str]], answer: str, label: str,
         defect: str) -> dict[str, object]:
    ps = [{"n": i + 1, "article": a, "text": t} for i, (a, t) in enumerate(passages)]
    c: dict[str, object] = {"id": cid, "question": q, "qid": cid[:-1], "passages": ps, "answer": answer, "label": label, "defect": defect}
    if label == "unsupported":
        c["bad_sentence"] = 0
    return c


def span(article: str, start: str, end: str) -> tuple[str, str]:
    text = _body(article)
    i = text.index(start)
    j = text.index(end, i) + len(end)
    return (article, text[i:j])

S15 = span(A15, "Alan Viard", "well aware of this,\" he said.")
S17 = span(A17, "At Waitangi", "the celebrations\".")
S10 = span(A10, "This demonstrator", "blood was spilled.")
S18 = span(A18, "Minister Marie-Laurence", "in mass graves.")
S18a = span(A18, "The Haitian government Communications", "a state company, CNE.")
S06 = span(A06, "Shortly before docking", "scheduled for Saturday.")
S17a = span(A17, "The New Zealand Government on Thursday", "uniquely New Zealand.\"")
S10a = span(A10, "Witnesses in Burma", "around the city.")
A14 = "14-ghana-50th-independence.txt"
S14 = span(A14, "In his remarks to the crowd", "defines our humanity.\"")
S14a = span(A14, "Ghanaian President John Kufuor watched", "energy and dynamism.")
A11 = "11-burma-monastery-raids.txt"
S11 = span(A11, "Witnesses say Thursday", "the number of dead is higher.")
S16 = span(A16, "In its citation Friday", "scientific literature.")
S06b = span(A06, "The shuttle mission is the first", "put a teacher in space.")
A01 = "01-felix-category1-aruba.txt"
S01 = span(A01, "At this point, no injuries", "no injuries are reported.")
S17d = span(A17, "The date of the Matariki holiday", "Monday or Friday according to Ardern.")
S10m = span(A10, "A French diplomat in Rangoon", "fired at demonstrators.")
S10i = span(A10, "He says shots were fired", "blood was spilled.")
S19 = span("19-interview-brian-moore.txt", "These parties represent", "major party platforms.")
S16g = span(A16, "Even before the announcement", "interested in a new race.")
S09r = span(A09, "NASA decided not to repair", "consulting independent experts.")
A03 = "03-felix-landfall-nicaragua.txt"
S03 = span(A03, "Hurricane Felix made landfall", "as it moved inland.")
S15b = span(A15, "The New York stock market", "threat of inflation.")
S11p = span(A11, "A protester, speaking by telephone", "care about the international community,\" he said.")
S20 = span("20-interview-peter-coti-storm.txt", "((MM )) Are there any damages", "blocking main roads.")
S12 = span("12-myanmar-internet-blocked.txt", "Numbers of blog posts", "latest Myanmar news.")
S17e = span(A17, "Ardern's Labour Party made", "mixed-member proportional system.")
S07a = span(A07, "After a brief welcoming ceremony", "from Endeavour’s aft flight deck.")
S07b = span(A07, "The crew of Space Shuttle Endeavour", "of the orbiter’s heat shield.")
S17f = span(A17, "At Waitangi", "with a majority.")
S16h = span(A16, "Al Gore served in the United States Congress", "An Inconvenient Truth.")
S04 = span(A04, "Hurricane Felix has left", "in preparation for the storm.")
S14k = span(A14, "President Kufuor also talked", "energy and dynamism.")
S09m = span(A09, "After waiting 22 years", "killed in 1986.")
S09 = span(A09, "NASA spokeswoman Kylie Clem", "said Chris Ferguson.")
cases = [
  case("s1f", "Who was surprised by the Fed's cut?", [S15],
       "Alan Viard said the half-point cut surprised him [1].", "faithful", "speaker-kept"),
  case("s1b", "Who was surprised by the Fed's cut?", [S15],
       "Robert Scott said he was surprised by the half-point reduction [1].", "unsupported", "speaker"),
  case("s2f", "What did economists say the cut reflects?", [S15],
       "According to Robert Scott, the bold rate cut reflects serious concerns at the Fed [1].", "faithful", "speaker-kept"),
  case("s2b", "What did economists say the cut reflects?", [S15],
       "Alan Viard said the Fed's bold rate cut reflects serious concerns [1].", "unsupported", "speaker"),
  case("s3f", "What will the Matariki holiday do?", [S17],
       "The prime minister said the holiday would break up the gap of more than four months between public holidays in June and October [1].", "faithful", "speaker-kept"),
  case("s3b", "What will the Matariki holiday do?", [S17],
       "Kelvin Davis said the new holiday would break up the over-4 month gap between public holidays in June and October [1].", "unsupported", "speaker"),
  case("s4f", "What is the advisory group for?", [S17],
       "Minister Kelvin Davis explained that the group will advise on future dates of the holiday and how it should be celebrated [1].", "faithful", "speaker-kept"),
  case("s4b", "What is the advisory group for?", [S17],
       "Jacinda Ardern explained that the group's purpose is to provide advice on future dates of the public holiday [1].", "unsupported", "speaker"),
  case("s5f", "What did the French diplomat say?", [S10],
       "Emmanuel Mouriez, a French diplomat, told RTL it is unclear how many people were hurt when security forces fired on demonstrators [1].", "faithful", "speaker-kept"),
  case("s5b", "What did people see in Rangoon?", [S10],
       "Emmanuel Mouriez said he saw truckloads of soldiers heading toward the city center [1].", "unsupported", "speaker"),
  case("s6f", "What did Lassegue say about the death toll?", [S18],
       "Lassegue said nobody knows how many bodies are buried in the rubble [1].", "faithful", "speaker-kept"),
  case("s6b", "What did the United Nations report?", [S18],
       "The United Nations said nobody knows how many bodies are buried in the rubble [1].", "unsupported", "speaker"),
  case("s7f", "How were the shots fired?", [S10],
       "Mouriez said the security forces fired first in the air, then on the crowds of demonstrators [1].", "faithful", "speaker-kept"),
  case("s7b", "What did the French diplomat say?", [S10],
       "The demonstrator told French radio network RTL it is not clear how many people were hurt [1].", "unsupported", "speaker"),
  case("s8f", "What struck the shuttle?", [S06],
       "NASA said three small pieces of foam from the external fuel tank appear to have hit the shuttle at lift-off [1].", "faithful", "speaker-kept"),
  case("s9f", "Was the damage critical?", [S06],
       "NASA managers said they do not believe the damage is critical [1].", "faithful", "speaker-kept"),
  case("s10f", "What did New Zealand announce?", [S17a],
       "Wellington announced a new public holiday, Matariki, on Thursday [1].", "faithful", "speaker-kept"),
  case("s11f", "What happened in Rangoon?", [S10a],
       "Witnesses said security forces opened fire on demonstrators, killing at least two people in Rangoon [1].", "faithful", "speaker-kept"),
  case("s12f", "How many died in Port-au-Prince?", [S18a],
       "Haiti's communications minister, Marie-Laurence Jocelyn Lassegue, said more than 150,000 people are confirmed dead in Port-au-Prince [1].", "faithful", "speaker-kept"),
  case("s13f", "What did NASA say about Morgan?", [S09],
       "NASA spokeswoman Kylie Clem said Endeavour was returning Barbara Morgan, the first educator-mission specialist, to Earth [1].", "faithful", "speaker-kept"),
  case("s13b", "What did NASA say about Morgan?", [S09],
       "Chris Ferguson said Endeavour was returning the first educator-mission specialist Barbara Morgan to Earth [1].", "unsupported", "speaker"),
  case("s14f", "What did Mission Control say?", [S09],
       "Astronaut Chris Ferguson told the crew they had given a new meaning to higher education [1].", "faithful", "speaker-kept"),
  case("s14b", "What did Mission Control say?", [S09],
       "Kylie Clem said the crew had given a new meaning to higher education [1].", "unsupported", "speaker"),
  case("s15f", "What did Ghana say about freedom?", [S14],
       "Ghana's government said freedom is a living flame that must be constantly fueled, not a monument to be saluted occasionally [1].", "faithful", "speaker-kept"),
  case("s16f", "What did Ghana tell young Africans?", [S14a],
       "Accra urged young Africans to stay home, saying the continent needs their brains and energy [1].", "faithful", "speaker-kept"),
  case("p1f", "What did the raids target?", [S11],
       "According to witnesses, the Thursday raids targeted monasteries housing many of the monks who led the protests [1].", "faithful", "speaker-kept"),
  case("p2f", "What did the protester think of international pressure?", [S11],
       "A protester doubted that international pressure was pushing the junta to exercise restraint, saying the regime does not care about the international community [1].", "faithful", "speaker-kept"),
  case("p3f", "How many were killed?", [S11],
       "The government confirmed one death in Wednesday's violence, though other sources said the toll was higher [1].", "faithful", "speaker-kept"),
  case("p4f", "What did the Nobel committee say about the IPCC?", [S16],
       "The Norwegian Nobel Committee said the IPCC had built an ever-broader informed consensus linking human activities and global warming [1].", "faithful", "speaker-kept"),
  case("p5f", "How did the committee describe Gore?", [S16],
       "In its citation, the committee called Gore one of the world's leading environmentalist politicians [1].", "faithful", "speaker-kept"),
  case("p6f", "What will Morgan do?", [S06b],
       "NASA says Barbara Morgan, a 55-year-old teacher turned astronaut, will create a classroom in space [1].", "faithful", "speaker-kept"),
  case("p7f", "What did residents say?", [S11],
       "Residents of Rangoon said the streets were quiet early on Thursday as security forces took up positions [1].", "faithful", "speaker-kept"),
  case("p8f", "How did Viard react?", [S15],
       "Viard, now a resident scholar at the American Enterprise Institute, said he had been surprised by the size of the cut [1].", "faithful", "speaker-kept"),
  case("p9f", "What does Scott think of the crisis?", [S15],
       "Scott warned that the mortgage crisis would get a lot worse before it got better, and said the Fed was well aware of it [1].", "faithful", "speaker-kept"),
  case("p10f", "What did Ardern say about the holiday?", [S17],
       "New Zealand's prime minister said the holiday would acknowledge the nation's unique, shared identity and the importance of tikanga Māori [1].", "faithful", "speaker-kept"),
  case("p11f", "When will the holiday fall?", [S17],
       "According to Ardern, the holiday would likely always fall on a Monday or a Friday [1].", "faithful", "speaker-kept"),
  case("p12f", "What did the diplomat say about injuries?", [S10],
       "The French diplomat said it was impossible to know how many people were injured, but he was sure blood was spilled [1].", "faithful", "speaker-kept"),
  case("p13f", "What did the demonstrator fear?", [S10],
       "The demonstrator told VOA he was outraged by the attacks on monks and feared more violence [1].", "faithful", "speaker-kept"),
  case("p14f", "What did Lassegue say the figure is based on?", [S18],
       "Communications Minister Lassegue said the figure is based on corpses found and collected in the city by the state company CNE [1].", "faithful", "speaker-kept"),
  case("n1f", "What did the French diplomat say?", [S10m],
       "Mouriez told RTL it was unclear how many people had been hurt when security forces fired at demonstrators [1].", "faithful", "negation-reworded"),
  case("n1b", "What did the French diplomat say?", [S10m],
       "Mouriez told RTL it was clear how many people had been hurt when security forces fired at demonstrators [1].", "unsupported", "negation"),
  case("n2f", "When does Matariki fall?", [S17d],
       "The holiday's date is inconsistent from year to year because it follows the Māori lunar calendar [1].", "faithful", "negation-reworded"),
  case("n2b", "When does Matariki fall?", [S17d],
       "The holiday's date is consistent from year to year, following the Māori lunar calendar [1].", "unsupported", "negation"),
  case("n3f", "Were there injuries in Aruba?", [S01],
       "So far injuries are unreported [1].", "faithful", "negation-reworded"),
  case("n4f", "Could the number of injured be known?", [S10i],
       "He said the number of people injured was unknowable, but he was sure blood was spilled [1].", "faithful", "negation-reworded"),
  case("n5f", "What did Moore say about the parties?", [S19],
       "Moore said the parties represent views the major party platforms may leave unacknowledged [1].", "faithful", "negation-reworded"),
  case("n6f", "Is Gore interested in running?", [S16g],
       "Gore has repeatedly said he is uninterested in a new race [1].", "faithful", "negation-reworded"),
  case("n6b", "Is Gore interested in running?", [S16g],
       "Gore has repeatedly said he is interested in a new race for president [1].", "unsupported", "negation"),
  case("n7f", "Did NASA repair the heat shield?", [S09r],
       "NASA left the heat-shield tiles unrepaired during the spacewalk after exhaustive tests and consulting independent experts [1].", "faithful", "negation-reworded"),
  case("a1f", "What has the Fed been doing with rates?", [S15b],
       "The Fed cut rates for the first time in more than four years, after slowly raising them over the past four years to fight inflation [1].", "faithful", "antonym-kept"),
  case("a1b", "What has the Fed been doing with rates?", [S15b],
       "The Federal Reserve has been slowly cutting interest rates over the past four years to fight off the threat of inflation [1].", "unsupported", "antonym"),
  case("a2f", "What happened to Felix after landfall?", [S03],
       "Felix weakened to a Category 1 hurricane within hours of reaching shore as a Category 5, the strongest level [1].", "faithful", "antonym-kept"),
  case("a2b", "What happened to Felix after landfall?", [S03],
       "Within hours, Felix's winds had strengthened considerably as it moved inland [1].", "unsupported", "antonym"),
  case("a3f", "How were the monks protesting?", [S11p],
       "The protester said they had been protesting very peacefully when the regime cracked down [1].", "faithful", "antonym-kept"),
  case("a3b", "How were the monks protesting?", [S11p],
       "The protester said they had been protesting very violently when the regime cracked down [1].", "unsupported", "antonym"),
  case("a4f", "Was there damage to buildings?", [S20],
       "Coti said he had seen no damage to buildings; the major problem was trees blocking main roads [1].", "faithful", "antonym-kept"),
  case("a4b", "Was there damage to buildings?", [S20],
       "Coti said the trees were only a minor problem [1].", "unsupported", "antonym"),
  case("a5f", "How did the stock market react?", [S15b],
       "The Dow rose more than 330 points by the end of the day Tuesday [1].", "faithful", "antonym-kept"),
  case("a5b", "How did the stock market react?", [S15b],
       "The Dow Jones industrial average fell more than 330 points by the end of Tuesday [1].", "unsupported", "antonym"),
  case("a6f", "What happened to blogging?", [S12],
       "The number of blog posts has fallen tremendously, though some freedom bloggers are still in contact with the outside world [1].", "faithful", "antonym-kept"),
  case("a6b", "What happened to blogging?", [S12],
       "The number of blog posts has increased tremendously these days [1].", "unsupported", "antonym"),
  case("a7f", "How did Labour do in the election?", [S17e],
       "Labour won last year's general election with a majority, the best result for any party since 1996 [1].", "faithful", "antonym-kept"),
  case("a7b", "How did Labour do in the election?", [S17e],
       "Ardern's Labour Party lost last year's general election [1].", "unsupported", "antonym"),
  case("t1f", "Who worked the robotic arm?", [S07a],
       "Pilot Charles Hobaugh joined Expedition 15 flight engineer Clay Anderson at the robotics workstation to manipulate the station's Canadarm2 [1].", "faithful", "binding-name-kept"),
  case("t1b", "Who worked the robotic arm?", [S07a],
       "Flight Engineer Charles Hobaugh joined Pilot Clay Anderson at the robotics workstation to manipulate the station's Canadarm2 [1].", "unsupported", "binding-name"),
  case("t2f", "Who entered the Destiny Laboratory first?", [S07b],
       "STS-118 Commander Scott Kelly floated into the Destiny Laboratory at 3:04 p.m. CDT, followed by his crew [1].", "faithful", "binding-name-kept"),
  case("t2b", "Who entered the Destiny Laboratory first?", [S07b],
       "Flight Engineer Scott Kelly floated into the Destiny Laboratory at 3:04 p.m. CDT, followed by the rest of his crew [1].", "unsupported", "binding-name"),
  case("t3f", "Who explained the advisory group?", [S17f],
       "Māori Crown Relations Minister Kelvin Davis explained that the group will advise on future dates of the public holiday [1].", "faithful", "binding-name-kept"),
  case("t3b", "Who explained the advisory group?", [S17f],
       "Prime Minister Kelvin Davis explained that the group will advise on future dates of the public holiday [1].", "unsupported", "binding-name"),
  case("t4f", "Who operated which arm?", [S07a],
       "Hobaugh and Anderson worked the station's Canadarm2 while Caldwell and Mastracchio ran the shuttle's arm [1].", "faithful", "binding-name-kept"),
  case("t4b", "Who operated which arm?", [S07a],
       "Hobaugh and Anderson manipulated the shuttle's Canadarm2 from the robotics workstation [1].", "unsupported", "binding-name"),
  case("t5f", "Who promised the holiday?", [S17f],
       "Ardern's Labour Party made the Matariki holiday an election promise and won last year's election with a majority [1].", "faithful", "binding-name-kept"),
  case("t5b", "Who promised the holiday?", [S17f],
       "Davis's Labour Party made the Matariki holiday an election promise [1].", "unsupported", "binding-name"),
  case("r1f", "What did Gore do after leaving office?", [S16h],
       "Since leaving office he has devoted himself to speaking on climate issues around the world, and in 2006 he produced An Inconvenient Truth [1].", "faithful", "pronoun"),
  case("r2f", "What did Felix do to Nicaragua?", [S04],
       "It destroyed many poor houses and left a trail of destruction after hitting land with winds of up to 160 mph [1].", "faithful", "pronoun"),
  case("r3f", "What did Kufuor tell young Africans?", [S14k],
       "He urged them to remain home, saying the continent needs their brains, energy and dynamism [1].", "faithful", "pronoun"),
  case("r4f", "Who was Morgan the backup for?", [S09m],
       "She had been picked as the back-up Teacher in Space for Christa McAuliffe, one of the seven Challenger astronauts killed in 1986 [1].", "faithful", "pronoun"),
  case("r5f", "What did Gore do in 2000?", [S16h],
       "Running for president in 2000, he lost a disputed vote to George W. Bush [1].", "faithful", "pronoun"),
  case("r6f", "What happened in Honduras?", [S04],
       "There, 27,000 people were evacuated in preparation for the storm [1].", "faithful", "pronoun"),
  case("r7f", "How did the protester describe the crackdown?", [S11p],
       "He said they were protesting very peacefully when they were cracked down on, and that the regime does not care about the international community [1].", "faithful", "pronoun"),
  case("r8f", "What did Kufuor talk about?", [S14k],
       "He also talked about young Africans who risk their lives crossing the Sahara or the Atlantic to find work in Europe [1].", "faithful", "pronoun"),
  case("b1f", "What did Felix leave in Nicaragua?", [(A04, FELIX)],
       "Felix left at least 21 people dead and more than 200 missing in Nicaragua [1].", "faithful", "binding-kept"),
  case("b1b", "What did Felix leave in Nicaragua?", [(A04, FELIX)],
       "Felix left at least 21 people missing and over 200 dead in Nicaragua [1].", "unsupported", "binding-number"),
  case("b2f", "How bad was the damage from Felix?", [(A04, FELIX2)],
       "Up to 5,000 homes may have been destroyed, and 27,000 people were evacuated from Honduras [1].", "faithful", "binding-kept"),
  case("b2b", "How bad was the damage from Felix?", [(A04, FELIX2)],
       "As many as 27,000 homes were thought destroyed, and 5,000 people were evacuated from Honduras [1].", "unsupported", "binding-number"),
  case("b3f", "How many bodies have been found in Haiti?", [(A18, UN + " " + GRAVES)],
       "The government found 111,481 bodies in the rubble, and at least 75,000 corpses were buried in mass graves [1].", "faithful", "binding-kept"),
  case("b3b", "How many bodies have been found in Haiti?", [(A18, UN + " " + GRAVES)],
       "At least 75,000 bodies were recovered from the rubble, and 111,481 corpses were buried in mass graves [1].", "unsupported", "binding-number"),
  case("b4f", "Where did the shuttle dock?", [span(A07, "The shuttle and space station docked", "heat shield.")],
       "Endeavour docked 214 miles above the South Pacific after a back flip about 600 feet below the station [1].", "faithful", "binding-kept"),
  case("b4b", "Where did the shuttle dock?", [span(A07, "The shuttle and space station docked", "heat shield.")],
       "Endeavour docked 600 feet above the South Pacific after a back flip about 214 miles below the station [1].", "unsupported", "binding-number"),
  case("b5f", "How long did Morgan wait?", [(A09, MORGAN)],
       "The 55-year-old Morgan waited 22 years to teach school children from space [1].", "faithful", "binding-kept"),
  case("b5b", "How long did Morgan wait?", [(A09, MORGAN)],
       "The 22-year-old Morgan waited 55 years to teach school children from space [1].", "unsupported", "binding-number"),
  case("b6f", "How many died in Port-au-Prince?", [(A18, MINISTER)],
       "More than 150,000 people are confirmed dead in Port-au-Prince after the magnitude 7.0 quake [1].", "faithful", "binding-kept"),
  case("b6b", "How many died in Port-au-Prince?", [(A18, MINISTER)],
       "The quake killed at least 7 people in Port-au-Prince and measured 150,000 in magnitude [1].", "unsupported", "binding-number"),
]


def main() -> None:
    for c in cases:
        for p in c["passages"]:  # type: ignore[attr-defined]
            assert p["text"] in _body(p["article"]), (c["id"], p["n"])
    out = HERE / "grounding-bindings.json"
    out.write_text(json.dumps(cases, indent=1, ensure_ascii=False), encoding="utf-8")
    print(f"{len(cases)} cases -> {out}")


if __name__ == "__main__":
    main()
