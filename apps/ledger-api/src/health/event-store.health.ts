import { Inject, Injectable } from '@nestjs/common';
import { HealthIndicatorService } from '@nestjs/terminus';
import { EVENT_STORE, type EventStore } from '@concordat/event-store';

/** Readiness of the event store: reachable, which adapter, how far the log reaches. */
@Injectable()
export class EventStoreHealthIndicator {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly health: HealthIndicatorService,
  ) {}

  async check() {
    const indicator = this.health.check('eventStore');
    try {
      await this.store.ping();
      const head = await this.store.headPosition();
      return indicator.up({ adapter: this.store.kind, headPosition: head.toString() });
    } catch (error) {
      return indicator.down({ adapter: this.store.kind, message: error instanceof Error ? error.message : String(error) });
    }
  }
}
