// Bundles the reporting desk page (TypeScript + Observable Plot) into dist/reporting-desk/, so it works offline.
// `npm run build` runs it; the e2e test runs it too. Usage: node apps/reporting-desk/build.mjs [outDir]
import { build } from 'esbuild';
import { copyFile, mkdir } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const out = resolve(process.argv[2] ?? join(here, '..', '..', 'dist', 'reporting-desk'));
await mkdir(out, { recursive: true });
await build({
  entryPoints: [join(here, 'src', 'main.ts')],
  outfile: join(out, 'desk.js'),
  bundle: true,
  minify: true,
  sourcemap: false,
  format: 'iife',
  target: ['chrome110', 'firefox110', 'safari16'],
  legalComments: 'eof',
  logLevel: 'warning',
});
await copyFile(join(here, 'index.html'), join(out, 'index.html'));
await copyFile(join(here, 'desk.css'), join(out, 'desk.css'));
console.log(`reporting desk built into ${out}`);
