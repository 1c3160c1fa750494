#!/usr/bin/env python3
# test-data-potfiles.py: build-aux/check-potfiles.py catches what it should.
# SPDX-License-Identifier: GPL-3.0-or-later
#
#   test-data-potfiles.py CHECK_POTFILES
#
# Builds small source trees in a temporary folder and runs the checker on each:
# a complete POTFILES.in passes; a missing file, a listed file that does not
# exist, an unsorted list and a duplicate fail, naming the file; strings only in
# comments, untranslatable .ui files and other data do not count.

import os
import subprocess
import sys
import tempfile

FILES = {
    'src/core/a.c': 'static const char *s = N_("Hello");\n',
    'src/core/b.c': '/* _("not really") */\nint b (void) { return 0; }\n',
    'src/core/c.h': '#define LABEL C_("ctx", "Label")\n',
    'src/ui/d.c': 'x = g_dngettext (GETTEXT_PACKAGE, "%u day", "%u days", n);\n',
    'src/ui/e.ui': '<interface><property name="label" translatable="yes">Hi</property></interface>\n',
    'src/ui/f.ui': '<interface><property name="label">Not translated</property></interface>\n',
    'src/ui/g.c': 'my_func_(x); foo_ (y);\n',
    'data/org.example.App.desktop.in': '[Desktop Entry]\nName=App\n',
    'data/org.example.App.metainfo.xml.in': '<component/>\n',
    'data/org.example.App.gschema.xml': '<schemalist/>\n',
    'data/icons/app.svg': '<svg/>\n',
}
EXPECTED = sorted([
    'data/org.example.App.desktop.in',
    'data/org.example.App.gschema.xml',
    'data/org.example.App.metainfo.xml.in',
    'src/core/a.c',
    'src/core/c.h',
    'src/ui/d.c',
    'src/ui/e.ui',
])


def make_tree(root, potfiles):
    for path, text in FILES.items():
        os.makedirs(os.path.join(root, os.path.dirname(path)), exist_ok=True)
        with open(os.path.join(root, path), 'w', encoding='utf-8') as f:
            f.write(text)
    os.makedirs(os.path.join(root, 'po'), exist_ok=True)
    with open(os.path.join(root, 'po', 'POTFILES.in'), 'w', encoding='utf-8') as f:
        f.write(potfiles)


def run(checker, root, *args):
    return subprocess.run([sys.executable, checker, *args, root],
                          capture_output=True, text=True)


def main(argv):
    checker = argv[1]
    failures = []

    def case(name, potfiles, want_ok, must_name=None):
        with tempfile.TemporaryDirectory() as root:
            make_tree(root, potfiles)
            r = run(checker, root)
            ok = r.returncode == 0
            if ok != want_ok:
                failures.append(f'{name}: exit {r.returncode}, expected {"0" if want_ok else "non-zero"}'
                                f'\n{r.stdout}{r.stderr}')
            elif must_name and must_name not in r.stderr:
                failures.append(f'{name}: the error does not name {must_name}: {r.stderr}')
            else:
                print(f'ok: {name}')

    full = '\n'.join(EXPECTED) + '\n'
    case('the complete list passes', '# a comment\n\n' + full, True)
    case('a missing file fails', '\n'.join(e for e in EXPECTED if e != 'src/ui/d.c') + '\n',
         False, 'src/ui/d.c')
    case('a missing .ui file fails', '\n'.join(e for e in EXPECTED if e != 'src/ui/e.ui') + '\n',
         False, 'src/ui/e.ui')
    case('a listed file that does not exist fails', full + 'src/ui/zz-gone.c\n',
         False, 'src/ui/zz-gone.c')
    case('an unsorted list fails', '\n'.join(reversed(EXPECTED)) + '\n', False, 'sorted')
    case('a duplicate fails', full + EXPECTED[-1] + '\n', False, EXPECTED[-1])

    with tempfile.TemporaryDirectory() as root:
        make_tree(root, full)
        r = run(checker, root, '--print')
        printed = r.stdout.split()
        if r.returncode != 0 or printed != EXPECTED:
            failures.append(f'--print gives {printed}, expected {EXPECTED}')
        else:
            print('ok: --print lists exactly the files with translatable strings')

    for f in failures:
        print(f'FAIL: {f}', file=sys.stderr)
    return 1 if failures else 0


if __name__ == '__main__':
    sys.exit(main(sys.argv))
