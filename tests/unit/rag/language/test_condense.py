"""rag.language.condense: follow-ups rewritten into standalone questions."""

from __future__ import annotations

import re

from rag.language.condense import condense

RUBIO = "What did Rubio say about guarantees?"


def test_no_history_leaves_the_question_alone() -> None:
    assert condense("  And what did Macron say?  ", None) == "And what did Macron say?"
    assert condense(RUBIO, []) == RUBIO


def test_a_bare_name_takes_the_previous_question() -> None:
    assert condense("And Macron?", [(RUBIO, "...")]) == "What did Macron say about guarantees?"


def test_a_pronoun_resolves_to_the_previous_subject() -> None:
    assert condense("What did he say next?", [(RUBIO, "...")]) == "What did Rubio say next?"


def test_a_cue_carries_the_topic_over() -> None:
    out = condense("And what did Macron say?", [(RUBIO, "...")])
    assert out == "What did Macron say about guarantees?"


def test_a_standalone_question_with_its_own_subject_is_kept() -> None:
    q = "Where will the allies meet next week?"
    assert condense(q, [(RUBIO, "...")]) == q


def test_the_latest_non_empty_question_is_the_context() -> None:
    history = [("Who met Witkoff?", "..."), ("", ""), (RUBIO, "...")]
    assert condense("And Macron?", history) == "What did Macron say about guarantees?"


def test_after_a_who_question_he_is_the_person_the_answer_named() -> None:
    history = [("Who replaced Yermak as head of the delegation?",
                "Rustem Umerov was appointed to lead the delegation on Friday. [1]")]
    # (The small model finds "Umerov", or "Rustem Umerov", as the person.)
    assert re.fullmatch(r"When did (?:Rustem )?Umerov take office\?",
                        condense("When did he take office?", history))
    # After any other question, he is its subject, whoever the answer names.
    history = [("What did the French diplomat say about the injured?",
                "Emmanuel Mouriez said dozens were hurt. [1]")]
    assert condense("Who did he speak to?", history) == "Who did the French diplomat speak to?"
    # A refused who-question names no one: the subject of the question is all there is.
    history = [("Who did the minister meet?", "The articles don't say; nothing in them answers "
                "this question.")]
    assert condense("Where did she meet them?", history).startswith("Where did the minister meet")


def test_the_subject_is_read_from_the_parse() -> None:
    from rag.language.asked import question_subject as subject

    assert subject("What did the head of Burma's military government say about the "
                   "protests?") == "the head of Burma's military government"
    assert subject("Was the size of the cut what experts expected?") == "the size of the cut"
    assert subject("How many people died in Wednesday's violence?") == "people"
    assert subject("When did Myanmar's junta restore internet access?") == "Myanmar's junta"
    assert subject("Who replaced Yermak?") == ""
