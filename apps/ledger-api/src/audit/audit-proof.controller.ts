import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { SignedCheckpoint, VerifyLogResult } from '@concordat/audit';
import { NoStore } from '../auth/no-store';
import { RequireRole } from '../auth/roles.decorator';
import { AuditorErrors } from './audit-docs';
import { AuditProofService } from './audit-proof.service';
import { AuditVerifyService } from './audit-verify.service';
import { ConsistencyQuery, InclusionQuery, VerifyQuery } from './dto/audit-query.dto';
import { CheckpointListDto, ConsistencyProofDto, InclusionProofDto, PublicKeyDto, SignedCheckpointDto, VerifyResultDto } from './dto/proof.dto';

@ApiTags('auditor: proofs')
@Controller('v1/audit')
@RequireRole('auditor')
@NoStore()
export class AuditProofController {
  constructor(
    private readonly proofs: AuditProofService,
    private readonly verifier: AuditVerifyService,
  ) {}

  @Get('public-key')
  @ApiOperation({ summary: 'The Ed25519 public key that verifies every checkpoint (SPKI PEM) and its keyId' })
  @ApiOkResponse({ type: PublicKeyDto })
  @AuditorErrors()
  publicKey(): PublicKeyDto {
    return this.proofs.publicKey();
  }

  @Get('checkpoints/latest')
  @ApiOperation({ summary: 'The newest signed checkpoint; issued on demand when entries are not yet covered' })
  @ApiOkResponse({ type: SignedCheckpointDto })
  @AuditorErrors(404)
  latest(): Promise<SignedCheckpoint> {
    return this.proofs.latest();
  }

  @Get('checkpoints')
  @ApiOperation({ summary: 'Every signed checkpoint, oldest first' })
  @ApiOkResponse({ type: CheckpointListDto })
  @AuditorErrors()
  checkpoints(): Promise<CheckpointListDto> {
    return this.proofs.checkpoints();
  }

  @Get('proofs/inclusion')
  @ApiOperation({ summary: 'RFC 9162 inclusion proof of ledger sequence `seq` in the tree of `treeSize` entries' })
  @ApiOkResponse({ type: InclusionProofDto })
  @AuditorErrors(400)
  inclusion(@Query() query: InclusionQuery): Promise<InclusionProofDto> {
    return this.proofs.inclusion(query);
  }

  @Get('proofs/consistency')
  @ApiOperation({ summary: 'RFC 9162 consistency proof that the tree of `to` entries extends the tree of `from` entries' })
  @ApiOkResponse({ type: ConsistencyProofDto })
  @AuditorErrors(400)
  consistency(@Query() query: ConsistencyQuery): Promise<ConsistencyProofDto> {
    return this.proofs.consistency(query);
  }

  @Get('verify')
  @ApiOperation({
    summary: 'Re-reads the store and checks it: leaf hashes, Merkle tree, checkpoint signatures and consistency',
    description: 'The whole log, or one stream with `?stream=`. `ok: false` is a finding, not an error: the answer is 200 with the first broken ledger sequence and the reason.',
  })
  @ApiOkResponse({ type: VerifyResultDto })
  @AuditorErrors(400, 404)
  verify(@Query() query: VerifyQuery): Promise<VerifyLogResult> {
    return this.verifier.verify(query.stream);
  }
}
