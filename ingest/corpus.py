"""The corpus folder compared with the store: the check ``newsdesk status`` adds to Chroma's.

An article is in the store because a file in the corpus holds it; files and stored articles can
drift apart (a file added or deleted and not ingested, a run that failed on a file, an article
dropped by an interrupted write while its file stayed). ``corpus_problems`` says where.
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING

from ingest.loaders import walk
from ingest.pipeline import file_key
from ingest.readers import SUPPORTED

if TYPE_CHECKING:
    from rag.newsdesk import Newsdesk

# File names quoted per problem line.
EXAMPLES = 3


def corpus_problems(desk: Newsdesk) -> list[str]:
    """One line per kind of drift between the corpus folder and the stored articles: corpus
    files (of a type ingest reads) that no stored article comes from, and stored articles whose
    corpus file is gone. Files outside the corpus are not checked. Empty when they agree."""
    corpus = desk.settings.corpus_dir
    if not corpus.is_dir():
        return []
    stored = {path for _, path in desk.manifest.hashes().values()}
    files = {
        file_key(path, corpus)
        for path, error in walk(corpus)
        if error is None and path.suffix.lower() in SUPPORTED
    }
    problems = []
    unstored = sorted(files - stored)
    if unstored:
        problems.append(
            f"{len(unstored)} file(s) in the corpus hold no stored article "
            f"({_examples(unstored)}): run `newsdesk ingest`; a file it refuses stays listed "
            "until it is fixed or removed"
        )
    gone = sorted(p for p in stored - files if not os.path.isabs(p))
    if gone:
        problems.append(
            f"{len(gone)} stored file(s) are gone from the corpus ({_examples(gone)}): run "
            "`newsdesk ingest` to remove their articles"
        )
    return problems


def _examples(names: list[str]) -> str:
    shown = ", ".join(names[:EXAMPLES])
    return shown + (f" and {len(names) - EXAMPLES} more" if len(names) > EXAMPLES else "")
