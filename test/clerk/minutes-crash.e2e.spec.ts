import { join } from 'node:path';
import request from 'supertest';
import { EmbeddedEventStore } from '@concordat/event-store';
import { FIFTH_SCG_MINUTES } from '../../apps/ledger-api/src/clerk/meetings/minutes.example';
import { linesUntil, runTs, waitForExit } from '../support/child-process';
import { API_KEYS, TOKENS, startTestApp } from '../support/test-app';
import { tempDir } from '../support/temp-dir';
import { ledgerEvents, seedReferenceData } from './clerk-fixtures';

const MINUTES = {
  ...FIFTH_SCG_MINUTES,
  pledges: [1, 2, 3].map((n) => ({ ...FIFTH_SCG_MINUTES.pledges![0], id: `crash-pledge-${n}`, description: `pledge number ${n}` })),
};

describe('minutes spanning several streams survive a crash between the steps', () => {
  it('after a SIGKILL between the meeting stream and the pledge streams, a restart completes the ledger with nothing duplicated', async () => {
    const { dir, cleanup } = tempDir('minutes-crash');
    try {
      const setup = await startTestApp({}, dir);
      await seedReferenceData(setup.app);
      await setup.close();

      const port = String(20000 + Math.floor(Math.random() * 20000));
      const child = runTs('test/support/crash-after-append.ts', [], { DATA_DIR: dir, PORT: port, HOST: '127.0.0.1', API_KEYS, LOG_LEVEL: 'info', SEED_ON_EMPTY: 'false', CRASH_AFTER_APPEND_TO: 'meeting-' }, 'ts-node');
      await linesUntil(child, (lines) => lines.some((l) => l.includes('listening')), 60000);
      const crashed = await request(`http://127.0.0.1:${port}`)
        .post('/v1/meetings')
        .set('Authorization', `Bearer ${TOKENS.clerk}`)
        .set('Idempotency-Key', 'crash-minutes')
        .send(MINUTES)
        .then(
          (res) => res.status,
          (error: Error) => error.message,
        );
      await waitForExit(child);
      expect(child.signalCode).toBe('SIGKILL');
      expect(crashed).toMatch(/socket hang up|ECONNRESET/);

      // The crash really fell between the steps: the minutes are on disk, their pledges are not.
      const raw = new EmbeddedEventStore({ file: join(dir, 'events.sqlite') });
      const onDisk = (await raw.readAll()).map((e) => e.streamId);
      await raw.close();
      expect(onDisk).toContain('meeting-us-mx-security-cooperation-group-5');
      expect(onDisk.filter((s) => s.startsWith('pledge-crash-pledge-'))).toEqual([]);

      const restarted = await startTestApp({}, dir);
      try {
        const events = await ledgerEvents(restarted.app);
        const forThisMeeting = events.filter((e) => e.streamId === 'meeting-us-mx-security-cooperation-group-5' || e.streamId.startsWith('pledge-crash-pledge-'));
        expect(forThisMeeting.map((e) => [e.streamId, e.type])).toEqual([
          ['meeting-us-mx-security-cooperation-group-5', 'MinutesRecorded'],
          ['pledge-crash-pledge-1', 'PledgeMade'],
          ['pledge-crash-pledge-2', 'PledgeMade'],
          ['pledge-crash-pledge-3', 'PledgeMade'],
        ]);
        expect(forThisMeeting.slice(1).every((e) => e.metadata.causationId === forThisMeeting[0].id)).toBe(true);

        // The clerk's retry with the same key answers with the ids and writes nothing more.
        const retry = await request(restarted.app.getHttpServer())
          .post('/v1/meetings')
          .set('Authorization', `Bearer ${TOKENS.clerk}`)
          .set('Idempotency-Key', 'crash-minutes')
          .send(MINUTES);
        expect(retry.status).toBe(201);
        expect(retry.body.pledgeIds).toEqual(['crash-pledge-1', 'crash-pledge-2', 'crash-pledge-3']);
        expect((await ledgerEvents(restarted.app)).length).toBe(events.length);
      } finally {
        await restarted.close();
      }
    } finally {
      cleanup();
    }
  });
});
