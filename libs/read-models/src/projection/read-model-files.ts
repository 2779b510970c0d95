import Database from 'better-sqlite3';
import { readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';

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
    /** The holder as it described itself; informational only, the lock itself is the kernel's. */
    readonly pid: number | undefined,
  ) {
    super(`The read models in ${file} are in use by ${pid === undefined ? 'another process' : `process ${pid}`}; stop it, or use its admin endpoint POST /v1/admin/projections/rebuild`);
  }
}

/**
 * One writer per read-model file: two runners would each apply the log to it. The lock is an
 * exclusive SQLite lock on `<file>.lock` (a POSIX record lock under the hood), held for as long
 * as the holder's connection is open: the kernel drops it when the holder dies, however it dies,
 * so neither a stale lock file nor a reused PID can fool it, and there is no gap between
 * checking and taking it. `<file>.lock.owner` names the holder for the refusal message only.
 * The connection is kept in a module-level map, so the lock lives until every holder in this process released it.
 */
export function acquireLock(liveFile: string): () => void {
  const lockFile = `${liveFile}.lock`;
  // Within one process the lock is shared, as it always was (tests run two instances in one process).
  const held = heldHere.get(lockFile);
  if (held) {
    held.count++;
    return once(() => release(lockFile));
  }
  const ownerFile = `${lockFile}.owner`;
  const db = new Database(lockFile, { timeout: 0 });
  try {
    db.pragma('journal_mode = DELETE');
    db.pragma('locking_mode = EXCLUSIVE');
    db.exec('CREATE TABLE IF NOT EXISTS holder (pid INTEGER)');
    // The first write in exclusive locking mode takes the lock and keeps it until close().
    db.exec('BEGIN EXCLUSIVE; DELETE FROM holder; COMMIT');
  } catch (error) {
    db.close();
    if ((error as { code?: string }).code?.startsWith('SQLITE_BUSY')) throw new ReadModelsLockedError(liveFile, ownerPid(ownerFile));
    throw error;
  }
  writeFileSync(ownerFile, String(process.pid));
  heldHere.set(lockFile, { db, ownerFile, count: 1 });
  return once(() => release(lockFile));
}

const heldHere = new Map<string, { db: Database.Database; ownerFile: string; count: number }>();

function release(lockFile: string): void {
  const held = heldHere.get(lockFile);
  if (!held || --held.count > 0) return;
  heldHere.delete(lockFile);
  if (ownerPid(held.ownerFile) === process.pid) rmSync(held.ownerFile, { force: true });
  held.db.close();
}

function once(fn: () => void): () => void {
  let done = false;
  return () => {
    if (!done) (done = true), fn();
  };
}

function ownerPid(ownerFile: string): number | undefined {
  try {
    const pid = Number(readFileSync(ownerFile, 'utf8').trim());
    return Number.isInteger(pid) && pid > 0 ? pid : undefined;
  } catch {
    return undefined;
  }
}
