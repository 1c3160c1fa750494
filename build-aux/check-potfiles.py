#!/usr/bin/env python3
# check-potfiles.py: po/POTFILES.in lists exactly the files with translatable strings.
# SPDX-License-Identifier: GPL-3.0-or-later
#
#   build-aux/check-potfiles.py [SOURCE_ROOT]           check, naming what is wrong
#   build-aux/check-potfiles.py --print [SOURCE_ROOT]   print what POTFILES.in should hold
#
# A file has translatable strings when it is
#   - C (.c, .h) calling _( ), N_( ), C_( ), NC_( ), Q_( ), ngettext or g_d*gettext;
#   - GtkBuilder XML (.ui) with translatable="yes";
#   - the desktop entry, AppStream metadata or a settings schema under data/.
# Fails when one is missing from POTFILES.in, when POTFILES.in lists a file that
# does not exist, or when POTFILES.in is not sorted or has duplicates.

import os
import re
import sys

SCANNED = ('src', 'data')

C_CALL = re.compile(
    r'(?<![A-Za-z0-9_])'
    r'(?:_|N_|C_|NC_|Q_|ngettext|g_dgettext|g_dngettext|g_dcgettext|g_dpgettext|g_dpgettext2)'
    r'\s*\(')
C_COMMENT = re.compile(r'/\*.*?\*/|//[^\n]*', re.S)
UI_TRANSLATABLE = re.compile(r'translatable\s*=\s*["\'](?:yes|true|1)["\']', re.I)
DATA_SUFFIXES = ('.desktop.in', '.metainfo.xml.in', '.appdata.xml.in', '.gschema.xml')


def has_translatable_strings(path):
    name = os.path.basename(path)
    if name.endswith(DATA_SUFFIXES):
        return True
    if not name.endswith(('.c', '.h', '.ui')):
        return False
    try:
        with open(path, encoding='utf-8') as f:
            text = f.read()
    except (OSError, UnicodeDecodeError) as e:
        sys.exit(f'check-potfiles: cannot read {path}: {e}')
    if name.endswith('.ui'):
        return UI_TRANSLATABLE.search(text) is not None
    return C_CALL.search(C_COMMENT.sub('', text)) is not None


def wanted_files(root):
    found = []
    for top in SCANNED:
        for dirpath, dirnames, filenames in os.walk(os.path.join(root, top)):
            dirnames[:] = sorted(d for d in dirnames if not d.startswith(('.', '_build')))
            for name in filenames:
                path = os.path.join(dirpath, name)
                if has_translatable_strings(path):
                    found.append(os.path.relpath(path, root).replace(os.sep, '/'))
    return sorted(found)


def listed_files(root):
    entries = []
    with open(os.path.join(root, 'po', 'POTFILES.in'), encoding='utf-8') as f:
        for line in f:
            line = line.strip()
            if line and not line.startswith('#'):
                entries.append(line)
    return entries


def main(argv):
    args = [a for a in argv[1:] if a != '--print']
    root = args[0] if args else os.path.join(os.path.dirname(os.path.abspath(__file__)), '..')
    root = os.path.abspath(root)
    wanted = wanted_files(root)

    if '--print' in argv:
        print('\n'.join(wanted))
        return 0

    listed = listed_files(root)
    problems = []
    for path in sorted(set(wanted) - set(listed)):
        problems.append(f'{path}: has translatable strings but is not in po/POTFILES.in')
    for path in listed:
        if not os.path.isfile(os.path.join(root, path)):
            problems.append(f'{path}: listed in po/POTFILES.in but does not exist')
    if len(set(listed)) != len(listed):
        dups = sorted({p for p in listed if listed.count(p) > 1})
        problems.append('po/POTFILES.in lists more than once: ' + ', '.join(dups))
    if listed != sorted(listed):
        problems.append('po/POTFILES.in is not sorted (sort it with LC_ALL=C sort)')

    if problems:
        print('\n'.join(problems), file=sys.stderr)
        print('Fix: build-aux/check-potfiles.py --print > po/POTFILES.in', file=sys.stderr)
        return 1
    print(f'po/POTFILES.in: {len(listed)} files, all present, none missing')
    return 0


if __name__ == '__main__':
    sys.exit(main(sys.argv))
