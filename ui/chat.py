"""The chat's event functions. They hold only shared, read-mostly objects (the ``Newsdesk``,
the example cache, the warm-up); everything of one conversation comes in and goes out through
Gradio (``gr.State`` and component values), never through this object."""

from __future__ import annotations

import time
from collections.abc import Iterator
from typing import Any

import gradio as gr

from rag.errors import NewsdeskError
from rag.filters import Filters
from rag.newsdesk import Newsdesk, cut_question
from rag.types import Answer
from ui import render
from ui.examples import ExampleCache
from ui.filters import apply_chip, to_query
from ui.stream import stream_answer
from ui.warmup import Warmup

Turns = list[tuple[str, str]]
Messages = list[dict[str, Any]]
Sections = list[render.Section]

# Streamed text reaches the browser at most this often. Each update re-sends the growing
# message, so per-word updates (every 30 ms) cost ~3x the traffic and redraws for no visible
# gain; 0.1 s still reads as continuous.
STREAM_EVERY_S = 0.1
# A question asked while the warm-up still loads waits at most this long for it.
WARMUP_WAIT_S = 120
LOADING = "Loading the model and the article index (first start)…"
SEARCHING = "Finding the passages for your question…"


class ChatHandlers:
    def __init__(
        self,
        desk: Newsdesk,
        examples: ExampleCache | None = None,
        warmup: Warmup | None = None,
    ) -> None:
        self.desk = desk
        self.examples = examples or ExampleCache(desk)
        self.warmup = warmup  # None: nothing to wait for

    # -- turns ------------------------------------------------------------------------------
    def user_turn(self, message: str, chat: Messages) -> tuple[str, Messages, str]:
        """The question joins the chat (cut at a word past the limit, saying so)."""
        typed = (message or "").strip()
        if not typed:
            return "", chat, ""
        question = cut_question(typed)
        cut_from = len(typed) if question != typed else 0
        bubble = {"role": "user", "content": render.user_message(question, cut_from=cut_from)}
        return "", [*chat, bubble], question

    def example_turn(self, chat: Messages, evt: gr.EventData) -> tuple[str, Messages, str]:
        return self.user_turn(str((evt._data or {}).get("question", "")), chat)

    def reset(self) -> tuple[Messages, Turns, Sections, str]:
        return [], [], [], render.EMPTY_SOURCES

    def respond(
        self,
        question: str,
        chat: Messages,
        turns: Turns,
        sections: Sections,
        sources: list[str] | None = None,
        dates: Any = None,
    ) -> Iterator[tuple[Messages, Any, Turns, Sections]]:
        """Stream the answer into a new bubble, then fill the Sources panel.

        The panel shows a loading state at once (never the previous answer's cards under a new
        question), and an error replaces it too. Each step yields a fresh message list: Gradio
        diffs what it is given, and a list mutated after being yielded would rewrite earlier
        steps.
        """
        if not question:
            return
        turn = sections[-1].turn + 1 if sections else 1

        def said(content: str) -> Messages:
            return [*chat, {"role": "assistant", "content": content}]

        if self.warmup is not None and not self.warmup.ready.is_set():
            loading = render.sources_panel(sections, pending=LOADING)
            yield said(f"_{LOADING}_"), loading, turns, sections
            self.warmup.ready.wait(WARMUP_WAIT_S)
        yield said("_Searching the articles…_"), render.sources_panel(
            sections, pending=SEARCHING
        ), turns, sections
        answer: Answer | None = None
        filters: dict[str, Any] | None = None
        try:
            filters = to_query(sources, dates)
            last = 0.0
            for partial, final in stream_answer(
                self.desk, question, filters=filters, history=[(t[0], t[1]) for t in turns]
            ):
                answer = final
                if final is None and time.monotonic() - last >= STREAM_EVERY_S:
                    last = time.monotonic()
                    yield said(render.md_escape(partial)), gr.skip(), turns, sections
        except (NewsdeskError, ValueError) as exc:
            done = [*sections, render.error_section(turn=turn, asked=question, message=str(exc))]
            yield said(f"⚠️ {render.md_escape(str(exc))}"), render.sources_panel(done), turns, done
            return
        if answer is None:
            return
        within = ""
        coerced = Filters.coerce(filters)
        if coerced:
            within = coerced.describe()
        section = render.answer_section(
            answer, turn=turn, asked=question, article_text=self._article_text, within=within
        )
        done = [*sections, section][-(render.EARLIER_KEPT + 1) :]
        message = render.chat_message(answer, asked=question, turn=turn)
        turns = [*turns, (answer.question, answer.text)]
        yield said(message), render.sources_panel(done), turns, done

    def panel_action(
        self, chat: Messages, sources: list[str] | None, dates: Any, evt: gr.EventData
    ) -> tuple[Any, ...]:
        """The Sources panel's "Clear filters and ask again" (or "Include undated")."""
        data = evt._data or {}
        action = data.get("action")
        if action not in ("clear", "include-undated"):
            return gr.skip(), gr.skip(), gr.skip(), ""
        new_sources, new_dates = apply_chip({"action": action}, sources, dates)
        _, chat, pending = self.user_turn(str(data.get("question", "")), chat)
        return new_sources, new_dates, chat, pending

    # -- the reader and the examples --------------------------------------------------------
    def article_html(self, data: Any) -> str:
        """The reader dialog's content: ``data`` is ``[article_id, [[start, end], ...]]`` from
        the page (untrusted: anything malformed shows the article unmarked)."""
        article_id = str(data[0]) if isinstance(data, list | tuple) and data else ""
        spans: list[tuple[int, int]] = []
        raw = data[1] if isinstance(data, list | tuple) and len(data) > 1 else []
        for item in raw if isinstance(raw, list) else []:
            if (
                isinstance(item, list | tuple)
                and len(item) == 2
                and all(isinstance(x, int) for x in item)
            ):
                spans.append((int(item[0]), int(item[1])))
        return render.article_reader(self.desk.manifest.article(article_id), spans[:50])

    def undated_left_out(self, sources: list[str] | None, dates: Any) -> int:
        """Articles without a date that the widgets' date range leaves out (0 without one)."""
        try:
            wanted = Filters.coerce(to_query(sources, dates))
            if not wanted or not wanted.dated or wanted.undated:
                return 0
            lo, hi = wanted.bounds()
        except ValueError:
            return 0
        return self.desk.manifest.count_matching(wanted.sources, lo, hi)[1]

    def example_questions(self) -> list[str]:
        if self.warmup is not None:
            self.warmup.examples_ready.wait(WARMUP_WAIT_S)
        return self.examples.get()

    def _article_text(self, article_id: str) -> str | None:
        row = self.desk.manifest.article(article_id)
        return row.text if row else None

    # -- the /ask API -----------------------------------------------------------------------
    def ask_api(
        self,
        question: str,
        sources: list[str] | None = None,
        since: str | None = None,
        until: str | None = None,
        turns: Turns | None = None,
        undated: bool | None = None,
    ) -> tuple[dict[str, Any], Turns]:
        """``/ask``: the whole answer as JSON; errors become a ``gr.Error`` the client raises.

        The ``None`` defaults are what make the filters optional for ``gradio_client``.
        """
        turns = turns or []
        filters = {
            "sources": [s for s in (sources or []) if s is not None],
            "since": (since or "").strip(),
            "until": (until or "").strip(),
            "undated": bool(undated),
        }
        try:
            answer = self.desk.query(
                question,
                filters=filters if Filters.coerce(filters) else None,
                history=[(t[0], t[1]) for t in turns],
            )
        except (NewsdeskError, ValueError) as exc:
            raise gr.Error(str(exc)) from exc
        data = answer.to_json()
        data["question"] = answer.question
        data["passages"] = render.passages_json(answer.passages)
        if answer.note:
            data["note"] = answer.note
        if answer.no_match is not None:
            data["no_match"] = {
                "reason": answer.no_match.reason,
                "filters": answer.no_match.filters,
                "undated_left_out": answer.no_match.undated_left_out,
            }
            if answer.no_match.reason == "filtered":
                data["no_match"].update(passing=answer.no_match.passing,
                                        outside=answer.no_match.outside)
        return data, [*turns, (answer.question, answer.text)]
