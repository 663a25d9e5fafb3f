#!/usr/bin/env bash
# Installs every Debian 12 package Mailpeek needs to build, run and test.
# Idempotent: packages already present are left alone. Must run as root
# (or through sudo) on Debian 12 (bookworm).
set -euo pipefail

packages=(
    # toolchain
    build-essential cmake ninja-build pkg-config git clang clang-format clang-tidy
    libclang-rt-14-dev # libFuzzer and the sanitizer runtimes for clang (fuzz/), only recommended by clang
    # Qt 6 (Core, Network, Widgets, Sql, Test) and its tools
    qt6-base-dev qt6-base-dev-tools qt6-tools-dev qt6-tools-dev-tools qt6-l10n-tools
    libqt6sql6-sqlite libqt6svg6 qt6-svg-dev qtkeychain-qt6-dev libgl-dev qt6-translations-l10n
    # SHA-256 for export fingerprints (libcrypto)
    libssl-dev
    # MIME parsing
    libgmime-3.0-dev
    # integration tests: a real POP3 server, TLS material, independent readers
    dovecot-core dovecot-pop3d openssl python3 ca-certificates
    # interop tests (tests/interop): CPython's POP3 test server, and what the
    # other servers need at run time. The servers themselves conflict with
    # dovecot-pop3d (pop3-server) and are unpacked by tests/interop/fetch-packages.sh
    libpython3.11-testsuite libmailutils9 libmu-dbm9
    # GUI tests and screenshots
    xvfb xauth fonts-noto-core fonts-noto-cjk fonts-noto-color-emoji
    # the GUI holds the X display while Qt connects (app/gui/displayhold)
    libxcb1-dev
    # start-up stress test (tests/ui/tst_startup): the accessibility bus,
    # a session bus to start it through, xwininfo/xprop to watch the display
    at-spi2-core dbus-daemon x11-utils
    # packaging checks
    dpkg-dev file desktop-file-utils appstream librsvg2-bin
    # peers for the benchmark
    mpop fetchmail
    # interop tests: libraries of the Cyrus, Courier and solid-pop3d servers
    # that tests/interop/fetch-packages.sh unpacks (the servers
    # themselves conflict with dovecot-pop3d and are never installed), and
    # saslpasswd2 for Cyrus' private sasldb
    libxapian30 libical3 libcourier-unicode4 liblockfile1 libltdl7 sasl2-bin
)

missing=()
for p in "${packages[@]}"; do
    if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed'; then
        missing+=("$p")
    fi
done

if [ ${#missing[@]} -eq 0 ]; then
    echo "install-deps: all ${#packages[@]} packages already installed"
    exit 0
fi

SUDO=""
if [ "$(id -u)" -ne 0 ]; then
    SUDO="sudo"
fi

echo "install-deps: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"

# Dovecot's package starts a system instance; the tests run their own on
# free ports, so the system one is not needed. Stop it where it runs.
if command -v systemctl >/dev/null 2>&1 && systemctl is-active --quiet dovecot 2>/dev/null; then
    $SUDO systemctl stop dovecot || true
fi
