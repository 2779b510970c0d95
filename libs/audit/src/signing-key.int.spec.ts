import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { keyIdOf, publicKeyPem } from './checkpoint';
import { loadOrCreateSigningKey, SIGNING_KEY_FILE } from './signing-key';

describe('loadOrCreateSigningKey', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'concordat-audit-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('generates a key once, writes it 0600, and loads the same key afterwards', () => {
    const dataDir = path.join(dir, 'nested', 'data');
    const first = loadOrCreateSigningKey({ dataDir });
    const file = path.join(dataDir, SIGNING_KEY_FILE);
    expect(first.asymmetricKeyType).toBe('ed25519');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(readFileSync(file, 'utf8')).toMatch(/^-----BEGIN PRIVATE KEY-----/);
    expect(readdirSync(dataDir)).toEqual([SIGNING_KEY_FILE]);
    const again = loadOrCreateSigningKey({ dataDir });
    expect(keyIdOf(again)).toBe(keyIdOf(first));
    expect(publicKeyPem(again)).toBe(publicKeyPem(first));
  });

  it('prefers a given PEM (also with escaped newlines) and writes nothing', () => {
    const { privateKey } = generateKeyPairSync('ed25519');
    const pem = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    expect(keyIdOf(loadOrCreateSigningKey({ pem, dataDir: dir }))).toBe(keyIdOf(privateKey));
    expect(keyIdOf(loadOrCreateSigningKey({ pem: pem.replace(/\n/g, '\\n'), dataDir: dir }))).toBe(keyIdOf(privateKey));
    expect(readdirSync(dir)).toEqual([]);
  });

  it('refuses a corrupt key file or a non-Ed25519 key instead of replacing it', () => {
    writeFileSync(path.join(dir, SIGNING_KEY_FILE), 'garbage', { mode: 0o600 });
    expect(() => loadOrCreateSigningKey({ dataDir: dir })).toThrow(expect.objectContaining({ code: 'AUDIT.BAD_KEY' }));
    expect(readFileSync(path.join(dir, SIGNING_KEY_FILE), 'utf8')).toBe('garbage');
    const ec = generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    expect(() => loadOrCreateSigningKey({ pem: ec, dataDir: dir })).toThrow(/not Ed25519/);
  });
});
