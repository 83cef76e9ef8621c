"""rag.condense: follow-ups rewritten into standalone questions."""

from __future__ import annotations

from rag.condense import condense

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
