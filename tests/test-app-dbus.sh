#!/bin/sh
# test-app-dbus.sh: the app's actions, called from outside as a script would
# (`gapplication action org.unece.HLGMOS ...`), on a private session bus.
# SPDX-License-Identifier: GPL-3.0-or-later
#
#   test-app-dbus.sh HLGMOS HLGMOS_CLI SCHEMA_DIR DESKTOP_FILE SERVICE_FILE APP_ID
#
# On a bus of its own (dbus-run-session) and a display (Xvfb unless one is
# set), with a demo store and GSettings in a key file under a temporary
# XDG_CONFIG_HOME, so that the place the window shows (the `last-place`
# key, written as the place changes) can be read from outside:
#   1. the app started by hand puts its name on the bus; show-place and
#      open-document change the place; a bad ID changes nothing; quit ends it;
#   2. with no app running, the bus starts it by the D-Bus service file
#      (the desktop entry is DBusActivatable) to carry out an action.
set -eu

hlgmos=$1 cli=$2 schema_dir=$3 desktop=$4 service=$5 app_id=$6

# A display: the one we are given, else a private Xvfb for this run; set
# before the bus starts, so that the apps the bus starts see it too.
if [ -z "${DISPLAY:-}" ]; then
  exec xvfb-run -a -s "-screen 0 1280x800x24" "$0" "$@"
fi

if [ -z "${HLGMOS_TEST_ON_BUS:-}" ]; then
  tmp=$(mktemp -d "${TMPDIR:-/tmp}/hlgmos-dbus.XXXXXX")
  trap 'rm -rf "$tmp"' EXIT INT TERM
  mkdir -p "$tmp/config" "$tmp/share/dbus-1/services" "$tmp/runtime"
  chmod 700 "$tmp/runtime"
  # The service file as installed, pointed at the built app.
  sed "s|^Exec=[^ ]*/hlgmos |Exec=$hlgmos |" "$service" >"$tmp/share/dbus-1/services/$app_id.service"
  "$cli" --data-dir "$tmp/data" demo >/dev/null

  # The session bus reads XDG_DATA_DIRS for its service files when it starts.
  status=0
  env HLGMOS_TEST_ON_BUS="$tmp" HLGMOS_DATA_DIR="$tmp/data" HLGMOS_CREDENTIALS=memory \
    XDG_CONFIG_HOME="$tmp/config" XDG_RUNTIME_DIR="$tmp/runtime" \
    XDG_DATA_DIRS="$tmp/share:${XDG_DATA_DIRS:-/usr/local/share:/usr/share}" \
    GSETTINGS_BACKEND=keyfile GSETTINGS_SCHEMA_DIR="$schema_dir" \
    NO_AT_BRIDGE=1 GTK_A11Y=none GDK_BACKEND=x11 \
    dbus-run-session -- "$0" "$@" || status=$?
  exit "$status"
fi

tmp=$HLGMOS_TEST_ON_BUS
keyfile=$XDG_CONFIG_HOME/glib-2.0/settings/keyfile
failures=0
n=0

fail() { n=$((n + 1)); failures=$((failures + 1)); echo "not ok $n - $*"; }
ok() { n=$((n + 1)); echo "ok $n - $*"; }
check() { if "$@"; then ok "$check_name"; else fail "$check_name"; fi; }

has_owner() {
  gdbus call --session --dest org.freedesktop.DBus --object-path /org/freedesktop/DBus \
    --method org.freedesktop.DBus.NameHasOwner "$app_id" | grep -q true
}

# Waits up to 20 s for a command to succeed.
wait_for() {
  i=0
  while ! "$@"; do
    i=$((i + 1))
    [ "$i" -ge 200 ] && return 1
    sleep 0.1
  done
}

not() { ! "$@"; }

alive() { kill -0 "$app" 2>/dev/null; }

last_place_is() { grep -qx "last-place='$1'" "$keyfile" 2>/dev/null; }

action() { gapplication action "$app_id" "$@"; }

# The desktop entry and the service file that let a desktop or a script start the app.
check_name="the desktop entry is DBusActivatable"
check grep -qx 'DBusActivatable=true' "$desktop"
check_name="the service file names $app_id and runs it as a service"
check grep -q "^Name=$app_id\$" "$service"
check_name="... with --gapplication-service"
check grep -q '^Exec=.*/hlgmos --gapplication-service$' "$service"

proposal=$(ls "$HLGMOS_DATA_DIR/documents" | sed -n 's/^\(proposal:[0-9a-f-]*\)\.json$/\1/p' | head -n 1)
check_name="the demo store has a proposal to open"
check test -n "$proposal"

# 1. Started by hand.
check_name="no app on the bus before it starts"
check not has_owner
"$hlgmos" >"$tmp/app.log" 2>&1 &
app=$!
check_name="the started app puts $app_id on the session bus"
check wait_for has_owner

action show-place "'proposals'"
check_name="show-place 'proposals' shows the proposals"
check wait_for last_place_is proposals
action show-place "'workshop'"
check_name="show-place 'workshop' shows the workshop"
check wait_for last_place_is workshop
action open-document "'$proposal'"
check_name="open-document '$proposal' shows it among the proposals"
check wait_for last_place_is proposals

action show-place "'workshop'"
wait_for last_place_is workshop || true
# Refused inside the app (it validates the ID first): nothing moves.
action open-document "'proposal:../../etc/passwd'" || true
action open-document "'proposal:00000000-0000-4000-8000-000000000000'" || true
action show-place "'nowhere'" || true
sleep 1
check_name="a bad ID, an unknown document and an unknown place change nothing"
check last_place_is workshop
check_name="... and the app is still running"
check alive

action quit
check_name="quit ends the app"
check wait_for not alive
check_name="... and frees its name on the bus"
check wait_for not has_owner
app_status=0
wait "$app" || app_status=$?
check_name="... with exit status 0 (under ASan: no leak)"
check test "$app_status" -eq 0

# 2. Started by the bus, through the service file, for an action that
# needs the store: carried out once it has loaded.
check_name="the place it showed last is the workshop"
check last_place_is workshop
action open-document "'$proposal'"
check_name="with no app running, open-document starts it by D-Bus activation"
check wait_for has_owner
check_name="... and opens the document once the store has loaded"
check wait_for last_place_is proposals
action quit
check_name="... and quit ends it"
check wait_for not has_owner

echo "1..$n"
if [ "$failures" -ne 0 ]; then
  echo "$failures failure(s); the app said:" >&2
  cat "$tmp/app.log" >&2
  exit 1
fi
