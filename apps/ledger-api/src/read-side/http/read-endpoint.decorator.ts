import { applyDecorators, type Type } from '@nestjs/common';
import { ApiHeader, ApiOkResponse, ApiOperation, ApiResponse } from '@nestjs/swagger';
import { ApiError } from '../../http/api-error';
import { ReadAccess } from '../../auth/roles.decorator';

const HEADERS = {
  ETag: {
    description:
      'Tag of this answer, known before it is computed (the question and the read models\' position); for details the stream revision, e.g. "3", usable as If-Match on writes. ' +
      'An auditor\'s or admin\'s answer (with recordedBy and correlation ids) is another representation and its tag ends in `+operators` ("3+operators"); answers vary on Authorization',
    schema: { type: 'string', example: '"3"' },
  },
  'X-Read-Model-Position': { description: 'Global log position the read models had reached', schema: { type: 'string', example: '42' } },
};

/** The documented outcomes every read shares: 200 typed, 304, 400 naming the field, 503 when minPosition is not reached in time. */
export function ReadEndpoint(summary: string, type: Type<unknown>, options: { description?: string; notFound?: string } = {}) {
  return applyDecorators(
    ReadAccess(),
    ApiOperation({ summary, description: options.description }),
    ApiHeader({ name: 'If-None-Match', required: false, description: 'An ETag from an earlier answer: 304 if the answer is unchanged' }),
    ApiOkResponse({ type, headers: HEADERS }),
    ApiResponse({ status: 304, description: 'Not modified: If-None-Match names the current ETag; no body', headers: HEADERS }),
    ApiResponse({ status: 400, type: ApiError, description: 'A query parameter is malformed (e.g. asOf not YYYY-MM-DD); details name the field' }),
    ...(options.notFound ? [ApiResponse({ status: 404, type: ApiError, description: options.notFound })] : []),
    ApiResponse({
      status: 503,
      type: ApiError,
      description: 'READ_MODELS.BEHIND: the read models did not reach minPosition within 5 s; context names the position reached, Retry-After when to ask again',
      headers: { 'Retry-After': { description: 'Seconds to wait before retrying', schema: { type: 'string', example: '1' } } },
    }),
  );
}
