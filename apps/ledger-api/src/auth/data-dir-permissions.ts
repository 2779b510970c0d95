import { chmodSync, lstatSync, mkdirSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

/**
 * DATA_DIR holds the event store, the signing key and the API key hashes: the folder and the
 * folders in it are 0700, every file 0600 (also what was left there before the start), and files
 * the process creates later (WAL, rebuilt read models) inherit 0600 through the umask.
 */
export function secureDataDir(dataDir: string): void {
  process.umask(0o077);
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  chmodSync(dataDir, 0o700);
  secureEntries(dataDir);
}

function secureEntries(folder: string): void {
  for (const name of readdirSync(folder)) {
    const path = join(folder, name);
    // A linked folder is someone else's to protect; a linked file (a mounted secret) is tightened like the rest.
    if (lstatSync(path).isDirectory()) {
      chmodSync(path, 0o700);
      secureEntries(path);
    } else if (statSync(path).isFile()) {
      chmodSync(path, 0o600);
    }
  }
}
