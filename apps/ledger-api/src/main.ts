import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { ConfigService } from '@nestjs/config';
import { Logger } from 'nestjs-pino';
import { AppModule } from './app.module';
import { validateEnvironment, type Environment } from './config/environment';
import { configureApp, SHUTDOWN_SIGNALS } from './http/configure-app';
import { startupLogger } from './http/logging';

async function bootstrap(): Promise<void> {
  // Checked before Nest starts, whose exception handler would print a stack trace instead.
  validateEnvironment(process.env);
  const app = await NestFactory.create(AppModule.forRoot(), { logger: startupLogger(), abortOnError: false });
  app.useLogger(app.get(Logger));
  // pino writes asynchronously: re-raising the signal (Nest's default) kills the process with the
  // last lines still queued. process.exit lets pino flush them synchronously on 'exit'. Registered
  // before configureApp, whose own enableShutdownHooks() then finds these signals taken.
  app.enableShutdownHooks([...SHUTDOWN_SIGNALS], { useProcessExit: true });
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
