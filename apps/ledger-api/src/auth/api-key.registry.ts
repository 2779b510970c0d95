import { Injectable, Logger, type OnModuleDestroy } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { existsSync, unwatchFile, watchFile, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Environment } from '../config/environment';
import { LOCAL_KEYS, appendKey, generateKey, keyIdOfToken, matchesToken, parseApiKeys, principalOf, readKeyFile, type Principal, type StoredKey } from './api-keys';
import { secureDataDir } from './data-dir-permissions';

/** The key file: API_KEYS_FILE, else DATA_DIR/api-keys. */
export function keyFileOf(config: { DATA_DIR: string; API_KEYS_FILE?: string }): string {
  return config.API_KEYS_FILE ?? join(config.DATA_DIR, 'api-keys');
}

/**
 * API keys from API_KEYS (hashed at start) and from the key file, which is re-read on SIGHUP
 * and whenever it changes, so keys are added and revoked without a restart.
 */
@Injectable()
export class ApiKeyRegistry implements OnModuleDestroy {
  private readonly logger = new Logger(ApiKeyRegistry.name);
  private readonly fromEnv: StoredKey[];
  private fromFile: StoredKey[] = [];
  readonly file: string;
  private readonly onHangUp = () => this.reload('SIGHUP');

  constructor(config: ConfigService<Environment, true>) {
    const dataDir = config.get('DATA_DIR', { infer: true });
    secureDataDir(dataDir);
    this.file = keyFileOf({ DATA_DIR: dataDir, API_KEYS_FILE: config.get('API_KEYS_FILE', { infer: true }) });
    const configured = config.get('API_KEYS', { infer: true });
    this.fromEnv = configured ? parseApiKeys(configured) : [];
    if (!configured && !existsSync(this.file)) this.createLocalKeys(dataDir);
    if (existsSync(join(dataDir, 'api-keys.txt'))) {
      this.logger.warn(`${join(dataDir, 'api-keys.txt')} is ignored: tokens are no longer kept in plain text (see ${this.file}); delete it`);
    }
    this.fromFile = readKeyFile(this.file);
    watchFile(this.file, { interval: 500, persistent: false }, () => this.reload('file change'));
    process.on('SIGHUP', this.onHangUp);
  }

  onModuleDestroy(): void {
    unwatchFile(this.file);
    process.off('SIGHUP', this.onHangUp);
  }

  /** Re-reads the key file; a broken file keeps the keys in force and says why. */
  reload(reason: string): void {
    try {
      const keys = readKeyFile(this.file);
      this.fromFile = keys;
      this.logger.log(`API keys re-read from ${this.file} (${reason}): ${keys.length} key(s)`);
    } catch (error) {
      this.logger.error(`API keys NOT reloaded (${reason}); the previous keys stay in force: ${(error as Error).message}`);
    }
  }

  /** Compares in constant time; a generated token names its key, so only that hash is computed. */
  lookup(token: string): Principal | undefined {
    const keyId = keyIdOfToken(token);
    const candidates = keyId ? this.fromFile.filter((k) => k.keyId === keyId) : this.fromEnv;
    let found: StoredKey | undefined;
    for (const key of candidates) if (matchesToken(key, token) && !found) found = key;
    return found ? principalOf(found) : undefined;
  }

  private createLocalKeys(dataDir: string): void {
    const tokensFile = join(dataDir, 'new-api-tokens.txt');
    const lines: string[] = [];
    for (const [principal, roles] of LOCAL_KEYS) {
      const { token, key } = generateKey(principal, roles);
      appendKey(this.file, key);
      lines.push(`${principal}:${roles.join('+')}:${token}`);
    }
    writeFileSync(tokensFile, `${lines.join('\n')}\n`, { mode: 0o600 });
    this.logger.warn(
      `API_KEYS is not set: generated local keys for ${LOCAL_KEYS.map(([p]) => p).join(', ')} into ${this.file} (hashes only). ` +
        `Their tokens are in ${tokensFile}, shown this once: copy them and delete that file`,
    );
  }
}
