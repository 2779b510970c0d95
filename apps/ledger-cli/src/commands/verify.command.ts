import { createReadStream, existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import {
  checkpointSignatureProblem, keyIdOf, parseExport, readStoredLedger, verifyExport, verifyStoredLedger,
  type ParsedExport, type SignedCheckpoint, type VerifyLogResult,
} from '@concordat/audit';
import { parseArgs, readSqliteEvents } from './export.command';

export const summary = 'Verify an export (or an embedded store file) offline: signatures, proofs, trusted checkpoint, full recompute';

const USAGE =
  'Usage: concordat verify <export.ndjson> | --sqlite <events.sqlite>  --public-key <key.pem> [--trust-file <verifier-state.json>] [--json]\n' +
  'Exit status: 0 verified, 1 the log fails verification (the first bad ledger sequence is printed), 2 usage or input error.';

/** What the trust file holds: the newest checkpoint this auditor has verified, and when. */
interface TrustState {
  checkpoint: SignedCheckpoint;
  verifiedAt: string;
  source: string;
}

export async function run(argv: string[]): Promise<number> {
  let input: { kind: 'export' | 'sqlite'; path: string };
  let publicKey: string;
  let trustFile: string | undefined;
  let trusted: SignedCheckpoint | undefined;
  let json: boolean;
  try {
    const { options, positional } = parseArgs(argv, ['json']);
    const sqlite = options.get('sqlite');
    if ((sqlite ? 1 : 0) + positional.length !== 1) throw new Error('give exactly one export file or --sqlite <file>');
    input = sqlite ? { kind: 'sqlite', path: sqlite } : { kind: 'export', path: positional[0] };
    if (!existsSync(input.path)) throw new Error(`No such file: ${input.path}`);
    const keyFile = options.get('public-key');
    if (!keyFile) throw new Error('--public-key is required (GET /v1/audit/public-key serves it; keep your own copy)');
    publicKey = readFileSync(keyFile, 'utf8');
    keyIdOf(publicKey); // refuses what is not an Ed25519 key, now rather than mid-run
    trustFile = options.get('trust-file');
    trusted = trustFile ? readTrust(trustFile, publicKey) : undefined;
    json = options.get('json') === 'true';
  } catch (error) {
    console.error(`${(error as Error).message}\n${USAGE}`);
    return 2;
  }

  const parsed = input.kind === 'export' ? await readExport(input.path) : undefined;
  const result = parsed ? verifyExport(parsed, publicKey, trusted) : verifySqlite(input.path, publicKey, trusted);
  if (json) console.log(JSON.stringify(result, null, 2));
  else report(result, trusted, parsed && partialRange(parsed));
  if (!result.ok) return 1;
  const newest = result.lastCheckpoint;
  if (trustFile && newest && newest.treeSize >= (trusted?.treeSize ?? 0)) {
    writeTrust(trustFile, { checkpoint: newest, verifiedAt: new Date().toISOString(), source: input.path });
    if (!json) console.log(`Trust file ${trustFile} now holds the checkpoint at tree size ${newest.treeSize}`);
  }
  return 0;
}

function verifySqlite(file: string, publicKey: string, trusted?: SignedCheckpoint): VerifyLogResult {
  const ledger = readStoredLedger(readSqliteEvents(file), publicKey);
  return verifyStoredLedger(ledger, publicKey, { trusted });
}

async function readExport(file: string): Promise<ParsedExport> {
  const lines: string[] = [];
  const reader = createInterface({ input: createReadStream(file, 'utf8'), crlfDelay: Infinity });
  for await (const line of reader) lines.push(line);
  return parseExport(lines);
}

/** "sequences a..b" when the export carries proofs (only that range is vouched for). */
function partialRange(parsed: ParsedExport): string | undefined {
  if (parsed.inclusionProofs.length === 0 && parsed.consistencyProofs.length === 0) return undefined;
  const [first, last] = [parsed.entries[0]?.sequence, parsed.entries[parsed.entries.length - 1]?.sequence];
  return first === undefined ? 'no entries' : `sequences ${first}..${last}`;
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
