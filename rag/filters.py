"""Retrieval filters (source, date range), turned into a Chroma ``where`` and a BM25 mask."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any

import numpy as np


@dataclass(frozen=True)
class Filters:
    sources: tuple[str, ...] = ()
    since: str = ""  # ISO date or datetime, inclusive
    until: str = ""  # ISO date or datetime, inclusive (a bare date means the whole day)

    @classmethod
    def coerce(cls, value: Filters | dict[str, Any] | None) -> Filters | None:
        if value is None or isinstance(value, Filters):
            return value or None
        sources = value.get("sources", value.get("source", ())) or ()
        if isinstance(sources, str):
            sources = (sources,)
        coerced = cls(
            sources=tuple(sources),
            since=str(value.get("since", "") or ""),
            until=str(value.get("until", "") or ""),
        )
        return coerced or None

    def __bool__(self) -> bool:
        return bool(self.sources or self.since or self.until)

    def bounds(self) -> tuple[float | None, float | None]:
        return _ts(self.since, end=False), _ts(self.until, end=True)

    def chroma_where(self) -> dict[str, Any] | None:
        clauses: list[dict[str, Any]] = []
        if self.sources:
            clauses.append({"source": {"$in": list(self.sources)}})
        lo, hi = self.bounds()
        if lo is not None:
            clauses.append({"published_ts": {"$gte": int(lo)}})
        if hi is not None:
            clauses.append({"published_ts": {"$lte": int(hi)}})
        if not clauses:
            return None
        return clauses[0] if len(clauses) == 1 else {"$and": clauses}

    def mask(self, sources: np.ndarray, published_ts: np.ndarray) -> np.ndarray:
        keep = np.ones(len(sources), dtype=bool)
        if self.sources:
            keep &= np.isin(sources, list(self.sources))
        lo, hi = self.bounds()
        with np.errstate(invalid="ignore"):
            if lo is not None:
                keep &= published_ts >= lo
            if hi is not None:
                keep &= published_ts <= hi
        return keep.astype(np.float32)


def _ts(value: str, *, end: bool) -> float | None:
    if not value:
        return None
    try:
        if len(value) == 10:
            d = date.fromisoformat(value)
            dt = datetime(d.year, d.month, d.day, tzinfo=UTC)
            return dt.timestamp() + (86399 if end else 0)
        dt = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError as exc:
        raise ValueError(f"expected a date like 2025-03-14, got {value!r}") from exc
    if dt.tzinfo is None:
        dt = dt.replace(tzinfo=UTC)
    return dt.timestamp()
