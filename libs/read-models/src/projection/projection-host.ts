import type { EventStore } from '@concordat/event-store';
import { ReadModelDb, type Checkpoint } from './read-model-db';
import { SqliteSource } from './sqlite-source';
import { acquireLock, rebuildFileFor, removeDbFiles, swapIn } from './read-model-files';
import { ProjectionRunner, type ProjectionRunnerOptions, type RunnerState } from './projection-runner';
import { silentProgress, type ProgressSink } from './progress';
import { buildFromLog, catchUp, rebuildResult, SERVICE_REBUILD_BATCH, type RebuildResult } from './rebuild';

export type ProjectionStatus = {
  name: string;
  state: RunnerState;
  checkpoint: Checkpoint;
  rebuilding: boolean;
  error: string | null;
};

/**
 * The live read models of one service instance: the SQLite file, the runner feeding it, reads
 * (with a cache of the live view per checkpoint), waits for a position, and rebuild-and-swap.
 */
export class ProjectionHost {
  private db: ReadModelDb | undefined;
  private runner: ProjectionRunner | undefined;
  private releaseLock: (() => void) | undefined;
  private readonly waiters = new Set<{ position: bigint; resolve: (reached: boolean) => void }>();
  private rebuilding: Promise<RebuildResult> | undefined;
  private stopping = false;

  constructor(
    private readonly store: EventStore,
    readonly file: string,
    private options: ProjectionRunnerOptions = {},
  ) {}

  start(): void {
    if (this.db) return;
    this.releaseLock = acquireLock(this.file);
    this.db = ReadModelDb.open(this.file);
    if (this.db.fresh) this.showBuild();
    else void this.checkLogIdentity();
    this.startRunner();
  }

  /** A fresh file (first start, or another schema version) is built from the whole log: show it. */
  private showBuild(): void {
    const sink = this.options.progress;
    if (!sink) return;
    void this.store.headPosition().then((head) => {
      if (head === 0n) return;
      sink.start(head);
      let done = false;
      const previous = this.options.onCommit;
      this.options = {
        ...this.options,
        onCommit: (checkpoint, events) => {
          previous?.(checkpoint, events);
          if (!done) sink.update(checkpoint.position, checkpoint.eventsProjected);
        },
        onCaughtUp: () => {
          if (!done) sink.stop();
          done = true;
        },
      };
      if (this.runner?.state === 'live') {
        done = true;
        sink.stop();
      }
    });
  }

  /**
   * Read models stamped with another log's first event (a store restored or replaced under them)
   * would answer for history that is not there: they are rebuilt.
   */
  private async checkLogIdentity(): Promise<void> {
    const stamped = this.db?.logIdentity();
    if (!stamped) return;
    const [first] = await this.store.readAll({ after: 0n, maxCount: 1 });
    if (first && first.id === stamped.eventId && first.position.toString() === stamped.position) return;
    this.options.onError?.(new Error(`The read models were built from another log (first event ${stamped.eventId}); rebuilding them`));
    await this.rebuild(this.options.progress).catch((error: unknown) => this.options.onError?.(error));
  }

  async stop(): Promise<void> {
    this.stopping = true;
    await this.rebuilding?.catch(() => undefined);
    await this.runner?.stop();
    this.db?.close();
    this.db = undefined;
    this.releaseLock?.();
    for (const w of this.waiters) w.resolve(false);
    this.waiters.clear();
  }

  get checkpoint(): Checkpoint {
    return this.runner?.checkpoint ?? { position: 0n, eventsProjected: 0 };
  }

  status(): ProjectionStatus {
    const error = this.runner?.error;
    return {
      name: 'ledger-view',
      state: this.runner?.state ?? 'idle',
      checkpoint: this.checkpoint,
      rebuilding: this.rebuilding !== undefined,
      error: error ? (error instanceof Error ? error.message : String(error)) : null,
    };
  }

  /** Resolves true once the read models reached `position`, false after `timeoutMs`. */
  waitFor(position: bigint, timeoutMs: number): Promise<boolean> {
    if (this.checkpoint.position >= position) return Promise.resolve(true);
    return new Promise((resolve) => {
      const waiter = {
        position,
        resolve: (reached: boolean) => {
          clearTimeout(timer);
          this.waiters.delete(waiter);
          resolve(reached);
        },
      };
      const timer = setTimeout(() => waiter.resolve(false), timeoutMs);
      this.waiters.add(waiter);
    });
  }

  /** The read models answering "as of `asOf`, as known at `knownAt`" (or now): indexed queries, nothing loaded whole. */
  source(asOf: string, knownAt?: string): SqliteSource {
    return new SqliteSource(this.requireDb(), asOf, knownAt);
  }

  /**
   * Builds new read models from position 0 in a file beside the live one while the live ones
   * keep answering; then stops the live runner, brings the new file level with the log, and
   * swaps it in synchronously (no read can run in between), and restarts the runner on it.
   */
  rebuild(sink: ProgressSink = silentProgress): Promise<RebuildResult> {
    this.rebuilding ??= this.rebuildNow(sink).finally(() => (this.rebuilding = undefined));
    return this.rebuilding;
  }

  private async rebuildNow(sink: ProgressSink): Promise<RebuildResult> {
    this.requireDb();
    const startedAt = new Date();
    const nextFile = rebuildFileFor(this.file);
    removeDbFiles(nextFile);
    const next = ReadModelDb.open(nextFile, { build: true });
    let liveStopped = false;
    try {
      const writer = await buildFromLog(this.store, next, { sink, batchSize: SERVICE_REBUILD_BATCH, cancelled: () => this.stopping });
      await this.runner?.stop();
      liveStopped = true;
      const checkpoint = await catchUp(this.store, writer, { sink, batchSize: SERVICE_REBUILD_BATCH, cancelled: () => this.stopping });
      sink.stop();
      next.seal();
      this.db?.close();
      swapIn(nextFile, this.file);
      this.db = ReadModelDb.open(this.file);
      return rebuildResult(startedAt, checkpoint);
    } catch (error) {
      sink.stop();
      next.close();
      removeDbFiles(nextFile);
      if (!this.db?.isOpen) this.db = ReadModelDb.open(this.file);
      throw error;
    } finally {
      if (liveStopped && !this.stopping) this.startRunner();
      this.notifyWaiters();
    }
  }

  private startRunner(): void {
    this.runner = new ProjectionRunner(this.store, this.requireDb(), {
      ...this.options,
      onCommit: (checkpoint, events) => {
        this.options.onCommit?.(checkpoint, events);
        this.notifyWaiters();
      },
      onCaughtUp: () => this.options.onCaughtUp?.(),
    });
    this.runner.start();
  }

  private notifyWaiters(): void {
    const reached = this.checkpoint.position;
    for (const w of [...this.waiters]) if (w.position <= reached) w.resolve(true);
  }

  private requireDb(): ReadModelDb {
    if (!this.db?.isOpen) throw new Error('The read models are not open (the projection host was not started, or was stopped)');
    return this.db;
  }
}
