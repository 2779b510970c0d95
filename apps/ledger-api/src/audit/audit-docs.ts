import { applyDecorators } from '@nestjs/common';
import { ApiBearerAuth, ApiResponse } from '@nestjs/swagger';
import { ApiError } from '../http/api-error';

const DESCRIPTIONS: Record<number, string> = {
  400: 'A query parameter breaks the documented schema or range; `details[].field` names it',
  401: 'No or unknown bearer token',
  403: 'The token lacks the auditor role',
  404: 'No such stream (or, for checkpoints, none issued yet)',
  503: 'The ledger index has not caught up with the store yet; retry',
};

/** The error answers every auditor endpoint documents (in the common ApiError shape). */
export function AuditorErrors(...statuses: number[]) {
  return applyDecorators(
    ApiBearerAuth(),
    ...[401, 403, 503, ...statuses].sort().map((status) => ApiResponse({ status, type: ApiError, description: DESCRIPTIONS[status] })),
  );
}
