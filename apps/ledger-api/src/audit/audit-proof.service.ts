import { BadRequestException, Injectable, Logger, NotFoundException } from '@nestjs/common';
import { LEDGER_ORIGIN, toHex, type SignedCheckpoint } from '@concordat/audit';
import { CheckpointWriter } from './checkpoint-writer';
import type { ConsistencyQuery, InclusionQuery } from './dto/audit-query.dto';
import type { CheckpointListDto, ConsistencyProofDto, InclusionProofDto, PublicKeyDto } from './dto/proof.dto';
import { LedgerIndex } from './ledger-index';
import { LedgerSigner } from './ledger-signer';

/** A 400 in the common error shape that names the offending query parameter. */
export function badField(field: string, rule: string, message: string): BadRequestException {
  return new BadRequestException({ code: 'REQUEST.INVALID', message, details: [{ field, rule, message }] });
}

/** Checkpoints and RFC 9162 proofs, all answered from the in-memory tree. */
@Injectable()
export class AuditProofService {
  private readonly logger = new Logger(AuditProofService.name);

  constructor(
    private readonly index: LedgerIndex,
    private readonly writer: CheckpointWriter,
    private readonly signer: LedgerSigner,
  ) {}

  publicKey(): PublicKeyDto {
    return { algorithm: 'Ed25519', keyId: this.signer.keyId, publicKeyPem: this.signer.publicKeyPem, origin: LEDGER_ORIGIN };
  }

  /**
   * The newest checkpoint, issued on demand when entries are not yet covered: an auditor asking
   * for "the latest" wants a signed statement about the log as it is now, as a CT log's STH.
   * When the history has diverged nothing new is signed and the last stored checkpoint is given.
   */
  async latest(): Promise<SignedCheckpoint> {
    const checkpoint = await this.writer.issue().catch((error: unknown) => {
      this.logger.warn(`On-demand checkpoint failed: ${(error as Error).message}`);
      return this.index.latestCheckpoint();
    });
    if (!checkpoint) throw new NotFoundException({ code: 'AUDIT.NO_CHECKPOINT', message: 'No checkpoint yet: the ledger is empty' });
    return checkpoint;
  }

  async checkpoints(): Promise<CheckpointListDto> {
    await this.index.ensureCaughtUp();
    return { checkpoints: this.index.checkpoints() };
  }

  async inclusion(query: InclusionQuery): Promise<InclusionProofDto> {
    const treeSize = query.treeSize ?? (await this.latest()).treeSize;
    await this.index.ensureCaughtUp();
    this.assertWithinTree('treeSize', treeSize);
    if (query.seq > treeSize) throw badField('seq', 'max', `seq ${query.seq} is beyond treeSize ${treeSize}`);
    return {
      sequence: query.seq,
      leafIndex: query.seq - 1,
      treeSize,
      leafHash: this.index.leafHash(query.seq),
      rootHash: toHex(this.index.root(treeSize)),
      proof: this.index.inclusionProof(query.seq, treeSize).map(toHex),
      checkpoint: this.checkpointAt(treeSize),
    };
  }

  async consistency(query: ConsistencyQuery): Promise<ConsistencyProofDto> {
    const to = query.to ?? (await this.latest()).treeSize;
    await this.index.ensureCaughtUp();
    this.assertWithinTree('to', to);
    if (query.from > to) throw badField('from', 'max', `from ${query.from} must not exceed to ${to}`);
    return {
      from: query.from,
      to,
      fromRoot: toHex(this.index.root(query.from)),
      toRoot: toHex(this.index.root(to)),
      proof: this.index.consistencyProof(query.from, to).map(toHex),
      fromCheckpoint: this.checkpointAt(query.from),
      toCheckpoint: this.checkpointAt(to),
    };
  }

  private assertWithinTree(field: string, size: number): void {
    if (size > this.index.size) throw badField(field, 'max', `${field} ${size} is beyond the ledger's current size ${this.index.size}`);
  }

  private checkpointAt(treeSize: number): SignedCheckpoint | null {
    return this.index.checkpoints().find((c) => c.treeSize === treeSize) ?? null;
  }
}
