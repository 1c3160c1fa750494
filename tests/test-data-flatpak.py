#!/usr/bin/env python3
# test-data-flatpak.py: the Flatpak manifest builds this tree into the right app.
# SPDX-License-Identifier: GPL-3.0-or-later
#
#   test-data-flatpak.py MANIFEST APP_ID COMMAND
#
# Checks: the manifest is JSON; its app-id is meson's app id; its command is the
# installed UI program; a GNOME runtime and matching SDK; the last module is
# built with meson from the source folder; every module has sources and their
# local paths exist; the sandbox has no file-system access and only the
# permissions the app needs. Then checks that broken copies of the manifest
# (each with one mistake) are caught, so the checks themselves are known to work.

import copy
import json
import os
import sys

ALLOWED_FINISH_ARGS = {
    '--share=network',
    '--share=ipc',
    '--socket=wayland',
    '--socket=fallback-x11',
    '--device=dri',
    '--talk-name=org.freedesktop.secrets',
}


def check_module(module, where, base, failures):
    if not isinstance(module, dict):
        failures.append(f'{where}: not an object')
        return
    if not (isinstance(module.get('name'), str) and module['name']):
        failures.append(f'{where}: no name')
    sources = module.get('sources')
    if not (isinstance(sources, list) and len(sources) > 0):
        failures.append(f'{where}: no sources')
        sources = []
    for j, source in enumerate(sources):
        swhere = f'{where}.sources[{j}]'
        if not isinstance(source, dict):
            failures.append(f'{swhere}: not an object')
            continue
        kind = source.get('type')
        if kind is None:
            failures.append(f'{swhere}: no type')
        if 'path' in source:
            path = os.path.normpath(os.path.join(base, source['path']))
            if not os.path.exists(path):
                failures.append(f'{swhere}: local path {source["path"]} does not exist')
        if kind in ('archive', 'file') and 'url' in source:
            if not source['url'].startswith('https://'):
                failures.append(f'{swhere}: url is not https')
            sha = source.get('sha256', '')
            if not (len(sha) == 64 and all(c in '0123456789abcdef' for c in sha)):
                failures.append(f'{swhere}: no valid sha256')
        if kind == 'git' and 'commit' not in source and 'tag' not in source:
            failures.append(f'{swhere}: git source not pinned')
    for k, sub in enumerate(module.get('modules', [])):
        check_module(sub, f'{where}.modules[{k}]', base, failures)


def check_manifest(manifest, base, app_id, command):
    failures = []
    if not isinstance(manifest, dict):
        return ['the manifest is not a JSON object']
    if manifest.get('app-id') != app_id:
        failures.append(f'app-id is {manifest.get("app-id")!r}, meson says {app_id!r}')
    if manifest.get('command') != command:
        failures.append(f'command is {manifest.get("command")!r}, the UI program is {command!r}')
    if manifest.get('runtime') != 'org.gnome.Platform':
        failures.append('runtime is not org.gnome.Platform')
    if manifest.get('sdk') != 'org.gnome.Sdk':
        failures.append('sdk is not org.gnome.Sdk')
    if not (isinstance(manifest.get('runtime-version'), str) and manifest['runtime-version']):
        failures.append('runtime-version is not a string')

    finish_args = manifest.get('finish-args', [])
    if not isinstance(finish_args, list):
        failures.append('finish-args is not a list')
        finish_args = []
    for arg in finish_args:
        if arg.startswith('--filesystem'):
            failures.append(f'finish-args gives file-system access: {arg}')
        elif arg not in ALLOWED_FINISH_ARGS:
            failures.append(f'finish-args has an unexpected permission: {arg}')
    for needed in ('--share=network', '--socket=wayland', '--socket=fallback-x11'):
        if needed not in finish_args:
            failures.append(f'finish-args lacks {needed}')

    modules = manifest.get('modules')
    if not (isinstance(modules, list) and len(modules) > 0):
        return failures + ['no modules']
    for i, module in enumerate(modules):
        check_module(module, f'modules[{i}]', base, failures)

    last = modules[-1]
    if not (isinstance(last, dict) and last.get('buildsystem') == 'meson'):
        failures.append('the last module is not built with meson')
    sources = last.get('sources', []) if isinstance(last, dict) else []
    from_here = False
    for s in sources if isinstance(sources, list) else []:
        if isinstance(s, dict) and s.get('type') == 'dir':
            path = os.path.join(base, s.get('path', ''))
            if (os.path.isdir(path) and os.path.samefile(path, base)
                    and os.path.isfile(os.path.join(path, 'meson.build'))):
                from_here = True
    if not from_here:
        failures.append('the last module is not built from the source folder (type "dir", path ".")')
    return failures


def broken_copies(manifest):
    """Yield (what, manifest) pairs, each with one mistake the checks must catch."""
    def mutate(what, change):
        m = copy.deepcopy(manifest)
        change(m)
        return what, m

    yield mutate('file-system access', lambda m: m['finish-args'].append('--filesystem=home'))
    yield mutate('an extra permission', lambda m: m['finish-args'].append('--socket=session-bus'))
    yield mutate('another app id', lambda m: m.__setitem__('app-id', 'org.example.Other'))
    yield mutate('another command', lambda m: m.__setitem__('command', 'hlgmos-server'))
    yield mutate('a module without sources', lambda m: m['modules'][0].__setitem__('sources', []))
    yield mutate('a missing local path',
                 lambda m: m['modules'][-1]['sources'][0].__setitem__('path', 'no-such-folder'))
    yield mutate('an unpinned archive', lambda m: m['modules'][0]['sources'][0].pop('sha256', None))
    yield mutate('the app not last', lambda m: m['modules'].reverse())
    yield mutate('the app not built with meson',
                 lambda m: m['modules'][-1].__setitem__('buildsystem', 'autotools'))


def main(argv):
    if len(argv) != 4:
        print('usage: test-data-flatpak.py MANIFEST APP_ID COMMAND', file=sys.stderr)
        return 2
    manifest_path, app_id, command = argv[1:]
    base = os.path.dirname(os.path.abspath(manifest_path))

    try:
        with open(manifest_path, encoding='utf-8') as f:
            manifest = json.load(f)
    except (OSError, ValueError) as e:
        print(f'{manifest_path}: {e}', file=sys.stderr)
        return 1

    failures = check_manifest(manifest, base, app_id, command)
    if os.path.basename(manifest_path) != app_id + '.json':
        failures.append(f'the manifest is named {os.path.basename(manifest_path)}, not {app_id}.json')
    if failures:
        for f in failures:
            print(f'{manifest_path}: {f}', file=sys.stderr)
        return 1
    print(f'{manifest_path}: ok ({len(manifest["modules"])} modules)')

    status = 0
    for what, broken in broken_copies(manifest):
        caught = check_manifest(broken, base, app_id, command)
        if caught:
            print(f'a manifest with {what} is caught: {caught[0]}')
        else:
            print(f'FAIL: a manifest with {what} passes the checks', file=sys.stderr)
            status = 1
    return status


if __name__ == '__main__':
    sys.exit(main(sys.argv))
