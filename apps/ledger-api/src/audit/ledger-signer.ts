import { Injectable, Logger } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type { KeyObject } from 'node:crypto';
import { keyIdOf, loadOrCreateSigningKey, publicKeyPem, signCheckpoint, type Checkpoint, type SignedCheckpoint } from '@concordat/audit';
import type { Environment } from '../config/environment';

/**
 * The ledger's Ed25519 checkpoint key: LEDGER_SIGNING_KEY, else DATA_DIR/ledger-signing-key.pem,
 * else generated there on first start. Only this class holds the private half.
 */
@Injectable()
export class LedgerSigner {
  private readonly privateKey: KeyObject;
  readonly publicKeyPem: string;
  readonly keyId: string;

  constructor(config: ConfigService<Environment, true>) {
    this.privateKey = loadOrCreateSigningKey({ pem: config.get('LEDGER_SIGNING_KEY', { infer: true }), dataDir: config.get('DATA_DIR') });
    this.publicKeyPem = publicKeyPem(this.privateKey);
    this.keyId = keyIdOf(this.privateKey);
    new Logger(LedgerSigner.name).log(`Checkpoints are signed with Ed25519 key ${this.keyId}`);
  }

  sign(checkpoint: Checkpoint): SignedCheckpoint {
    return signCheckpoint(checkpoint, this.privateKey);
  }
}
