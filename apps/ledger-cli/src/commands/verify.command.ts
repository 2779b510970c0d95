import { createReadStream, existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import {
  checkpointSignatureProblem, ExportVerifier, keyIdOf, readExportInto, readStoredLedger, verifyStoredLedger,
  type SignedCheckpoint, type VerifyLogResult,
} from '@concordat/audit';
import { defineCommand, USAGE_ERROR } from '../support/define-command';
import { readSqliteEvents } from '../support/sqlite-events';

/** What the trust file holds: the newest checkpoint this auditor has verified, and when. */
interface TrustState {
  checkpoint: SignedCheckpoint;
  verifiedAt: string;
  source: string;
}

interface VerifyOptions {
  sqlite?: string;
  publicKey: string;
  trustFile?: string;
  json?: boolean;
}

export const verifyCommand = defineCommand<VerifyOptions>({
  name: 'verify',
  summary: 'Verify an export (or an embedded store file) offline: signatures, proofs, trusted checkpoint, full recompute',
  details: [
    'Give exactly one export file or --sqlite. With --trust-file, the newest checkpoint verified is kept there and',
    'every later run must extend it. A line of the export that is not an export line is malformed input, told apart',
    'from a break in the ledger.',
    'Exit status: 0 verified, 1 the log fails verification (the first bad ledger sequence is printed),',
    '2 usage error or malformed input (nothing was verified).',
  ].join('\n'),
  configure: (c) =>
    c
      .argument('[export]', 'an export (NDJSON), as written by `concordat export` or GET /v1/audit/export')
      .option('--sqlite <file>', "an embedded store's events.sqlite, read directly")
      .requiredOption('--public-key <key.pem>', 'the ledger\'s Ed25519 public key (GET /v1/audit/public-key serves it; keep your own copy)')
      .option('--trust-file <file>', 'verifier state: the newest checkpoint this auditor has verified')
      .option('--json', 'print the result as JSON'),
  act: async ([exportFile], o) => {
    let input: { kind: 'export' | 'sqlite'; path: string };
    let publicKey: string;
    let trusted: SignedCheckpoint | undefined;
    try {
      if ((o.sqlite ? 1 : 0) + (exportFile ? 1 : 0) !== 1) throw new Error('give exactly one export file or --sqlite <file>');
      input = o.sqlite ? { kind: 'sqlite', path: o.sqlite } : { kind: 'export', path: exportFile };
      if (!existsSync(input.path)) throw new Error(`No such file: ${input.path}`);
      publicKey = readFileSync(o.publicKey, 'utf8');
      keyIdOf(publicKey); // refuses what is not an Ed25519 key, now rather than mid-run
      trusted = o.trustFile ? readTrust(o.trustFile, publicKey) : undefined;
    } catch (error) {
      console.error(`${(error as Error).message} (see concordat verify --help)`);
      return USAGE_ERROR;
    }

    // An export is verified as it is read, one line at a time, in bounded memory.
    const verifier = input.kind === 'export' ? new ExportVerifier() : undefined;
    const problem = verifier ? await readExportInto(createInterface({ input: createReadStream(input.path, 'utf8'), crlfDelay: Infinity }), verifier) : undefined;
    if (problem) {
      console.error(`Malformed input, not a break in the ledger: ${input.path}: ${problem.reason}; nothing was verified.`);
      console.error('    An export holds one JSON object per line; a line such as npm\'s banner comes from `npm run` without -s (use `npm run -s export` or --out).');
      return USAGE_ERROR;
    }
    const result = verifier ? verifier.verdict(publicKey, trusted) : verifySqlite(input.path, publicKey, trusted);
    if (o.json) console.log(JSON.stringify(result, null, 2));
    else report(result, trusted, verifier?.partialRange);
    if (!result.ok) return 1;
    const newest = result.lastCheckpoint;
    if (o.trustFile && newest && newest.treeSize >= (trusted?.treeSize ?? 0)) {
      writeTrust(o.trustFile, { checkpoint: newest, verifiedAt: new Date().toISOString(), source: input.path });
      if (!o.json) console.log(`Trust file ${o.trustFile} now holds the checkpoint at tree size ${newest.treeSize}`);
    }
    return 0;
  },
});

export const { summary, run } = verifyCommand;

function verifySqlite(file: string, publicKey: string, trusted?: SignedCheckpoint): VerifyLogResult {
  const ledger = readStoredLedger(readSqliteEvents(file), publicKey);
  return verifyStoredLedger(ledger, publicKey, { trusted });
}

function report(result: VerifyLogResult, trusted?: SignedCheckpoint, partial?: string): void {
  const cp = result.lastCheckpoint;
  const newest = cp ? `checkpoint at tree size ${cp.treeSize} (root ${cp.rootHash}, issued ${cp.issuedAt})` : 'no checkpoint';
  if (result.ok) {
    console.log(`OK: ${result.checkedEvents} ledger entries verified; newest verified ${newest}`);
    if (partial) console.log(`    partial export: only ${partial} were checked, each proven in that checkpoint`);
    if (trusted) console.log(`    consistent with the trusted checkpoint at tree size ${trusted.treeSize}`);
    return;
  }
  const where = result.firstBrokenPosition !== undefined ? ` at ledger sequence ${result.firstBrokenPosition}` : '';
  console.log(`FAILED${where}: ${result.reason}`);
  console.log(`    ${result.checkedEvents} entries passed before the break; last matching ${newest}`);
}

/** The trust file must hold a checkpoint signed by the given key, else it is refused (exit 2). */
function readTrust(file: string, publicKey: string): SignedCheckpoint | undefined {
  if (!existsSync(file)) return undefined;
  let state: Partial<TrustState>;
  try {
    state = JSON.parse(readFileSync(file, 'utf8')) as Partial<TrustState>;
  } catch {
    throw new Error(`Trust file ${file} is not JSON`);
  }
  const problem = checkpointSignatureProblem(state.checkpoint as SignedCheckpoint, publicKey);
  if (problem) throw new Error(`Trust file ${file} does not hold a checkpoint of this ledger: ${problem}`);
  return state.checkpoint;
}

/** Written to a temp file and renamed, so a crash never leaves half a trust file. */
function writeTrust(file: string, state: TrustState): void {
  const temp = `${file}.${process.pid}.tmp`;
  writeFileSync(temp, `${JSON.stringify(state, null, 2)}\n`, { mode: 0o600 });
  renameSync(temp, file);
}
