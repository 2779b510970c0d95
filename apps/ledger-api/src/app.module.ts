import { Module, type DynamicModule } from '@nestjs/common';
import { ConfigModule, ConfigService } from '@nestjs/config';
import { CqrsModule } from '@nestjs/cqrs';
import { LoggerModule } from 'nestjs-pino';
import { AuditModule } from './audit/audit.module';
import { AuthModule } from './auth/auth.module';
import { ClerkModule } from './clerk/clerk.module';
import { validateEnvironment, type Environment } from './config/environment';
import { HealthModule } from './health/health.module';
import { EventStoreModule } from './infrastructure/event-store.module';
import { ReadSideModule } from './read-side/read-side.module';
import { ReportingDeskModule } from './reporting-desk/reporting-desk.module';
import { SeedingModule } from './seeding/seeding.module';
import { pinoHttpOptions } from './http/logging';

/** The service's capabilities; infrastructure (config, logs) is added by AppModule.forRoot. */
const features = [CqrsModule.forRoot(), EventStoreModule, AuthModule, ClerkModule, HealthModule, ReadSideModule, SeedingModule, AuditModule, ReportingDeskModule];

@Module({})
export class AppModule {
  /** Reads the environment when called (not when this file is loaded), so each test app gets its own. */
  static forRoot(): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot({ isGlobal: true, validate: validateEnvironment, cache: true, ignoreEnvFile: true }),
        LoggerModule.forRootAsync({
          inject: [ConfigService],
          useFactory: (config: ConfigService<Environment, true>) => ({
            pinoHttp: pinoHttpOptions({ LOG_LEVEL: config.get('LOG_LEVEL'), LOG_FORMAT: config.get('LOG_FORMAT', { infer: true }) }),
          }),
        }),
        ...features,
      ],
    };
  }
}
