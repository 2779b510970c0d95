import { createPrivateKey, generateKeyPairSync, KeyObject, randomBytes } from 'node:crypto';
import { closeSync, fsyncSync, linkSync, mkdirSync, openSync, readFileSync, unlinkSync, writeSync } from 'node:fs';
import * as path from 'node:path';
import { AuditError } from './audit-error';

/** File name of the ledger's checkpoint-signing key inside the data directory. */
export const SIGNING_KEY_FILE = 'ledger-signing-key.pem';

export interface SigningKeyOptions {
  /** PKCS#8 PEM of an Ed25519 private key, e.g. from a secret store; wins over the file. */
  pem?: string;
  /** Path of a PEM file holding the key (e.g. a mounted secret); read, never created. */
  file?: string;
  dataDir: string;
  /**
   * Why the key must be configured (given as `pem` or `file`, the file outside `dataDir`) rather
   * than generated beside the data it protects; e.g. "NODE_ENV=production". Refused otherwise.
   */
  mustBeConfigured?: string;
}

/**
 * The ledger's Ed25519 signing key: the given PEM, else `<dataDir>/ledger-signing-key.pem`,
 * else a new key written there (mode 0600). The only function in this library that does I/O.
 *
 * An existing but unreadable key file is an error, never replaced: a new key would make every
 * checkpoint signed so far unverifiable against the ledger's published key.
 */
export function loadOrCreateSigningKey(options: SigningKeyOptions): KeyObject {
  if (options.pem !== undefined && options.pem.trim() !== '') return parsePrivateKey(options.pem, 'the given PEM');
  if (options.file !== undefined && options.file.trim() !== '') {
    if (options.mustBeConfigured && isInside(options.file, options.dataDir)) {
      throw new AuditError('AUDIT.BAD_KEY', `with ${options.mustBeConfigured} the signing key file must not lie inside DATA_DIR (${options.file}): whoever can alter the data could then re-sign it`);
    }
    const text = readIfExists(options.file);
    if (text === undefined) throw new AuditError('AUDIT.BAD_KEY', `no signing key file at ${options.file}`);
    return parsePrivateKey(text, options.file);
  }
  if (options.mustBeConfigured) {
    throw new AuditError(
      'AUDIT.BAD_KEY',
      `with ${options.mustBeConfigured} the checkpoint signing key must come from outside DATA_DIR: set LEDGER_SIGNING_KEY (PKCS#8 PEM) or LEDGER_SIGNING_KEY_FILE (a path outside DATA_DIR)`,
    );
  }
  const file = path.join(options.dataDir, SIGNING_KEY_FILE);
  const existing = readIfExists(file);
  if (existing !== undefined) return parsePrivateKey(existing, file);

  const { privateKey } = generateKeyPairSync('ed25519');
  const pem = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
  mkdirSync(options.dataDir, { recursive: true });
  // Write a private temp file, then hard-link it into place: the key file appears complete or
  // not at all, and if another process created one first (EEXIST) we use theirs, so two
  // processes starting together never end up signing with different keys.
  const temp = `${file}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`;
  try {
    const fd = openSync(temp, 'wx', 0o600);
    try {
      writeSync(fd, pem);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    try {
      linkSync(temp, file);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      return parsePrivateKey(readFileSync(file, 'utf8'), file);
    }
    syncDirectory(options.dataDir);
    return privateKey;
  } finally {
    removeQuietly(temp);
  }
}

function isInside(file: string, dir: string): boolean {
  const rel = path.relative(path.resolve(dir), path.resolve(file));
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
}

function removeQuietly(file: string): void {
  try {
    unlinkSync(file);
  } catch {
    // Already gone, or never created because openSync failed: that error is the one to report.
  }
}

function readIfExists(file: string): string | undefined {
  try {
    return readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

function parsePrivateKey(pem: string, source: string): KeyObject {
  // Secrets passed through environment variables often arrive with literal "\n" escapes.
  const text = pem.includes('\n') ? pem : pem.replace(/\\n/g, '\n');
  let key: KeyObject;
  try {
    key = createPrivateKey({ key: text, format: 'pem' });
  } catch (error) {
    throw new AuditError('AUDIT.BAD_KEY', `cannot read the signing key from ${source}: ${(error as Error).message}`);
  }
  if (key.asymmetricKeyType !== 'ed25519') {
    throw new AuditError('AUDIT.BAD_KEY', `the signing key from ${source} is ${key.asymmetricKeyType}, not Ed25519`);
  }
  return key;
}

/** Makes the new directory entry durable; not every platform can fsync a directory. */
function syncDirectory(dir: string): void {
  let fd: number | undefined;
  try {
    fd = openSync(dir, 'r');
    fsyncSync(fd);
  } catch {
    // Best effort: the key is already fsynced; only the name could be lost in a power cut.
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}
