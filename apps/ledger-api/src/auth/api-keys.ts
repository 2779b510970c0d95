import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const ROLES = ['clerk', 'auditor', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export interface Principal {
  /** Goes into every event's `recordedBy`. */
  id: string;
  roles: Role[];
}

/** Parses `principal:role+role:token` entries, comma-separated. */
export function parseApiKeys(spec: string): Map<string, Principal> {
  const keys = new Map<string, Principal>();
  for (const entry of spec.split(',').map((s) => s.trim()).filter(Boolean)) {
    const [id, roles, token] = entry.split(':');
    if (!id || !roles || !token) throw new Error(`API_KEYS entry "${entry}" must be principal:role+role:token`);
    const parsed = roles.split('+').map((r) => {
      if (!(ROLES as readonly string[]).includes(r)) throw new Error(`API_KEYS: unknown role "${r}" (known: ${ROLES.join(', ')})`);
      return r as Role;
    });
    if (token.length < 8) throw new Error(`API_KEYS: the token of "${id}" is shorter than 8 characters`);
    keys.set(token, { id, roles: parsed });
  }
  return keys;
}

/**
 * Without API_KEYS, a first start generates one key per role into DATA_DIR/api-keys.txt (mode
 * 0600), so that a newcomer can try the write API at once without the service shipping a
 * well-known password.
 */
export function loadOrCreateDevKeys(dataDir: string): { spec: string; file: string; created: boolean } {
  const file = join(dataDir, 'api-keys.txt');
  if (existsSync(file)) return { spec: readFileSync(file, 'utf8').trim(), file, created: false };
  mkdirSync(dataDir, { recursive: true });
  const spec = [
    `local-clerk:clerk:${randomBytes(18).toString('base64url')}`,
    `local-auditor:auditor:${randomBytes(18).toString('base64url')}`,
    `local-admin:admin+auditor+clerk:${randomBytes(18).toString('base64url')}`,
  ].join(',');
  writeFileSync(file, `${spec}\n`, { mode: 0o600 });
  return { spec, file, created: true };
}
