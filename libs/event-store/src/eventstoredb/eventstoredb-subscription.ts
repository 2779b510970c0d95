import type { AllStreamResolvedEvent, AllStreamSubscription } from '@eventstore/db-client';
import type { EventHandler, GlobalLogFilter, SubscribeOptions, Subscription } from '../event-store.port';
import { isTransient, positionOfResolved, toLedgerEvent, translate } from './esdb-translate';

export interface SubscriptionWiring {
  /** A catch-up subscription to `$all` starting strictly after `after`, filtered by the server. */
  open(after: bigint): AllStreamSubscription;
  /** Position of the last event the subscription would deliver (0n when none): the caught-up fallback. */
  head(filter?: GlobalLogFilter): Promise<bigint>;
  backoff: { firstMs: number; maxMs: number };
}

/** What the handler threw: the only failure that ends a subscription besides a refusal by the server. */
class HandlerFailure {
  constructor(readonly error: unknown) {}
}

/**
 * Catch-up subscription to `$all`: one event at a time, in order, across drops. A drop (server
 * restart, leader election, "consumer too slow", a deadline, or the server simply ending the call)
 * resubscribes with backoff strictly after the last event handled, so nothing is skipped or
 * repeated. Only the handler's own errors, and errors retrying cannot fix (access denied, bad
 * request), reach `onError`.
 *
 * `onCaughtUp` fires after the last event that was in the log when `subscribeToAll` was called
 * has been handled: on the server's CaughtUp message (23.10 and later), or, on servers that never
 * send one, once the subscription has passed the head position read at the start.
 */
export class EsdbSubscription implements Subscription {
  private cursor: bigint;
  private stopped = false;
  private caughtUpFired = false;
  private caughtUpHead: bigint | undefined;
  private wake: (() => void) | undefined;
  private signalled = false;
  private readonly running: Promise<void>;

  constructor(
    private readonly wiring: SubscriptionWiring,
    private readonly handler: EventHandler,
    private readonly options: SubscribeOptions,
    private readonly onStopped: () => void,
  ) {
    this.cursor = options.after ?? 0n;
    this.running = this.run().then(
      () => this.onStopped(),
      (failure: unknown) => {
        this.stopped = true;
        this.onStopped();
        const error = failure instanceof HandlerFailure ? failure.error : translate(failure);
        if (this.options.onError) this.options.onError(error);
        else setImmediate(() => { throw error; });
      },
    );
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.poke();
    await this.running;
  }

  private async run(): Promise<void> {
    let delay = this.wiring.backoff.firstMs;
    while (!this.stopped) {
      let progressed = false;
      try {
        if (!this.caughtUpFired && this.caughtUpHead === undefined) this.caughtUpHead = await this.wiring.head(this.options.filter);
        this.maybeCaughtUpByHead();
        progressed = await this.follow(this.wiring.open(this.cursor));
      } catch (error) {
        if (this.stopped && !(error instanceof HandlerFailure)) return; // the store closing cut the call short
        if (error instanceof HandlerFailure || !isTransient(error)) throw error;
      }
      if (this.stopped) return;
      // Dropped (or ended cleanly by the server): come back after the last event handled.
      if (progressed) delay = this.wiring.backoff.firstMs;
      await this.sleep(delay);
      delay = Math.min(delay * 2, this.wiring.backoff.maxMs);
    }
  }

  /** Delivers from one server subscription until it drops, ends or stop(); true if it delivered anything. */
  private async follow(source: AllStreamSubscription): Promise<boolean> {
    let reads = 0;
    let settled = 0;
    let caughtUpAt: number | undefined;
    let ended = false;
    let failure: unknown;
    let progressed = false;
    // Events before the CaughtUp message were pushed before it: those already read plus those still
    // buffered (a synchronous emit inside read() happens before that read's item leaves the buffer).
    source.on('caughtUp', () => {
      caughtUpAt ??= reads + source.readableLength;
      if (settled >= caughtUpAt) this.fireCaughtUp();
    });
    source.on('readable', () => this.poke());
    source.on('end', () => ((ended = true), this.poke()));
    source.on('error', (error: unknown) => ((failure = error), this.poke()));
    try {
      while (!this.stopped) {
        if (failure !== undefined) throw failure;
        const item = source.read() as AllStreamResolvedEvent | null;
        if (item === null) {
          if (ended) return progressed;
          await this.idle();
          continue;
        }
        reads++;
        const position = positionOfResolved(item) ?? 0n;
        if (position > this.cursor) {
          const event = toLedgerEvent(item, this.options.filter);
          if (event && !this.stopped) {
            try {
              await this.handler(event);
            } catch (error) {
              throw new HandlerFailure(error);
            }
          }
          this.cursor = position;
          progressed = true;
        }
        settled++;
        if (caughtUpAt !== undefined && settled >= caughtUpAt) this.fireCaughtUp();
        this.maybeCaughtUpByHead();
      }
      return progressed;
    } finally {
      await source.unsubscribe().catch(() => undefined);
      source.destroy();
    }
  }

  private maybeCaughtUpByHead(): void {
    if (this.caughtUpHead !== undefined && this.cursor >= this.caughtUpHead) this.fireCaughtUp();
  }

  private fireCaughtUp(): void {
    if (this.caughtUpFired || this.stopped) return;
    this.caughtUpFired = true;
    this.options.onCaughtUp?.();
  }

  /** Waits for 'readable', 'end', 'error' or stop(); a signal that came while busy is not lost. */
  private idle(): Promise<void> {
    if (this.signalled || this.stopped) {
      this.signalled = false;
      return Promise.resolve();
    }
    return new Promise((resolve) => {
      this.wake = () => {
        this.wake = undefined;
        resolve();
      };
    });
  }

  private sleep(ms: number): Promise<void> {
    if (this.stopped) return Promise.resolve();
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.wake = undefined;
        resolve();
      }, ms);
      this.wake = () => {
        clearTimeout(timer);
        this.wake = undefined;
        resolve();
      };
    });
  }

  private poke(): void {
    if (this.wake) this.wake();
    else this.signalled = true;
  }
}
