#!/usr/bin/env node
// Runs the TypeScript sources directly through tsx: no build step between a clone and a running CLI.
require('tsx/cjs');
require('../cli/main.ts');
