#!/bin/sh
# update-translations.sh: refresh po/POTFILES.in, the template and every catalogue.
# SPDX-License-Identifier: GPL-3.0-or-later
#
#   build-aux/update-translations.sh [BUILD_DIR] [--list]
#
# Rewrites po/POTFILES.in from the sources (build-aux/check-potfiles.py --print),
# regenerates po/hlgmos.pot (meson's hlgmos-pot target), merges it into each
# language of po/LINGUAS with msgmerge (keeping the previous msgid of a fuzzy
# entry, so the translator sees what changed), and reports per language how
# many strings are translated, fuzzy and untranslated. With --list, prints the
# fuzzy and untranslated entries too. BUILD_DIR defaults to _build-translations
# (configured on first use).
set -eu

top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top"

build=_build-translations
list=no
for arg in "$@"; do
  case $arg in
    --list) list=yes ;;
    -h|--help) sed -n '2,14p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) build=$arg ;;
  esac
done

python3 build-aux/check-potfiles.py --print > po/POTFILES.in.new
if ! cmp -s po/POTFILES.in po/POTFILES.in.new; then
  echo "po/POTFILES.in changed:"
  diff -u po/POTFILES.in po/POTFILES.in.new | sed -n '3,$p' | grep '^[-+]' || true
fi
mv po/POTFILES.in.new po/POTFILES.in

# meson's hlgmos-pot target; while the tree does not configure (someone is
# half-way through a change), xgettext with the same arguments (i18n preset 'glib').
if { [ -f "$build/build.ninja" ] || meson setup "$build" >/dev/null 2>&1; } &&
   meson compile -C "$build" hlgmos-pot >/dev/null 2>&1; then
  :
else
  echo "note: $build does not build; running xgettext directly" >&2
  xgettext --package-name=hlgmos --directory=. --files-from=po/POTFILES.in \
    --output=po/hlgmos.pot --from-code=UTF-8 --add-comments \
    --keyword=_ --keyword=N_ --keyword=C_:1c,2 --keyword=NC_:1c,2 --keyword=g_dcgettext:2 \
    --keyword=g_dngettext:2,3 --keyword=g_dpgettext2:2c,3 \
    --flag=N_:1:pass-c-format --flag=C_:2:pass-c-format --flag=NC_:2:pass-c-format \
    --flag=g_dngettext:2:pass-c-format --flag=g_strdup_printf:1:c-format \
    --flag=g_string_printf:2:c-format --flag=g_string_append_printf:2:c-format \
    --flag=g_error_new:3:c-format --flag=g_set_error:4:c-format \
    --flag=g_markup_printf_escaped:1:c-format --flag=g_log:3:c-format --flag=g_print:1:c-format \
    --flag=g_printerr:1:c-format --flag=g_printf:1:c-format --flag=g_fprintf:2:c-format \
    --flag=g_sprintf:2:c-format --flag=g_snprintf:3:c-format
fi

status=0
for lang in $(sed 's/#.*//' po/LINGUAS); do
  po=po/$lang.po
  msgmerge --quiet --update --backup=none --previous "$po" po/hlgmos.pot
  stats=$(msgfmt --check --statistics --output-file=/dev/null "$po" 2>&1) || status=1
  echo "$lang: $stats"
  if [ "$list" = yes ]; then
    msgattrib --only-fuzzy --no-wrap "$po" | sed -n '/^#, fuzzy/,/^$/p' | sed '/^msgstr\|^"/d' || true
    msgattrib --untranslated --no-obsolete --no-wrap "$po" | grep '^msgid ' | sed -n '2,$p' || true
  fi
done
exit $status
