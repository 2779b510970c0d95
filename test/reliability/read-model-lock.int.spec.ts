import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { acquireLock, ReadModelsLockedError } from '../../libs/read-models/src/projection/read-model-files';
import { linesUntil, runTs, waitForExit } from '../support/child-process';
import { tempDir } from '../support/temp-dir';

describe('the read-model lock is the kernel\'s: a live holder refuses, a dead one (however it died) does not, a PID proves nothing', () => {
  it('refuses while another process holds it, and is free the moment that process is SIGKILLed', async () => {
    const { dir, cleanup } = tempDir('lock');
    const file = join(dir, 'read-models.sqlite');
    try {
      const holder = runTs('test/support/hold-read-model-lock.ts', [file]);
      await linesUntil(holder, (lines) => lines.includes('locked'), 60000);
      expect(() => acquireLock(file)).toThrow(ReadModelsLockedError);
      expect(() => acquireLock(file)).toThrow(`in use by process ${holder.pid}`);
      holder.kill('SIGKILL');
      await waitForExit(holder);
      // The dead holder's owner file still names its PID (which the system may hand to anyone): irrelevant.
      writeFileSync(`${file}.lock.owner`, String(process.ppid));
      const release = acquireLock(file);
      release();
      acquireLock(file)();
    } finally {
      cleanup();
    }
  }, 90_000);
});
