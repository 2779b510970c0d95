import { ArgumentsHost, Catch, HttpException, HttpStatus, Logger, type ExceptionFilter } from '@nestjs/common';
import type { Request, Response } from 'express';
import { EventTooLargeError, StreamNotFoundError, WrongExpectedRevisionError } from '@concordat/event-store';
import { DomainError } from '@concordat/domain';
import { bodyParserError } from './json-body';

/** Every error leaves in the ApiError shape; unexpected ones are logged and answered as 500 without internals. */
@Catch()
export class ApiExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('ApiExceptionFilter');

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const response = http.getResponse<Response>();
    const request = http.getRequest<Request & { correlationId?: string }>();
    const correlationId = request.correlationId;
    const { status, body } = this.toApiError(exception instanceof HttpException ? exception : (bodyParserError(exception) ?? exception));
    if (status >= 500) this.logger.error({ err: exception, correlationId }, 'Unhandled error');
    if (response.headersSent) {
      response.destroy();
      return;
    }
    response.status(status).json({ statusCode: status, ...body, correlationId });
  }

  private toApiError(exception: unknown): { status: number; body: Record<string, unknown> } {
    if (exception instanceof DomainError) {
      return { status: exception.httpStatusHint, body: { code: exception.code, message: exception.message, context: exception.details } };
    }
    if (exception instanceof WrongExpectedRevisionError) {
      return {
        status: HttpStatus.CONFLICT,
        body: {
          code: 'CONCURRENCY.CONFLICT',
          message: `${exception.streamId} was changed by someone else meanwhile (expected revision ${String(exception.expected)}, now ${exception.actual}); reload and retry`,
          context: { streamId: exception.streamId, expected: String(exception.expected), actual: exception.actual },
        },
      };
    }
    if (exception instanceof EventTooLargeError) return { status: HttpStatus.PAYLOAD_TOO_LARGE, body: { code: exception.code, message: exception.message, context: { maxAppendBytes: exception.maxAppendBytes } } };
    if (exception instanceof StreamNotFoundError) {
      return { status: HttpStatus.NOT_FOUND, body: { code: 'NOT_FOUND', message: exception.message } };
    }
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      const raw = exception.getResponse();
      const obj = typeof raw === 'string' ? { message: raw } : (raw as Record<string, unknown>);
      const code = typeof obj.code === 'string' ? obj.code : defaultCode(status);
      const message = Array.isArray(obj.message) ? obj.message.join('; ') : String(obj.message ?? exception.message);
      return { status, body: { code, message, details: obj.details, context: obj.context } };
    }
    return { status: HttpStatus.INTERNAL_SERVER_ERROR, body: { code: 'INTERNAL', message: 'Internal error; it was logged with the correlation id' } };
  }
}

function defaultCode(status: number): string {
  switch (status) {
    case 400: return 'REQUEST.INVALID';
    case 401: return 'AUTH.UNAUTHENTICATED';
    case 403: return 'AUTH.FORBIDDEN';
    case 404: return 'NOT_FOUND';
    case 409: return 'CONFLICT';
    case 412: return 'PRECONDITION_FAILED';
    case 413: return 'REQUEST.TOO_LARGE';
    case 415: return 'REQUEST.UNSUPPORTED_MEDIA_TYPE';
    case 422: return 'REQUEST.UNPROCESSABLE';
    case 429: return 'RATE_LIMITED';
    default: return `HTTP_${status}`;
  }
}
