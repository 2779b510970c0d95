import { Module } from '@nestjs/common';
import { ExportsController } from './exports/exports.controller';
import { LedgerEntriesFeedController } from './feeds/ledger-entries.controller';
import { StatusChangesFeedController } from './feeds/status-changes.controller';
import { DeskPageController } from './page/desk-page.controller';
import { PopoloController } from './popolo/popolo.controller';
import { ReadSideModule } from '../read-side/read-side.module';
import { DeskReadAccess } from './read-access';

/** The reporting desk: the time-travel page at `/`, CSV/JSON and Popolo exports, and the SSE and Atom feeds. */
@Module({
  imports: [ReadSideModule],
  controllers: [DeskPageController, ExportsController, PopoloController, LedgerEntriesFeedController, StatusChangesFeedController],
  providers: [DeskReadAccess],
})
export class ReportingDeskModule {}
