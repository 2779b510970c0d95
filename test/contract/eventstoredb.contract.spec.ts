import { EventStoreDbEventStore } from '@concordat/event-store';
import { describeEventStoreContract } from './event-store.contract';

/**
 * The EventStore contract against a live EventStoreDB (23.10 LTS or later) or KurrentDB, e.g. the
 * one in docker/compose.eventstoredb.yml or docker/compose.kurrentdb.yml. This, not the wire-level
 * stand-in of test/eventstoredb-faults/, is the contract run:
 *
 *   EVENTSTORE_CONNECTION_STRING='esdb://admin:changeit@localhost:2113?tls=false' npx jest test/contract/eventstoredb
 *
 * The user must be an admin (the suite reads `$all`), and the server must accept appends over 1 MiB
 * (EVENTSTORE_MAX_APPEND_SIZE, set in the compose files) because the suite stores a 1 MB event.
 * EventStoreDB cannot be wiped, so every test of the suite writes under its own random stream prefix.
 */
const connectionString = process.env.EVENTSTORE_CONNECTION_STRING;

if (connectionString) {
  describeEventStoreContract('eventstoredb', async () => {
    const store = new EventStoreDbEventStore(connectionString);
    await store.ping(); // fail the suite at once, with the store's typed error, if the server is unreachable
    return { store, close: () => store.close() };
  });
} else {
  // Written past Jest's console capture, which swallows output of a fully skipped file.
  process.stdout.write('\nEventStoreDB contract suite SKIPPED: EVENTSTORE_CONNECTION_STRING is not set (no EventStoreDB server on this machine)\n');
  describe.skip('EventStore contract: eventstoredb', () => {
    it('needs EVENTSTORE_CONNECTION_STRING pointing at an EventStoreDB server', () => undefined);
  });
}
