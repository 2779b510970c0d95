import { Module } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { ReadSideModule } from '../read-side/read-side.module';
import { AttentionModule } from './attention.module';
import { EventStoreHealthIndicator } from './event-store.health';
import { HealthController } from './health.controller';

@Module({
  imports: [TerminusModule, ReadSideModule, AttentionModule],
  controllers: [HealthController],
  providers: [EventStoreHealthIndicator],
})
export class HealthModule {}
