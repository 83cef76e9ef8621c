"""The Library tab's event functions: list and search, one article's view, delete and
re-ingest of one article, uploads and the corpus re-ingest (also the ``/ingest`` API).

Writes go through the write side (``ingest``), which takes the store's writer lock; the events
that write share one Gradio concurrency slot, so they queue instead of waiting on the lock.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import gradio as gr

from ingest import ingest as ingest_articles
from ingest import reingest_article, remove_article
from ingest.pipeline import Tally
from rag.errors import NewsdeskError
from rag.newsdesk import Newsdesk
from ui import library_view, render
from ui.uploads import forget_uploads, ingest_uploads


class LibraryHandlers:
    def __init__(self, desk: Newsdesk) -> None:
        self.desk = desk

    # -- reading ----------------------------------------------------------------------------
    def status(self) -> str:
        n_articles, n_chunks = self.desk.manifest.counts()
        return library_view.status_line(n_articles, n_chunks, self.desk.settings.corpus_dir)

    def listing(self, search: str) -> str:
        return library_view.library_list(self.desk.manifest.articles(text=False), search or "")

    def refresh(self, search: str) -> tuple[str, str]:
        return self.listing(search), self.status()

    def open_article(self, evt: gr.EventData) -> tuple[Any, str, str]:
        """Show one article (from a click on its title in the list)."""
        article_id = str((evt._data or {}).get("article", ""))
        if not article_id:
            return gr.skip(), gr.skip(), gr.skip()
        return gr.Column(visible=True), self._view(article_id), article_id

    def close_article(self) -> tuple[Any, str]:
        return gr.Column(visible=False), ""

    def _view(self, article_id: str) -> str:
        row = self.desk.manifest.article(article_id)
        if row is None:
            return (
                '<p class="nd-state nd-error">This article is no longer in the store '
                "(deleted or re-ingested under another name).</p>"
            )
        found = self.desk.manifest.chunks(self.desk.manifest.chunk_ids(article_id))
        chunks = sorted((c for c, _ in found.values()), key=lambda c: c.idx)
        return library_view.article_view(row, chunks)

    # -- writing one article ----------------------------------------------------------------
    def delete_article(self, article_id: str, search: str) -> tuple[Any, ...]:
        """Delete the open article (the page asked the user to confirm; an empty id means
        they cancelled)."""
        if not article_id:
            return ("Delete cancelled.", gr.skip(), gr.skip(), gr.skip(), *self.refresh(search))
        try:
            removal = remove_article(self.desk, article_id)
        except NewsdeskError as exc:
            return (f"⚠️ {render.md_escape(str(exc))}", gr.skip(), gr.skip(), gr.skip(),
                    *self.refresh(search))
        text = (
            f"**Deleted** “{render.md_escape(removal.title)}” from the store; "
            f"{render.md_escape(removal.file_note)}."
        )
        return (text, gr.Column(visible=False), "", "", *self.refresh(search))

    def reingest_one(self, article_id: str, search: str) -> tuple[Any, ...]:
        if not article_id:
            return ("Open an article first.", gr.skip(), *self.refresh(search))
        try:
            summary = reingest_article(self.desk, article_id)
        except NewsdeskError as exc:
            return (f"⚠️ {render.md_escape(str(exc))}", gr.skip(), *self.refresh(search))
        row = self.desk.manifest.article(article_id)
        name = render.md_escape(row.path if row else article_id)
        text = f"**Re-ingested** {name}: {summary.line()} ({summary.seconds:.1f} s)"
        if summary.failed:
            text += "".join(
                f"\n- {render.md_escape(f)}: {render.md_escape(r)}" for f, r in summary.failed
            )
        return (text, self._view(article_id), *self.refresh(search))

    # -- uploads and the whole corpus -------------------------------------------------------
    def upload(
        self,
        files: list[str] | None,
        search: str,
        progress: gr.Progress = gr.Progress(),  # noqa: B008 - Gradio's injection marker
    ) -> tuple[Any, ...]:
        text, _ = self._save_and_ingest(files or [], progress)
        return (text, None, *self.refresh(search))

    def reingest(
        self,
        search: str,
        progress: gr.Progress = gr.Progress(),  # noqa: B008
    ) -> tuple[Any, ...]:
        text, _ = self._save_and_ingest([], progress)
        return (text, *self.refresh(search))

    def ingest_api(
        self,
        files: list[str] | None = None,
        progress: gr.Progress = gr.Progress(),  # noqa: B008
    ) -> dict[str, Any]:
        """``/ingest``: the summary as JSON, with refused uploads listed under ``failed``."""
        _, data = self._save_and_ingest(files or [], progress)
        if "error" in data:
            raise gr.Error(data["error"])
        return data

    def _save_and_ingest(
        self, files: list[str], progress: gr.Progress
    ) -> tuple[str, dict[str, Any]]:
        """Uploads (if any) are checked, ingested and placed in the corpus (``ui.uploads``); no
        uploads means re-ingest the corpus."""

        def tally(t: Tally) -> None:
            progress((t.done, max(t.known, 1)), desc=render.ingest_progress(t), unit="articles")

        progress(0, desc="Ingesting")
        try:
            if files:
                uploads = [(Path(f).name, Path(f)) for f in files]
                summary, placed = ingest_uploads(self.desk, uploads, articles=tally)
            else:  # the whole corpus with pruning, exactly as `newsdesk ingest` does
                summary, placed = ingest_articles(self.desk, None, articles=tally), 0
        except NewsdeskError as exc:
            gr.Warning(str(exc))
            return f"⚠️ {render.md_escape(str(exc))}", {"error": str(exc)}
        finally:
            forget_uploads(files)
        return render.summary_markdown(summary, saved=placed), summary.to_json()
