import { spawn, type ChildProcess } from 'node:child_process';
import { REPO_ROOT } from '../../support/child-process';
import { API_KEYS, TOKENS } from '../../support/test-app';
import { compiledService } from './compiled-service';

export { TOKENS };

/**
 * The real service as a child process over HTTP on a data directory that outlives it: started,
 * SIGKILLed, restarted, stopped with SIGTERM, as an operator (or a power cut) would.
 */
export class LedgerService {
  readonly port = 20000 + Math.floor(Math.random() * 20000);
  readonly url = `http://127.0.0.1:${this.port}`;
  private child?: ChildProcess;
  private output = '';

  constructor(
    readonly dataDir: string,
    private readonly env: NodeJS.ProcessEnv = {},
  ) {}

  /** Starts the service and resolves once `/health` answers; rejects (with its output) if it exits or hangs first. */
  async start(timeoutMs = 60000): Promise<void> {
    const compiled = compiledService();
    const script = this.env.CRASH_AFTER_APPEND_TO ? compiled.crashWrapper : compiled.main;
    this.output = '';
    const child = spawn(process.execPath, ['-r', 'tsconfig-paths/register', script], {
      cwd: REPO_ROOT,
      env: { ...process.env, ...compiled.env, DATA_DIR: this.dataDir, PORT: String(this.port), HOST: '127.0.0.1', API_KEYS, LOG_LEVEL: 'warn', SEED_ON_EMPTY: 'false', ...this.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.child = child;
    child.stdout?.on('data', (d: Buffer) => (this.output = (this.output + d.toString()).slice(-20000)));
    child.stderr?.on('data', (d: Buffer) => (this.output = (this.output + d.toString()).slice(-20000)));
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      if (child.exitCode !== null || child.signalCode !== null) throw new Error(`the service exited (${child.exitCode ?? child.signalCode}) while starting:\n${this.output}`);
      try {
        const res = await fetch(`${this.url}/health`);
        if (res.status === 200 || res.status === 503) return;
      } catch {
        // not listening yet
      }
      await sleep(50);
    }
    await this.kill();
    throw new Error(`the service did not answer /health within ${timeoutMs} ms:\n${this.output}`);
  }

  get running(): boolean {
    return this.child !== undefined && this.child.exitCode === null && this.child.signalCode === null;
  }

  get logs(): string {
    return this.output;
  }

  /** SIGHUP, as an operator sends it to make the service re-read its API key file. */
  hangUp(): void {
    this.child?.kill('SIGHUP');
  }

  async kill(): Promise<void> {
    await this.signal('SIGKILL');
  }

  async stop(): Promise<number | null> {
    return this.signal('SIGTERM');
  }

  private async signal(signal: NodeJS.Signals): Promise<number | null> {
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return child?.exitCode ?? null;
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    child.kill(signal);
    return exited;
  }
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export interface Answer {
  status: number;
  body: any;
  headers: Headers;
}

/** One HTTP request; network failures (the service was killed) reject. */
export async function call(url: string, method: string, path: string, body?: unknown, headers: Record<string, string> = {}, token = TOKENS.clerk): Promise<Answer> {
  const res = await fetch(`${url}${path}`, {
    method,
    headers: { Authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'Content-Type': 'application/json' }), ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : undefined, headers: res.headers };
}
