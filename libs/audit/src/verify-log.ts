import type { KeyObject } from 'node:crypto';
import { checkpointSignatureProblem, type SignedCheckpoint } from './checkpoint';
import { toHex } from './hex';
import type { LeafHashes } from './leaf-hashes';
import type { LogInput } from './log-entry';
import { LogScanner, type Break } from './log-scanner';

export interface VerifyLogResult {
  ok: boolean;
  /** Events that passed the per-event checks (sequence, envelope, leaf hash) before any break. */
  checkedEvents: number;
  /** The largest checkpoint that verified against the log: what an offline verifier should keep as `trusted`. */
  lastCheckpoint: SignedCheckpoint | null;
  /**
   * The first sequence that cannot be trusted. For a rewrite that only a checkpoint reveals
   * (hashes recomputed), the evidence only bounds it: this is the first sequence after the
   * last matching checkpoint, and `reason` names the range.
   */
  firstBrokenPosition?: number;
  reason?: string;
}

interface Evidence {
  cp: SignedCheckpoint;
  label: 'checkpoint' | 'trusted checkpoint';
}

/**
 * Verifies an exported or stored log: every leaf hash recomputed from envelope and data,
 * sequences exactly 1..n in order, the Merkle tree rebuilt, and every signed checkpoint (plus
 * `trusted`, one kept from an earlier run) shown to be a prefix of this very log. Problems
 * with the evidence itself (bad signature, foreign origin, two roots for one size) are
 * reported first, because a verdict built on forged evidence would mean nothing.
 */
export function verifyLog(
  events: Iterable<LogInput>,
  checkpoints: readonly SignedCheckpoint[],
  publicKey: KeyObject | string,
  trusted?: SignedCheckpoint,
): VerifyLogResult {
  const scanner = new LogScanner();
  for (const event of events) scanner.add(event);
  return logVerdict(scanner, checkpoints, publicKey, trusted);
}

/**
 * verifyLog's verdict on a scanned log: the evidence first, then every checkpoint (by size)
 * against the root of the verified prefix, then the first bad event.
 */
export function logVerdict(scanner: LogScanner, checkpoints: readonly SignedCheckpoint[], publicKey: KeyObject | string, trusted?: SignedCheckpoint): VerifyLogResult {
  const evidence: Evidence[] = checkpoints.map((cp) => ({ cp, label: 'checkpoint' }));
  if (trusted) evidence.push({ cp: trusted, label: 'trusted checkpoint' });
  const evidenceProblem = checkEvidence(evidence, publicKey, trusted);
  if (evidenceProblem) return { ok: false, checkedEvents: 0, lastCheckpoint: null, reason: evidenceProblem };

  const tree = scanner.leaves;
  const eventBreak = scanner.firstBreak('log');
  const bySize = [...evidence].sort((a, b) => a.cp.treeSize - b.cp.treeSize);
  const roots = tree.rootsAt(bySize.map((e) => e.cp.treeSize).filter((size) => size <= tree.size));
  let lastGood: Evidence | null = null;
  for (const e of bySize) {
    const size = e.cp.treeSize;
    if (size > tree.size) {
      // Past the verified prefix: after an event break nothing more can be said; otherwise
      // the ledger once vouched for events that are no longer there.
      if (eventBreak) break;
      const reason = `${e.label} at tree size ${size} is beyond the end of the log (${tree.size} events): events deleted`;
      return broken(tree, lastGood, { position: tree.size + 1, reason });
    }
    if (toHex(roots.get(size)!) === e.cp.rootHash) {
      lastGood = e;
      continue;
    }
    // Sorted by size, so this bounds the first rewritten event to (lastGood, size]; it comes
    // before any event break, which can only lie beyond the verified prefix.
    const from = (lastGood?.cp.treeSize ?? 0) + 1;
    const where = from === size ? `at sequence ${size}` : `between sequence ${from} and ${size}`;
    const reason = `${e.label} at tree size ${size} does not match the log (root differs): history rewritten ${where}`;
    return broken(tree, lastGood, { position: from, reason });
  }
  if (eventBreak) return broken(tree, lastGood, eventBreak);
  return { ok: true, checkedEvents: tree.size, lastCheckpoint: lastGood?.cp ?? null };
}

function broken(tree: LeafHashes, lastGood: Evidence | null, b: Break): VerifyLogResult {
  return { ok: false, checkedEvents: tree.size, lastCheckpoint: lastGood?.cp ?? null, firstBrokenPosition: b.position, reason: b.reason };
}

/**
 * Why a set of signed checkpoints (and an optional trusted one) cannot serve as evidence — a bad
 * signature, a foreign origin, two roots for one size — or undefined if it can. The same check
 * verifyLog runs first, for verifiers that work from proofs rather than a full recompute.
 */
export function checkpointEvidenceProblem(
  checkpoints: readonly SignedCheckpoint[],
  publicKey: KeyObject | string,
  trusted?: SignedCheckpoint,
): string | undefined {
  const evidence: Evidence[] = checkpoints.map((cp) => ({ cp, label: 'checkpoint' }));
  if (trusted) evidence.push({ cp: trusted, label: 'trusted checkpoint' });
  return checkEvidence(evidence, publicKey, trusted);
}

function checkEvidence(evidence: Evidence[], publicKey: KeyObject | string, trusted?: SignedCheckpoint): string | undefined {
  for (const { cp, label } of evidence) {
    const problem = checkpointSignatureProblem(cp, publicKey);
    if (problem) return `${label} at tree size ${String(cp?.treeSize)}: ${problem}`;
  }
  const origin = trusted?.origin ?? evidence[0]?.cp.origin;
  const rootBySize = new Map<number, string>();
  for (const { cp, label } of evidence) {
    if (cp.origin !== origin) return `${label} at tree size ${cp.treeSize} is for log "${cp.origin}", not "${origin}"`;
    const seen = rootBySize.get(cp.treeSize);
    if (seen !== undefined && seen !== cp.rootHash) {
      // Only the key holder can sign, so two roots for one size mean the signer itself
      // attested two different histories: no single log can satisfy both.
      return `checkpoints at tree size ${cp.treeSize} contradict each other (roots differ): the log was forked`;
    }
    rootBySize.set(cp.treeSize, cp.rootHash);
  }
  return undefined;
}
