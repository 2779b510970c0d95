import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { HttpAdapterHost } from '@nestjs/core';
import { randomUUID } from 'node:crypto';
import { EVENT_STORE, WrongExpectedRevisionError, type EventStore } from '@concordat/event-store';
import { CHECKPOINT_EVENT_TYPE, CHECKPOINT_STREAM, checkpointRecordData, LEDGER_ORIGIN, toHex, type SignedCheckpoint } from '@concordat/audit';
import type { Environment } from '../config/environment';
import { AttentionRegistry } from '../health/attention.registry';
import { LedgerIndex } from './ledger-index';
import { LedgerSigner } from './ledger-signer';

/** `recordedBy` of checkpoint events. */
export const SEALER_PRINCIPAL = 'ledger-sealer';
const MAX_RACES = 20;

/**
 * Issues signed checkpoints: at most CHECKPOINT_WITHIN_MS (1 s by default) after a new entry
 * lands, after CHECKPOINT_EVERY_EVENTS new entries, every CHECKPOINT_EVERY_MINUTES while anything
 * is new, on demand (an auditor asking for the latest checkpoint or an export), and once more at
 * shutdown (SIGTERM), so the unsealed tail an operator could edit undetected is at most a second
 * of writes before a crash. Only the service seals: an application context without an HTTP
 * server (the CLI's commands) never starts the sealer. Never two contradicting checkpoints:
 *  - one issue at a time per instance (a promise chain);
 *  - across instances, each append names the checkpoint stream's revision it built on; a loser
 *    catches up (reading the winner's checkpoint) and only then tries again;
 *  - before signing, the tree must still agree with every checkpoint so far (LedgerIndex
 *    refuses when stored data or a checkpoint record has diverged), so a tampered store can
 *    never obtain a signature over its rewritten history.
 * A checkpoint covers at most CHECKPOINT_EVERY_EVENTS new entries, so that its leaf-hash list
 * stays small; when more are pending several are written in a row.
 */
