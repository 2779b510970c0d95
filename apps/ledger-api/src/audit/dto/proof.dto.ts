import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

const HASH = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';
const SIG = 'osq0L/Rc5bxjav1dxPZE8+m0ek89U2GtoaKnmnX93kLrTv6IvoO2k7/dDeiHk7WKEfLwRrIOf96jBllIJ1Udbg==';

/** Signed over UTF-8(JCS({issuedAt, origin, rootHash, treeSize})) with Ed25519. */
export class SignedCheckpointDto {
  @ApiProperty({ example: 'concordat' })
  origin!: string;
  @ApiProperty({ example: 240, description: 'Number of ledger entries (sequences 1..treeSize) the root covers' })
  treeSize!: number;
  @ApiProperty({ example: HASH, description: 'RFC 9162 Merkle tree head over the leaf hashes, lowercase hex' })
  rootHash!: string;
  @ApiProperty({ example: '2025-03-01T09:30:00.123Z' })
  issuedAt!: string;
  @ApiProperty({ example: SIG, description: 'Base64 Ed25519 signature over UTF-8(JCS of the four members above)' })
  signature!: string;
  @ApiProperty({ example: '9f86d081884c7d65', description: 'First 16 hex characters of SHA-256 of the raw 32-byte public key' })
  keyId!: string;
}

export class PublicKeyDto {
  @ApiProperty({ example: 'Ed25519' })
  algorithm!: string;
  @ApiProperty({ example: '9f86d081884c7d65' })
  keyId!: string;
  @ApiProperty({ example: '-----BEGIN PUBLIC KEY-----\nMCowBQYDK2VwAyEAGb9ECWmEzf6FQbrBZ9w7lshQhqowtrbLDFw4rXAxZuE=\n-----END PUBLIC KEY-----\n', description: 'SPKI PEM' })
  publicKeyPem!: string;
  @ApiProperty({ example: 'concordat', description: 'The origin every checkpoint of this ledger names' })
  origin!: string;
}

export class CheckpointListDto {
  @ApiProperty({ type: [SignedCheckpointDto], description: 'Every checkpoint in the checkpoint stream, oldest first' })
  checkpoints!: SignedCheckpointDto[];
}

export class InclusionProofDto {
  @ApiProperty({ example: 17, description: 'Ledger sequence of the entry' })
  sequence!: number;
  @ApiProperty({ example: 16, description: 'RFC 9162 leaf index = sequence - 1' })
  leafIndex!: number;
  @ApiProperty({ example: 240 })
  treeSize!: number;
  @ApiProperty({ example: HASH, description: 'The leaf hash the ledger recorded for the entry' })
  leafHash!: string;
  @ApiProperty({ example: HASH, description: 'Root of the first treeSize leaves' })
  rootHash!: string;
  @ApiProperty({ example: [HASH, HASH], type: [String], description: 'Audit path, deepest sibling first, lowercase hex' })
  proof!: string[];
  @ApiPropertyOptional({ type: SignedCheckpointDto, nullable: true, description: 'The signed checkpoint at treeSize, if there is one: verify the root against it' })
  checkpoint!: SignedCheckpointDto | null;
}

export class ConsistencyProofDto {
  @ApiProperty({ example: 100 })
  from!: number;
  @ApiProperty({ example: 240 })
  to!: number;
  @ApiProperty({ example: HASH })
  fromRoot!: string;
  @ApiProperty({ example: HASH })
  toRoot!: string;
  @ApiProperty({ example: [HASH, HASH], type: [String], description: 'RFC 9162 consistency proof, lowercase hex' })
  proof!: string[];
  @ApiPropertyOptional({ type: SignedCheckpointDto, nullable: true, description: 'The signed checkpoint at `from`, if any' })
  fromCheckpoint!: SignedCheckpointDto | null;
  @ApiPropertyOptional({ type: SignedCheckpointDto, nullable: true, description: 'The signed checkpoint at `to`, if any' })
  toCheckpoint!: SignedCheckpointDto | null;
}

export class VerifyResultDto {
  @ApiProperty({ example: false })
  ok!: boolean;
  @ApiProperty({ example: 16, description: 'Entries that passed every per-event check before the first break' })
  checkedEvents!: number;
  @ApiProperty({ type: SignedCheckpointDto, nullable: true, description: 'The newest checkpoint that matched the log' })
  lastCheckpoint!: SignedCheckpointDto | null;
  @ApiPropertyOptional({ example: 17, description: 'Ledger sequence of the first entry that cannot be trusted' })
  firstBrokenPosition?: number;
  @ApiPropertyOptional({ example: 'leaf hash mismatch at sequence 17' })
  reason?: string;
}
