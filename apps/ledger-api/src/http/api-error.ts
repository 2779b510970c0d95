import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export class ApiErrorDetail {
  @ApiProperty({ example: 'pledges.0.money.0.currency', description: 'Path of the offending field in the request body, query or header' })
  field!: string;
  @ApiProperty({ example: 'isCurrencyCode', description: 'The rule that was broken' })
  rule!: string;
  @ApiProperty({ example: 'currency must be an ISO 4217 code such as USD' })
  message!: string;
}

/** Facts about a refusal; which ones are present depends on the error code. */
export class ApiErrorContext {
  @ApiPropertyOptional({ example: 'us-mx-security-cooperation-group-5-pledge-1', description: 'The record refused' })
  id?: string;
  @ApiPropertyOptional({ example: 'heldOn', description: 'The field a domain rule refused' })
  field?: string;
  @ApiPropertyOptional({ example: 'fulfilled', description: 'PLEDGE.ILLEGAL_TRANSITION: the status in effect at the change\'s date' })
  currentStatus?: string;
  @ApiPropertyOptional({ example: 'in_progress' })
  attemptedStatus?: string;
  @ApiPropertyOptional({ example: ['partially_fulfilled', 'superseded'], type: [String] })
  allowedNext?: string[];
  @ApiPropertyOptional({ example: '8c0c7f4e-2f0e-8a1b-9c3d-5e6f7a8b9c0d', description: 'The status change or money fact named' })
  entryId?: string;
  @ApiPropertyOptional({ example: 'astrology', description: 'REFERENCE.UNKNOWN_THEME: the theme id' })
  theme?: string;
  @ApiPropertyOptional({ example: 'no-such-forum', description: 'REFERENCE.UNKNOWN_FORUM: the forum id' })
  forum?: string;
  @ApiPropertyOptional({ example: 'pledge-us-mx-security-cooperation-group-5-pledge-1', description: 'Conflicts: the stream written' })
  streamId?: string;
  @ApiPropertyOptional({ example: 2, description: 'PRECONDITION_FAILED: the revision sent in If-Match' })
  ifMatch?: number;
  @ApiPropertyOptional({ example: 4, description: 'PRECONDITION_FAILED: the stream\'s revision now' })
  currentRevision?: number;
  @ApiPropertyOptional({ example: '120', description: 'READ_MODELS.BEHIND: the position asked for' })
  minPosition?: string;
  @ApiPropertyOptional({ example: 42, description: 'RATE_LIMITED: seconds until the next request is accepted (also the Retry-After header)' })
  retryAfterSeconds?: number;
  @ApiPropertyOptional({ example: 6000, description: 'RATE_LIMITED: the limit that was exceeded' })
  limitPerMinute?: number;
  @ApiPropertyOptional({ example: 'ERR_JWT_EXPIRED', description: 'AUTH.INVALID_TOKEN: why the token was refused' })
  reason?: string;
}

/** The one error shape every 4xx/5xx answer uses. */
export class ApiError {
  @ApiProperty({ example: 422 })
  statusCode!: number;
  @ApiProperty({ example: 'PLEDGE.ILLEGAL_TRANSITION', description: 'Stable, machine-readable code' })
  code!: string;
  @ApiProperty({ example: 'Pledge scg-5-pledge-1 is fulfilled; it cannot become in_progress' })
  message!: string;
  @ApiPropertyOptional({ type: [ApiErrorDetail], description: 'One entry per broken rule (validation errors)' })
  details?: ApiErrorDetail[];
  @ApiPropertyOptional({ type: ApiErrorContext, description: 'Facts about the refusal, e.g. the current status and the allowed next ones' })
  context?: ApiErrorContext;
  @ApiPropertyOptional({ example: '4f1c2a9e-0c1b-4a57-9a43-2f0a9e1d7c11' })
  correlationId?: string;
}
