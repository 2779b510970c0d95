import { join } from 'node:path';
import { EmbeddedEventStore } from '@concordat/event-store';
import { ProjectionHost } from '@concordat/read-models';
import { tempDir } from '../support/temp-dir';
import { LedgerWriter } from './support/ledger-writer';

const theme = (w: LedgerWriter, id: string) => w.execute('theme', id, { type: 'DefineTheme', data: { id, name: id, definition: 'one line' } });

describe('read models remember the log they were built from', () => {
  it('a store replaced under them (another first event) makes the host rebuild them from that store', async () => {
    const { dir, cleanup } = tempDir('log-identity');
    const readModels = join(dir, 'read-models.sqlite');
    try {
      // Given read models built from one log
      const first = new EmbeddedEventStore({ file: join(dir, 'first.sqlite') });
      const host = new ProjectionHost(first, readModels);
      host.start();
      for (const id of ['alpha', 'beta', 'gamma']) await theme(new LedgerWriter(first), id);
      expect(await host.waitFor(await first.headPosition(), 5000)).toBe(true);
      await host.stop();
      await first.close();

      // When the service starts on another log at a position the old checkpoint already covers
      const second = new EmbeddedEventStore({ file: join(dir, 'second.sqlite') });
      for (const id of ['delta', 'epsilon', 'zeta', 'eta']) await theme(new LedgerWriter(second), id);
      const errors: string[] = [];
      const next = new ProjectionHost(second, readModels, { onError: (e) => errors.push(String(e)) });
      next.start();
      try {
        // Then it rebuilds from that log: only its themes, none of the first log's
        for (let i = 0; i < 100 && next.source('2025-01-01').themes().some((t) => t.id === 'alpha'); i++) await new Promise((r) => setTimeout(r, 50));
        expect(await next.waitFor(await second.headPosition(), 5000)).toBe(true);
        expect(next.source('2025-01-01').themes().map((t) => t.id)).toEqual(['delta', 'epsilon', 'eta', 'zeta']);
        expect(errors.join()).toContain('built from another log');
      } finally {
        await next.stop();
        await second.close();
      }
    } finally {
      cleanup();
    }
  });
});
