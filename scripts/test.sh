#!/usr/bin/env bash
# Set up (with test tools and chromium) and run the default test suite, then ruff.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh --test
export HF_HUB_OFFLINE=1
.venv/bin/ruff check .
.venv/bin/python -m pytest -q "$@"
