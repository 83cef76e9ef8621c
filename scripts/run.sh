#!/usr/bin/env bash
# Quick start: set up, ingest corpus/, answer the sample question, then open the chat UI.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
export HF_HUB_OFFLINE=1
.venv/bin/newsdesk ingest corpus
.venv/bin/newsdesk ask "${1:-What did Rubio say about guarantees?}"
echo "Newsdesk chat: http://${NEWSDESK_HOST:-127.0.0.1}:${NEWSDESK_PORT:-7860} (Ctrl+C stops it)"
exec .venv/bin/newsdesk serve
