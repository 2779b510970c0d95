import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { ConfigService } from '@nestjs/config';
import { Logger } from 'nestjs-pino';
import { AppModule } from './app.module';
import type { Environment } from './config/environment';
import { configureApp } from './http/configure-app';
import { startupLogger } from './http/logging';

async function bootstrap(): Promise<void> {
  const app = await NestFactory.create(AppModule.forRoot(), { logger: startupLogger(), abortOnError: false });
  app.useLogger(app.get(Logger));
  configureApp(app);
  const config = app.get(ConfigService<Environment, true>);
  await app.listen(config.get('PORT'), config.get('HOST'));
  app.get(Logger).log(`Concordat ledger listening on http://${config.get('HOST')}:${config.get('PORT')} (docs at /docs)`);
}

bootstrap().catch((error: unknown) => {
  // Configuration errors land here before the logger exists: say it plainly and stop.
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
