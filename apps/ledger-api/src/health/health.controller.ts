import { Controller, Get } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { HealthCheck, HealthCheckService } from '@nestjs/terminus';
import { Public } from '../auth/roles.decorator';
import { ProjectionsHealthIndicator } from '../read-side/projections.health';
import { EventStoreHealthIndicator } from './event-store.health';

@ApiTags('health')
@Controller('health')
@Public()
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly eventStore: EventStoreHealthIndicator,
    private readonly projections: ProjectionsHealthIndicator,
  ) {}

  @Get()
  @HealthCheck()
  @ApiOperation({ summary: 'Liveness and readiness: the event store is reachable (which adapter); each projection\'s position and lag behind the log' })
  check() {
    return this.health.check([() => this.eventStore.check(), () => this.projections.check()]);
  }
}
