import type { INestApplication } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import compression from 'compression';
import type { Server } from 'node:http';
import helmet from 'helmet';
import type { Environment } from '../config/environment';
import { ApiExceptionFilter } from './api-exception.filter';
import { correlationId } from './correlation-id.middleware';
import { jsonBodyParser, requireJsonBody } from './json-body';
import { documentAccess, typeNullableReferences } from './openapi-access';
import { ledgerValidationPipe } from './validation';

/** Header, whole-request and idle timeouts and a connection cap, so slow or many clients cannot hold the server. */
function limitConnections(server: Server, env: Environment): void {
  server.headersTimeout = env.HTTP_HEADERS_TIMEOUT_MS;
  server.requestTimeout = env.HTTP_REQUEST_TIMEOUT_MS;
  server.keepAliveTimeout = env.HTTP_KEEP_ALIVE_TIMEOUT_MS;
  server.maxConnections = env.HTTP_MAX_CONNECTIONS;
}

/** Everything main.ts and the e2e tests must set up identically on the app. Order matters: correlation id first, then headers, then parsing. */
/** The signals that shut the service down; not SIGHUP, which re-reads the API key file. */
export const SHUTDOWN_SIGNALS = ['SIGTERM', 'SIGINT', 'SIGQUIT', 'SIGUSR2'] as const;

export function configureApp(app: INestApplication): void {
  const config = app.get(ConfigService<Environment, true>);
  const env = {
    READ_ACCESS: config.get('READ_ACCESS', { infer: true }),
    RATE_LIMIT_PER_MINUTE: config.get('RATE_LIMIT_PER_MINUTE', { infer: true }),
    RATE_LIMIT_ANONYMOUS_PER_MINUTE: config.get('RATE_LIMIT_ANONYMOUS_PER_MINUTE', { infer: true }),
    HTTP_HEADERS_TIMEOUT_MS: config.get('HTTP_HEADERS_TIMEOUT_MS', { infer: true }),
    HTTP_REQUEST_TIMEOUT_MS: config.get('HTTP_REQUEST_TIMEOUT_MS', { infer: true }),
    HTTP_KEEP_ALIVE_TIMEOUT_MS: config.get('HTTP_KEEP_ALIVE_TIMEOUT_MS', { infer: true }),
    HTTP_MAX_CONNECTIONS: config.get('HTTP_MAX_CONNECTIONS', { infer: true }),
  } as Environment;
  const express = app as NestExpressApplication;
  // Not SIGHUP, which Nest would otherwise treat as a shutdown: it re-reads the API key file.
  app.enableShutdownHooks([...SHUTDOWN_SIGNALS]);
  express.disable('x-powered-by');
  limitConnections(app.getHttpServer() as Server, env);
  app.use(correlationId);
  // Swagger UI needs inline scripts and styles, and must load over plain http on a local port; everything else gets helmet's defaults.
  app.use(helmet({ contentSecurityPolicy: { directives: { 'script-src': ["'self'", "'unsafe-inline'"], 'style-src': ["'self'", "'unsafe-inline'"], 'upgrade-insecure-requests': null } } }));
  const origins = config.get('CORS_ORIGINS', { infer: true }).split(',').map((o) => o.trim()).filter(Boolean);
  if (origins.length > 0) app.enableCors({ origin: origins, exposedHeaders: ['ETag', 'X-Correlation-Id', 'X-Read-Model-Position', 'Retry-After'], maxAge: 600 });
  app.use(compression({ threshold: 8 * 1024 }));
  app.use(requireJsonBody);
  for (const handler of jsonBodyParser()) app.use(handler);
  app.useGlobalPipes(ledgerValidationPipe());
  app.useGlobalFilters(new ApiExceptionFilter());
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Concordat ledger API')
      .setDescription(
        'An event-sourced ledger of intergovernmental meeting records and commitments. Every write is an immutable event; ' +
          'reads can be asked as of a date (effective time) and as known at an instant (recorded time).',
      )
      .setVersion('1')
      .setLicense('UNLICENSED', 'https://spdx.org/licenses/')
      .build(),
  );
  SwaggerModule.setup('docs', app, typeNullableReferences(documentAccess(document, env)), { jsonDocumentUrl: 'docs-json' });
}
