#!/bin/sh
# test-data-man.sh: a manual page formats with groff without a warning.
# SPDX-License-Identifier: GPL-3.0-or-later
#   test-data-man.sh GROFF PAGE
set -eu
groff=$1
page=$2
warnings=$("$groff" -man -ww -z -Tutf8 "$page" 2>&1) || {
  echo "$page: groff failed: $warnings" >&2
  exit 1
}
if [ -n "$warnings" ]; then
  echo "$page: groff warnings:" >&2
  echo "$warnings" >&2
  exit 1
fi
# The page must name itself and have the sections a reader looks for.
for section in NAME SYNOPSIS DESCRIPTION "EXIT STATUS" "SEE ALSO"; do
  grep -q "^\.SH \"\{0,1\}$section" "$page" || { echo "$page: no $section section" >&2; exit 1; }
done
echo "$page: ok"
