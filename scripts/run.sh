#!/usr/bin/env bash
# Installs what is missing, builds Mailpeek and starts the desktop app.
# Without arguments it opens the built-in demo mailbox (--demo); with
# arguments they go to the app instead (e.g. --help).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=${MAILPEEK_BUILD_DIR:-"$root/build"}

"$root/scripts/install-deps.sh"
cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo
cmake --build "$build" -j "$(nproc)" --target mailpeek mailpeek-cli
if [ $# -eq 0 ]; then
    set -- --demo
fi
exec "$build/app/mailpeek" "$@"
