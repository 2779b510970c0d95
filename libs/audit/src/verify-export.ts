import type { KeyObject } from 'node:crypto';
import type { JsonValue } from '@concordat/shared-kernel';
import type { SignedCheckpoint } from './checkpoint';
import type { ParsedExport } from './export-format';
import { fromHex, toHex } from './hex';
import { assertLedgerEnvelope, dataDigest, leafHash } from './leaf-hash';
import type { LogEntry } from './log-entry';
import { verifyConsistency, verifyInclusion } from './merkle';
import { verifyEntries } from './verify-ledger';
import { checkpointEvidenceProblem, type VerifyLogResult } from './verify-log';

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
  const checkpoints = [...parsed.checkpoints].sort((a, b) => a.treeSize - b.treeSize);
  const evidence = checkpointEvidenceProblem(checkpoints, publicKey, trusted);
  if (evidence) return { ok: false, checkedEvents: 0, lastCheckpoint: null, reason: evidence };
  const latest = checkpoints[checkpoints.length - 1];
  const from = entries[0]?.sequence ?? 1;
  // A full export carries no proofs: everything is recomputed, and a checkpoint beyond its end
  // means deleted events. Proofs mark a partial export, checked for the range it covers.
  const hasProofs = parsed.inclusionProofs.length > 0 || parsed.consistencyProofs.length > 0;
  if (from === 1 && (!hasProofs || !latest || latest.treeSize <= entries.length)) return verifyEntries(entries, checkpoints, publicKey, trusted);
  if (!latest) return fail(0, null, from, 'a partial export must carry the checkpoints that cover it');

  const scan = scanRange(entries, from);
  if (scan.broken) return fail(scan.checked, null, scan.broken.position, scan.broken.reason);
  const chain = checkChain(parsed, checkpoints, trusted);
  if (chain) return fail(scan.checked, null, chain.position, chain.reason);
  const root = fromHex(latest.rootHash, 32);
  for (const [i, entry] of entries.entries()) {
    if (entry.sequence > latest.treeSize) break; // newer than every checkpoint: recomputed only
    const line = parsed.inclusionProofs.find((p) => p.sequence === entry.sequence && p.treeSize === latest.treeSize);
    const where = `sequence ${entry.sequence} in the checkpoint at tree size ${latest.treeSize}`;
    if (!line) return fail(i, latest, entry.sequence, `no inclusion proof for ${where}`);
    const proof = line.proof.map((h) => fromHex(h, 32));
    if (!verifyInclusion(fromHex(entry.leafHash, 32), entry.sequence - 1, latest.treeSize, proof, root)) {
      return fail(i, latest, entry.sequence, `the inclusion proof of ${where} does not verify: the entry is not the one the ledger signed`);
    }
  }
  return { ok: true, checkedEvents: entries.length, lastCheckpoint: latest };
}

interface Break {
  position: number;
  reason: string;
}

function fail(checkedEvents: number, lastCheckpoint: SignedCheckpoint | null, position: number, reason: string): VerifyLogResult {
  return { ok: false, checkedEvents, lastCheckpoint, firstBrokenPosition: position, reason };
}

/** Contiguous sequences from `from`, well-formed envelopes, leaf hashes that recompute. */
function scanRange(entries: LogEntry[], from: number): { checked: number; broken?: Break } {
  for (const [i, entry] of entries.entries()) {
    const expected = from + i;
    const broken = (reason: string) => ({ checked: i, broken: { position: expected, reason } });
    if (entry.sequence !== expected) return broken(`sequence ${entry.sequence} where ${expected} was expected (gap or reorder)`);
    try {
      assertLedgerEnvelope(entry.envelope);
    } catch (error) {
      return broken(`malformed envelope at sequence ${expected}: ${(error as Error).message}`);
    }
    if (entry.envelope.sequence !== expected) return broken(`envelope at sequence ${expected} claims sequence ${entry.envelope.sequence}`);
    let computed: string;
    try {
      computed = toHex(leafHash(entry.envelope, dataDigest(entry.data as JsonValue)));
    } catch (error) {
      return broken(`data at sequence ${expected} cannot be hashed: ${(error as Error).message}`);
    }
    if (computed !== entry.leafHash) return broken(`leaf hash mismatch at sequence ${expected}`);
  }
  return { checked: entries.length };
}

/** Every checkpoint (and the trusted one) must extend the previous one, by the export's consistency proofs. */
function checkChain(parsed: ParsedExport, checkpoints: SignedCheckpoint[], trusted?: SignedCheckpoint): Break | undefined {
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
    const line = parsed.consistencyProofs.find((p) => p.from === a && p.to === b);
    if (!line) return { position: a + 1, reason: `no consistency proof from tree size ${a} to ${b}` };
    const ok = verifyConsistency(a, b, line.proof.map((h) => fromHex(h, 32)), fromHex(rootBySize.get(a)!, 32), fromHex(rootBySize.get(b)!, 32));
    if (!ok) return { position: a + 1, reason: `the checkpoints at tree sizes ${a} and ${b} are not consistent: history rewritten between sequence ${a + 1} and ${b}` };
  }
  return undefined;
}
