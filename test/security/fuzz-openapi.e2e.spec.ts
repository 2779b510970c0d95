import fc from 'fast-check';
import request from 'supertest';
import { writeFileSync } from 'node:fs';
import type { Server } from 'node:http';
import { FIFTH_SCG_MINUTES } from '../../apps/ledger-api/src/clerk/meetings/minutes.example';
import { clerk, seedReferenceData, storeOf } from '../clerk/clerk-fixtures';
import { startTestApp, TOKENS, type TestApp } from '../support/test-app';
import { openStream } from './support/event-stream';
import type { FuzzReport } from './support/fuzz-report';
import { hostileRequest, type HostileRequest } from './support/hostile-requests';
import { fetchDocument, fillPath, operationsOf, tokenFor, type OpenApiDocument, type Operation } from './support/openapi-walk';

/**
 * 1,000 cases in `npm test`; `npm run test:reliability` (and `npm run test:fuzz`) run 10,000
 * (FUZZ_CASES). With FUZZ_REPORT=<file> the figures are also written there as JSON.
 */
const CASES = Number(process.env.FUZZ_CASES ?? 1000);

/** Percent-encodes any string, lone surrogates included (as the UTF-8 bytes a careless client would send). */
function encode(value: string): string {
  return [...Buffer.from(value, 'utf8')].map((b) => (/[A-Za-z0-9\-_.~]/.test(String.fromCharCode(b)) ? String.fromCharCode(b) : `%${b.toString(16).toUpperCase().padStart(2, '0')}`)).join('');
}

function tokenOf(op: Operation, r: HostileRequest): string | undefined {
  return r.token === 'role' ? tokenFor(op.roles?.[0]) : r.token === 'reporter' ? TOKENS.reporter : r.token === 'garbage' ? 'garbage-token-garbage-token-garbage-token' : undefined;
}

type Answer = { status: number; headers: Record<string, unknown>; text: string };

async function send(t: TestApp, op: Operation, r: HostileRequest): Promise<Answer> {
  const query = r.query.map(([k, v]) => `${encode(k)}=${encode(v)}`).join('&');
  const url = fillPath(op.path, r.pathValues) + (query ? `?${query}` : '');
  const token = tokenOf(op, r);
  const auth: Record<string, string> = token ? { Authorization: `Bearer ${token}` } : {};
  const bodiless = Object.fromEntries(Object.entries(r.headers).filter(([k]) => k !== 'Content-Type' && k !== 'Content-Encoding'));
  // An event stream stays open by design: its status and headers are judged, then it is aborted; no answer in 20 s is a hang.
  if (op.streams) return openStream(t.app.getHttpServer() as Server, url, { ...bodiless, ...auth }, { timeoutMs: 20_000 });
  let req = request(t.app.getHttpServer())[op.method](url).timeout(20_000).set(auth);
  req = r.body !== undefined ? req.set({ 'Content-Type': 'application/json', ...r.headers }).send(r.body) : req.set(bodiless);
  const res = await req;
  return { status: res.status, headers: res.headers, text: res.text ?? '' };
}

const errorBody = (text: string): Record<string, unknown> | undefined => {
  try {
    return JSON.parse(text) as Record<string, unknown>;
  } catch {
    return undefined;
  }
};

