import request from 'supertest';
import type { INestApplication } from '@nestjs/common';
import { EVENT_STORE, type EventStore } from '@concordat/event-store';
import type { RecordedEvent } from '@concordat/shared-kernel';
import { TOKENS } from '../support/test-app';

export const SCG = 'us-mx-security-cooperation-group';
export const quote = (q: string) => ({ document: '000_3fdbd5733350c650.txt', locator: 'paragraph 1', quote: q });

export function clerk(app: INestApplication, token = TOKENS.clerk) {
  const server = app.getHttpServer();
  return {
    post: (path: string, body: unknown, headers: Record<string, string> = {}) =>
      request(server).post(path).set('Authorization', `Bearer ${token}`).set(headers).send(body as object),
  };
}

export function storeOf(app: INestApplication): EventStore {
  return app.get<EventStore>(EVENT_STORE);
}

/** Every domain event in the log (idempotency and checkpoint bookkeeping left out), in order. */
export async function ledgerEvents(app: INestApplication): Promise<RecordedEvent[]> {
  return (await storeOf(app).readAll()).filter((e) => !e.streamId.startsWith('idempotency-') && e.streamId !== 'ledger-checkpoints');
}

export async function seedReferenceData(app: INestApplication): Promise<void> {
  const c = clerk(app);
  const ok = (res: request.Response) => {
    if (res.status !== 201) throw new Error(`${res.status} ${JSON.stringify(res.body)}`);
  };
  ok(await c.post('/v1/forums', { id: SCG, name: 'U.S.-Mexico Security Cooperation Group', aliases: ['SCG'], kind: 'standing-group', parties: ['US', 'MX'], source: quote('Security Cooperation Group (SCG)') }));
  for (const [id, name] of [['counter-narcotics', 'Counter-narcotics'], ['police-professionalization', 'Police professionalization'], ['security-coordination', 'Security coordination']]) {
    ok(await c.post('/v1/themes', { id, name, definition: `${name}, as the parties use the words` }));
  }
}
