import { Inject, Injectable } from '@nestjs/common';
import { EVENT_STORE, StreamNotFoundError, type EventStore } from '@concordat/event-store';
import type { RecordedEvent } from '@concordat/shared-kernel';
import {
  checkpointEvidenceProblem, fromHex, isLedgerEntry, readStoredLedger, storedEntry, toHex, verifyInclusion, verifyStoredLedger,
  type SignedCheckpoint, type VerifyLogResult,
} from '@concordat/audit';
import { badField } from './audit-proof.service';
import { LedgerIndex } from './ledger-index';
import { LedgerSigner } from './ledger-signer';

/**
 * GET /v1/audit/verify: re-reads the store (not the index), recomputes every leaf hash and the
 * tree, and holds them to the signed checkpoints and to the leaf hashes the ledger recorded —
 * in the checkpoint records, and in this instance's memory for entries not yet checkpointed.
 */
@Injectable()
export class AuditVerifyService {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly index: LedgerIndex,
    private readonly signer: LedgerSigner,
  ) {}

  async verify(stream?: string): Promise<VerifyLogResult> {
    await this.index.ensureCaughtUp();
    return stream === undefined ? this.verifyAll() : this.verifyStream(stream);
  }

  private async verifyAll(): Promise<VerifyLogResult> {
    let events: RecordedEvent[];
    try {
      events = await this.store.readAll();
    } catch (error) {
      return { ok: false, checkedEvents: 0, lastCheckpoint: null, reason: `the store cannot read its own log back: ${(error as Error).message}` };
    }
    const ledger = readStoredLedger(events, this.signer.publicKeyPem, {
      claimFor: (sequence) => (sequence <= this.index.size ? this.index.leafHash(sequence) : undefined),
      sequenceFor: (position, rank) => this.index.sequenceOf(position) ?? rank,
    });
    // Checkpoints this instance has seen count as evidence even if they were deleted from the store since.
    const seen = new Set(ledger.checkpoints.map((c) => c.signature));
    ledger.checkpoints.push(...this.index.checkpoints().filter((c) => !seen.has(c.signature)));
    return verifyStoredLedger(ledger, this.signer.publicKeyPem, { expectedSize: this.index.size });
  }

  /**
   * One stream: its events must be the ones the ledger indexed at their sequences, revision by
   * revision, and each recomputed leaf must be proven (RFC 9162 inclusion) in the latest
   * checkpoint — or equal the recorded leaf, for entries newer than it.
   */
  private async verifyStream(streamId: string): Promise<VerifyLogResult> {
    if (!isLedgerEntry({ streamId })) throw badField('stream', 'isLedgerStream', `${streamId} holds checkpoints; verify the whole log instead`);
    const expected = this.index.streamSequencesOf(streamId);
    // A stream the ledger indexed but the store no longer has is a finding, not a 404.
    const events = await this.store.readStream(streamId).catch((error: unknown) => (error instanceof StreamNotFoundError && expected.length > 0 ? [] : Promise.reject(error)));
    const checkpoints = [...this.index.checkpoints()].sort((a, b) => a.treeSize - b.treeSize);
    const evidence = checkpointEvidenceProblem(checkpoints, this.signer.publicKeyPem);
    if (evidence) return { ok: false, checkedEvents: 0, lastCheckpoint: null, reason: evidence };
    let lastGood: SignedCheckpoint | null = null;
    for (const cp of checkpoints) {
      if (cp.treeSize > this.index.size || toHex(this.index.root(cp.treeSize)) !== cp.rootHash) {
        const from = (lastGood?.treeSize ?? 0) + 1;
        return { ok: false, checkedEvents: 0, lastCheckpoint: lastGood, firstBrokenPosition: from, reason: `the ledger's tree does not match its checkpoint at tree size ${cp.treeSize}: history rewritten between sequence ${from} and ${cp.treeSize}` };
      }
      lastGood = cp;
    }
    const latest = lastGood;
    for (const [i, event] of events.entries()) {
      const sequence = this.index.sequenceOf(event.position);
      const fail = (position: number | undefined, reason: string): VerifyLogResult => ({ ok: false, checkedEvents: i, lastCheckpoint: latest, firstBrokenPosition: position, reason });
      if (event.revision !== i) return fail(expected[i], `${streamId}: revision ${event.revision} where ${i} was expected (events missing)`);
      if (sequence === undefined || sequence !== expected[i]) {
        return fail(expected[i] ?? sequence, `${streamId} revision ${i} is not the event the ledger recorded at that revision (inserted or moved outside the service)`);
      }
      const leaf = fromHex(storedEntry(event, sequence).leafHash || '00'.repeat(32), 32);
      const proven = latest && sequence <= latest.treeSize
        ? verifyInclusion(leaf, sequence - 1, latest.treeSize, this.index.inclusionProof(sequence, latest.treeSize), fromHex(latest.rootHash, 32))
        : toHex(leaf) === this.index.leafHash(sequence);
      if (!proven) return fail(sequence, `leaf hash mismatch at sequence ${sequence} (${streamId} revision ${i}): the stored event was altered`);
    }
    if (events.length < expected.length) {
      return { ok: false, checkedEvents: events.length, lastCheckpoint: latest, firstBrokenPosition: expected[events.length], reason: `${streamId} had ${expected.length} events; the store holds ${events.length}: events deleted` };
    }
    return { ok: true, checkedEvents: events.length, lastCheckpoint: latest };
  }
}
