/**
 * Verifying an export offline (`concordat verify <export.ndjson> --public-key <pem>`, the CLI's
 * own run()) against SHA-256 over the same bytes alone (the file streamed through one hash).
 * The export is built the way `concordat export` writes one: every entry line (leaf hashes
 * recomputed from the stored events), then a signed checkpoint per 100 entries (the service's
 * default cadence) over the RFC 9162 tree. Each side runs in a fresh process, alternating.
 *
 * Sizes: 100k entries in the full run, 10k in --quick; BENCH_VERIFY_SIZES=100000,1000000 adds 1M
 * (beyond the suite's 15 minutes on 2 shared cores, mostly the fill).
 *
 * Run on its own: `npx tsx bench/verify-export.bench.ts`
 */
import { createHash, generateKeyPairSync } from 'node:crypto';
import { createReadStream, createWriteStream, statSync, writeFileSync } from 'node:fs';
import { once } from 'node:events';
import { join } from 'node:path';
import { EmbeddedEventStore } from '@concordat/event-store';
import { LEDGER_ORIGIN, MerkleLog, entryLine, exportTrailer, fromHex, publicKeyPem, readStoredLedger, signCheckpoint, toHex, type SignedCheckpoint } from '@concordat/audit';
import { readSqliteEvents } from '../apps/ledger-cli/src/commands/export.command';
import * as verifyCommand from '../apps/ledger-cli/src/commands/verify.command';
import { childStep, runStep, type StepResult } from './child-run';
import { fillLedger } from './ledger-log';
import { type BenchResult, type Figure, QUICK, fmt, log, main, median, mb, nowNs, ratioOf, secondsSince, sizeLabel, tempDir } from './support';

const SIZES = (process.env.BENCH_VERIFY_SIZES ?? (QUICK ? '10000' : '100000')).split(',').map(Number);
const PAIRS = QUICK ? 2 : 3;
const CHECKPOINT_EVERY = 100;
/** Verify ≥ 60 % of SHA-256 alone (issue #15). */
const TARGET_RATIO = 0.6;

const steps = {
  async sha256([file, entries]: string[]) {
    const start = nowNs();
    const hash = createHash('sha256');
    for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
    hash.digest();
    return { seconds: secondsSince(start), count: Number(entries) };
  },
  async verify([file, keyFile, entries]: string[]) {
    const start = nowNs();
    const code = await verifyCommand.run([file, '--public-key', keyFile]);
    const seconds = secondsSince(start);
    if (code !== 0) throw new Error(`concordat verify exited with ${code}: the bench's export does not verify`);
    return { seconds, count: Number(entries) };
  },
};

/** Writes the export of the store file and the public key; returns the number of entries. */
async function writeExport(storeFile: string, exportFile: string, keyFile: string): Promise<number> {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  writeFileSync(keyFile, publicKeyPem(publicKey));
  const ledger = readStoredLedger(readSqliteEvents(storeFile), undefined);
  const tree = new MerkleLog(ledger.entries.map((e) => fromHex(e.leafHash, 32)));
  const checkpoints: SignedCheckpoint[] = [];
  const issuedAt = '2025-06-01T00:00:00.000Z';
  for (let size = CHECKPOINT_EVERY; size <= tree.size; size += CHECKPOINT_EVERY) {
    checkpoints.push(signCheckpoint({ origin: LEDGER_ORIGIN, treeSize: size, rootHash: toHex(tree.root(size)), issuedAt }, privateKey));
  }
  if (tree.size % CHECKPOINT_EVERY !== 0) checkpoints.push(signCheckpoint({ origin: LEDGER_ORIGIN, treeSize: tree.size, rootHash: toHex(tree.root()), issuedAt }, privateKey));
  const out = createWriteStream(exportFile);
  const send = async (line: string) => {
    if (!out.write(`${line}\n`)) await once(out, 'drain');
  };
  for (const entry of ledger.entries) await send(entryLine(entry));
  for (const line of exportTrailer(checkpoints, tree, 1, tree.size)) await send(line);
  out.end();
  await once(out, 'finish');
  return ledger.entries.length;
}

