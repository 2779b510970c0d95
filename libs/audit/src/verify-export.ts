import type { KeyObject } from 'node:crypto';
import type { SignedCheckpoint } from './checkpoint';
import type { ConsistencyProofLine, ExportSink, InclusionProofLine, ParsedExport } from './export-format';
import { fromHex } from './hex';
import type { LogEntry } from './log-entry';
import { LogScanner, type Break } from './log-scanner';
import { verifyConsistency, verifyInclusion } from './merkle';
import { checkpointEvidenceProblem, logVerdict, type VerifyLogResult } from './verify-log';

/**
 * Verifies a parsed export against the ledger's public key and, optionally, the checkpoint the
 * auditor trusted last time. A full export is recomputed entirely (verifyLog); a partial one (it
 * carries proofs) is checked entry by entry, then bound to the checkpoints through its proofs —
 * so it vouches for its range only, which the caller should say.
 */
export function verifyExport(parsed: ParsedExport, publicKey: KeyObject | string, trusted?: SignedCheckpoint): VerifyLogResult {
  const { entries } = parsed;
  if (parsed.problem) {
    const after = entries.length > 0 ? entries[entries.length - 1].sequence : 0;
    return { ok: false, checkedEvents: 0, lastCheckpoint: null, firstBrokenPosition: after + 1, reason: parsed.problem.reason };
  }
  const verifier = new ExportVerifier();
  for (const entry of entries) verifier.entry(entry);
  for (const cp of parsed.checkpoints) verifier.checkpoint(cp);
  for (const p of parsed.consistencyProofs) verifier.consistencyProof(p);
  for (const p of parsed.inclusionProofs) verifier.inclusionProof(p);
  return verifier.verdict(publicKey, trusted);
}

/**
 * verifyExport as the lines arrive (readExportInto): each entry is checked and dropped, keeping
 * its 32-byte leaf hash, so an export of any size is verified in bounded memory; the verdict
 * waits for the trailer (checkpoints and proofs come after the entries).
 */
export class ExportVerifier implements ExportSink {
  private scanner?: LogScanner;
  private first?: number;
  private last?: number;
  private readonly checkpoints: SignedCheckpoint[] = [];
  private readonly consistencyProofs: ConsistencyProofLine[] = [];
  /** The first inclusion proof given for each (sequence, tree size). */
  private readonly inclusionProofs = new Map<string, string[]>();

  entry(entry: LogEntry): void {
    // A full export is verified from sequence 1 (explaining a reorder); a partial one from its first entry.
    this.scanner ??= new LogScanner(entry.sequence, entry.sequence === 1);
    this.first ??= entry.sequence;
    this.last = entry.sequence;
    this.scanner.add(entry);
  }

  checkpoint(cp: SignedCheckpoint): void {
    this.checkpoints.push(cp);
  }

  consistencyProof(p: ConsistencyProofLine): void {
    this.consistencyProofs.push(p);
  }

  inclusionProof(p: InclusionProofLine): void {
    const key = `${p.sequence}/${p.treeSize}`;
    if (!this.inclusionProofs.has(key)) this.inclusionProofs.set(key, p.proof);
  }

  /** "sequences a..b" when the export carries proofs (only that range is vouched for). */
  get partialRange(): string | undefined {
    if (this.inclusionProofs.size === 0 && this.consistencyProofs.length === 0) return undefined;
    return this.first === undefined ? 'no entries' : `sequences ${this.first}..${this.last}`;
  }

  verdict(publicKey: KeyObject | string, trusted?: SignedCheckpoint): VerifyLogResult {
    const scanner = this.scanner ?? new LogScanner(1, true);
    const checkpoints = [...this.checkpoints].sort((a, b) => a.treeSize - b.treeSize);
    const evidence = checkpointEvidenceProblem(checkpoints, publicKey, trusted);
    if (evidence) return { ok: false, checkedEvents: 0, lastCheckpoint: null, reason: evidence };
    const latest = checkpoints[checkpoints.length - 1];
    const from = this.first ?? 1;
    // A full export carries no proofs: everything is recomputed, and a checkpoint beyond its end
    // means deleted events. Proofs mark a partial export, checked for the range it covers.
    const hasProofs = this.partialRange !== undefined;
    if (from === 1 && (!hasProofs || !latest || latest.treeSize <= scanner.entries)) return logVerdict(scanner, checkpoints, publicKey, trusted);
    if (!latest) return fail(0, null, from, 'a partial export must carry the checkpoints that cover it');

    const broken = scanner.firstBreak('range');
    if (broken) return fail(scanner.leaves.size, null, broken.position, broken.reason);
    const chain = checkChain(this.consistencyProofs, checkpoints, trusted);
    if (chain) return fail(scanner.entries, null, chain.position, chain.reason);
    const root = fromHex(latest.rootHash, 32);
    for (let i = 0; i < scanner.leaves.size; i++) {
      const sequence = from + i;
      if (sequence > latest.treeSize) break; // newer than every checkpoint: recomputed only
      const proof = this.inclusionProofs.get(`${sequence}/${latest.treeSize}`);
      const where = `sequence ${sequence} in the checkpoint at tree size ${latest.treeSize}`;
      if (!proof) return fail(i, latest, sequence, `no inclusion proof for ${where}`);
      if (!verifyInclusion(scanner.leaves.at(i), sequence - 1, latest.treeSize, proof.map((h) => fromHex(h, 32)), root)) {
        return fail(i, latest, sequence, `the inclusion proof of ${where} does not verify: the entry is not the one the ledger signed`);
      }
    }
    return { ok: true, checkedEvents: scanner.entries, lastCheckpoint: latest };
  }
}

function fail(checkedEvents: number, lastCheckpoint: SignedCheckpoint | null, position: number, reason: string): VerifyLogResult {
  return { ok: false, checkedEvents, lastCheckpoint, firstBrokenPosition: position, reason };
}

/** Every checkpoint (and the trusted one) must extend the previous one, by the export's consistency proofs. */
function checkChain(consistencyProofs: readonly ConsistencyProofLine[], checkpoints: SignedCheckpoint[], trusted?: SignedCheckpoint): Break | undefined {
  const latest = checkpoints[checkpoints.length - 1];
  if (trusted && trusted.treeSize > latest.treeSize) {
    return {
      position: latest.treeSize + 1,
      reason: `the trusted checkpoint covers ${trusted.treeSize} entries but the export's newest checkpoint only ${latest.treeSize}: events deleted, or the export is older than your trust file`,
    };
  }
  const rootBySize = new Map<number, string>();
  for (const cp of trusted ? [...checkpoints, trusted] : checkpoints) if (cp.treeSize > 0) rootBySize.set(cp.treeSize, cp.rootHash);
  const sizes = [...rootBySize.keys()].sort((a, b) => a - b);
  for (let i = 1; i < sizes.length; i++) {
    const [a, b] = [sizes[i - 1], sizes[i]];
    const line = consistencyProofs.find((p) => p.from === a && p.to === b);
    if (!line) return { position: a + 1, reason: `no consistency proof from tree size ${a} to ${b}` };
    const ok = verifyConsistency(a, b, line.proof.map((h) => fromHex(h, 32)), fromHex(rootBySize.get(a)!, 32), fromHex(rootBySize.get(b)!, 32));
    if (!ok) return { position: a + 1, reason: `the checkpoints at tree sizes ${a} and ${b} are not consistent: history rewritten between sequence ${a + 1} and ${b}` };
  }
  return undefined;
}
