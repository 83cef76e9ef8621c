#!/usr/bin/env bash
# Set up (with test tools and chromium), then ruff, the import-layer contract (import-linter),
# mypy over rag/, ingest/ and ui/, and the default test suite.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh --test
export HF_HUB_OFFLINE=1
.venv/bin/ruff check .
.venv/bin/lint-imports
.venv/bin/mypy
# Two workers or more (pytest-xdist), a test file per worker: most tests wait on one core (the
# model, a server, a browser), so two run side by side: 13 min -> 7-8 min on the 2-core box
# (2026-11-26); 873 tests in 6 min 17 s on 2026-12-08 (eleventh session, load 0.92); the cold
# `newsdesk` processes the README, package and CLI tests start cost most of it (docs/ARCHITECTURE.md).
.venv/bin/python -m pytest -q -n auto --maxprocesses 4 --dist loadfile "$@"
