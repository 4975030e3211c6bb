#!/usr/bin/env node
// Entry point of `npm start`, `npm test`, `npm run bench`, `npm run eval` and `npm run temporal:dev`.
// Plain Node without dependencies, because on a fresh clone nothing is installed yet: it installs
// what the command needs (npm packages, and for tests the Temporal CLI and Chromium through their
// own setup), then runs the command. Each install is skipped when it is already up to date.
'use strict';
const { spawnSync } = require('node:child_process');
const { createHash } = require('node:crypto');
const { existsSync, readFileSync, writeFileSync } = require('node:fs');
const path = require('node:path');

const root = path.resolve(__dirname, '..');
const [mode, ...args] = process.argv.slice(2);

function run(cmd, cmdArgs, opts = {}) {
  const r = spawnSync(cmd, cmdArgs, { cwd: root, stdio: 'inherit', env: process.env, ...opts });
  if (r.error) {
    console.error(`amtsweg: could not run ${cmd}: ${r.error.message}`);
    return 1;
  }
  return r.status === null ? 1 : r.status;
}

/** Installs npm packages when node_modules is missing or older than package-lock.json. */
function ensureNodeModules() {
  const lock = path.join(root, 'package-lock.json');
  const stamp = path.join(root, 'node_modules', '.amtsweg-lock-hash');
  const want = createHash('sha256').update(readFileSync(lock)).digest('hex');
  if (existsSync(stamp) && readFileSync(stamp, 'utf8') === want) return;
  console.error('amtsweg: installing npm packages (npm ci) …');
  const code = run('npm', ['ci', '--no-audit', '--no-fund', '--loglevel=error']);
  if (code !== 0) {
    console.error('amtsweg: npm ci failed. Check network access to the npm registry and run `npm ci` by hand to see why.');
    process.exit(code);
  }
  writeFileSync(stamp, want);
}

const node = process.execPath;
const tsx = [path.join(root, 'node_modules', 'tsx', 'dist', 'cli.mjs')];
const bin = (name) => path.join(root, 'node_modules', '.bin', name);

ensureNodeModules();
switch (mode) {
  case 'install':
    break;
  case 'start':
    process.exit(run(node, [path.join(root, 'bin', 'amtsweg.js'), 'serve', ...args]));
    break;
  case 'test': {
    // Static checks first: they are fast and a type or determinism error makes the rest moot.
    let code = run(bin('tsc'), ['--noEmit', '-p', root]);
    if (code === 0) code = run(bin('eslint'), ['--max-warnings=0', '.']);
    if (code === 0) code = run(node, ['--expose-gc', bin('jest'), '--ci', ...args]);
    process.exit(code);
    break;
  }
  case 'bench':
    process.exit(run(node, [...tsx, path.join(root, 'bench', 'main.ts'), ...args]));
    break;
  case 'eval':
    process.exit(run(node, [path.join(root, 'bin', 'amtsweg.js'), 'eval', ...args]));
    break;
  case 'temporal-dev':
    process.exit(run(node, [path.join(root, 'scripts', 'temporal-dev.js'), ...args]));
    break;
  default:
    console.error(`usage: node scripts/bootstrap.js install|start|test|bench|eval|temporal-dev [args]; got "${mode ?? ''}"`);
    process.exit(2);
}
