import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import ts from 'typescript';
import { REPO_ROOT } from '../../support/child-process';

const SOURCES = ['apps/ledger-api/src', 'libs', 'test/support/crash-after-append.ts'];

function tsFiles(path: string): string[] {
  if (statSync(path).isFile()) return [path];
  return readdirSync(path).flatMap((name) => {
    const child = join(path, name);
    if (statSync(child).isDirectory()) return tsFiles(child);
    return name.endsWith('.ts') && !name.endsWith('.spec.ts') && !name.endsWith('.d.ts') ? [child] : [];
  });
}

/**
 * The service transpiled once (per source content) into a cache directory, so that crash loops
 * can restart it dozens of times at the speed of plain Node rather than ts-node's per-start
 * compile. Same settings as ts-node's transpile-only mode (the repo is isolatedModules), so the
 * code that runs is the code under test. Returns the entry script and the env that resolves the
 * `@concordat/*` aliases.
 */
export function compiledService(): { main: string; crashWrapper: string; env: NodeJS.ProcessEnv } {
  const files = SOURCES.flatMap((s) => tsFiles(join(REPO_ROOT, s))).sort();
  const hash = createHash('sha256');
  for (const f of files) hash.update(f).update(readFileSync(f));
  // Inside the repo's node_modules, so that the compiled files resolve the repo's packages.
  const outDir = join(REPO_ROOT, 'node_modules', '.cache', `concordat-compiled-${hash.digest('hex').slice(0, 16)}`);
  if (!existsSync(join(outDir, 'tsconfig.json'))) {
    const config = ts.readConfigFile(join(REPO_ROOT, 'tsconfig.json'), ts.sys.readFile).config as { compilerOptions: Record<string, unknown> };
    const { options } = ts.convertCompilerOptionsFromJson({ ...config.compilerOptions, sourceMap: false, inlineSourceMap: true }, REPO_ROOT);
    const staging = `${outDir}.${process.pid}.tmp`;
    for (const file of files) {
      const out = join(staging, relative(REPO_ROOT, file)).replace(/\.ts$/, '.js');
      mkdirSync(dirname(out), { recursive: true });
      writeFileSync(out, ts.transpileModule(readFileSync(file, 'utf8'), { compilerOptions: options, fileName: file }).outputText);
    }
    writeFileSync(join(staging, 'tsconfig.json'), JSON.stringify({ compilerOptions: { baseUrl: '.', paths: config.compilerOptions.paths } }));
    try {
      renameSync(staging, outDir);
    } catch {
      rmSync(staging, { recursive: true, force: true }); // another worker finished first
    }
  }
  return {
    main: join(outDir, 'apps/ledger-api/src/main.js'),
    crashWrapper: join(outDir, 'test/support/crash-after-append.js'),
    env: { TS_NODE_PROJECT: join(outDir, 'tsconfig.json'), NODE_OPTIONS: '' },
  };
}
