import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from '../support/child-process';
import type { FuzzReport } from '../security/support/fuzz-report';

export interface FuzzFigures {
  hostileRequests: number;
  operations: number;
  answersByStatus: string;
  feedAnswersByStatus: string;
  serverErrors: number;
  refusedButWrote: number;
  hung: number;
  malformedErrors: number;
  routesNeverReached: number;
  fuzzSpecExitCode: number;
}

const byStatus = (counts: Record<string, number> | undefined) => Object.entries(counts ?? {}).map(([s, n]) => `${s}: ${n}`).join(', ');

/**
 * The OpenAPI fuzzer of `npm test` (test/security/fuzz-openapi.e2e.spec.ts), run with `cases`
 * hostile requests in its own jest process: the Nest app needs decorator metadata, which this
 * runner (tsx) does not emit. The spec writes its figures to a file; its exit code counts too.
 */
export async function runFuzz(dir: string, cases: number): Promise<FuzzFigures & { examples: string[] }> {
  const reportFile = join(dir, 'fuzz-report.json');
  const exitCode = await new Promise<number>((resolve, reject) => {
    const child = spawn(process.execPath, [join(REPO_ROOT, 'node_modules/jest/bin/jest.js'), '--runInBand', '--ci', 'test/security/fuzz-openapi.e2e.spec.ts'], {
      cwd: REPO_ROOT,
      env: { ...process.env, FUZZ_CASES: String(cases), FUZZ_REPORT: reportFile },
      stdio: ['ignore', 'inherit', 'inherit'],
    });
    child.on('error', reject);
    child.on('exit', (code, signal) => resolve(code ?? (signal ? 128 : 1)));
  });
  const report: Partial<FuzzReport> = existsSync(reportFile) ? (JSON.parse(readFileSync(reportFile, 'utf8')) as FuzzReport) : {};
  return {
    hostileRequests: report.cases ?? 0,
    operations: report.operations ?? 0,
    answersByStatus: byStatus(report.byStatus),
    feedAnswersByStatus: byStatus(report.byRoute?.['GET /v1/feeds/ledger-entries']),
    serverErrors: report.serverErrors ?? -1,
    refusedButWrote: report.refusedButWrote ?? -1,
    hung: report.hung ?? -1,
    malformedErrors: report.malformedErrors ?? -1,
    routesNeverReached: report.routesNeverReached?.length ?? -1,
    fuzzSpecExitCode: exitCode,
    examples: report.examples ?? ['the fuzz spec wrote no report'],
  };
}
