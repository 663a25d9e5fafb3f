#!/usr/bin/env bash
# Downloads and unpacks the Debian POP3 servers the interop tests run,
# without installing them.
#
#   fetch-servers.sh DEST-DIR
#
# Debian's POP3 servers other than Dovecot declare `Conflicts: pop3-server`
# with dovecot-pop3d, which the integration tests need, so installing one
# would remove Dovecot. Each package below is fetched with `apt-get download`
# into DEST-DIR/debs (kept between runs) and unpacked with `dpkg-deb -x` into
# DEST-DIR/root, which then holds usr/..., etc/... as the package would
# install them. The libraries they link do not conflict with anything and are
# installed normally by scripts/install-deps.sh.
#
# Idempotent and safe to run in parallel (one lock on DEST-DIR). Exits
# non-zero with the reason on stderr when a package cannot be had: the
# launcher that needs it then fails, the test is never skipped.
set -euo pipefail

packages=(
    # Cyrus pop3d (tests/interop/servers/cyrus): master, pop3d and
    # the tools live in cyrus-common
    cyrus-common cyrus-pop3d
    # imapd (cyrus-imapd), only to fill the mailbox byte for byte with APPEND
    cyrus-imapd
    # Courier pop3d (tests/interop/servers/courier): couriertcpd and
    # couriertls come from courier-base, authdaemond and its userdb module
    # from courier-authlib*
    courier-pop courier-base courier-authlib courier-authdaemon courier-authlib-userdb
    # solid-pop3d (tests/interop/servers/solid-pop3d)
    solid-pop3d
)

if [ $# -ne 1 ]; then
    echo "usage: $0 DEST-DIR" >&2
    exit 2
fi
dest=$1
mkdir -p "$dest/debs"
exec 9>"$dest/.lock"
flock 9

stamp="$dest/root/.unpacked"
wanted="${packages[*]}"
if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$wanted" ]; then
    exit 0
fi

find_deb() {
    # Newest downloaded version of package $1 (files are NAME_VERSION_ARCH.deb).
    local matches=("$dest/debs/$1"_*.deb)
    [ -e "${matches[0]}" ] || return 1
    printf '%s\n' "${matches[@]}" | sort -V | tail -n 1
}

download() {
    (cd "$dest/debs" && apt-get download -q "$1" >"$dest/download.log" 2>&1)
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
            apt-get update -qq >"$dest/update.log" 2>&1 || true
        fi
        if ! download "$p"; then
            echo "fetch-servers: cannot download Debian package '$p' (apt-get download):" >&2
            cat "$dest/download.log" >&2
            exit 1
        fi
    fi
done

rm -rf "$dest/root"
mkdir -p "$dest/root"
for p in "${packages[@]}"; do
    deb=$(find_deb "$p")
    if ! dpkg-deb -x "$deb" "$dest/root"; then
        echo "fetch-servers: cannot unpack $deb" >&2
        exit 1
    fi
done
echo "$wanted" >"$stamp"
