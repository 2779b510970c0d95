import { Global, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { ConfigService } from '@nestjs/config';
import { ThrottlerGuard, ThrottlerModule } from '@nestjs/throttler';
import type { Environment } from '../config/environment';
import { ApiKeyGuard } from './api-key.guard';
import { ApiKeyRegistry } from './api-key.registry';

@Global()
@Module({
  imports: [
    ThrottlerModule.forRootAsync({
      inject: [ConfigService],
      useFactory: (config: ConfigService<Environment, true>) => ({
        throttlers: [{ ttl: 60_000, limit: config.get('RATE_LIMIT_PER_MINUTE') }],
        skipIf: (ctx) => ctx.switchToHttp().getRequest<{ url: string }>().url.startsWith('/health'),
      }),
    }),
  ],
  providers: [ApiKeyRegistry, { provide: APP_GUARD, useClass: ThrottlerGuard }, { provide: APP_GUARD, useClass: ApiKeyGuard }],
  exports: [ApiKeyRegistry],
})
export class AuthModule {}
