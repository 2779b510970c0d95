import { Inject, Injectable, Logger, ServiceUnavailableException, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { EVENT_STORE, StreamNotFoundError, type EventStore, type Subscription } from '@concordat/event-store';
import type { RecordedEvent } from '@concordat/shared-kernel';
import {
  attestLeaves, CHECKPOINT_STREAM, fromHex, hashLeafData, isLedgerEntry, MerkleLog, parseCheckpointRecord, storedEntry, toHex,
  type CheckpointRecord, type SignedCheckpoint,
} from '@concordat/audit';
import { LedgerSigner } from './ledger-signer';
import { PositionColumn, UintColumn } from './packed-columns';
import { assertNoRetentionOnLedger } from './retention-check';

/** Hex leaf hashes packed into one buffer, 32 bytes each. */
function packHashes(hexes: readonly string[]): { hashes: Buffer; count: number } {
  const hashes = Buffer.alloc(hexes.length * 32);
  hexes.forEach((hex, i) => hashes.write(hex, i * 32, 'hex'));
  return { hashes, count: hexes.length };
}

/**
 * The ledger sequence and the Merkle tree, in memory, fed by one subscription to the global log
 * (rebuilt from the log at start). Sequence n is the n-th ledger entry in the store's commit
 * order, checkpoint events skipped: on the embedded store the position order, on EventStoreDB
 * the `$all` commit order. The tree's leaves are the hashes the signed checkpoints recorded where
 * they exist, else the hash computed when the event was first seen — so a later change to the
 * stored data shows as a mismatch instead of silently becoming the truth.
 */
@Injectable()
export class LedgerIndex implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(LedgerIndex.name);
  private readonly tree = new MerkleLog();
  /** positions.at(n - 1): the store position of sequence n. */
  private readonly positions = new PositionColumn();
  /** A stream's sequences as a chain: its last one here, each one's predecessor in `previousInStream` (0: none). */
  private readonly lastInStream = new Map<string, number>();
  private readonly previousInStream = new UintColumn();
  private readonly records: SignedCheckpoint[] = [];
  /** The leaf hashes the signed checkpoints recorded, 32 bytes per sequence; dropped once the log is read past them. */
  private attested?: { hashes: Buffer; count: number };
  private checkpointRevision = -1;
  /** Sequences whose data, at start, no longer hashed to the leaf a signed checkpoint recorded. */
  private readonly divergent: number[] = [];
  private readonly badCheckpoints: string[] = [];
  private lastPosition = 0n;
  private subscription?: Subscription;
  private failure?: unknown;
  private stopping = false;
  private readonly waiters = new Set<() => void>();
  private readonly listeners: Array<(size: number) => void> = [];
  private readonly beforeStopHooks: Array<() => Promise<unknown>> = [];
  private markReady!: () => void;
  /** Resolves once the index has been rebuilt from the log at start. */
  readonly ready = new Promise<void>((resolve) => (this.markReady = resolve));

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly signer: LedgerSigner,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const stored = await this.store.readStream(CHECKPOINT_STREAM).catch((e: unknown) => (e instanceof StreamNotFoundError ? [] : Promise.reject(e)));
    const records = stored.map((e) => parseCheckpointRecord(e.data)).filter((r): r is CheckpointRecord => typeof r !== 'string');
    const attestation = attestLeaves(records, this.signer.publicKeyPem);
    this.attested = packHashes(attestation.leaves);
    if (attestation.stoppedBecause) this.logger.error(`Checkpoint records are only believed up to sequence ${attestation.leaves.length}: ${attestation.stoppedBecause}`);
    await new Promise<void>((resolve, reject) => this.subscribe(resolve, reject));
    this.attested = undefined;
    this.logger.log(`Ledger index rebuilt: ${this.size} entries, ${this.records.length} checkpoints`);
    if (this.divergent.length > 0) this.logger.error(`Stored data no longer matches its signed leaf hash at sequence ${this.divergent[0]} (and ${this.divergent.length - 1} more)`);
    await assertNoRetentionOnLedger(this.store, [...this.lastInStream.keys()], this.checkpointRevision >= 0 ? CHECKPOINT_STREAM : undefined);
    this.markReady();
  }

  async onModuleDestroy(): Promise<void> {
    // Whatever must still read the index (the sealer's last checkpoint) runs before it stops.
    await Promise.all(this.beforeStopHooks.map((hook) => hook().catch(() => undefined)));
    this.stopping = true;
    await this.subscription?.stop();
  }

  /** Runs `hook` at shutdown while the index still follows the log. */
  beforeStop(hook: () => Promise<unknown>): void {
    this.beforeStopHooks.push(hook);
  }

  private subscribe(onCaughtUp: () => void = () => undefined, onFailure?: (error: unknown) => void): void {
    this.subscription = this.store.subscribeToAll((event) => this.handle(event), {
      after: this.lastPosition,
      onCaughtUp,
      onError: (error) => {
        if (onFailure) return onFailure(error);
        this.failure = error;
        this.logger.error({ err: error }, 'Ledger index subscription failed; resubscribing in 1 s');
        if (!this.stopping) setTimeout(() => this.stopping || ((this.failure = undefined), this.subscribe()), 1000).unref();
      },
    });
  }

  private handle(event: RecordedEvent): void {
    if (isLedgerEntry(event)) this.addEntry(event);
    else this.addCheckpoint(event);
    this.lastPosition = event.position;
    for (const wake of [...this.waiters]) wake();
  }

  private addEntry(event: RecordedEvent): void {
    const sequence = this.positions.length + 1;
    const computed = storedEntry(event, sequence).leafHash;
    const recorded = this.attested && sequence <= this.attested.count ? this.attested.hashes.subarray((sequence - 1) * 32, sequence * 32) : undefined;
    if (recorded !== undefined && toHex(recorded) !== computed) this.divergent.push(sequence);
    if (recorded === undefined && computed === '') this.logger.error(`Event at position ${event.position} has no ledger envelope; it gets a placeholder leaf`);
    this.tree.append(recorded ?? (computed === '' ? hashLeafData(Buffer.from(`unhashable event at position ${event.position}`)) : fromHex(computed, 32)));
    this.positions.push(event.position);
    this.previousInStream.set(sequence, this.lastInStream.get(event.streamId) ?? 0);
    this.lastInStream.set(event.streamId, sequence);
    for (const listener of this.listeners) listener(this.size);
  }

  private addCheckpoint(event: RecordedEvent): void {
    this.checkpointRevision = event.revision;
    const record = parseCheckpointRecord(event.data);
    if (typeof record === 'string') {
      this.badCheckpoints.push(`checkpoint event at position ${event.position}: ${record}`);
      return;
    }
    const { treeSize, rootHash } = record.checkpoint;
    if (record.checkpoint.keyId !== this.signer.keyId) {
      // Another key signed here: this instance's key is not the ledger's (or the stream was forged); never sign beside it.
      this.badCheckpoints.push(`the checkpoint at tree size ${treeSize} (position ${event.position}) is signed by key ${record.checkpoint.keyId}, not by this service's key ${this.signer.keyId}`);
    } else if (treeSize > this.size || toHex(this.tree.root(treeSize)) !== rootHash) {
      this.badCheckpoints.push(`checkpoint at tree size ${treeSize} does not match the ledger's tree`);
      this.logger.error(`Checkpoint at tree size ${treeSize} (position ${event.position}) does not match the ledger's tree`);
    }
    // Only the signed checkpoint is kept: its leaf list is in the tree already.
    this.records.push(record.checkpoint);
  }

  /** Waits until everything in the store when called has been indexed. */
  async ensureCaughtUp(timeoutMs = 15000): Promise<void> {
    const head = await this.store.headPosition();
    const deadline = Date.now() + timeoutMs;
    while (this.lastPosition < head) {
      if (this.failure !== undefined || Date.now() > deadline) {
        throw new ServiceUnavailableException({ code: 'AUDIT.INDEX_BEHIND', message: 'The ledger index is not caught up with the store; retry shortly' });
      }
      await new Promise<void>((resolve) => {
        const done = () => (this.waiters.delete(done), clearTimeout(timer), resolve());
        const timer = setTimeout(done, 200);
        this.waiters.add(done);
      });
    }
  }

  onAppended(listener: (size: number) => void): void {
    this.listeners.push(listener);
  }

  get size(): number {
    return this.tree.size;
  }

  /** Position up to which the index has read (checkpoint events included). */
  get indexedPosition(): bigint {
    return this.lastPosition;
  }

  root(treeSize = this.size): Buffer {
    return this.tree.root(treeSize);
  }

  leafHash(sequence: number): string {
    return toHex(this.tree.leafHash(sequence - 1));
  }

  leafHashes(from: number, to: number): string[] {
    const out: string[] = [];
    for (let s = from; s <= to; s++) out.push(this.leafHash(s));
    return out;
  }

  inclusionProof(sequence: number, treeSize: number): Buffer[] {
    return this.tree.inclusionProof(sequence - 1, treeSize);
  }

  consistencyProof(from: number, to: number): Buffer[] {
    return this.tree.consistencyProof(from, to);
  }

  positionOf(sequence: number): bigint | undefined {
    return this.positions.at(sequence - 1);
  }

  /** The ledger sequence of a store position, if it is an indexed ledger entry. */
  sequenceOf(position: bigint): number | undefined {
    let [lo, hi] = [0, this.positions.length - 1];
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const p = this.positions.at(mid)!;
      if (p === position) return mid + 1;
      if (p < position) lo = mid + 1;
      else hi = mid - 1;
    }
    return undefined;
  }

  /** The sequences of a stream's events, by revision, as the ledger indexed them. */
  streamSequencesOf(streamId: string): readonly number[] {
    const sequences: number[] = [];
    for (let s = this.lastInStream.get(streamId) ?? 0; s > 0; s = this.previousInStream.at(s)) sequences.push(s);
    return sequences.reverse();
  }

  checkpoints(): SignedCheckpoint[] {
    return [...this.records];
  }

  latestCheckpoint(): SignedCheckpoint | null {
    return this.records.length > 0 ? this.records[this.records.length - 1] : null;
  }

  /** The checkpoint stream's revision as last indexed (-1: no stream), for the next append. */
  get checkpointStreamRevision(): number {
    return this.checkpointRevision;
  }

  /** Why this instance must not sign a new checkpoint on top of its tree, if it must not. */
  historyProblem(): string | undefined {
    if (this.divergent.length > 0) return `stored data at sequence ${this.divergent[0]} no longer matches the leaf hash its checkpoint recorded`;
    return this.badCheckpoints[0];
  }
}
