// server.js: PouchDB Server in memory, the peer of HLG-MOS's interoperability tests
// SPDX-License-Identifier: GPL-3.0-or-later
//
// node server.js [--port N] [--user NAME:PASSWORD]... [--db NAME]...
//
// Listens on 127.0.0.1 (port 0 picks a free one), creates the database
// "hlgmos" (and the others named) and the accounts named, then prints
// "Listening on http://127.0.0.1:PORT/". No admins: the accounts have no
// roles, as on any CouchDB-compatible server without HLG-MOS's rules.
'use strict';

const express = require('express');
const expressPouchDB = require('express-pouchdb');
const PouchDB = require('pouchdb-core')
  .plugin(require('pouchdb-adapter-memory'))
  .plugin(require('pouchdb-adapter-http'))
  .plugin(require('pouchdb-mapreduce'))
  .plugin(require('pouchdb-replication'));

function parseArgs (argv) {
  const options = { port: 0, users: [], databases: ['hlgmos'] };

  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];

    if (arg === '--port' && i + 1 < argv.length)
      options.port = Number.parseInt(argv[++i], 10);
    else if (arg === '--user' && i + 1 < argv.length) {
      const value = argv[++i];
      const colon = value.indexOf(':');

      if (colon <= 0)
        throw new Error(`--user wants NAME:PASSWORD, not ${value}`);
      options.users.push({ name: value.slice(0, colon), password: value.slice(colon + 1) });
    } else if (arg === '--db' && i + 1 < argv.length)
      options.databases.push(argv[++i]);
    else if (/^[0-9]+$/.test(arg))
      options.port = Number.parseInt(arg, 10);
    else
      throw new Error(`unknown argument ${arg}`);
  }
  return options;
}

async function main () {
  const options = parseArgs(process.argv.slice(2));
  const MemoryPouchDB = PouchDB.defaults({ adapter: 'memory' });
  const app = express();

  app.use(expressPouchDB(MemoryPouchDB, {
    mode: 'fullCouchDB',
    inMemoryConfig: true,
    // Nothing written to disk, and no log line per request.
    logPath: require('os').devNull,
    overrideMode: { exclude: ['routes/http-log', 'routes/log', 'routes/fauxton'] },
  }));

  const server = await new Promise((resolve, reject) => {
    const s = app.listen(options.port, '127.0.0.1', () => resolve(s));
    s.on('error', reject);
  });
  const url = `http://127.0.0.1:${server.address().port}/`;

  for (const name of options.databases) {
    const db = await fetch(url + encodeURIComponent(name), { method: 'PUT' });
    if (!db.ok && db.status !== 412)
      throw new Error(`PUT /${name}: ${db.status} ${await db.text()}`);
  }

  for (const user of options.users) {
    const id = 'org.couchdb.user:' + user.name;
    const response = await fetch(url + '_users/' + encodeURIComponent(id), {
      method: 'PUT',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ _id: id, name: user.name, password: user.password,
                             roles: [], type: 'user' }),
    });
    if (!response.ok)
      throw new Error(`creating ${user.name}: ${response.status} ${await response.text()}`);
  }

  process.stdout.write(`Listening on ${url}\n`);

  // Keep-alive connections would hold server.close() open: just go.
  const stop = () => process.exit(0);
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
  // The test that started us may die without a signal: go with it.
  process.stdin.on('end', stop);
  process.stdin.resume();
}

main().catch((error) => {
  process.stderr.write(`server.js: ${error.stack || error}\n`);
  process.exit(1);
});
