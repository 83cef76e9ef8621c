#!/usr/bin/env bash
# Quick start: set up, ingest corpus/, and answer the sample question.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
export HF_HUB_OFFLINE=1
.venv/bin/newsdesk ingest corpus
.venv/bin/newsdesk ask "${1:-What did Rubio say about guarantees?}"
