import type { RecordedEvent } from '@concordat/shared-kernel';
import type { EventHandler, SubscribeOptions, Subscription } from '../event-store.port';

const BATCH = 512;
/**
 * Delivery yields to the event loop once a slice has run this long: handlers are often
 * synchronous, and a page of them in one macrotask would hold every request up behind it.
 */
const SLICE_MS = 5;

/**
 * Catch-up then live delivery over the embedded store. Appends by this process wake it at once
 * (`notify`); appends by another process on the same file are found by a cheap poll.
 */
export class EmbeddedSubscription implements Subscription {
  private scanned: bigint;
  private stopped = false;
  private wake: (() => void) | undefined;
  /** Set when an append lands while we are not sleeping, so the next sleep is skipped. */
  private dirty = false;
  private running: Promise<void> = Promise.resolve();

  constructor(
    private readonly read: (after: bigint, maxCount: number, upTo: bigint) => RecordedEvent[],
    private readonly head: () => bigint,
    private readonly handler: EventHandler,
    private readonly options: SubscribeOptions,
    private readonly pollMs: number,
    private readonly onStopped: () => void,
  ) {
    this.scanned = options.after ?? 0n;
  }

  start(): void {
    this.running = this.run().catch((error) => {
      this.stopped = true;
      this.onStopped();
      if (this.options.onError) this.options.onError(error);
      else setImmediate(() => { throw error; });
    });
  }

  notify(): void {
    this.dirty = true;
    this.wake?.();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.wake?.();
    await this.running;
    this.onStopped();
  }

  private async run(): Promise<void> {
    let caughtUp = false;
    while (!this.stopped) {
      // Filtered reads may match nothing for long stretches; scanning up to a fixed head lets the
      // cursor advance past them without re-reading.
      this.dirty = false;
      const head = this.head();
      const events = this.read(this.scanned, BATCH, head);
      let sliceStart = performance.now();
      for (const event of events) {
        if (this.stopped) return;
        await this.handler(event);
        this.scanned = event.position;
        if (performance.now() - sliceStart > SLICE_MS) {
          await new Promise((resolve) => setImmediate(resolve));
          sliceStart = performance.now();
        }
      }
      if (events.length < BATCH) {
        if (this.stopped) return;
        if (head > this.scanned) this.scanned = head;
        if (!caughtUp) {
          caughtUp = true;
          this.options.onCaughtUp?.();
        }
        await this.sleep();
      }
    }
  }

  private sleep(): Promise<void> {
    if (this.dirty) return Promise.resolve();
    return new Promise((resolve) => {
      const timer = setTimeout(done, this.pollMs);
      timer.unref();
      const self = this;
      function done() {
        clearTimeout(timer);
        self.wake = undefined;
        resolve();
      }
      this.wake = done;
    });
  }
}
