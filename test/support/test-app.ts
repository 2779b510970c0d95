import type { INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { AppModule } from '../../apps/ledger-api/src/app.module';
import { configureApp } from '../../apps/ledger-api/src/http/configure-app';
import { tempDir } from './temp-dir';

/** Configured tokens must be at least 32 characters. */
export const TOKENS = {
  clerk: 'clerk-token-0123456789abcdef0123456789',
  clerk2: 'clerk2-token-0123456789abcdef012345678',
  auditor: 'auditor-token-0123456789abcdef01234567',
  reporter: 'reporter-token-0123456789abcdef0123456',
  admin: 'admin-token-0123456789abcdef0123456789',
};
export const API_KEYS = [
  `clerk-ana:clerk:${TOKENS.clerk}`,
  `clerk-bo:clerk:${TOKENS.clerk2}`,
  `auditor-cy:auditor:${TOKENS.auditor}`,
  `reporter-ed:reporter:${TOKENS.reporter}`,
  `admin-di:admin+auditor+clerk:${TOKENS.admin}`,
].join(',');

export interface TestApp {
  app: INestApplication;
  dataDir: string;
  close(): Promise<void>;
}

/** The real Nest app over a fresh embedded store in a temp data directory. */
export async function startTestApp(env: Record<string, string> = {}, dataDir?: string): Promise<TestApp> {
  const temp = dataDir ? undefined : tempDir('app');
  const dir = dataDir ?? temp!.dir;
  // No 1-second sealer in in-process test apps: tests that count events or lag would race its checkpoints (tests of sealing set it).
  Object.assign(process.env, { DATA_DIR: dir, API_KEYS, LOG_LEVEL: 'silent', SEED_ON_EMPTY: 'false', CHECKPOINT_WITHIN_MS: '0', ...env });
  const moduleRef = await Test.createTestingModule({ imports: [AppModule.forRoot()] }).compile();
  const app = moduleRef.createNestApplication({ logger: false });
  configureApp(app);
  await app.init();
  return {
    app,
    dataDir: dir,
    close: async () => {
      await app.close();
      temp?.cleanup();
    },
  };
}
