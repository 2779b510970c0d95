/**
 * Generates the TypeScript types of an OpenAPI document with openapi-typescript's programmatic
 * API. Run as a child process (tsx): the library loads ESM-only dependencies that Jest's module
 * loader cannot require.
 * Usage: tsx test/read-side/support/generate-client.ts <openapi.json> <out.ts>
 */
import { readFileSync, writeFileSync } from 'node:fs';
import openapiTS, { astToString } from 'openapi-typescript';

const [input, output] = process.argv.slice(2);
openapiTS(JSON.parse(readFileSync(input, 'utf8'))).then(
  (ast) => {
    writeFileSync(output, astToString(ast));
    process.stdout.write(`GENERATED ${output}\n`);
  },
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
    process.exit(1);
  },
);
