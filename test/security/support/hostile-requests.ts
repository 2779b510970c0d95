import fc from 'fast-check';
import { resolve, type OpenApiDocument, type Operation, type Schema } from './openapi-walk';

/** Strings that broke parsers, validators, stores or logs somewhere. */
const HOSTILE_STRINGS = [
  '', ' ', '\u0000', 'a\u0000b', '\u0007\u001b[31mred', '\u202Eevil', '\r\nSet-Cookie: x=1', 'x'.repeat(6000), '%00', '%FF', '..%2F..%2Fetc%2Fpasswd',
  '9999999999999999999', '99999999999999999999999', '-1', '0', '1e308', 'NaN', 'Infinity', '0x10', '00000', '2016-13-45', '0000', '0000-00-00', '2203-01-20',
  '1999-02-29', '2016-02-30', '9999-12-31T23:59:59Z', 'true', 'null', '[]', '{}', '__proto__', 'constructor', '\uD800', '🙂'.repeat(300), "'; DROP TABLE events; --",
  '<script>alert(1)</script>', '${jndi:ldap://x}', 'a,b,c', 'fulfilled,unknown', '*',
];
const HOSTILE_NUMBERS = [0, -1, 1, 1.5, 1e308, -1e308, 9007199254740993, 2 ** 31, 2 ** 63, 1e21];

/** Present once in `every` cases (fc.option's freq is the other way round: the chance of nil). */
export const sometimes = <T>(arb: fc.Arbitrary<T>, every: number): fc.Arbitrary<T | undefined> =>
  fc.oneof({ arbitrary: fc.constant(undefined), weight: every - 1 }, { arbitrary: arb, weight: 1 });

export const hostileString = fc.oneof(fc.constantFrom(...HOSTILE_STRINGS), fc.string({ maxLength: 40 }), fc.string({ unit: 'binary', maxLength: 20 }));
const hostileScalar: fc.Arbitrary<unknown> = fc.oneof(hostileString, fc.constantFrom<unknown>(...HOSTILE_NUMBERS, null, true, false, [], {}), fc.double());

/** A value shaped by the schema most of the time, with hostile substitutions and extra keys. */
export function shaped(doc: OpenApiDocument, schema: Schema | undefined, depth = 0): fc.Arbitrary<unknown> {
  const s = resolve(doc, schema);
  if (!s || depth > 6) return hostileScalar;
  const example = s.example;
  const own: fc.Arbitrary<unknown>[] = [];
  if (example !== undefined) own.push(fc.constant(example));
  if (Array.isArray(s.enum)) own.push(fc.constantFrom(...(s.enum as unknown[])));
  switch (s.type) {
    case 'string':
      own.push(fc.string({ maxLength: 20 }));
      break;
    case 'integer':
    case 'number':
      own.push(fc.integer({ min: -5, max: 20_000 }));
      break;
    case 'boolean':
      own.push(fc.boolean());
      break;
    case 'array':
      own.push(fc.array(shaped(doc, s.items as Schema, depth + 1), { maxLength: 3 }));
      break;
    default: {
      const props = (s.properties ?? {}) as Record<string, Schema>;
      const entries = Object.keys(props).map((k) => [k, fc.option(shaped(doc, props[k], depth + 1), { nil: undefined, freq: 4 })] as const);
      const extra = sometimes(fc.tuple(fc.oneof(fc.constantFrom('__proto__', 'constructor', 'prototype', 'secretField'), fc.string({ maxLength: 8 })), hostileScalar), 8);
      own.push(
        fc.tuple(fc.record(Object.fromEntries(entries)), extra).map(([record, more]) => {
          const out: Record<string, unknown> = {};
          for (const [k, v] of Object.entries(record)) if (v !== undefined) out[k] = v;
          if (more) Object.defineProperty(out, more[0], { value: more[1], enumerable: true, writable: true, configurable: true });
          return out;
        }),
      );
    }
  }
  return fc.oneof({ arbitrary: fc.oneof(...own), weight: 6 }, { arbitrary: hostileScalar, weight: 1 });
}

export interface HostileRequest {
  pathValues: Record<string, string>;
  query: Array<[string, string]>;
  headers: Record<string, string>;
  /** A JSON text, raw bytes, or nothing. */
  body?: string | Buffer;
  token: 'role' | 'none' | 'garbage' | 'reporter';
}

