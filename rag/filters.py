"""Retrieval filters (source, date range), turned into a Chroma ``where`` (and, in
``rag.store.lexical``, a query on the lexical index)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any


@dataclass(frozen=True)
class Filters:
    sources: tuple[str, ...] = ()  # "" stands for articles that name no source
    since: str = ""  # ISO date or datetime, inclusive
    until: str = ""  # ISO date or datetime, inclusive (a bare date means the whole day)
    # With a date range: keep articles that carry no date (otherwise a range leaves them out).
    undated: bool = False

    @classmethod
    def coerce(cls, value: Filters | dict[str, Any] | None) -> Filters | None:
        if value is None or isinstance(value, Filters):
            return value or None
        sources = value.get("sources", value.get("source", ())) or ()
        if isinstance(sources, str):
            sources = (sources,)
        coerced = cls(
            sources=tuple(sources),
            since=str(value.get("since", "") or "").strip(),
            until=str(value.get("until", "") or "").strip(),
            undated=bool(value.get("undated", value.get("include_undated", False))),
        )
        return coerced or None

    def __bool__(self) -> bool:
        return bool(self.sources or self.since or self.until)

    @property
    def dated(self) -> bool:
        """A date range is set, so articles without a date are left out unless ``undated``."""
        return bool(self.since or self.until)

    def bounds(self) -> tuple[float | None, float | None]:
        """Timestamps of the range; ``ValueError`` names the bad field or a reversed range."""
        lo, hi = _ts(self.since, "since", end=False), _ts(self.until, "until", end=True)
        if lo is not None and hi is not None and lo > hi:
            raise ValueError(
                f"the date range is reversed: since {self.since} is after until {self.until}; "
                "swap the two dates"
            )
        return lo, hi

    def describe(self) -> str:
        """The filters as a reader says them: ``source: Test Wire; from 2025-11-21``."""
        parts = []
        if self.sources:
            names = ", ".join(s or "(no source)" for s in self.sources)
            parts.append(f"source{'s' if len(self.sources) > 1 else ''}: {names}")
        if self.since:
            parts.append(f"from {self.since}")
        if self.until:
            parts.append(f"to {self.until}")
        if self.dated and self.undated:
            parts.append("undated included")
        return "; ".join(parts)

    def chroma_where(self, undated_ids: Sequence[str] = ()) -> dict[str, Any] | None:
        """The Chroma ``where``; ``undated_ids`` are the articles with no date, kept when
        ``undated`` is set (Chroma cannot match a missing field, so they are named)."""
        clauses: list[dict[str, Any]] = []
        if self.sources:
            clauses.append({"source": {"$in": list(self.sources)}})
        lo, hi = self.bounds()
        dates: list[dict[str, Any]] = []
        if lo is not None:
            dates.append({"published_ts": {"$gte": int(lo)}})
        if hi is not None:
            dates.append({"published_ts": {"$lte": int(hi)}})
        if dates:
            in_range = dates[0] if len(dates) == 1 else {"$and": dates}
            if self.undated and undated_ids:
                in_range = {"$or": [in_range, {"article_id": {"$in": list(undated_ids)}}]}
            clauses.append(in_range)
        if not clauses:
            return None
        return clauses[0] if len(clauses) == 1 else {"$and": clauses}


def _ts(value: str, name: str, *, end: bool) -> float | None:
    if not value:
        return None
    try:
        if len(value) == 10:
            d = date.fromisoformat(value)
            dt = datetime(d.year, d.month, d.day, tzinfo=UTC)
            return dt.timestamp() + (86399 if end else 0)
        dt = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError as exc:
        raise ValueError(f"{name}: expected a date like 2025-03-14, got {value!r}") from exc
    if dt.tzinfo is None:
        dt = dt.replace(tzinfo=UTC)
    return dt.timestamp()
