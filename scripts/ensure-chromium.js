#!/usr/bin/env node
// Makes sure Debian's Chromium is present for the browser tests (playwright-core drives it,
// it never downloads a browser of its own). Idempotent: does nothing when it is installed.
'use strict';
const { existsSync } = require('node:fs');
const { execFileSync } = require('node:child_process');

const CHROMIUM = process.env.AMTSWEG_CHROMIUM || '/usr/bin/chromium';

function ensureChromium() {
  if (existsSync(CHROMIUM)) return CHROMIUM;
  const asRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  const sudo = asRoot ? [] : ['sudo', '-n'];
  const run = (args) => {
    const [cmd, ...rest] = [...sudo, ...args];
    execFileSync(cmd, rest, { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
  };
  try {
    run(['apt-get', 'update']);
    run(['apt-get', 'install', '-y', '--no-install-recommends', 'chromium']);
  } catch (err) {
    throw new Error(`Could not install Chromium with apt-get (${err.message}). Install it by hand: apt-get install -y chromium, or set AMTSWEG_CHROMIUM to an existing Chromium binary.`);
  }
  if (!existsSync(CHROMIUM)) throw new Error(`apt-get finished but ${CHROMIUM} is missing; set AMTSWEG_CHROMIUM to the Chromium binary.`);
  return CHROMIUM;
}

module.exports = { ensureChromium, CHROMIUM };

if (require.main === module) {
  try {
    console.log(`chromium: ${ensureChromium()}`);
  } catch (err) {
    console.error(err.message);
    process.exit(1);
  }
}