const nested = fc.integer({ min: 10, max: 3000 }).chain((n) => fc.constantFrom('['.repeat(n) + ']'.repeat(n), '{"a":'.repeat(n) + '1' + '}'.repeat(n)));
const wide = fc.integer({ min: 201, max: 60_000 }).map((n) => JSON.stringify({ pledges: Array.from({ length: n }, () => ({})) }));
const manyKeys = fc.integer({ min: 41, max: 60_000 }).map((n) => JSON.stringify(Object.fromEntries(Array.from({ length: n }, (_, i) => [`k${i}`, i]))));
const rawGarbage = fc.oneof(fc.string({ maxLength: 200 }), fc.constantFrom('{"a": ', '{"a":1}{"b":2}', '\uFEFF{}', 'null', '"str"', '123', '{"__proto__":{"polluted":1}}'));

export function hostileRequest(doc: OpenApiDocument, op: Operation): fc.Arbitrary<HostileRequest> {
  const pathParams = op.parameters.filter((p) => p.in === 'path');
  const queryParams = op.parameters.filter((p) => p.in === 'query');
  const pathValues = fc.record(
    Object.fromEntries(
      pathParams.map((p) => [p.name, fc.oneof(fc.constant(String(p.example ?? 'us-mx-security-cooperation-group-5')), hostileString.map((s) => (s.includes('%') ? s : encodeURIComponent(s.replace(/[\uD800-\uDFFF]/g, '?')))))]),
    ),
  ) as fc.Arbitrary<Record<string, string>>;
  const queryValue = (p: { schema?: Schema; example?: unknown }) =>
    fc.oneof(fc.constant(String(p.example ?? (p.schema as Schema | undefined)?.example ?? '1')), hostileString, shaped(doc, p.schema).map((v) => (typeof v === 'string' ? v : JSON.stringify(v) ?? '')));
  const query = fc
    .tuple(
      fc.subarray(queryParams).chain((ps) => fc.tuple(...ps.map((p) => queryValue(p).map((v) => [p.name, v] as [string, string])))),
      sometimes(fc.tuple(fc.oneof(fc.constantFrom(...queryParams.map((p) => p.name), 'unknownParam', '__proto__'), fc.string({ maxLength: 6 })), hostileString), 6),
    )
    .map(([known, extra]) => (extra ? [...known, extra] : known));
  // Headers the operation documents beyond the common ones (Last-Event-ID, Accept): hostile values too.
  const COMMON = ['if-match', 'if-none-match', 'idempotency-key', 'x-correlation-id', 'content-type', 'content-encoding'];
  const declaredHeaders = op.parameters.filter((p) => p.in === 'header' && !COMMON.includes(p.name.toLowerCase()));
  const ownHeaders = fc.record(Object.fromEntries(declaredHeaders.map((p) => [p.name, sometimes(fc.oneof(fc.constant(String(p.example ?? '1')), hostileString), 2)])));
  const headers = fc
    .record({
      'If-Match': sometimes(fc.oneof(fc.constant('"0"'), hostileString), 6),
      'If-None-Match': sometimes(fc.oneof(fc.constant('*'), hostileString), 8),
      'Idempotency-Key': sometimes(fc.oneof(fc.uuid(), hostileString), 4),
      'X-Correlation-Id': sometimes(hostileString, 8),
      'Content-Type': sometimes(fc.constantFrom('application/json; charset=latin1', 'text/plain', 'application/x-www-form-urlencoded', 'application/json; charset=utf-16', 'multipart/form-data; boundary=x', '', 'application/json; charset=UTF-8'), 10),
      'Content-Encoding': sometimes(fc.constantFrom('gzip', 'compress', 'gzip, gzip', 'br', 'deflate', 'identity'), 12),
    })
    .chain((h) => ownHeaders.map((own) => ({ ...h, ...own })))
    .map((h) => Object.fromEntries(Object.entries(h).filter(([, v]) => v !== undefined && /^[\t\x20-\x7e]*$/.test(v))) as Record<string, string>);
  const body =
    op.method === 'get'
      ? sometimes(fc.constant('{}'), 10)
      : fc.oneof(
          { arbitrary: shaped(doc, op.body).map((v) => JSON.stringify(v) ?? 'null'), weight: 8 },
          { arbitrary: fc.jsonValue({ maxDepth: 4 }).map((v) => JSON.stringify(v)), weight: 2 },
          { arbitrary: fc.oneof(nested, wide, manyKeys), weight: 1 },
          { arbitrary: rawGarbage, weight: 1 },
        );
  const token = fc.constantFrom<HostileRequest['token']>('role', 'role', 'role', 'role', 'role', 'role', 'none', 'garbage', 'reporter');
  return fc.record({ pathValues, query, headers, body, token }) as fc.Arbitrary<HostileRequest>;
}
