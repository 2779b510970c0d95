import { Module } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { MeetingsReadController } from './http/meetings-read.http.controller';
import { PledgesReadController } from './http/pledges-read.http.controller';
import { ProjectionsAdminController } from './http/projections-admin.http.controller';
import { ReferenceReadController } from './http/reference-read.http.controller';
import { ReportsController } from './http/reports.http.controller';
import { ProjectionLifecycle, projectionHostProvider } from './projection-host.provider';
import { ProjectionsHealthIndicator } from './projections.health';
import { ReadModelsService } from './read-models.service';

const controllers = [ReportsController, PledgesReadController, MeetingsReadController, ReferenceReadController, ProjectionsAdminController];
const projection = [projectionHostProvider, ProjectionLifecycle, ProjectionsHealthIndicator];
const queries = [ReadModelsService];

/** The read side: projections fed from the global log into DATA_DIR/read-models.sqlite, and the reporting API over them. */
@Module({
  imports: [TerminusModule],
  controllers,
  providers: [...projection, ...queries],
  exports: [ProjectionsHealthIndicator, ReadModelsService],
})
export class ReadSideModule {}
