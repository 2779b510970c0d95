import { Module } from '@nestjs/common';
import { ConfigModule, ConfigService } from '@nestjs/config';
import { CqrsModule } from '@nestjs/cqrs';
import { LoggerModule } from 'nestjs-pino';
import { validateEnvironment, type Environment } from './config/environment';
import { AuthModule } from './auth/auth.module';
import { HealthModule } from './health/health.module';
import { EventStoreModule } from './infrastructure/event-store.module';

@Module({
  imports: [
    ConfigModule.forRoot({ isGlobal: true, validate: validateEnvironment, cache: true }),
    LoggerModule.forRootAsync({
      inject: [ConfigService],
      useFactory: (config: ConfigService<Environment, true>) => ({
        pinoHttp: { level: config.get('LOG_LEVEL'), autoLogging: { ignore: (req) => req.url === '/health' } },
      }),
    }),
    CqrsModule.forRoot(),
    EventStoreModule,
    AuthModule,
    HealthModule,
  ],
})
export class AppModule {}
