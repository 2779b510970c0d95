import { mkdirSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import request from 'supertest';
import ts from 'typescript';
import { EVENT_STORE, type EventStore } from '@concordat/event-store';
import { REPO_ROOT, linesUntil, runTs } from '../support/child-process';
import { tempDir } from '../support/temp-dir';
import { startTestApp, type TestApp } from '../support/test-app';
import { LedgerWriter } from './support/ledger-writer';
import { writeScgDataset } from './support/scg-dataset';

const GENERATED = join(REPO_ROOT, 'test/generated');
const READS = ['/v1/pledges', '/v1/meetings', '/v1/reports/priorities-by-administration', '/v1/reports/priority-changes', '/v1/reports/inherited-commitments', '/v1/reports/forum-activity', '/v1/administrations', '/v1/forums', '/v1/themes'];
const DETAILS = ['/v1/pledges/{id}', '/v1/meetings/{id}'];

type Schema = { $ref?: string; type?: string; properties?: Record<string, Schema>; items?: Schema; allOf?: Schema[]; example?: unknown; enum?: unknown[] };

/** Every problem of a response schema: bare objects, untyped arrays, leaves without an example. */
function problems(doc: { components: { schemas: Record<string, Schema> } }, schema: Schema, at: string, seen = new Set<string>()): string[] {
  if (schema.$ref) {
    const name = schema.$ref.split('/').pop()!;
    if (seen.has(name)) return [];
    seen.add(name);
    return problems(doc, doc.components.schemas[name], name, seen);
  }
  if (schema.allOf) return schema.allOf.flatMap((s, i) => problems(doc, s, `${at}.allOf[${i}]`, seen));
  if (schema.type === 'array') return schema.items ? problems(doc, schema.items, `${at}[]`, seen) : [`${at}: array without items`];
  if (schema.type === 'object' || schema.properties) {
    const props = Object.entries(schema.properties ?? {});
    if (props.length === 0) return [`${at}: bare object`];
    return props.flatMap(([key, s]) => {
      const leaf = !s.$ref && !s.allOf && s.type !== 'array' && s.type !== 'object';
      return [...(leaf && s.example === undefined && !s.enum ? [`${at}.${key}: no example`] : []), ...problems(doc, s, `${at}.${key}`, seen)];
    });
  }
  return [];
}

function typeCheck(files: string[]): string[] {
  const program = ts.createProgram(files, {
    strict: true,
    noEmit: true,
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.CommonJS,
    moduleResolution: ts.ModuleResolutionKind.Node10,
    lib: ['lib.es2022.d.ts'],
    types: ['node'],
    skipLibCheck: true,
    baseUrl: REPO_ROOT,
    paths: { 'generated-ledger-api': ['test/generated/ledger-api.ts'] },
  });
  return ts.getPreEmitDiagnostics(program).map((d) => `${d.file?.fileName ?? ''}: ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`);
}

describe('OpenAPI: every read response typed with examples; a generated client compiles and works', () => {
  let t: TestApp;
  const scratch = tempDir('openapi');
  let doc: { paths: Record<string, Record<string, { responses: Record<string, { content?: Record<string, { schema: Schema }> }> }>>; components: { schemas: Record<string, Schema> } };

  beforeAll(async () => {
    t = await startTestApp();
    await writeScgDataset(new LedgerWriter(t.app.get<EventStore>(EVENT_STORE)));
    doc = (await request(t.app.getHttpServer()).get('/docs-json').expect(200)).body;
  });
  afterAll(async () => {
    await t.close();
    scratch.cleanup();
  });

  it('documents 200 (typed, no bare object, examples on every field), 304, 400 and 503 for every read, and 404 for details', () => {
    for (const path of [...READS, ...DETAILS]) {
      const responses = doc.paths[path]?.get?.responses;
      expect({ path, statuses: Object.keys(responses ?? {}).sort() }).toEqual({ path, statuses: DETAILS.includes(path) ? ['200', '304', '400', '401', '404', '429', '503'] : ['200', '304', '400', '401', '429', '503'] }); // 401: a token sent but not valid; 429: rate limited
      expect({ path, problems: problems(doc, responses['200'].content!['application/json'].schema, path) }).toEqual({ path, problems: [] });
    }
    const rebuild = doc.paths['/v1/admin/projections/rebuild'].post.responses;
    expect(problems(doc, rebuild['200'].content!['application/json'].schema, 'rebuild')).toEqual([]);
  });

  it('generates a TypeScript client with openapi-typescript that type-checks the script calling each report, and the calls work', async () => {
    mkdirSync(GENERATED, { recursive: true });
    writeFileSync(join(GENERATED, 'docs.json'), JSON.stringify(doc));
    const generator = runTs('test/read-side/support/generate-client.ts', [join(GENERATED, 'docs.json'), join(GENERATED, 'ledger-api.ts')]);
    await linesUntil(generator, (lines) => lines.some((l) => l.startsWith('GENERATED')));
    const check = join(REPO_ROOT, 'test/read-side/openapi-client.check.ts');
    expect(typeCheck([check])).toEqual([]);

    // A control: misuse is refused, so the check above is not vacuous (the types are not `any`).
    // (Written outside test/, which the repository's own type check includes.)
    const misuse = join(scratch.dir, 'misuse.check.ts');
    writeFileSync(misuse, `import { read } from '${check.replace(/\.ts$/, '')}';\nexport async function f(base: string) {\n  const board = await read(base, '/v1/pledges', { limit: 'ten' });\n  const age: string = board.items[0].ageDays;\n  return age;\n}\n`);
    expect(typeCheck([misuse]).join('\n')).toMatch(/limit[\s\S]*ageDays|Type 'string' is not assignable[\s\S]*Type 'number' is not assignable/);

    await t.app.listen(0, '127.0.0.1');
    const { port } = t.app.getHttpServer().address() as AddressInfo;
    const { callEachReport } = await import('./openapi-client.check');
    const lines = await callEachReport(`http://127.0.0.1:${port}`);
    expect(lines).toHaveLength(8);
    expect(lines.join('\n')).toMatch(/forum activity: 3 meetings, 791 days of silence/);
  }, 60_000);
});