describe('fuzz: hostile requests over every route of the OpenAPI document', () => {
  let t: TestApp;
  let doc: OpenApiDocument;
  let operations: Operation[];
  beforeAll(async () => {
    // No background checkpoints: every event after a request is that request's or a process manager's.
    t = await startTestApp({ CHECKPOINT_EVERY_MINUTES: '0', CHECKPOINT_EVERY_EVENTS: '1000000000', RATE_LIMIT_PER_MINUTE: '1000000', RATE_LIMIT_ANONYMOUS_PER_MINUTE: '1000000' });
    await seedReferenceData(t.app);
    expect((await clerk(t.app).post('/v1/meetings', FIFTH_SCG_MINUTES)).status).toBe(201);
    doc = await fetchDocument(t.app);
    operations = operationsOf(doc);
  });
  afterAll(async () => t.close());

  it(`answers ${CASES} hostile requests without a 5xx or a hang, and a refused request writes nothing`, async () => {
    const report: FuzzReport = { cases: 0, operations: operations.length, byStatus: {}, byRoute: {}, serverErrors: 0, refusedButWrote: 0, hung: 0, malformedErrors: 0, routesNeverReached: [], examples: [] };
    const store = storeOf(t.app);
    const found = (figure: 'serverErrors' | 'refusedButWrote' | 'hung' | 'malformedErrors', what: string, r: HostileRequest) => {
      report[figure] += 1;
      if (report.examples.length < 10) report.examples.push(`${figure}: ${what}\n  request: ${JSON.stringify(r).slice(0, 1500)}`);
    };
    const arbitrary = fc.constantFrom(...operations).chain((op) => hostileRequest(doc, op).map((r) => ({ op, r })));
    // Every case runs to the end and is counted; the figures are judged after the run.
    await fc.assert(
      fc.asyncProperty(arbitrary, async ({ op, r }) => {
        const before = await store.headPosition();
        // A minPosition beyond the log makes a read wait its documented 5 s for a 503; the
        // fuzzer asks for reachable positions only, so a run stays short.
        r.query = r.query.map(([k, v]) => [k, k === 'minPosition' && /^\d{1,19}$/.test(v) && BigInt(v) > before ? before.toString() : v]);
        const route = `${op.method.toUpperCase()} ${op.path}`;
        report.cases += 1;
        let res: Answer;
        try {
          res = await send(t, op, r);
        } catch (error) {
          found('hung', `${route}: ${(error as Error).message}`, r);
          return;
        }
        report.byStatus[res.status] = (report.byStatus[res.status] ?? 0) + 1;
        const ofRoute = (report.byRoute[route] ??= {});
        ofRoute[res.status] = (ofRoute[res.status] ?? 0) + 1;
        if (res.status >= 500) found('serverErrors', `${route} answered ${res.status}: ${res.text.slice(0, 300)}`, r);
        const correlationId = res.headers['x-correlation-id'];
        if (typeof correlationId !== 'string') found('malformedErrors', `${route} answered ${res.status} without X-Correlation-Id`, r);
        if (res.status < 400) return;
        const body = errorBody(res.text);
        if (body?.statusCode !== res.status || typeof body.code !== 'string' || body.correlationId !== correlationId) {
          found('malformedErrors', `${route} answered ${res.status} outside the common error shape: ${res.text.slice(0, 300)}`, r);
        }
        const written = (await store.readAll({ after: before })).filter(
          // Idempotency bookkeeping (the claim of a key) is not a ledger event; the bad-input suite counts the same way.
          (e) => e.metadata.correlationId === correlationId && !e.streamId.startsWith('idempotency-'),
        );
        if (written.length > 0) found('refusedButWrote', `${route} refused with ${res.status} ${res.text.slice(0, 300)} but wrote ${written.map((e) => `${e.type} on ${e.streamId}`).join(', ')}`, r);
      }),
      { numRuns: CASES, seed: process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : undefined },
    );
    report.routesNeverReached = operations.map((op) => `${op.method.toUpperCase()} ${op.path}`).filter((route) => !report.byRoute[route]);
    const counts = Object.entries(report.byStatus).map(([s, n]) => `${s}: ${n}`).join(', ');
    process.stdout.write(`\nFuzz: ${report.cases} hostile requests over ${operations.length} operations; answers by status: ${counts}\n`);
    if (process.env.FUZZ_REPORT) writeFileSync(process.env.FUZZ_REPORT, JSON.stringify(report, null, 2));
    expect(report.examples).toEqual([]);
    expect({ serverErrors: report.serverErrors, refusedButWrote: report.refusedButWrote, hung: report.hung, malformedErrors: report.malformedErrors }).toEqual({ serverErrors: 0, refusedButWrote: 0, hung: 0, malformedErrors: 0 });
    // Every route was reached at least once (a route the fuzzer never hits is not tested).
    if (CASES >= 1000) expect(report.routesNeverReached).toEqual([]);
  }, 60 * 60_000);
});
