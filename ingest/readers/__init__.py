"""One reader per file type, registered here; everything else is derived from this registry.

``ingest.loaders.load_file`` picks the reader by suffix, the upload widget offers these
suffixes, and the README's "What goes in" table is checked against them (tests/test_readme.py).
Adding a file type is one module (``SUFFIXES``, ``DESCRIPTION``, ``read(text, display, suffix)
-> Loaded``) and one line below.
"""

from __future__ import annotations

from types import ModuleType

from ingest.readers import feed, html_page, json_records, text

REGISTERED: tuple[ModuleType, ...] = (
    text,
    html_page,
    json_records,
    feed,
)
READERS: dict[str, ModuleType] = {s: reader for reader in REGISTERED for s in reader.SUFFIXES}
SUPPORTED: tuple[str, ...] = tuple(READERS)
