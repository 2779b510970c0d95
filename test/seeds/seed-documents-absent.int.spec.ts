import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from '../support/child-process';
import { tempDir } from '../support/temp-dir';

interface JestJson {
  success: boolean;
  numFailedTests: number;
  numPassedTests: number;
  testResults: Array<{ name: string; assertionResults: Array<{ fullName: string; status: string }> }>;
}

/**
 * A clone with nothing beside it: the seed suites run with SEED_DOCUMENTS_DIR pointing at a folder
 * that does not exist, and must pass, skipping exactly the checks that quote the documents and
 * saying so in one line per suite.
 */
describe('the seed suites without the source documents', () => {
  it('skip only the document checks, each suite saying so in one line', () => {
    const { dir, cleanup } = tempDir('no-documents');
    try {
      const outputFile = join(dir, 'results.json');
      const env: NodeJS.ProcessEnv = { ...process.env, SEED_DOCUMENTS_DIR: join(dir, 'missing') };
      delete env.JEST_WORKER_ID;
      const run = spawnSync(
        process.execPath,
        [join(REPO_ROOT, 'node_modules/jest/bin/jest.js'), '--runInBand', '--ci', '--json', `--outputFile=${outputFile}`, 'test/seeds/seed-sources', 'test/seeds/seed-facts', 'test/seeds/seed-claims'],
        { cwd: REPO_ROOT, env, encoding: 'utf8', timeout: 120_000 },
      );
      expect({ status: run.status, stderr: run.status === 0 ? '' : run.stderr }).toEqual({ status: 0, stderr: '' });
      const result = JSON.parse(readFileSync(outputFile, 'utf8')) as JestJson;
      expect(result).toMatchObject({ success: true, numFailedTests: 0 });
      expect(result.testResults).toHaveLength(3);
      expect(result.numPassedTests).toBeGreaterThan(20);

      const skipped = result.testResults.flatMap((f) => f.assertionResults.filter((a) => a.status === 'pending').map((a) => a.fullName));
      const documentChecks = /source documents|verbatim|document's own words|documents' own words|quote from a document|in its source document/;
      expect(skipped.length).toBeGreaterThan(0);
      expect(skipped.filter((name) => !documentChecks.test(name))).toEqual([]);

      const lines = run.stdout.split('\n').filter((line) => line.includes('SKIPPED'));
      expect(lines).toHaveLength(3);
      for (const line of lines) expect(line).toMatch(/checks against the source documents SKIPPED: SEED_DOCUMENTS_DIR \(.*missing\) does not exist$/);
    } finally {
      cleanup();
    }
  }, 120_000);
});
