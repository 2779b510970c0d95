import { checkpointShapeProblem, type SignedCheckpoint } from './checkpoint';
import { isHashHex, toHex } from './hex';
import { logEntryOfLine, toNdjsonLine, type LogEntry } from './log-entry';

/**
 * The NDJSON export, one JSON object per line (UTF-8, `\n`-terminated), in this order:
 *
 *   {"sequence":n,"envelope":{…},"data":{…},"leafHash":"…"}         one per ledger entry, ascending
 *   {"checkpoint":{origin,treeSize,rootHash,issuedAt,signature,keyId}} every checkpoint, ascending size
 *   {"consistencyProof":{"from":a,"to":b,"proof":["hex",…]}}          partial exports only
 *   {"inclusionProof":{"sequence":s,"treeSize":T,"proof":["hex",…]}}  partial exports only
 *
 * A full export (sequences 1..T, T = the last checkpoint's size) is verified by recomputing the
 * whole tree. A partial one (a range, or a log that grew past the range) carries an RFC 9162
 * consistency proof between each pair of consecutive checkpoints and an inclusion proof of each
 * entry in the last checkpoint, so it can be checked without the rest of the log.
 */
export interface ConsistencyProofLine {
  from: number;
  to: number;
  proof: string[];
}

export interface InclusionProofLine {
  sequence: number;
  treeSize: number;
  proof: string[];
}

export interface ParsedExport {
  entries: LogEntry[];
  checkpoints: SignedCheckpoint[];
  consistencyProofs: ConsistencyProofLine[];
  inclusionProofs: InclusionProofLine[];
  /** The first line that could not be read, if any; everything before it was read. */
  problem?: { line: number; reason: string };
}

export const entryLine = (entry: LogEntry): string => toNdjsonLine(entry);

export function checkpointLine(cp: SignedCheckpoint): string {
  return JSON.stringify({ checkpoint: { origin: cp.origin, treeSize: cp.treeSize, rootHash: cp.rootHash, issuedAt: cp.issuedAt, signature: cp.signature, keyId: cp.keyId } });
}

export function consistencyProofLine(from: number, to: number, proof: Buffer[]): string {
  return JSON.stringify({ consistencyProof: { from, to, proof: proof.map(toHex) } });
}

export function inclusionProofLine(sequence: number, treeSize: number, proof: Buffer[]): string {
  return JSON.stringify({ inclusionProof: { sequence, treeSize, proof: proof.map(toHex) } });
}

/** What the trailer needs from a tree: RFC 9162 proofs (leaf index is 0-based, as in MerkleLog). */
export interface ProofSource {
  consistencyProof(m: number, n: number): Buffer[];
  inclusionProof(leafIndex: number, treeSize: number): Buffer[];
}

/**
 * The lines after the entries of an export of sequences from..to: every checkpoint, then, when
 * the export is partial, the proofs that bind the range to the newest checkpoint.
 */
export function* exportTrailer(checkpoints: readonly SignedCheckpoint[], tree: ProofSource, from: number, to: number): Generator<string> {
  for (const cp of checkpoints) yield checkpointLine(cp);
  const sizes = [...new Set(checkpoints.map((c) => c.treeSize))].sort((a, b) => a - b);
  const latest = sizes[sizes.length - 1];
  if (latest === undefined || (from === 1 && latest <= to)) return;
  for (let i = 1; i < sizes.length; i++) if (sizes[i - 1] > 0) yield consistencyProofLine(sizes[i - 1], sizes[i], tree.consistencyProof(sizes[i - 1], sizes[i]));
  for (let s = from; s <= Math.min(to, latest); s++) yield inclusionProofLine(s, latest, tree.inclusionProof(s - 1, latest));
}

const isCount = (n: unknown): n is number => typeof n === 'number' && Number.isSafeInteger(n) && n >= 0;
const isProof = (p: unknown): p is string[] => Array.isArray(p) && p.every(isHashHex);

/** Where the lines of an export go as they are read: a collector (parseExport) or a verifier that keeps nothing per entry. */
export interface ExportSink {
  entry(entry: LogEntry): void;
  checkpoint(cp: SignedCheckpoint): void;
  consistencyProof(p: ConsistencyProofLine): void;
  inclusionProof(p: InclusionProofLine): void;
}

export type ExportProblem = NonNullable<ParsedExport['problem']>;

/** Reads an export line by line; stops at the first line it cannot read and says where. */
export function parseExport(lines: Iterable<string>): ParsedExport {
  const out: ParsedExport = { entries: [], checkpoints: [], consistencyProofs: [], inclusionProofs: [] };
  const sink: ExportSink = {
    entry: (e) => out.entries.push(e),
    checkpoint: (cp) => out.checkpoints.push(cp),
    consistencyProof: (p) => out.consistencyProofs.push(p),
    inclusionProof: (p) => out.inclusionProofs.push(p),
  };
  let n = 0;
  for (const raw of lines) {
    const problem = lineProblem(++n, raw, sink);
    if (problem) {
      out.problem = problem;
      break;
    }
  }
  return out;
}

/** parseExport's reading, line by line into `sink` as the lines arrive (a file of any size in bounded memory). */
export async function readExportInto(lines: AsyncIterable<string>, sink: ExportSink): Promise<ExportProblem | undefined> {
  let n = 0;
  for await (const raw of lines) {
    const problem = lineProblem(++n, raw, sink);
    if (problem) return problem;
  }
  return undefined;
}

function lineProblem(n: number, raw: string, sink: ExportSink): ExportProblem | undefined {
  const line = raw.trim();
  if (line === '') return undefined;
  const problem = readLine(line, sink);
  return problem ? { line: n, reason: `line ${n} of the export: ${problem}` } : undefined;
}

function readLine(line: string, out: ExportSink): string | undefined {
  let value: Record<string, unknown>;
  try {
    value = JSON.parse(line) as Record<string, unknown>;
  } catch {
    return 'not JSON';
  }
  if (typeof value !== 'object' || value === null) return 'not a JSON object';
  if ('checkpoint' in value) {
    const shape = checkpointShapeProblem(value.checkpoint);
    if (shape) return `malformed checkpoint (${shape})`;
    out.checkpoint(value.checkpoint as SignedCheckpoint);
    return undefined;
  }
  if ('consistencyProof' in value) {
    const p = value.consistencyProof as Partial<ConsistencyProofLine> | null;
    if (!p || !isCount(p.from) || !isCount(p.to) || !isProof(p.proof)) return 'malformed consistency proof';
    out.consistencyProof({ from: p.from, to: p.to, proof: p.proof });
    return undefined;
  }
  if ('inclusionProof' in value) {
    const p = value.inclusionProof as Partial<InclusionProofLine> | null;
    if (!p || !isCount(p.sequence) || !isCount(p.treeSize) || !isProof(p.proof)) return 'malformed inclusion proof';
    out.inclusionProof({ sequence: p.sequence, treeSize: p.treeSize, proof: p.proof });
    return undefined;
  }
  try {
    out.entry(logEntryOfLine(value));
  } catch (error) {
    return (error as Error).message;
  }
  return undefined;
}
