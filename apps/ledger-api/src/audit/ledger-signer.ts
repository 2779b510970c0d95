import { Injectable, Logger } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type { KeyObject } from 'node:crypto';
import { keyIdOf, loadOrCreateSigningKey, publicKeyPem, signCheckpoint, type Checkpoint, type SignedCheckpoint } from '@concordat/audit';
import type { Environment } from '../config/environment';

/**
 * The ledger's Ed25519 checkpoint key: LEDGER_SIGNING_KEY, else LEDGER_SIGNING_KEY_FILE, else
 * DATA_DIR/ledger-signing-key.pem, else generated there on first start. A key beside the data it
 * protects is only for development: with NODE_ENV=production, or with EventStoreDB (several
 * instances must sign with one key), it must be configured, and the start refuses otherwise.
 * Only this class holds the private half.
 */
@Injectable()
export class LedgerSigner {
  private readonly privateKey: KeyObject;
  readonly publicKeyPem: string;
  readonly keyId: string;

  constructor(config: ConfigService<Environment, true>) {
    const production = config.get('NODE_ENV', { infer: true }) === 'production';
    const eventStoreDb = config.get('EVENT_STORE', { infer: true }) === 'eventstoredb';
    this.privateKey = loadOrCreateSigningKey({
      pem: config.get('LEDGER_SIGNING_KEY', { infer: true }),
      file: config.get('LEDGER_SIGNING_KEY_FILE', { infer: true }),
      dataDir: config.get('DATA_DIR'),
      mustBeConfigured: production ? 'NODE_ENV=production' : eventStoreDb ? 'EVENT_STORE=eventstoredb' : undefined,
    });
    this.publicKeyPem = publicKeyPem(this.privateKey);
    this.keyId = keyIdOf(this.privateKey);
    new Logger(LedgerSigner.name).log(`Checkpoints are signed with Ed25519 key ${this.keyId}`);
  }

  sign(checkpoint: Checkpoint): SignedCheckpoint {
    return signCheckpoint(checkpoint, this.privateKey);
  }
}
