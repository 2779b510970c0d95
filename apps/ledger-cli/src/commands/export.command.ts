import Database from 'better-sqlite3';
import { createWriteStream, existsSync } from 'node:fs';
import { once } from 'node:events';
import { join } from 'node:path';
import type { EventRow } from '@concordat/event-store';
import type { EventMetadata, JsonObject, RecordedEvent } from '@concordat/shared-kernel';
import { entryLine, exportTrailer, fromHex, MerkleLog, readStoredLedger } from '@concordat/audit';

export const summary = 'Export the ledger (NDJSON: entries, checkpoints, proofs) straight from an embedded store file, read-only';

const USAGE = 'Usage: concordat export --data-dir <dir> | --sqlite <events.sqlite>  [--from N] [--to M] [--out file.ndjson]';

/**
 * Every event of an embedded store file, in position order, opened read-only so that it can run
 * beside a live service (WAL readers never block the writer). A row whose JSON no longer parses
 * is kept, with the raw text as its data, so that verification fails at that very entry.
 */
export function readSqliteEvents(file: string): RecordedEvent[] {
  if (!existsSync(file)) throw new Error(`No such store file: ${file}`);
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    const rows = db.prepare('SELECT * FROM events ORDER BY position ASC').all() as EventRow[];
    return rows.map((row) => ({
      id: row.event_id,
      type: row.type,
      streamId: row.stream_id,
      revision: row.revision,
      position: BigInt(row.position),
      recordedAt: row.recorded_at,
      data: parseOr(row.data, { unparseableStoredData: row.data }),
      metadata: parseOr(row.metadata, { unparseableStoredMetadata: row.metadata }) as EventMetadata,
    }));
  } finally {
    db.close();
  }
}

function parseOr(text: string, fallback: JsonObject): JsonObject {
  try {
    return JSON.parse(text) as JsonObject;
  } catch {
    return fallback;
  }
}

/** `--name value` options and positional arguments; flags listed in `booleans` take no value. */
export function parseArgs(argv: string[], booleans: string[] = []): { options: Map<string, string>; positional: string[] } {
  const options = new Map<string, string>();
  const positional: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (!arg.startsWith('--')) positional.push(arg);
    else if (booleans.includes(arg.slice(2))) options.set(arg.slice(2), 'true');
    else if (i + 1 >= argv.length) throw new Error(`${arg} needs a value`);
    else options.set(arg.slice(2), argv[++i]);
  }
  return { options, positional };
}

function sequenceOption(options: Map<string, string>, name: string): number | undefined {
  const raw = options.get(name);
  if (raw === undefined) return undefined;
  if (!/^\d{1,15}$/.test(raw)) throw new Error(`--${name} must be a ledger sequence (a whole number), got "${raw}"`);
  return Number(raw);
}

export async function run(argv: string[]): Promise<number> {
  let file: string;
  let from: number;
  let to: number | undefined;
  let out: string | undefined;
  try {
    const { options, positional } = parseArgs(argv);
    if (positional.length > 0) throw new Error(`unexpected argument ${positional[0]}`);
    const dataDir = options.get('data-dir');
    const sqlite = options.get('sqlite');
    if (!dataDir === !sqlite) throw new Error('give exactly one of --data-dir or --sqlite');
    file = sqlite ?? join(dataDir!, 'events.sqlite');
    from = sequenceOption(options, 'from') ?? 1;
    to = sequenceOption(options, 'to');
    out = options.get('out');
    if (from < 1) throw new Error('--from must be at least 1');
  } catch (error) {
    console.error(`${(error as Error).message}\n${USAGE}`);
    return 2;
  }

  const ledger = readStoredLedger(readSqliteEvents(file), undefined);
  const size = ledger.entries.length;
  const last = to ?? size;
  if (last > size || from > Math.max(last, 1)) {
    console.error(`The range ${from}..${last} is not inside the ledger's ${size} entries`);
    return 2;
  }
  const tree = new MerkleLog(ledger.entries.map((e) => fromHex(e.leafHash || '00'.repeat(32), 32)));
  const sink = out ? createWriteStream(out) : process.stdout;
  const send = async (line: string) => {
    if (!sink.write(`${line}\n`)) await once(sink, 'drain');
  };
  for (const entry of ledger.entries.slice(from - 1, last)) await send(entryLine(entry));
  // A checkpoint beyond the stored entries (a deleted tail) gets an empty proof, which fails verification.
  const proofs = {
    consistencyProof: (m: number, n: number) => (n <= tree.size ? tree.consistencyProof(m, n) : []),
    inclusionProof: (i: number, n: number) => (n <= tree.size ? tree.inclusionProof(i, n) : []),
  };
  for (const line of exportTrailer(ledger.checkpoints, proofs, from, last)) await send(line);
  if (out) {
    sink.end();
    await once(sink, 'finish');
    console.error(`Exported ledger sequences ${from}..${last} and ${ledger.checkpoints.length} checkpoints to ${out}`);
  }
  return 0;
}
