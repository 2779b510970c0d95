import { Injectable, Logger } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { timingSafeEqual } from 'node:crypto';
import type { Environment } from '../config/environment';
import { loadOrCreateDevKeys, parseApiKeys, type Principal } from './api-keys';

@Injectable()
export class ApiKeyRegistry {
  private readonly keys: Map<string, Principal>;
  private readonly logger = new Logger(ApiKeyRegistry.name);

  constructor(config: ConfigService<Environment, true>) {
    const configured = config.get('API_KEYS', { infer: true });
    if (configured) {
      this.keys = parseApiKeys(configured);
    } else {
      const dev = loadOrCreateDevKeys(config.get('DATA_DIR'));
      this.keys = parseApiKeys(dev.spec);
      this.logger.warn(`API_KEYS is not set: using ${dev.created ? 'newly generated' : 'the'} local keys in ${dev.file}`);
    }
  }

  lookup(token: string): Principal | undefined {
    for (const [known, principal] of this.keys) {
      const a = Buffer.from(known);
      const b = Buffer.from(token);
      if (a.length === b.length && timingSafeEqual(a, b)) return principal;
    }
    return undefined;
  }
}
