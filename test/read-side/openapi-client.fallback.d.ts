/**
 * The types `openapi-client.check.ts` uses are generated from /docs-json into test/generated/
 * (gitignored) by openapi-client.e2e.spec.ts, which then type-checks the script against them.
 * Until then the repository's own type check sees this permissive stand-in (every query and
 * every answer `any`), so it passes on a fresh clone. The e2e compile leaves this file out.
 */
declare module 'generated-ledger-api' {
  /* eslint-disable @typescript-eslint/no-explicit-any */
  type AnyOperation = { parameters: { query?: any }; responses: { 200: { content: { 'application/json': any } } } };
  export type paths = Record<string, { get: AnyOperation }>;
}
