import type { INestApplication } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { ApiExceptionFilter } from './api-exception.filter';
import { correlationId } from './correlation-id.middleware';
import { ledgerValidationPipe } from './validation';

/** Everything main.ts and the e2e tests must set up identically on the app. */
export function configureApp(app: INestApplication): void {
  app.enableShutdownHooks();
  // Minutes with many pledges and sources outgrow Express's 100 kB default.
  (app as NestExpressApplication).useBodyParser('json', { limit: '2mb' });
  app.use(correlationId);
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
      .addBearerAuth()
      .build(),
  );
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'docs-json' });
}
