import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';

export const REPO_ROOT = join(__dirname, '..', '..');

/**
 * Starts a TypeScript script of the repo in a child Node process, honouring the path aliases.
 * Nest code needs decorator metadata, which tsx (esbuild) does not emit: it runs under ts-node.
 */
export function runTs(script: string, args: string[], env: NodeJS.ProcessEnv = {}, runner: 'tsx' | 'ts-node' = 'tsx'): ChildProcess {
  const loader = runner === 'tsx' ? ['--import', 'tsx'] : ['-r', 'ts-node/register/transpile-only', '-r', 'tsconfig-paths/register'];
  return spawn(process.execPath, [...loader, join(REPO_ROOT, script), ...args], {
    cwd: REPO_ROOT,
    env: { ...process.env, TS_NODE_PROJECT: join(REPO_ROOT, 'tsconfig.json'), ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

/** Resolves with the lines a child printed once `until` returns true for the collected lines. */
export function linesUntil(child: ChildProcess, until: (lines: string[]) => boolean, timeoutMs = 30000): Promise<string[]> {
  return new Promise((resolve, reject) => {
    const lines: string[] = [];
    let buffer = '';
    let stderr = '';
    const timer = setTimeout(() => reject(new Error(`timed out; stderr: ${stderr}`)), timeoutMs);
    child.stderr?.on('data', (d) => (stderr += d));
    child.stdout?.on('data', (chunk: Buffer) => {
      buffer += chunk.toString();
      const parts = buffer.split('\n');
      buffer = parts.pop() ?? '';
      lines.push(...parts);
      if (until(lines)) {
        clearTimeout(timer);
        resolve(lines);
      }
    });
    child.on('exit', (code) => {
      clearTimeout(timer);
      if (!until(lines)) reject(new Error(`child exited (${code}) early; stderr: ${stderr}`));
    });
  });
}

export function waitForExit(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => (child.exitCode !== null || child.signalCode !== null ? resolve() : child.on('exit', () => resolve())));
}
