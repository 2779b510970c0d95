import { join } from 'node:path';
import { EmbeddedEventStore } from '@concordat/event-store';
import { tempDir } from '../support/temp-dir';
import { describeEventStoreContract } from './event-store.contract';

describeEventStoreContract('embedded (SQLite file)', async () => {
  const { dir, cleanup } = tempDir('contract');
  const store = new EmbeddedEventStore({ file: join(dir, 'events.sqlite') });
  return {
    store,
    close: async () => {
      await store.close();
      cleanup();
    },
  };
});
