#!/usr/bin/env node
'use strict';
// `concordat` as package.json's "bin" (npx concordat ...): the built command-line tool, built
// first when the sources changed since the last build (the build's own output goes to stderr).
const { ensureBuilt } = require('../scripts/build-if-stale.cjs');

try {
  ensureBuilt({ quiet: true });
} catch (error) {
  process.stderr.write(`concordat: the build failed${error.status ? ` (exit ${error.status})` : ''}; run npm run build to see why\n`);
  process.exit(1);
}
require('../dist/apps/ledger-cli/src/main.js');
