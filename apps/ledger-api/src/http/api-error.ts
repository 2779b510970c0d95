import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export class ApiErrorDetail {
  @ApiProperty({ example: 'pledges.0.money.0.currency', description: 'Path of the offending field in the request body, query or header' })
  field!: string;
  @ApiProperty({ example: 'isCurrencyCode', description: 'The rule that was broken' })
  rule!: string;
  @ApiProperty({ example: 'currency must be an ISO 4217 code such as USD' })
  message!: string;
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
  @ApiPropertyOptional({
    description: 'Facts about the refusal, e.g. the current status and the allowed next ones',
    example: { currentStatus: 'fulfilled', allowedNext: ['partially_fulfilled', 'superseded'] },
    type: 'object',
    additionalProperties: true,
  })
  context?: Record<string, unknown>;
  @ApiPropertyOptional({ example: '4f1c2a9e-0c1b-4a57-9a43-2f0a9e1d7c11' })
  correlationId?: string;
}
