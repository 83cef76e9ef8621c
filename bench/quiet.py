"""Is the machine quiet enough to time on? Benchmarks record the load and refuse a busy box.

Ingest ratios measured at load average 9-19 reversed on a quiet machine, so every timing run
notes the 1-minute load average before and after, and results taken while other processes kept
the CPUs busy are written under ``bench/results/loaded/`` and marked ``"loaded": true`` instead
of replacing the quiet figures the docs quote.

The check subtracts nothing: a load average above ``LIMIT`` before the run means another process
was using the machine (the benchmark itself has not started yet). After the run the load includes
the benchmark's own work, so it is recorded, not judged.
"""

from __future__ import annotations

import os
import time
from pathlib import Path

LIMIT = 1.0
RESULTS = Path(__file__).resolve().parent / "results"


def load1() -> float:
    return os.getloadavg()[0]


def wait_for_quiet(max_wait_s: float = 300.0, limit: float = LIMIT) -> float:
    """Wait up to ``max_wait_s`` for the 1-minute load average to fall to ``limit``."""
    deadline = time.monotonic() + max_wait_s
    load = load1()
    while load > limit and time.monotonic() < deadline:
        time.sleep(10)
        load = load1()
    return load


class LoadRecord:
    """``with LoadRecord(allow_loaded) as rec: ...``; then ``rec.path(name)`` and ``rec.meta``."""

    def __init__(self, allow_loaded: bool = False, max_wait_s: float = 300.0) -> None:
        self.allow_loaded = allow_loaded
        self.max_wait_s = max_wait_s
        self.before = 0.0
        self.after = 0.0

    def __enter__(self) -> LoadRecord:
        self.before = wait_for_quiet(self.max_wait_s)
        if self.before > LIMIT and not self.allow_loaded:
            raise SystemExit(
                f"load average {self.before:.2f} > {LIMIT}: other processes are using the CPUs, "
                "so timings would not be comparable. Stop them and run again, or pass "
                "--allow-loaded to write the results under bench/results/loaded/ marked loaded."
            )
        return self

    def __exit__(self, *exc: object) -> None:
        self.after = load1()

    @property
    def loaded(self) -> bool:
        return self.before > LIMIT

    @property
    def meta(self) -> dict[str, object]:
        return {
            "load_before": round(self.before, 2),
            "load_after": round(self.after or load1(), 2),
            "loaded": self.loaded,
            "cpus": os.cpu_count(),
            "when": time.strftime("%Y-%m-%d %H:%M:%S UTC", time.gmtime()),
        }

    def path(self, name: str) -> Path:
        folder = RESULTS / "loaded" if self.loaded else RESULTS
        folder.mkdir(parents=True, exist_ok=True)
        return folder / name
