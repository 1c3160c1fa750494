#!/bin/sh
# test-data-install.sh: `meson install` puts every file where the desktop expects it,
# and the installed programs run.
# SPDX-License-Identifier: GPL-3.0-or-later
#
#   test-data-install.sh BUILD_DIR PREFIX BINDIR DATADIR MANDIR LOCALEDIR APP_ID VERSION
#
# Installs the build into a temporary DESTDIR, checks the installed files,
# runs the installed hlgmos-cli and hlgmos-server, checks the installed
# translations, then starts the installed app in French under Xvfb for three
# seconds: it must still be running when `timeout` stops it.
set -eu

build=$1 prefix=$2 bindir=$3 datadir=$4 mandir=$5 localedir=$6 app_id=$7 version=$8

tmp=$(mktemp -d "${TMPDIR:-/tmp}/hlgmos-install.XXXXXX")
trap 'rm -rf "$tmp"' EXIT INT TERM
dest=$tmp/dest
failures=0

fail() { echo "FAIL: $*" >&2; failures=$((failures + 1)); }
ok() { echo "ok: $*"; }

# Absolute install paths, as `meson install` writes them under DESTDIR.
abs() { case $1 in /*) echo "$1" ;; *) echo "$prefix/$1" ;; esac; }
bin=$dest$(abs "$bindir")
share=$dest$(abs "$datadir")
man=$dest$(abs "$mandir")
locale=$dest$(abs "$localedir")

meson install -C "$build" --no-rebuild --quiet --destdir "$dest" >"$tmp/install.log" 2>&1 || {
  cat "$tmp/install.log" >&2
  echo "FAIL: meson install --destdir" >&2
  exit 1
}
ok "meson install --destdir"

for f in \
  "$bin/hlgmos" \
  "$bin/hlgmos-server" \
  "$bin/hlgmos-cli" \
  "$share/applications/$app_id.desktop" \
  "$share/dbus-1/services/$app_id.service" \
  "$share/metainfo/$app_id.metainfo.xml" \
  "$share/glib-2.0/schemas/$app_id.gschema.xml" \
  "$share/icons/hicolor/scalable/apps/$app_id.svg" \
  "$share/icons/hicolor/symbolic/apps/$app_id-symbolic.svg" \
  "$locale/fr/LC_MESSAGES/hlgmos.mo" \
  "$locale/ru/LC_MESSAGES/hlgmos.mo" \
  "$man/man1/hlgmos-cli.1" \
  "$man/man1/hlgmos-server.1" \
  "$dest$prefix/lib/systemd/system/hlgmos-server.service"
do
  if [ -f "$f" ] && [ -s "$f" ]; then ok "${f#"$dest"}"; else fail "not installed: ${f#"$dest"}"; fi
done
for p in hlgmos hlgmos-server hlgmos-cli; do
  [ -x "$bin/$p" ] || fail "$p is not executable"
done

# The systemd unit runs the installed server, as a dynamic user.
unit=$dest$prefix/lib/systemd/system/hlgmos-server.service
if [ -f "$unit" ]; then
  grep -q "^ExecStart=$(abs "$bindir")/hlgmos-server --db /var/lib/hlgmos/hlgmos.db " "$unit" \
    || fail "the unit's ExecStart does not run $(abs "$bindir")/hlgmos-server"
  grep -q '^DynamicUser=yes' "$unit" || fail "the unit has no DynamicUser=yes"
  grep -q '^StateDirectory=hlgmos' "$unit" || fail "the unit has no StateDirectory=hlgmos"
  # systemd checks the unit's syntax and that its program exists: point it at
  # the staged server.
  mkdir -p "$tmp/unit"
  sed "s|^ExecStart=$(abs "$bindir")/|ExecStart=$bin/|" "$unit" >"$tmp/unit/hlgmos-server.service"
  if out=$(systemd-analyze verify --man=no "$tmp/unit/hlgmos-server.service" 2>&1) && [ -z "$out" ]; then
    ok "systemd-analyze verify hlgmos-server.service"
  else
    fail "systemd-analyze verify hlgmos-server.service: $out"
  fi
fi

# The merged desktop entry and metainfo carry the translations.
desktop=$share/applications/$app_id.desktop
for lang in fr ru; do
  grep -q "^Name\[$lang\]=" "$desktop" 2>/dev/null || fail "no Name[$lang] in the installed .desktop"
  grep -q "^Comment\[$lang\]=" "$desktop" 2>/dev/null || fail "no Comment[$lang] in the installed .desktop"
  grep -q "xml:lang=\"$lang\"" "$share/metainfo/$app_id.metainfo.xml" 2>/dev/null \
    || fail "no $lang text in the installed metainfo"
done

# The installed catalogues translate (gettext(1) reads TEXTDOMAINDIR; C.UTF-8
# lets LANGUAGE choose the language even where fr_FR/ru_RU are not generated).
msgid="Run the annual cycle of the High-Level Group for the Modernisation of Official Statistics"
for lang in fr ru; do
  out=$(TEXTDOMAINDIR=$locale LANGUAGE=$lang LC_ALL=C.UTF-8 gettext -d hlgmos "$msgid")
  if [ -n "$out" ] && [ "$out" != "$msgid" ]; then ok "$lang: $out"; else fail "$lang: the installed hlgmos.mo does not translate the summary"; fi
done

# The installed programs run.
if out=$("$bin/hlgmos-cli" --version 2>&1) && [ "$out" = "hlgmos-cli $version" ]; then
  ok "hlgmos-cli --version: $out"
else
  fail "hlgmos-cli --version printed “$out”, not “hlgmos-cli $version”"
fi
if out=$("$bin/hlgmos-server" --help 2>&1) && printf '%s\n' "$out" | grep -q -- '--db'; then
  ok "hlgmos-server --help"
else
  fail "hlgmos-server --help failed or does not mention --db: $out"
fi

# The installed app starts in French and is still running after 3 s.
glib-compile-schemas --strict "$share/glib-2.0/schemas" || fail "glib-compile-schemas on the installed schemas"
mkdir -p "$tmp/home" "$tmp/data" "$tmp/runtime"
chmod 700 "$tmp/runtime"
if locale -a 2>/dev/null | grep -qi '^fr_FR\.utf-\{0,1\}8$'; then
  lang_env=fr_FR.UTF-8
else
  # Without the French locale, setlocale() would fall back to C and ignore LANGUAGE.
  echo "note: fr_FR.UTF-8 is not generated here; running the app with LANG=C.UTF-8 LANGUAGE=fr"
  lang_env=C.UTF-8
fi
status=0
env -u LC_ALL -u LC_MESSAGES \
  HOME="$tmp/home" XDG_DATA_HOME="$tmp/home/.local/share" XDG_CONFIG_HOME="$tmp/home/.config" \
  XDG_CACHE_HOME="$tmp/home/.cache" XDG_RUNTIME_DIR="$tmp/runtime" \
  HLGMOS_DATA_DIR="$tmp/data" \
  GSETTINGS_SCHEMA_DIR="$share/glib-2.0/schemas" GSETTINGS_BACKEND=memory \
  XDG_DATA_DIRS="$share:${XDG_DATA_DIRS:-/usr/local/share:/usr/share}" \
  LANGUAGE=fr LANG=$lang_env NO_AT_BRIDGE=1 GTK_A11Y=none GDK_BACKEND=x11 G_DEBUG=fatal-criticals \
  dbus-run-session -- xvfb-run -a -s "-screen 0 1280x800x24" \
  timeout -s TERM 3 "$bin/hlgmos" >"$tmp/app.log" 2>&1 || status=$?
if [ "$status" -eq 124 ]; then
  ok "hlgmos ran for 3 s in French under Xvfb"
else
  cat "$tmp/app.log" >&2
  fail "hlgmos exited with status $status before 3 s (124 = still running when stopped)"
fi

if [ "$failures" -ne 0 ]; then
  echo "$failures failure(s)" >&2
  exit 1
fi
echo "all installed and running"
