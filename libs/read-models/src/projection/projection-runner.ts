import type { EventStore, Subscription } from '@concordat/event-store';
import type { RecordedEvent } from '@concordat/shared-kernel';
import type { Checkpoint, ReadModelDb } from './read-model-db';
import { ProjectionWriter } from './projection-writer';
import type { ProgressSink } from './progress';

export interface ProjectionRunnerOptions {
  /** Events per transaction while catching up; live events are committed as soon as the loop is idle. */
  batchSize?: number;
  /** A pause after each full batch (tests use it to kill a runner mid-way). */
  commitPauseMs?: number;
  onCommit?: (checkpoint: Checkpoint, events: number) => void;
  onError?: (error: unknown) => void;
  /** Once the runner has caught up with the log (a fresh file has been built by then). */
  onCaughtUp?: () => void;
  /** Shows a fresh file's build from position 0 (schema version changed, or another log). */
  progress?: ProgressSink;
}

export type RunnerState = 'idle' | 'catching-up' | 'live' | 'stopped' | 'failed';

/**
 * Feeds the read models from a subscription to the global log, starting after the stored
 * checkpoint. Events are buffered and written in batches; a batch and its checkpoint commit
 * together, and the in-memory checkpoint only moves once the commit succeeded.
 */
/** Events per transaction of the live runner (each blocks the event loop while it applies). */
export const LIVE_BATCH = 100;

export class ProjectionRunner {
  private readonly writer: ProjectionWriter;
  private readonly batchSize: number;
  private buffer: RecordedEvent[] = [];
  private subscription: Subscription | undefined;
  private flushTimer: NodeJS.Immediate | undefined;
  private current: RunnerState = 'idle';
  private failure: unknown = null;

  constructor(
    private readonly store: EventStore,
    db: ReadModelDb,
    private readonly options: ProjectionRunnerOptions = {},
  ) {
    this.writer = new ProjectionWriter(db);
    // A batch is one synchronous transaction: small enough that the service answers in between.
    this.batchSize = Math.max(1, options.batchSize ?? LIVE_BATCH);
  }

  get checkpoint(): Checkpoint {
    return this.writer.checkpoint;
  }

  get state(): RunnerState {
    return this.current;
  }

  get error(): unknown {
    return this.failure;
  }

  start(): void {
    if (this.subscription) return;
    this.current = 'catching-up';
    this.subscription = this.store.subscribeToAll((event) => this.handle(event), {
      after: this.writer.checkpoint.position,
      onCaughtUp: () => {
        this.flushSafely();
        if (this.current === 'catching-up') {
          this.current = 'live';
          this.options.onCaughtUp?.();
        }
      },
      onError: (error) => this.fail(error),
    });
  }

  async stop(): Promise<void> {
    const subscription = this.subscription;
    this.subscription = undefined;
    await subscription?.stop();
    if (this.flushTimer) clearImmediate(this.flushTimer);
    this.flushTimer = undefined;
    // What was delivered is committed before stopping, so a restart does not redo it.
    if (this.current !== 'failed') {
      this.flushSafely();
      this.current = 'stopped';
    }
  }

  private async handle(event: RecordedEvent): Promise<void> {
    if (this.current === 'failed') return;
    this.buffer.push(event);
    if (this.buffer.length >= this.batchSize) {
      this.flush(); // a throw here reaches the subscription, which stops and reports it
      // Catch-up would otherwise run page after page in microtasks: let requests in between batches.
      if (this.options.commitPauseMs) await new Promise((resolve) => setTimeout(resolve, this.options.commitPauseMs));
      else await new Promise((resolve) => setImmediate(resolve));
    } else if (!this.flushTimer) {
      // Catch-up delivers a whole page in microtasks; this fires once the loop is idle.
      this.flushTimer = setImmediate(() => {
        this.flushTimer = undefined;
        this.flushSafely();
      });
    }
  }

  private flush(): void {
    if (this.buffer.length === 0) return;
    const batch = this.buffer;
    this.buffer = [];
    const checkpoint = this.writer.apply(batch);
    this.options.onCommit?.(checkpoint, batch.length);
  }

  private flushSafely(): void {
    try {
      this.flush();
    } catch (error) {
      this.fail(error);
    }
  }

  private fail(error: unknown): void {
    if (this.current === 'failed') return;
    this.current = 'failed';
    this.failure = error;
    this.buffer = [];
    const subscription = this.subscription;
    this.subscription = undefined;
    void subscription?.stop();
    this.options.onError?.(error);
  }
}
