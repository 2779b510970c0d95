import { existsSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';

/** Where the live read models are rebuilt: beside them, so the swap is a rename on one file system. */
export function rebuildFileFor(liveFile: string): string {
  return `${liveFile}.rebuild`;
}

export function removeDbFiles(file: string): void {
  for (const suffix of ['', '-wal', '-shm', '-journal']) rmSync(`${file}${suffix}`, { force: true });
}

/**
 * Puts a sealed, closed rebuild in place of the closed live file. rename(2) is atomic: the path
 * names the old file or the new one, never a mix. Stale WAL files of the old one must go first,
 * or SQLite would replay them into the new one.
 */
export function swapIn(rebuilt: string, liveFile: string): void {
  for (const suffix of ['-wal', '-shm']) rmSync(`${liveFile}${suffix}`, { force: true });
  renameSync(rebuilt, liveFile);
}

export class ReadModelsLockedError extends Error {
  constructor(
    readonly file: string,
    readonly pid: number,
  ) {
    super(`The read models in ${file} are in use by process ${pid}; stop it, or use its admin endpoint POST /v1/admin/projections/rebuild`);
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * One writer per read-model file: two runners would each apply the log to it. A lock left by a
 * process that died (SIGKILL) is taken over; one held by a live process is refused.
 */
export function acquireLock(liveFile: string): () => void {
  const lock = `${liveFile}.lock`;
  if (existsSync(lock)) {
    const pid = Number(readFileSync(lock, 'utf8').trim());
    if (Number.isInteger(pid) && pid > 0 && pid !== process.pid && isAlive(pid)) throw new ReadModelsLockedError(liveFile, pid);
  }
  writeFileSync(lock, String(process.pid));
  return () => {
    if (existsSync(lock) && readFileSync(lock, 'utf8').trim() === String(process.pid)) rmSync(lock, { force: true });
  };
}
