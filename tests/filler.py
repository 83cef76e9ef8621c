"""Short distinct articles written into a folder: many, cheap to embed, none folded."""

from __future__ import annotations

import random
from pathlib import Path

WORDS = (
    "anchor barge beacon cargo crane dock estuary fishing freight gale gull hull island jetty "
    "keel lantern lighthouse mast mooring net oar pier pilot quay reef rope rudder sail "
    "schooner seal shipyard skipper storm tide trawler tugboat wharf wreck yacht"
).split()


def filler(root: Path, n: int, start: int = 0) -> list[Path]:
    """Short distinct articles (one chunk each, no two near-duplicates): cheap to embed, many
    to prune."""
    paths = []
    for i in range(start, start + n):
        rng = random.Random(i)
        a, b, c, d, e, f = rng.sample(WORDS, 6)
        path = root / f"filler-{i:05d}.txt"
        path.write_text(
            f"Harbour bulletin {i}: {a} and {b}\nThe ferry passed the {c} near the {d} at "
            f"{i % 24}:00, and the {e} crew reported a damaged {f} in report number {i}.\n",
            encoding="utf-8",
        )
        paths.append(path)
    return paths
