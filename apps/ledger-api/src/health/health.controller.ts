import { Controller, Get } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { HealthCheck, HealthCheckService } from '@nestjs/terminus';
import { Public } from '../auth/roles.decorator';
import { ProjectionsHealthIndicator } from '../read-side/projections.health';
import { AttentionRegistry } from './attention.registry';
import { EventStoreHealthIndicator } from './event-store.health';

@ApiTags('health')
@Controller('health')
@Public()
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly eventStore: EventStoreHealthIndicator,
    private readonly projections: ProjectionsHealthIndicator,
    private readonly attention: AttentionRegistry,
  ) {}

  @Get()
  @HealthCheck()
  @ApiOperation({
    summary: "Liveness and readiness: the event store is reachable (which adapter); each projection's position and lag behind the log",
    description: '`attention` lists the records the service could not complete or trust by itself (stream, position, cause): they need a clerk, while everything else is served.',
  })
  async check() {
    const result = await this.health.check([() => this.eventStore.check(), () => this.projections.check()]);
    return { ...result, attention: this.attention.list() };
  }
}
