import type { JsonValue } from '@concordat/shared-kernel';
import { isHashHex, toHex } from './hex';
import { assertLedgerEnvelope, dataDigest, leafHash, type LedgerEnvelope } from './leaf-hash';
import { LeafHashes } from './leaf-hashes';
import { toLogEntry, type LogEntry, type LogInput } from './log-entry';

/**
 * How a break is told: `log` for a whole log verified from sequence 1 (verifyLog's wording),
 * `range` for the entries of a partial export, checked from their first sequence.
 */
export type BreakWording = 'log' | 'range';

export interface Break {
  position: number;
  reason: string;
}

type BreakKind =
  | { kind: 'malformed'; message: string }
  | { kind: 'sequence'; sequence: unknown; comesLater: boolean }
  | { kind: 'envelope'; message: string }
  | { kind: 'claims'; claimed: unknown }
  | { kind: 'unhashable'; message: string }
  | { kind: 'not-hex' }
  | { kind: 'mismatch'; envelope: LedgerEnvelope; digest: Buffer; movedFrom?: number; looking: boolean };

type PendingBreak = BreakKind & { index: number; expected: number };

/**
 * Checks a log one entry at a time — sequence, envelope, leaf hash recomputed — and keeps only
 * the verified leaf hashes (32 bytes each), so an export of any length is verified in bounded
 * memory. Entries after the first break are only looked at for what describes that break: a
 * missing sequence that turns up later (a reorder), or, with `explainReorder`, the sequence
 * whose recorded leaf hash a mismatching event has (it was moved).
 */
export class LogScanner {
  readonly leaves = new LeafHashes();
  private seen = 0;
  private pending?: PendingBreak;

  constructor(
    private readonly start = 1,
    private readonly explainReorder = false,
  ) {}

  /** Entries given so far, those after a break included. */
  get entries(): number {
    return this.seen;
  }

  add(input: LogInput): void {
    const index = this.seen++;
    if (this.pending) return this.watch(input);
    const expected = this.start + index;
    const stop = (kind: BreakKind) => {
      this.pending = { ...kind, index, expected };
      if (kind.kind === 'mismatch' && this.explainReorder) this.lookBack(this.pending as PendingBreak & { kind: 'mismatch' });
    };
    let entry: LogEntry;
    try {
      entry = toLogEntry(input);
    } catch (error) {
      return stop({ kind: 'malformed', message: (error as Error).message });
    }
    const { sequence, envelope } = entry;
    if (sequence !== expected) return stop({ kind: 'sequence', sequence, comesLater: false });
    try {
      assertLedgerEnvelope(envelope);
    } catch (error) {
      return stop({ kind: 'envelope', message: (error as Error).message });
    }
    if (envelope.sequence !== sequence) return stop({ kind: 'claims', claimed: envelope.sequence });
    let digest: Buffer;
    let computed: Buffer;
    try {
      digest = dataDigest(entry.data as JsonValue);
      computed = leafHash(envelope, digest);
    } catch (error) {
      return stop({ kind: 'unhashable', message: (error as Error).message });
    }
    if (!isHashHex(entry.leafHash)) return stop({ kind: 'not-hex' });
    if (toHex(computed) !== entry.leafHash) return stop({ kind: 'mismatch', envelope, digest, looking: true });
    this.leaves.push(computed);
  }

  /** The first break, worded for a whole log or a range; undefined if every entry verified. */
  firstBreak(wording: BreakWording): Break | undefined {
    const b = this.pending;
    if (!b) return undefined;
    const at = b.expected;
    const position = at;
    switch (b.kind) {
      case 'malformed':
        return { position, reason: `entry ${at} of the log is malformed: ${b.message}` };
      case 'sequence':
        if (wording === 'range') return { position, reason: `sequence ${String(b.sequence)} where ${at} was expected (gap or reorder)` };
        if (typeof b.sequence !== 'number' || !Number.isSafeInteger(b.sequence)) return { position, reason: `entry ${at} has no integer sequence` };
        return { position, reason: describeDisorder(b.index, at, b.sequence, b.comesLater) };
      case 'envelope':
        return { position, reason: `malformed envelope at sequence ${at}: ${b.message}` };
      case 'claims':
        return { position, reason: `envelope at sequence ${at} claims sequence ${String(b.claimed)}` };
      case 'unhashable':
        return { position, reason: `data at sequence ${at} cannot be hashed: ${b.message}` };
      case 'not-hex':
        return { position, reason: wording === 'range' ? `leaf hash mismatch at sequence ${at}` : `leaf hash at sequence ${at} is not 64 lowercase hex characters` };
      case 'mismatch': {
        const reason = `leaf hash mismatch at sequence ${at}`;
        if (wording === 'range' || b.movedFrom === undefined) return { position, reason };
        return { position, reason: `${reason}: the event found there is the one the ledger recorded at sequence ${b.movedFrom} (events reordered)` };
      }
      default: {
        const unknownKind: never = b;
        throw new Error(`unknown break ${String(unknownKind)}`);
      }
    }
  }

  /** After a break: the later entries that tell what the break was. */
  private watch(input: LogInput): void {
    const b = this.pending!;
    if (b.kind === 'sequence') {
      if (!b.comesLater && sequenceOf(input) === b.expected) b.comesLater = true;
    } else if (b.kind === 'mismatch' && b.looking) {
      const entry = input as LogEntry;
      this.compare(b, entry.sequence, (claimed) => claimed === entry.leafHash);
    }
  }

  /** The earlier entries verified, so their recorded leaf hashes are the ones kept. */
  private lookBack(b: PendingBreak & { kind: 'mismatch' }): void {
    for (let i = 0; i < this.leaves.size && b.looking; i++) {
      const leaf = this.leaves.at(i);
      this.compare(b, this.start + i, (claimed) => claimed === toHex(leaf));
    }
  }

  /** Would the mismatching event have the leaf hash recorded at `sequence`? One hash; a failure to hash ends the search. */
  private compare(b: PendingBreak & { kind: 'mismatch' }, sequence: number, matches: (claimed: string) => boolean): void {
    try {
      if (matches(toHex(leafHash({ ...b.envelope, sequence }, b.digest)))) {
        b.movedFrom = sequence;
        b.looking = false;
      }
    } catch {
      b.looking = false;
    }
  }
}

/** Names a gap, a repeat or a reorder; a missing sequence that turns up later means a reorder. */
function describeDisorder(index: number, expected: number, sequence: number, comesLater: boolean): string {
  const follows = index === 0 ? `the log starts at sequence ${sequence}, not 1` : `sequence ${sequence} follows ${expected - 1}`;
  if (sequence === expected - 1) return `sequence ${sequence} repeated`;
  if (sequence < expected) return `${follows} (out of order)`;
  return comesLater ? `${follows} (out of order: sequence ${expected} comes later)` : `${follows} (gap)`;
}

function sequenceOf(input: LogInput): number | undefined {
  if (typeof input !== 'object' || input === null) return undefined;
  return 'envelope' in input ? input.sequence : typeof input.position === 'bigint' ? Number(input.position) : undefined;
}