@Injectable()
export class CheckpointWriter implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(CheckpointWriter.name);
  private readonly everyEvents: number;
  private readonly everyMs: number;
  private readonly withinMs: number;
  private sealSoon?: NodeJS.Timeout;
  private finalSeal?: Promise<unknown>;
  private started = false;
  private chain: Promise<unknown> = Promise.resolve();
  private pending = false;
  private timer?: NodeJS.Timeout;
  private closed = false;

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly index: LedgerIndex,
    private readonly signer: LedgerSigner,
    private readonly attention: AttentionRegistry,
    private readonly adapterHost: HttpAdapterHost,
    config: ConfigService<Environment, true>,
  ) {
    this.everyEvents = config.get('CHECKPOINT_EVERY_EVENTS', { infer: true });
    this.everyMs = config.get('CHECKPOINT_EVERY_MINUTES', { infer: true }) * 60_000;
    this.withinMs = config.get('CHECKPOINT_WITHIN_MS', { infer: true });
  }

  onApplicationBootstrap(): void {
    if (!this.adapterHost.httpAdapter) return; // a CLI command's context: the service seals, never a tool
    // Not awaited: the index rebuilds in its own bootstrap hook, which may run alongside this one.
    void this.index.ready.then(() => this.start());
    this.index.beforeStop(() => this.sealBeforeExit());
  }

  private start(): void {
    if (this.closed) return;
    this.started = true;
    this.index.onAppended((size) => {
      if (!this.pending && size - this.coveredSize() >= this.everyEvents) void this.issue('full-chunks').catch(() => undefined);
      this.scheduleSoonSeal();
    });
    if (this.everyMs > 0) {
      this.timer = setInterval(() => {
        if (this.index.size > this.coveredSize()) void this.issue().catch(() => undefined);
      }, this.everyMs);
      this.timer.unref();
    }
    // Entries written while the service was down (a crash's unsealed tail) are sealed now, once
    // LedgerIndex has checked the history against every signed checkpoint (sealAll refuses otherwise).
    if (this.index.size > this.coveredSize()) void this.issue().catch(() => undefined);
  }

  /** The first unsealed entry starts the clock; later ones do not push it back. */
  private scheduleSoonSeal(): void {
    if (this.withinMs <= 0 || this.sealSoon || this.closed) return;
    this.sealSoon = setTimeout(() => {
      this.sealSoon = undefined;
      if (this.index.size > this.coveredSize()) void this.issue().catch(() => undefined);
    }, this.withinMs);
    this.sealSoon.unref();
  }

  /** At shutdown, while the index still follows the log: seal everything written so far. */
  private sealBeforeExit(): Promise<unknown> {
    this.finalSeal ??= (async () => {
      clearInterval(this.timer);
      clearTimeout(this.sealSoon);
      if (this.started && !this.closed && this.index.size > this.coveredSize()) await this.issue().catch(() => undefined);
      this.closed = true;
      await this.chain.catch(() => undefined);
    })();
    return this.finalSeal;
  }

  async onModuleDestroy(): Promise<void> {
    await this.sealBeforeExit();
  }

  /**
   * Seals every entry indexed so far (after catching up with the store) and returns the latest
   * checkpoint; with 'full-chunks' (the count trigger) only whole chunks of
   * CHECKPOINT_EVERY_EVENTS, so that count-triggered checkpoints land on multiples of it. When
   * the history has diverged it signs nothing and returns the latest stored checkpoint.
   */
  issue(scope: 'everything' | 'full-chunks' = 'everything'): Promise<SignedCheckpoint | null> {
    this.pending = true;
    const run = this.chain.then(() => this.sealAll(scope));
    this.chain = run.catch((error: unknown) => this.logger.error({ err: error }, 'Checkpoint not written'));
    return run.finally(() => (this.pending = false));
  }

  private coveredSize(): number {
    return this.index.latestCheckpoint()?.treeSize ?? 0;
  }

  private async sealAll(scope: 'everything' | 'full-chunks'): Promise<SignedCheckpoint | null> {
    if (this.closed || !this.adapterHost.httpAdapter) return this.index.latestCheckpoint();
    await this.index.ensureCaughtUp();
    const minimum = scope === 'everything' ? 1 : this.everyEvents;
    let races = 0;
    while (this.index.size - this.coveredSize() >= minimum) {
      const problem = this.index.historyProblem();
      if (problem) {
        this.attention.report({ kind: 'sealing-refused', streamId: CHECKPOINT_STREAM, cause: `no checkpoint is signed until this is resolved: ${problem}` });
        break;
      }
      try {
        await this.appendNext();
      } catch (error) {
        if (!(error instanceof WrongExpectedRevisionError) || ++races > MAX_RACES) throw error;
        // Another instance sealed first: read its checkpoint, then continue from there.
      }
      await this.index.ensureCaughtUp();
    }
    return this.index.latestCheckpoint();
  }

  private async appendNext(): Promise<void> {
    const from = this.coveredSize();
    const treeSize = Math.min(this.index.size, from + this.everyEvents);
    const checkpoint = this.signer.sign({ origin: LEDGER_ORIGIN, treeSize, rootHash: toHex(this.index.root(treeSize)), issuedAt: new Date().toISOString() });
    const revision = this.index.checkpointStreamRevision;
    await this.store.append(
      CHECKPOINT_STREAM,
      [
        {
          id: randomUUID(),
          type: CHECKPOINT_EVENT_TYPE,
          data: checkpointRecordData({ checkpoint, leaves: { from: from + 1, hashes: this.index.leafHashes(from + 1, treeSize) } }),
          metadata: { recordedBy: SEALER_PRINCIPAL, correlationId: randomUUID(), schemaVersion: 1 },
        },
      ],
      { expectedRevision: revision === -1 ? 'no_stream' : revision },
    );
  }
}
