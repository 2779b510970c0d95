import { Inject, Injectable } from '@nestjs/common';
import { HealthIndicatorService } from '@nestjs/terminus';
import { EVENT_STORE, type EventStore } from '@concordat/event-store';
import type { ProjectionHost } from '@concordat/read-models';
import { PROJECTION_HOST } from './projection-host.provider';

/** Counting events behind is capped so that a health probe never reads a long tail of the log. */
const LAG_CAP = 10_000;

/**
 * Each projection's position and its lag behind the log. Embedded positions are consecutive, so
 * the lag is head minus checkpoint; EventStoreDB positions are byte offsets, so events are counted.
 */
@Injectable()
export class ProjectionsHealthIndicator {
  constructor(
    @Inject(PROJECTION_HOST) private readonly host: ProjectionHost,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly health: HealthIndicatorService,
  ) {}

  async check() {
    const indicator = this.health.check('projections');
    const status = this.host.status();
    try {
      const head = await this.store.headPosition();
      const checkpoint = status.checkpoint.position;
      const lag =
        this.store.kind === 'embedded'
          ? Number(head > checkpoint ? head - checkpoint : 0n)
          : (await this.store.readAll({ after: checkpoint, maxCount: LAG_CAP })).length;
      const details = {
        [status.name]: {
          state: status.state,
          checkpoint: checkpoint.toString(),
          head: head.toString(),
          lag,
          lagCapped: this.store.kind !== 'embedded' && lag >= LAG_CAP,
          eventsProjected: status.checkpoint.eventsProjected,
          rebuilding: status.rebuilding,
          ...(status.error ? { error: status.error } : {}),
        },
      };
      return status.state === 'failed' ? indicator.down(details) : indicator.up(details);
    } catch (error) {
      return indicator.down({ [status.name]: { state: status.state, error: error instanceof Error ? error.message : String(error) } });
    }
  }
}
