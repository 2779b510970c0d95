import { createHash } from 'node:crypto';
import type { Request, Response } from 'express';
import { etagForAudience } from '../../auth/audience';
import type { AuthenticatedRequest } from '../../auth/authentication.guard';

/** A strong ETag of the JSON body: equal answers, equal tags, whatever the query that produced them. */
export function bodyEtag(body: unknown): string {
  return `"${createHash('sha256').update(JSON.stringify(body)).digest('base64url').slice(0, 32)}"`;
}

/** An entity's stream revision as the write side reads it back from If-Match: `"3"`. */
export function revisionEtag(revision: number): string {
  return `"${revision}"`;
}

/** If-None-Match matches when it lists the tag (weak comparison, as RFC 9110 asks for GET) or is `*`. */
export function matchesIfNoneMatch(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  if (header.trim() === '*') return true;
  const opaque = etag.replace(/^W\//, '');
  return header.split(',').some((tag) => tag.trim().replace(/^W\//, '') === opaque);
}

/**
 * Sets the answer's ETag, for the caller's audience (see auth/audience.ts), and answers whether
 * If-None-Match names it; then the status is 304 and the caller sends no body. The tag is known
 * before the answer is computed, so a 304 costs no more than the tag.
 */
export function notModified(req: Request, res: Response, etag: string): boolean {
  const tag = etagForAudience((req as AuthenticatedRequest).principal, etag);
  res.setHeader('ETag', tag);
  res.setHeader('Cache-Control', 'no-cache');
  if (!matchesIfNoneMatch(req.header('if-none-match'), tag)) return false;
  res.status(304);
  return true;
}

/**
 * Sends `body` with its ETag, or 304 with no body when the client already has it. Used with
 * `@Res({ passthrough: true })`: returning undefined leaves the 304 empty.
 */
export function sendCacheable<T>(req: Request, res: Response, body: T, etag: string = bodyEtag(body)): T | undefined {
  return notModified(req, res, etag) ? undefined : body;
}
