import { HttpException, PayloadTooLargeException, UnsupportedMediaTypeException, BadRequestException } from '@nestjs/common';
import express, { type NextFunction, type Request, type RequestHandler, type Response } from 'express';
import { checkJsonShape, JSON_LIMITS } from './json-shape';

/** The largest JSON body any route accepts (minutes with 200 pledges and their sources fit well inside). */
export const JSON_BODY_LIMIT_BYTES = 2 * 1024 * 1024;

const JSON_TYPE = /^application\/json\s*(;\s*charset\s*=\s*"?utf-8"?\s*)?$/i;

function hasBody(req: Request): boolean {
  const length = req.headers['content-length'];
  return req.headers['transfer-encoding'] !== undefined || (length !== undefined && length !== '0');
}

/**
 * Every route with a body takes JSON in UTF-8, uncompressed: anything else is a 415 before any
 * parser reads a byte (so form bodies, other charsets and zip bombs never reach one).
 */
export function requireJsonBody(req: Request, _res: Response, next: NextFunction): void {
  if (!hasBody(req)) return next();
  const encoding = (req.headers['content-encoding'] ?? 'identity').trim().toLowerCase();
  if (encoding !== 'identity') {
    return next(
      new UnsupportedMediaTypeException({
        code: 'REQUEST.UNSUPPORTED_ENCODING',
        message: `Content-Encoding ${encoding} is not accepted: send the JSON body uncompressed`,
        details: [{ field: 'header.Content-Encoding', rule: 'isIdentity', message: 'Content-Encoding must be absent (identity)' }],
      }),
    );
  }
  const type = req.headers['content-type'] ?? '';
  if (!JSON_TYPE.test(type)) {
    return next(
      new UnsupportedMediaTypeException({
        code: 'REQUEST.UNSUPPORTED_MEDIA_TYPE',
        message: `Content-Type ${type || '(none)'} is not accepted: send application/json in UTF-8`,
        details: [{ field: 'header.Content-Type', rule: 'isJson', message: 'Content-Type must be application/json (charset utf-8 if given)' }],
      }),
    );
  }
  next();
}

/**
 * Nesting is counted on the raw bytes before JSON.parse, so no parser or transformer ever
 * recurses deeper than JSON_LIMITS.depth.
 */
export function assertJsonDepth(raw: Buffer, maxDepth: number): void {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < raw.length; i++) {
    const c = raw[i];
    if (inString) {
      if (c === 0x5c) i++; // backslash: skip the escaped byte
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x7b || c === 0x5b) {
      if (++depth > maxDepth) {
        throw new BadRequestException({
          code: 'REQUEST.TOO_DEEP',
          message: `The JSON body nests deeper than ${maxDepth} levels`,
          details: [{ field: 'body', rule: 'maxDepth', message: `JSON may nest at most ${maxDepth} levels` }],
        });
      }
    } else if (c === 0x7d || c === 0x5d) depth--;
  }
}

/** The JSON parser: size-limited, strict (objects and arrays only), depth-bounded, then shape-checked. */
export function jsonBodyParser(): RequestHandler[] {
  const parse = express.json({
    limit: JSON_BODY_LIMIT_BYTES,
    inflate: false,
    strict: true,
    type: () => true,
    verify: (_req, _res, raw) => assertJsonDepth(raw, JSON_LIMITS.depth),
  });
  const shape: RequestHandler = (req, _res, next) => {
    if (req.body !== undefined && req.body !== null && typeof req.body === 'object') {
      try {
        checkJsonShape(req.body);
      } catch (error) {
        return next(error);
      }
    }
    next();
  };
  const gated: RequestHandler = (req, res, next) => (hasBody(req) ? parse(req, res, next) : next());
  return [gated, shape];
}

/** body-parser's own errors (http-errors with a `type`) in the common shape; anything else passes through. */
export function bodyParserError(error: unknown): HttpException | undefined {
  if (typeof error !== 'object' || error === null || !('type' in error)) return undefined;
  const { type, status } = error as { type: unknown; status?: unknown };
  if (typeof type !== 'string' || typeof status !== 'number') return undefined;
  const detail = (field: string, rule: string, message: string) => ({ field, rule, message });
  switch (type) {
    case 'entity.too.large':
      return new PayloadTooLargeException({
        code: 'REQUEST.TOO_LARGE',
        message: `The body is larger than ${JSON_BODY_LIMIT_BYTES} bytes`,
        details: [detail('body', 'maxBytes', `at most ${JSON_BODY_LIMIT_BYTES} bytes`)],
      });
    case 'entity.parse.failed':
      return new BadRequestException({
        code: 'REQUEST.MALFORMED_JSON',
        message: 'The body is not valid JSON (an object or an array)',
        details: [detail('body', 'isJson', String((error as { message?: unknown }).message ?? '').slice(0, 200))],
      });
    case 'charset.unsupported':
    case 'encoding.unsupported':
      return new UnsupportedMediaTypeException({ code: 'REQUEST.UNSUPPORTED_MEDIA_TYPE', message: 'Send application/json in UTF-8, uncompressed' });
    case 'request.aborted':
    case 'request.size.invalid':
      return new BadRequestException({ code: 'REQUEST.INCOMPLETE', message: 'The body did not arrive whole (its length differs from Content-Length)' });
    default:
      return status >= 400 && status < 500 ? new HttpException({ code: `REQUEST.INVALID`, message: 'The body could not be read' }, status) : undefined;
  }
}

