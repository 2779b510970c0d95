/**
 * Fault injection for crash tests, in test code: starts the real service (main.ts) in this
 * process after wrapping the embedded store so that the process SIGKILLs itself right after the
 * first append to a stream starting with CRASH_AFTER_APPEND_TO is durable, before anything else
 * happens. Run it with runTs('test/support/crash-after-append.ts', ...).
 */
import { EmbeddedEventStore } from '@concordat/event-store';

const prefix = process.env.CRASH_AFTER_APPEND_TO;
if (!prefix) throw new Error('CRASH_AFTER_APPEND_TO names the stream prefix after whose first append the process dies');

const append = EmbeddedEventStore.prototype.append;
EmbeddedEventStore.prototype.append = async function (this: EmbeddedEventStore, ...args: Parameters<typeof append>) {
  const result = await append.apply(this, args);
  if (args[0].startsWith(prefix)) process.kill(process.pid, 'SIGKILL');
  return result;
} as typeof append;

require('../../apps/ledger-api/src/main');
