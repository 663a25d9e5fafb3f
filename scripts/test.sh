#!/usr/bin/env bash
# Installs what is missing, builds Mailpeek and runs the whole test suite
# (unit, integration against a private Dovecot, GUI offscreen, packaging),
# then the suite again under ASan+UBSan and the fuzz targets for a bounded time.
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

# Presets are read from the source tree.
cd "$root"

# The same suite again under AddressSanitizer + UndefinedBehaviorSanitizer
# (CMakePresets.json "asan", build-asan/). packaging.deb is left out: it
# checks the package built above, and a package of sanitised binaries would
# prove nothing. MAILPEEK_SKIP_ASAN=1 skips this pass.
if [ "${MAILPEEK_SKIP_ASAN:-0}" != 1 ]; then
    cmake --preset asan
    cmake --build --preset asan -j "$jobs"
    QT_QPA_PLATFORM=offscreen ctest --preset asan -j "$jobs" --timeout 900 -LE packaging "$@"
fi

# The libFuzzer targets (preset "fuzz", clang, build-fuzz/): each replays
# its committed corpus, then fuzzes for MAILPEEK_FUZZ_SECONDS (45 s).
# MAILPEEK_SKIP_FUZZ=1 skips this pass.
if [ "${MAILPEEK_SKIP_FUZZ:-0}" != 1 ]; then
    cmake --preset fuzz -DMAILPEEK_FUZZ_SECONDS="${MAILPEEK_FUZZ_SECONDS:-45}"
    cmake --build --preset fuzz -j "$jobs"
    ctest --preset fuzz -j "$jobs"
fi
