import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { appendFileSync, chmodSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { ROLES, isRole, type Principal, type Role } from './roles';

export { ROLES, type Principal, type Role } from './roles';

/** Tokens carry 32 random bytes; configured ones must be at least as long as a generated secret. */
export const MIN_TOKEN_LENGTH = 32;
const TOKEN = /^cck_([0-9a-f]{12})_([A-Za-z0-9_-]{43,})$/;

/**
 * A key as stored: only a salted HMAC-SHA-256 of the token. The token is 32 random bytes, so a
 * fast keyed hash is enough (slow password hashes are for secrets a person can guess) and keeps
 * every request's check in microseconds.
 */
export interface StoredKey {
  keyId: string;
  principal: string;
  roles: Role[];
  salt: string;
  hash: string;
}

export function hashToken(token: string, salt: string): string {
  return createHmac('sha256', Buffer.from(salt, 'hex')).update(token, 'utf8').digest('hex');
}

export function matchesToken(key: StoredKey, token: string): boolean {
  const expected = Buffer.from(key.hash, 'hex');
  const actual = Buffer.from(hashToken(token, key.salt), 'hex');
  return expected.length === actual.length && timingSafeEqual(expected, actual);
}

function storedKey(keyId: string, principal: string, roles: Role[], token: string): StoredKey {
  const salt = randomBytes(16).toString('hex');
  return { keyId, principal, roles, salt, hash: hashToken(token, salt) };
}

/** The key id a generated token names, so a lookup compares with one stored hash only. */
export function keyIdOfToken(token: string): string | undefined {
  return TOKEN.exec(token)?.[1];
}

/** `cck_<12 hex key id>_<32 random bytes, base64url>`: shown once, never stored. */
export function generateKey(principal: string, roles: Role[]): { token: string; key: StoredKey } {
  const keyId = randomBytes(6).toString('hex');
  const token = `cck_${keyId}_${randomBytes(32).toString('base64url')}`;
  return { token, key: storedKey(keyId, principal, roles, token) };
}

function parseRoles(spec: string, where: string): Role[] {
  return spec.split('+').map((r) => {
    if (!isRole(r)) throw new Error(`${where}: unknown role "${r}" (known: ${ROLES.join(', ')})`);
    return r;
  });
}

const PRINCIPAL = /^[A-Za-z0-9._@-]{1,100}$/;

/**
 * API_KEYS: `principal:role+role:token` entries, comma-separated. Tokens are hashed as they are
 * read, so the process keeps no token after start; each must be at least 32 characters.
 */
export function parseApiKeys(spec: string): StoredKey[] {
  const keys: StoredKey[] = [];
  for (const [index, entry] of spec.split(',').map((s) => s.trim()).filter(Boolean).entries()) {
    const [principal, roles, token, ...rest] = entry.split(':');
    if (!principal || !roles || !token || rest.length > 0) throw new Error(`API_KEYS entry ${index + 1} must be principal:role+role:token`);
    if (!PRINCIPAL.test(principal)) throw new Error(`API_KEYS entry ${index + 1}: the principal may use A-Z a-z 0-9 . _ @ - (1-100)`);
    if (token.length < MIN_TOKEN_LENGTH) throw new Error(`API_KEYS: the token of "${principal}" is shorter than ${MIN_TOKEN_LENGTH} characters`);
    keys.push(storedKey(`env-${index + 1}`, principal, parseRoles(roles, 'API_KEYS'), token));
  }
  return keys;
}

/** One line per key: `keyId:principal:role+role:salt:hash`; `#` starts a comment. */
export function formatKeyLine(key: StoredKey): string {
  return `${key.keyId}:${key.principal}:${key.roles.join('+')}:${key.salt}:${key.hash}`;
}

export function parseKeyFile(text: string, file: string): StoredKey[] {
  const keys: StoredKey[] = [];
  for (const [i, raw] of text.split('\n').entries()) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) continue;
    const [keyId, principal, roles, salt, hash, ...rest] = line.split(':');
    const where = `${file} line ${i + 1}`;
    if (!/^[0-9a-f]{12}$/.test(keyId ?? '') || !principal || !PRINCIPAL.test(principal) || !roles || !/^[0-9a-f]{32}$/.test(salt ?? '') || !/^[0-9a-f]{64}$/.test(hash ?? '') || rest.length > 0) {
      throw new Error(`${where} must be keyId:principal:role+role:salt:hash (write keys with npm run keys -- add)`);
    }
    keys.push({ keyId, principal, roles: parseRoles(roles, where), salt, hash });
  }
  return keys;
}

export function readKeyFile(file: string): StoredKey[] {
  return existsSync(file) ? parseKeyFile(readFileSync(file, 'utf8'), file) : [];
}

/** Appends a key; the file is created (and kept) readable by its owner only. */
export function appendKey(file: string, key: StoredKey): void {
  if (!existsSync(file)) writeFileSync(file, '# Concordat API keys: keyId:principal:roles:salt:HMAC-SHA-256(token). Tokens are never stored.\n', { mode: 0o600 });
  appendFileSync(file, `${formatKeyLine(key)}\n`, { mode: 0o600 });
  chmodSync(file, 0o600);
}

/** Rewrites the file without the key (revocation); false when no such key. */
export function removeKey(file: string, keyId: string): boolean {
  if (!existsSync(file)) return false;
  const lines = readFileSync(file, 'utf8').split('\n');
  const kept = lines.filter((line) => !line.startsWith(`${keyId}:`));
  if (kept.length === lines.length) return false;
  writeFileSync(file, kept.join('\n'), { mode: 0o600 });
  chmodSync(file, 0o600);
  return true;
}

export function principalOf(key: StoredKey): Principal {
  return { id: key.principal, roles: key.roles, via: 'api-key', keyId: key.keyId };
}

/** The local keys a first start generates when neither API_KEYS nor a key file exists. */
export const LOCAL_KEYS: Array<[string, Role[]]> = [
  ['local-clerk', ['clerk']],
  ['local-auditor', ['auditor']],
  ['local-reporter', ['reporter']],
  ['local-admin', ['admin']],
];
