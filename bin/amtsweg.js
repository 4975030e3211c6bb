#!/usr/bin/env node
// Runs the TypeScript sources directly through tsx: no build step between a clone and a running
// CLI. On a fresh clone the packages are installed first, so `npx amtsweg …` works right away.
'use strict';
const path = require('node:path');
try {
  require.resolve('tsx/cjs');
} catch {
  const { spawnSync } = require('node:child_process');
  const r = spawnSync(process.execPath, [path.join(__dirname, '..', 'scripts', 'bootstrap.js'), 'install'], { stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status ?? 1);
}
require('tsx/cjs');
require('../cli/main.ts');
