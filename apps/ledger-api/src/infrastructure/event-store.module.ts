import { Global, Inject, Logger, Module, type OnApplicationShutdown } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { join } from 'node:path';
import { EVENT_STORE, EmbeddedEventStore, EventStoreDbEventStore, type EventStore } from '@concordat/event-store';
import type { Environment } from '../config/environment';

/** Binds the EventStore port to the adapter chosen by EVENT_STORE, and closes it on shutdown. */
@Global()
@Module({
  providers: [
    {
      provide: EVENT_STORE,
      inject: [ConfigService],
      useFactory: (config: ConfigService<Environment, true>): EventStore => {
        if (config.get('EVENT_STORE') === 'eventstoredb') {
          return new EventStoreDbEventStore(config.get('EVENTSTORE_CONNECTION_STRING'));
        }
        return new EmbeddedEventStore({ file: join(config.get('DATA_DIR'), 'events.sqlite') });
      },
    },
  ],
  exports: [EVENT_STORE],
})
export class EventStoreModule implements OnApplicationShutdown {
  private readonly logger = new Logger(EventStoreModule.name);
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async onApplicationShutdown(signal?: string): Promise<void> {
    await this.store.close();
    this.logger.log(`Event store (${this.store.kind}) closed${signal ? ` after ${signal}` : ''}`);
  }
}
