import { Module } from '@nestjs/common';
import { AuditExportService } from './audit-export.service';
import { AuditLogController } from './audit-log.controller';
import { AuditLogService } from './audit-log.service';
import { AuditProofController } from './audit-proof.controller';
import { AuditProofService } from './audit-proof.service';
import { AuditVerifyService } from './audit-verify.service';
import { CheckpointWriter } from './checkpoint-writer';
import { LedgerIndex } from './ledger-index';
import { LedgerSigner } from './ledger-signer';

/**
 * The auditor's API and the ledger's tamper evidence: the ledger sequence and Merkle tree
 * (LedgerIndex), signed checkpoints (CheckpointWriter), proofs, verification and export.
 */
@Module({
  controllers: [AuditLogController, AuditProofController],
  providers: [LedgerSigner, LedgerIndex, CheckpointWriter, AuditLogService, AuditProofService, AuditVerifyService, AuditExportService],
  exports: [LedgerIndex],
})
export class AuditModule {}
