import { HttpException, HttpStatus, Injectable, type ExecutionContext } from '@nestjs/common';
import { ThrottlerGuard, type ThrottlerLimitDetail } from '@nestjs/throttler';
import { createHash } from 'node:crypto';
import type { Request } from 'express';
import type { AuthenticatedRequest } from './authentication.guard';

/** The limit is per principal when a token was accepted, else per client IP; one budget across all routes. */
@Injectable()
export class RateLimitGuard extends ThrottlerGuard {
  protected override async getTracker(req: Record<string, unknown>): Promise<string> {
    const principal = (req as unknown as AuthenticatedRequest).principal;
    return principal ? `principal:${principal.id}` : `ip:${(req as unknown as Request).ip ?? 'unknown'}`;
  }

  protected override generateKey(_context: ExecutionContext, tracker: string, throttler: string): string {
    return createHash('sha256').update(`${throttler}-${tracker}`).digest('hex');
  }

  protected override async throwThrottlingException(_context: ExecutionContext, detail: ThrottlerLimitDetail): Promise<void> {
    const who = detail.tracker.startsWith('principal:') ? detail.tracker.slice('principal:'.length) : 'this address';
    throw new HttpException(
      {
        code: 'RATE_LIMITED',
        message: `More than ${detail.limit} requests a minute from ${who}; retry after ${detail.timeToBlockExpire} s`,
        context: { retryAfterSeconds: detail.timeToBlockExpire, limitPerMinute: detail.limit },
      },
      HttpStatus.TOO_MANY_REQUESTS,
    );
  }
}