interface SizeResult {
  requested: number;
  entries: number;
  bytes: number;
  verify: StepResult[];
  sha: StepResult[];
}

async function measure(size: number): Promise<SizeResult> {
  const tmp = tempDir('verify');
  try {
    const store = new EmbeddedEventStore({ file: tmp.file });
    await fillLedger(store, size);
    await store.close();
    const exportFile = join(tmp.dir, 'ledger.ndjson');
    const keyFile = join(tmp.dir, 'ledger.pem');
    const entries = await writeExport(tmp.file, exportFile, keyFile);
    const bytes = statSync(exportFile).size;
    log(`export of ${fmt(entries)} entries: ${fmt(mb(bytes), 1)} MB`);
    const result: SizeResult = { requested: size, entries, bytes, verify: [], sha: [] };
    runStep(__filename, 'sha256', [exportFile, `${entries}`]); // untimed: the file into the page cache
    for (let p = 0; p < PAIRS; p++) {
      const verify = () => result.verify.push(runStep(__filename, 'verify', [exportFile, keyFile, `${entries}`]));
      const sha = () => result.sha.push(runStep(__filename, 'sha256', [exportFile, `${entries}`]));
      if (p % 2 === 0) {
        verify();
        sha();
      } else {
        sha();
        verify();
      }
      const [v, s] = [result.verify[p], result.sha[p]];
      log(`${fmt(entries)} entries, pair ${p + 1}/${PAIRS}: verify ${fmt(v.count / v.seconds)} entries/s (${fmt(v.maxRssMb)} MB), SHA-256 ${fmt(s.count / s.seconds)} entries/s`);
    }
    return result;
  } finally {
    tmp.cleanup();
  }
}

function figures(r: SizeResult): Figure[] {
  const rate = (s: StepResult) => s.count / s.seconds;
  // The first size is the run's own (100k, or 10k with --quick): the same ids in both runs' JSON.
  const label = r.requested === SIZES[0] ? 'verify' : `verify.${sizeLabel(r.requested)}`;
  return [
    {
      id: `${label}.rate`,
      figure: `verify an export of ${fmt(r.entries)} entries (${fmt(mb(r.bytes))} MB)`,
      unit: 'entries/s',
      value: median(r.verify.map(rate)),
      baseline: { what: 'SHA-256 over the same bytes alone, entries/s', value: median(r.sha.map(rate)) },
      ...ratioOf(r.verify.map((s, i) => rate(s) / rate(r.sha[i]))),
      target: { on: 'ratio', comparator: '>=', threshold: TARGET_RATIO },
    },
    {
      id: `${label}.peak-rss`,
      figure: `verify of ${fmt(r.entries)} entries, peak RSS of its process (ratio = verify/SHA-256)`,
      unit: 'MB',
      value: median(r.verify.map((s) => s.maxRssMb)),
      baseline: { what: 'SHA-256 process, MB', value: median(r.sha.map((s) => s.maxRssMb)) },
      ...ratioOf(r.verify.map((s, i) => s.maxRssMb / r.sha[i].maxRssMb)),
    },
  ];
}

async function verifyBench(): Promise<BenchResult> {
  const results: SizeResult[] = [];
  for (const size of SIZES) results.push(await measure(size));
  return {
    bench: 'verify',
    title: 'Verifying an export offline vs SHA-256 over the same bytes alone',
    headers: ['entries', 'export MB', 'verify entries/s', 'SHA-256 entries/s', 'ratio', 'verify peak RSS'],
    rows: results.map((r) => {
      const [rate, rss] = figures(r);
      return [fmt(r.entries), fmt(mb(r.bytes), 1), fmt(rate.value), fmt(rate.baseline!.value), fmt(rate.ratio!, 3), `${fmt(rss.value)} MB`];
    }),
    targets: [],
    figures: results.flatMap(figures),
    notes: [`${PAIRS} alternating pairs per size after one untimed hash; each side in a fresh process; a signed checkpoint per ${CHECKPOINT_EVERY} entries.`],
  };
}

if (!childStep(steps) && require.main === module) main(verifyBench);
