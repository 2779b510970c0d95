import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';

/** Everything main.ts and the e2e tests must set up identically on the app. */
export function configureApp(app: INestApplication): void {
  app.enableShutdownHooks();
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
