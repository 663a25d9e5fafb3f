#!/usr/bin/env bash
# Installs what is missing, builds Mailpeek and starts the desktop app.
# Extra arguments go to the app.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=${MAILPEEK_BUILD_DIR:-"$root/build"}

"$root/scripts/install-deps.sh"
cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo
cmake --build "$build" -j "$(nproc)" --target mailpeek mailpeek-cli
exec "$build/app/mailpeek" "$@"
