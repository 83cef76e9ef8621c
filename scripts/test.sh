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
.venv/bin/python -m pytest -q "$@"
