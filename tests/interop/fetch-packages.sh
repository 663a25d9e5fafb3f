#!/usr/bin/env bash
# Unpacks Debian packages for the interop tests without installing them.
#
#   fetch-packages.sh CACHE-DIR ROOT-DIR PACKAGE...
#
# Most of Debian's POP3 servers declare `Conflicts: pop3-server` with
# dovecot-pop3d, which the integration tests need, so they are never
# installed: each PACKAGE is fetched with `apt-get download` into
# CACHE-DIR/debs (kept between runs) and unpacked with `dpkg-deb -x` into
# ROOT-DIR, which then holds usr/sbin/..., etc/... as the package would
# install them. The libraries they link are ordinary packages that
# scripts/install-deps.sh installs.
#
# Idempotent and safe to run in parallel (one lock for the whole cache).
# Exits non-zero with the reason on stderr when a package cannot be had:
# the interop test that needs it then fails, it is never skipped.
set -euo pipefail

if [ $# -lt 3 ]; then
    echo "usage: $0 CACHE-DIR ROOT-DIR PACKAGE..." >&2
    exit 2
fi
cache=$(realpath -m "$1")
root=$(realpath -m "$2")
shift 2
packages=("$@")

mkdir -p "$cache/debs" "$root"
exec 9>"$cache/.lock"
flock 9

stamp="$root/.unpacked"
wanted="${packages[*]}"
if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$wanted" ]; then
    exit 0
fi

find_deb() {
    # Newest downloaded version of package $1 (file names are NAME_VERSION_ARCH.deb).
    local matches=("$cache/debs/$1"_*.deb)
    [ -e "${matches[0]}" ] || return 1
    printf '%s\n' "${matches[@]}" | sort -V | tail -n 1
}

download() {
    (cd "$cache/debs" && apt-get download -q "$1" >"$cache/download.log" 2>&1)
}

updated=0
for p in "${packages[@]}"; do
    if find_deb "$p" >/dev/null; then
        continue
    fi
    if ! download "$p"; then
        # A fresh machine may have no package lists yet: fetch them once.
        if [ $updated -eq 0 ] && [ "$(id -u)" -eq 0 ]; then
            updated=1
            apt-get update -qq >"$cache/update.log" 2>&1 || true
        fi
        if ! download "$p"; then
            echo "fetch-packages: cannot download Debian package '$p' (apt-get download):" >&2
            cat "$cache/download.log" >&2
            exit 1
        fi
    fi
done

rm -rf "$root"
mkdir -p "$root"
for p in "${packages[@]}"; do
    deb=$(find_deb "$p")
    if ! dpkg-deb -x "$deb" "$root"; then
        echo "fetch-packages: cannot unpack $deb" >&2
        exit 1
    fi
done
echo "$wanted" >"$stamp"
