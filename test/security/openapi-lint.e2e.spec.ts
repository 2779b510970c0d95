import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from '../support/child-process';
import { startTestApp } from '../support/test-app';
import { tempDir } from '../support/temp-dir';
import { fetchDocument } from './support/openapi-walk';

/** The served OpenAPI document passes Redocly's recommended rules (errors fail; warnings are printed). */
describe.each(['public', 'authenticated'])('OpenAPI lint (READ_ACCESS=%s)', (readAccess) => {
  it("passes Redocly's recommended rules", async () => {
    const t = await startTestApp({ READ_ACCESS: readAccess });
    const { dir, cleanup } = tempDir('openapi-lint');
    try {
      const file = join(dir, 'openapi.json');
      writeFileSync(file, JSON.stringify(await fetchDocument(t.app)));
      const run = spawnSync(process.execPath, [join(REPO_ROOT, 'node_modules/@redocly/cli/bin/cli.js'), 'lint', '--extends=recommended', '--format=stylish', file], {
        env: { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true', CI: 'true' },
        encoding: 'utf8',
        timeout: 120_000,
      });
      const output = `${run.stdout}\n${run.stderr}`;
      expect({ status: run.status, problems: output.split('\n').filter((l) => /error|warning/i.test(l) && !/Node\.js/.test(l)) }).toEqual({ status: 0, problems: [] });
    } finally {
      cleanup();
      await t.close();
    }
  }, 180_000);
});
