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
  if (!hasBody(req)) return next();
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

/** Bounds checked on the raw bytes, so JSON.parse never builds a huge or deep value; json-shape.ts then names the field for the tighter limits. */
export const RAW_JSON_LIMITS = { depth: JSON_LIMITS.depth, itemsPerContainer: 1000, values: 50_000 };

function tooMuch(code: string, rule: string, message: string): never {
  throw new BadRequestException({ code, message, details: [{ field: 'body', rule, message }] });
}

/** Where the next `"` and `\\` after a point are, each found once (indexOf) and reused until passed. */
interface Ahead {
  quote: number;
  slash: number;
}

/** The index of the quote that closes a string opened before `from` (raw.length if none): a skip, not a byte loop. */
function closingQuote(raw: Buffer, from: number, ahead: Ahead): number {
  for (let i = from; i < raw.length; ) {
    if (ahead.quote < i) {
      const at = raw.indexOf(0x22, i);
      ahead.quote = at === -1 ? raw.length : at;
    }
    if (ahead.slash < i) {
      const at = raw.indexOf(0x5c, i);
      ahead.slash = at === -1 ? Infinity : at;
    }
    if (ahead.slash >= ahead.quote) return ahead.quote;
    // Escapes before that quote: byte by byte up to it (a backslash escapes the byte after it).
    for (i = ahead.slash; i < ahead.quote; i++) if (raw[i] === 0x5c) i++;
    if (i === ahead.quote) return i; // else the quote was escaped: look further
  }
  return raw.length;
}

/**
 * One pass over the bytes before JSON.parse: nesting depth, members per object or array, and
 * values in all, outside strings (skipped with indexOf, so a 2 MB string costs one native scan).
 * Cheap (no allocation) and bounded by the body limit.
 */
export function scanJson(raw: Buffer, limits = RAW_JSON_LIMITS): void {
  const counts: number[] = [];
  const ahead: Ahead = { quote: -1, slash: -1 };
  let values = 0;
  for (let i = 0; i < raw.length; i++) {
    const c = raw[i];
    if (c === 0x22) i = closingQuote(raw, i + 1, ahead);
    else if (c === 0x7b || c === 0x5b) {
      if (counts.length >= limits.depth) tooMuch('REQUEST.TOO_DEEP', 'maxDepth', `JSON may nest at most ${limits.depth} levels`);
      counts.push(1);
      values++;
    } else if (c === 0x7d || c === 0x5d) counts.pop();
    else if (c === 0x2c && counts.length > 0) {
      if (++counts[counts.length - 1] > limits.itemsPerContainer) {
        tooMuch('REQUEST.TOO_COMPLEX', 'maxItems', `an object or list at byte ${i} has more than ${limits.itemsPerContainer} members`);
      }
      if (++values > limits.values) tooMuch('REQUEST.TOO_COMPLEX', 'maxValues', `the body holds more than ${limits.values} values`);
    }
  }
}

/** The JSON parser: size-limited, strict (objects and arrays only), depth-bounded, then shape-checked. */
export function jsonBodyParser(): RequestHandler[] {
  const parse = express.json({
    limit: JSON_BODY_LIMIT_BYTES,
    inflate: false,
    strict: true,
    type: () => true,
    verify: (_req, _res, raw) => scanJson(raw),
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
  // Named so that Nest does not add its own JSON parser after this one.
  const jsonParser: RequestHandler = (req, res, next) => {
    if (!hasBody(req)) return next();
    parse(req, res, (error?: unknown) => next(error === undefined || error instanceof HttpException ? error : (bodyParserError(error) ?? error)));
  };
  // Takes the place (by name) of the form parser Nest would add: JSON is the only body accepted.
  const urlencodedParser: RequestHandler = (_req, _res, next) => next();
  return [jsonParser, urlencodedParser, shape];
}

/** body-parser's own errors (http-errors with a `type`) in the common shape; anything else passes through. */
export function bodyParserError(error: unknown): HttpException | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const { type, status, expose } = error as { type?: unknown; status?: unknown; expose?: unknown };
  if (typeof status !== 'number') return undefined;
  if (typeof type !== 'string') {
    // Other http-errors from a stream or parser (e.g. a broken deflate stream): their status, our shape.
    return status >= 400 && status < 500 && expose === true ? new HttpException({ code: 'REQUEST.INVALID', message: 'The body could not be read' }, status) : undefined;
  }
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

