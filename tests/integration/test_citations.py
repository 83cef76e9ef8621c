"""``[n]`` markers inside article text are the article's own footnotes, not citations (issue 12,
Medium 6): quotes stay verbatim, only the markers the answerer adds are checked and renumbered,
and a generative backend never sees the article's markers in its prompt."""

from __future__ import annotations

from ingest import ingest
from rag.llm.prompt import build_prompt
from rag.newsdesk import Newsdesk
from rag.retrieval.embedder import Embedder
from rag.settings import Settings
from rag.types import Passage

PARIS = (
    "Paris census figures published\n"
    "The city of Paris had 2,102,650 residents in January 2023, the statistics office said.[12]\n"
    "Paris is the capital and largest city of France.[1] The Seine runs through it.[3]\n"
)


def _passage(n: int, text: str) -> Passage:
    return Passage(f"a{n}::0", f"a{n}", f"Title {n}", "", "", "", text, 0, len(text), 1.0)


def test_article_markers_stay_in_the_quote_and_are_not_citations(
    settings: Settings, embedder: Embedder
) -> None:
    (settings.corpus_dir / "paris.txt").write_text(PARIS, encoding="utf-8")
    desk = Newsdesk(settings, embedder=embedder)
    ingest(desk)
    article = desk.manifest.article("paris.txt")
    assert article is not None
    answer = desk.query("How many residents did Paris have in January 2023?")
    assert not answer.refused, answer
    assert len(answer.citations) == 1 and answer.citations[0].article_id == "paris.txt"
    (start, end), = answer.citations[0].quotes
    quote = article.text[start:end]
    assert "[12]" in quote
    # The quote is in the answer exactly as the article has it, followed by its citation.
    assert answer.text == f"{quote} [1]", answer.text
    desk.close()


def test_cite_renumbers_only_its_own_markers() -> None:
    from rag.citations import cite

    passages = [_passage(i, f"Passage {i} text.") for i in range(1, 6)]
    quoted = [("Paris has 2 million people.[3] Lyon has fewer.[1]", 4),
              ("The river is the Seine [5], [2].", 2)]
    text, citations = cite(quoted, passages, {4: [(0, 10)], 2: [(0, 5)]})
    assert text == ("Paris has 2 million people.[3] Lyon has fewer.[1] [1] "
                    "The river is the Seine [5], [2]. [2]")
    assert [(c.n, c.article_id, c.quotes) for c in citations] == [
        (1, "a4", ((0, 10),)), (2, "a2", ((0, 5),))
    ]


def test_generative_prompt_shows_no_article_markers() -> None:
    p = _passage(1, "Paris had 2,102,650 residents.[12] It is the capital.[1][2]")
    prompt = build_prompt("How many residents?", [p], context_tokens=4096, answer_tokens=256)
    block = prompt.user.split("Passages:", 1)[1]
    assert "Paris had 2,102,650 residents. It is the capital." in block
    assert "[12]" not in block and "[2]" not in block
