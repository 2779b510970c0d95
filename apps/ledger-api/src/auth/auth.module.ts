import { Global, Module } from '@nestjs/common';
import { APP_GUARD, APP_INTERCEPTOR } from '@nestjs/core';
import { ConfigService } from '@nestjs/config';
import { ThrottlerModule } from '@nestjs/throttler';
import type { Environment } from '../config/environment';
import { AccessGuard } from './access.guard';
import { ApiKeyRegistry } from './api-key.registry';
import { AuthenticationGuard, type AuthenticatedRequest } from './authentication.guard';
import { OidcVerifier } from './oidc.verifier';
import { OperatorIdentitiesInterceptor } from './operator-identities.interceptor';
import { RateLimitGuard } from './rate-limit.guard';

/** Guards run in this order: who is calling, how often they called, whether they may. */
@Global()
@Module({
  imports: [
    ThrottlerModule.forRootAsync({
      inject: [ConfigService],
      useFactory: (config: ConfigService<Environment, true>) => ({
        throttlers: [
          {
            ttl: 60_000,
            limit: (ctx) =>
              ctx.switchToHttp().getRequest<AuthenticatedRequest>().principal
                ? config.get('RATE_LIMIT_PER_MINUTE', { infer: true })
                : config.get('RATE_LIMIT_ANONYMOUS_PER_MINUTE', { infer: true }),
          },
        ],
        skipIf: (ctx) => ctx.switchToHttp().getRequest<{ url: string }>().url.startsWith('/health'),
      }),
    }),
  ],
  providers: [
    ApiKeyRegistry,
    OidcVerifier,
    { provide: APP_GUARD, useClass: AuthenticationGuard },
    { provide: APP_GUARD, useClass: RateLimitGuard },
    { provide: APP_GUARD, useClass: AccessGuard },
    { provide: APP_INTERCEPTOR, useClass: OperatorIdentitiesInterceptor },
  ],
  exports: [ApiKeyRegistry],
})
export class AuthModule {}
