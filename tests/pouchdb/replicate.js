// replicate.js: PouchDB's replicator pulls a remote database into memory and says how long it took
// SPDX-License-Identifier: GPL-3.0-or-later
//
// node replicate.js URL [--user NAME:PASSWORD] [--checkpoint source|target|both]
//                   [--agent keep-alive|default] [--ids]
//
// Prints one line of JSON: {"ms":..., "docs_read":..., "docs_written":..., "docs":...},
// with --ids also "ids": [the IDs of the documents replicated].
// The clock starts when the replication starts (after node has loaded)
// and stops when every document is in the in-memory database.
'use strict';

const http = require('http');
const { fetch } = require('pouchdb-fetch');
const PouchDB = require('pouchdb-core')
  .plugin(require('pouchdb-adapter-memory'))
  .plugin(require('pouchdb-adapter-http'))
  .plugin(require('pouchdb-replication'));

function parseArgs (argv) {
  const options = { url: null, auth: null, checkpoint: 'both', agent: 'keep-alive', ids: false };

  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];

    if (arg === '--user' && i + 1 < argv.length) {
      const value = argv[++i];
      const colon = value.indexOf(':');

      if (colon <= 0)
        throw new Error(`--user wants NAME:PASSWORD, not ${value}`);
      options.auth = { username: value.slice(0, colon), password: value.slice(colon + 1) };
    } else if (arg === '--checkpoint' && i + 1 < argv.length)
      options.checkpoint = argv[++i];
    else if (arg === '--agent' && i + 1 < argv.length)
      options.agent = argv[++i];
    else if (arg === '--ids')
      options.ids = true;
    else if (options.url === null)
      options.url = arg;
    else
      throw new Error(`unknown argument ${arg}`);
  }
  if (options.url === null)
    throw new Error('usage: node replicate.js URL [--user NAME:PASSWORD] [--checkpoint WHERE]');
  return options;
}

async function main () {
  const options = parseArgs(process.argv.slice(2));
  const remoteOptions = options.auth ? { auth: options.auth } : {};

  // node-fetch asks for "Connection: close" unless given an agent, yet
  // node 20's global agent keeps the socket if the response does not say
  // "close" too. An agent of our own keeps connections open, as a browser
  // would; "--agent default" keeps PouchDB's own behaviour.
  if (options.agent === 'keep-alive') {
    const agent = new http.Agent({ keepAlive: true });
    remoteOptions.fetch = (url, init) => fetch(url, Object.assign({}, init, { agent }));
  }
  const remote = new PouchDB(options.url, remoteOptions);
  const local = new PouchDB('replica-' + process.pid, { adapter: 'memory' });
  const opts = {};

  if (options.checkpoint !== 'both')
    opts.checkpoint = options.checkpoint;

  const start = process.hrtime.bigint();
  const result = await PouchDB.replicate(remote, local, opts);
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  const info = await local.info();

  if (!result.ok || result.status !== 'complete')
    throw new Error(`replication ended ${result.status}: ${JSON.stringify(result.errors)}`);
  const report = {
    ms: Math.round(ms * 10) / 10,
    docs_read: result.docs_read,
    docs_written: result.docs_written,
    docs: info.doc_count,
  };

  if (options.ids)
    report.ids = (await local.allDocs()).rows.map((row) => row.id);
  process.stdout.write(JSON.stringify(report) + '\n');
}

main().catch((error) => {
  process.stderr.write(`replicate.js: ${error.stack || JSON.stringify(error)}\n`);
  process.exit(1);
});
