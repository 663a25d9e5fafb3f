#!/usr/bin/env bash
# Builds the .deb from the build tree, unpacks it into a temporary root and
# checks what a user installing it would get: valid desktop integration,
# Depends filled in by shlibdeps, binaries without build-tree RPATH that run
# from their installed paths.
set -euo pipefail
build=$1
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

fail() { echo "FAIL: $*" >&2; exit 1; }

cpack --config "$build/CPackConfig.cmake" -B "$work/pkg" >"$work/cpack.log" 2>&1 \
    || { cat "$work/cpack.log"; fail "cpack failed"; }
deb=$(ls "$work"/pkg/mailpeek_*.deb 2>/dev/null | head -n1)
[ -f "$deb" ] || fail "no .deb produced"
echo "built $(basename "$deb")"

[ "$(dpkg-deb -f "$deb" Package)" = mailpeek ] || fail "package name"
depends=$(dpkg-deb -f "$deb" Depends)
echo "Depends: $depends"
for lib in libqt6core6 libqt6network6 libqt6widgets6 libgmime-3.0; do
    grep -q "$lib" <<<"$depends" || fail "Depends lacks $lib"
done

root="$work/root"
dpkg-deb -x "$deb" "$root"
for f in usr/bin/mailpeek usr/bin/mailpeek-cli \
         usr/share/applications/org.mailpeek.Mailpeek.desktop \
         usr/share/metainfo/org.mailpeek.Mailpeek.metainfo.xml \
         usr/share/icons/hicolor/scalable/apps/org.mailpeek.Mailpeek.svg \
         usr/share/icons/hicolor/48x48/apps/org.mailpeek.Mailpeek.png \
         usr/share/icons/hicolor/256x256/apps/org.mailpeek.Mailpeek.png \
         usr/share/man/man1/mailpeek.1 usr/share/man/man1/mailpeek-cli.1 \
         usr/share/doc/mailpeek/README.md; do
    [ -e "$root/$f" ] || fail "missing $f"
done
file "$root/usr/share/icons/hicolor/48x48/apps/org.mailpeek.Mailpeek.png" | grep -q "48 x 48" \
    || fail "48x48 icon has the wrong size"

desktop-file-validate "$root/usr/share/applications/org.mailpeek.Mailpeek.desktop" \
    || fail "desktop file invalid"
appstreamcli validate --no-net "$root/usr/share/metainfo/org.mailpeek.Mailpeek.metainfo.xml" \
    || fail "metainfo invalid"
man -l "$root/usr/share/man/man1/mailpeek-cli.1" >/dev/null 2>&1 || \
    groff -man -Tutf8 "$root/usr/share/man/man1/mailpeek-cli.1" >/dev/null || fail "man page"

for bin in mailpeek mailpeek-cli; do
    if readelf -d "$root/usr/bin/$bin" | grep -Eq 'RPATH|RUNPATH'; then
        fail "$bin carries an RPATH"
    fi
done

# The desktop program answers --version without a display.
gui_version=$(env -u DISPLAY -u WAYLAND_DISPLAY -u QT_QPA_PLATFORM "$root/usr/bin/mailpeek" --version 2>/dev/null)
echo "$gui_version"
grep -q "^Mailpeek [0-9]" <<<"$gui_version" || fail "mailpeek --version printed '$gui_version'"

version=$("$root/usr/bin/mailpeek-cli" --version)
echo "$version"
grep -q "^mailpeek-cli [0-9]" <<<"$version" || fail "--version printed '$version'"

# The installed CLI against its own built-in demo server: a real POP3
# session (STLS, pinned certificate, SCRAM) from the unpacked paths.
demo=$("$root/usr/bin/mailpeek-cli" --demo stat)
echo "demo stat: $demo"
grep -Eq '^[0-9]+ [0-9]+$' <<<"$demo" || fail "--demo stat printed '$demo'"
