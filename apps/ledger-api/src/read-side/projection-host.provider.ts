import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy, type Provider } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { join } from 'node:path';
import { EVENT_STORE, type EventStore } from '@concordat/event-store';
import { ProjectionHost, logProgress } from '@concordat/read-models';
import type { Environment } from '../config/environment';

export const PROJECTION_HOST = Symbol('PROJECTION_HOST');

/** The read models live in DATA_DIR/read-models.sqlite whichever event store is configured: each instance keeps its own. */
export const projectionHostProvider: Provider = {
  provide: PROJECTION_HOST,
  inject: [ConfigService, EVENT_STORE],
  useFactory: (config: ConfigService<Environment, true>, store: EventStore) => {
    const logger = new Logger('Projections');
    return new ProjectionHost(store, join(config.get('DATA_DIR'), 'read-models.sqlite'), {
      onError: (error) => logger.error({ err: error }, 'The projection stopped; /health reports it down until a restart or rebuild'),
      // A fresh file (first start, another schema version) is built from the whole log: say how far it got.
      progress: logProgress((line) => logger.log(line)),
    });
  },
};

/** Projects from the app's start (after every module is ready) until its shutdown (before the store closes). */
@Injectable()
export class ProjectionLifecycle implements OnApplicationBootstrap, OnModuleDestroy {
  constructor(@Inject(PROJECTION_HOST) private readonly host: ProjectionHost) {}

  onApplicationBootstrap(): void {
    this.host.start();
  }

  async onModuleDestroy(): Promise<void> {
    await this.host.stop();
  }
}
