import request from 'supertest';
import { startTestApp, type TestApp } from '../support/test-app';

type Schema = { $ref?: string; type?: string; example?: unknown; items?: Schema; properties?: Record<string, Schema>; allOf?: Schema[]; enum?: unknown[] };

describe('OpenAPI document: every clerk endpoint, body, response and error, with examples', () => {
  let t: TestApp;
  let doc: { paths: Record<string, Record<string, any>>; components: { schemas: Record<string, Schema> } };
  beforeAll(async () => {
    t = await startTestApp();
    doc = (await request(t.app.getHttpServer()).get('/docs-json')).body;
  });
  afterAll(async () => t.close());

  const WRITES = [
    '/v1/administrations', '/v1/administrations/{id}/corrections', '/v1/forums', '/v1/forums/{id}/corrections', '/v1/themes', '/v1/themes/{id}/corrections',
    '/v1/meetings', '/v1/meetings/{id}/corrections', '/v1/pledges', '/v1/pledges/{id}/status-changes', '/v1/pledges/{id}/money-facts', '/v1/pledges/{id}/corrections',
  ];

  it.each(WRITES)('POST %s documents its body, its 201 answer and its errors', (path) => {
    const op = doc.paths[path]?.post;
    expect(op).toBeDefined();
    expect(op.requestBody.content['application/json'].schema.$ref).toMatch(/Dto$/);
    expect(op.responses['201'].content['application/json'].schema.$ref).toMatch(/Dto$/);
    for (const status of ['400', '401', '403']) expect(op.responses[status].content['application/json'].schema.$ref).toBe('#/components/schemas/ApiError');
    expect(op.security).toEqual([{ bearer: [] }]);
    expect(op.parameters.map((p: { name: string }) => p.name)).toEqual(expect.arrayContaining(['Idempotency-Key', 'If-Match']));
  });

  it('gives every property of every request, response and error schema an example (or a typed reference)', () => {
    expect(Object.keys(doc.components.schemas).length).toBeGreaterThan(15);
    const missing: string[] = [];
    for (const [name, schema] of Object.entries(doc.components.schemas)) {
      for (const [prop, s] of Object.entries(schema.properties ?? {})) {
        const typedRef = s.$ref || s.items?.$ref || s.allOf?.some((x) => x.$ref);
        if (s.example === undefined && !typedRef && !s.enum) missing.push(`${name}.${prop}`);
      }
    }
    expect(missing).toEqual([]);
  });
});
