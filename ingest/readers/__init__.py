"""One reader per file type, registered here; everything else is derived from this registry.

``ingest.loaders.load_file`` picks the reader by suffix, the upload widget offers these
suffixes, and the README's "What goes in" table is checked against them
(tests/integration/test_readme.py).
Adding a file type is one module that is a ``Reader`` (``SUFFIXES``, ``DESCRIPTION``,
``read(raw, display, suffix) -> Loaded``) and one line below; mypy checks each entry against
the Protocol, and so does the registry when it is imported.
"""

from __future__ import annotations

from typing import Protocol

from ingest.article import Loaded
from ingest.readers import feed, html_page, json_records, text
from rag.contracts import conform


class Reader(Protocol):
    """A file type's reader: a module with these three names."""

    @property
    def SUFFIXES(self) -> tuple[str, ...]:
        """Lower case, with the dot: ``(".txt", ".md")``."""
        ...

    @property
    def DESCRIPTION(self) -> str:
        """One line for the README's "What goes in" table."""
        ...

    def read(self, raw: str, display: str, suffix: str) -> Loaded:
        """The articles in one file's decoded text (``display``: its name for messages), and
        the records inside it that failed (``IngestError`` each); raise ``IngestError`` when
        the whole file is unreadable."""
        ...


REGISTERED: tuple[Reader, ...] = (
    text,
    html_page,
    json_records,
    feed,
)
for _reader in REGISTERED:
    conform(_reader, Reader, f"reader {getattr(_reader, '__name__', _reader)!r}")
READERS: dict[str, Reader] = {s: reader for reader in REGISTERED for s in reader.SUFFIXES}
SUPPORTED: tuple[str, ...] = tuple(READERS)
