#!/usr/bin/env bash
# Installs what is missing, builds Mailpeek and runs the whole test suite
# (unit, integration against a private Dovecot, GUI offscreen, packaging).
# This is the command the README gives and the one CI runs.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=${MAILPEEK_BUILD_DIR:-"$root/build"}
jobs=${MAILPEEK_JOBS:-$(nproc)}

"$root/scripts/install-deps.sh"
cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo
cmake --build "$build" -j "$jobs"
# Tests start their own servers on free ports, so they can run in parallel.
QT_QPA_PLATFORM=offscreen ctest --test-dir "$build" --output-on-failure -j "$jobs" \
    --timeout 900 "$@"
