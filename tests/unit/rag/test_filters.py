"""rag.filters: source and date-range filters as a Chroma ``where`` and a BM25 mask."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from rag.filters import Filters


def ts(text: str) -> float:
    return datetime.fromisoformat(text).replace(tzinfo=UTC).timestamp()


def test_coerce_accepts_dicts_a_single_source_and_empties() -> None:
    assert Filters.coerce(None) is None
    assert Filters.coerce({}) is None
    assert Filters.coerce(Filters()) is None
    f = Filters.coerce({"source": "Reuters", "since": "2025-01-01"})
    assert f == Filters(sources=("Reuters",), since="2025-01-01")


def test_a_bare_until_date_covers_the_whole_day() -> None:
    lo, hi = Filters(since="2025-11-21", until="2025-11-21").bounds()
    assert lo == ts("2025-11-21T00:00:00") and hi == ts("2025-11-21T23:59:59")


def test_datetimes_without_zone_are_utc_and_z_is_accepted() -> None:
    lo, hi = Filters(since="2025-11-21T10:00:00", until="2025-11-21T12:00:00Z").bounds()
    assert (lo, hi) == (ts("2025-11-21T10:00:00"), ts("2025-11-21T12:00:00"))


def test_a_bad_date_names_the_value_and_the_expected_form() -> None:
    with pytest.raises(ValueError, match=r"expected a date like 2025-03-14, got '21/11/2025'"):
        Filters(since="21/11/2025").bounds()


def test_chroma_where_combines_clauses() -> None:
    assert Filters().chroma_where() is None
    assert Filters(sources=("AP",)).chroma_where() == {"source": {"$in": ["AP"]}}
    where = Filters(sources=("AP", "VOA"), since="2007-09-01", until="2007-09-30").chroma_where()
    in_range = {"$and": [
        {"published_ts": {"$gte": int(ts("2007-09-01T00:00:00"))}},
        {"published_ts": {"$lte": int(ts("2007-09-30T23:59:59"))}},
    ]}
    assert where == {"$and": [{"source": {"$in": ["AP", "VOA"]}}, in_range]}
    # Articles with no date are kept by name when asked for (Chroma cannot match a missing key).
    keep = Filters(since="2007-09-01", until="2007-09-30", undated=True)
    assert keep.chroma_where(["a9"]) == {"$or": [in_range, {"article_id": {"$in": ["a9"]}}]}
