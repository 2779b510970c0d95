#!/usr/bin/env node
'use strict';
/**
 * Builds dist/ only when the sources changed since the last build: a SHA-256 over every file that
 * goes into the build (path and content), kept in dist/.sources-sha256. A content hash, not file
 * times, so a checkout, a rename or a deleted file is seen as a change and nothing else is.
 * A lock directory makes a second caller (npm start beside npm run replay) wait, then re-check.
 * Usage: node scripts/build-if-stale.cjs [--quiet]; exit status 0 built or fresh, 1 build failed.
 */
const { createHash } = require('node:crypto');
const { execFileSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const ROOT = path.resolve(__dirname, '..');
const STAMP = path.join(ROOT, 'dist', '.sources-sha256');
const LOCK = path.join(ROOT, 'dist', '.build-lock');
const INPUTS = ['apps', 'libs', 'package-lock.json', 'nest-cli.json', 'tsconfig.json', 'tsconfig.build.json'];
/** What the build reads under apps/ and libs/: TypeScript sources and configs (and the reporting desk's page files), not specs or fixtures. */
const BUILT = (file) => (file.endsWith('.ts') && !file.endsWith('.spec.ts')) || /tsconfig[^/]*\.json$/.test(file) || /^apps\/reporting-desk\/[^/]+\.(html|css|mjs)$/.test(file);
const OUTPUTS = ['dist/apps/ledger-api/src/main.js', 'dist/apps/ledger-cli/src/main.js', 'dist/reporting-desk/desk.js'];

function filesUnder(entry) {
  const full = path.join(ROOT, entry);
  if (!fs.existsSync(full)) return [];
  if (!fs.statSync(full).isDirectory()) return entry.includes(path.sep) && !BUILT(entry) ? [] : [entry];
  return fs
    .readdirSync(full, { withFileTypes: true })
    .filter((e) => e.name !== 'node_modules' && !e.name.startsWith('.'))
    .flatMap((e) => filesUnder(path.join(entry, e.name)));
}

function sourcesHash() {
  const hash = createHash('sha256');
  for (const file of INPUTS.flatMap(filesUnder).sort()) {
    hash.update(`${file}\0`);
    hash.update(fs.readFileSync(path.join(ROOT, file)));
    hash.update('\0');
  }
  return hash.digest('hex');
}

const fresh = (hash) =>
  fs.existsSync(STAMP) && fs.readFileSync(STAMP, 'utf8').trim() === hash && OUTPUTS.every((f) => fs.existsSync(path.join(ROOT, f)));

function withLock(work) {
  fs.mkdirSync(path.dirname(LOCK), { recursive: true });
  for (let waited = 0; ; waited += 200) {
    try {
      fs.mkdirSync(LOCK);
      break;
    } catch (error) {
      if (error.code !== 'EEXIST') throw error;
      // A lock older than ten minutes is a build that was killed: take it over.
      if (Date.now() - fs.statSync(LOCK).mtimeMs > 600_000) fs.rmSync(LOCK, { recursive: true, force: true });
      else Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 200);
    }
  }
  try {
    return work();
  } finally {
    fs.rmSync(LOCK, { recursive: true, force: true });
  }
}

function ensureBuilt({ quiet = false } = {}) {
  if (fresh(sourcesHash())) return false;
  return withLock(() => {
    const hash = sourcesHash(); // the sources as built, taken before the build reads them
    if (fresh(hash)) return false; // another caller built them while we waited
    process.stderr.write('concordat: sources changed since the last build; building (nest build)...\n');
    const nest = path.join(ROOT, 'node_modules', '@nestjs', 'cli', 'bin', 'nest.js');
    fs.rmSync(STAMP, { force: true });
    for (const project of ['ledger-api', 'ledger-cli']) {
      execFileSync(process.execPath, [nest, 'build', project], { cwd: ROOT, stdio: ['ignore', quiet ? 'ignore' : 2, 2] });
    }
    // The reporting desk page served at / (bundled with esbuild into dist/reporting-desk).
    execFileSync(process.execPath, [path.join(ROOT, 'apps', 'reporting-desk', 'build.mjs')], { cwd: ROOT, stdio: ['ignore', quiet ? 'ignore' : 2, 2] });
    fs.writeFileSync(STAMP, `${hash}\n`);
    process.stderr.write('concordat: build done\n');
    return true;
  });
}

module.exports = { ensureBuilt, sourcesHash };

if (require.main === module) {
  try {
    ensureBuilt({ quiet: process.argv.includes('--quiet') });
  } catch (error) {
    process.stderr.write(`concordat: the build failed${error.status ? ` (exit ${error.status})` : ''}\n`);
    process.exit(1);
  }
}
