import { Controller, Get, Res, ServiceUnavailableException } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import { HealthCheckService, TypeOrmHealthIndicator } from '@nestjs/terminus';
import type { HealthCheckResult } from '@nestjs/terminus';
import type { FastifyReply } from 'fastify';
import { MigrationsHealthIndicator } from './migrations.health';

@ApiTags('health')
@Controller()
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly database: TypeOrmHealthIndicator,
    private readonly migrations: MigrationsHealthIndicator,
  ) {}

  /** Liveness: 200 while the process serves HTTP. It asks nothing of the database, so a database outage does not get the process restarted. */
  @Get('health')
  @ApiOperation({ summary: 'Liveness: 200 while the API process answers' })
  @ApiOkResponse({ description: 'The process is up' })
  live(): Promise<HealthCheckResult> {
    return this.health.check([]);
  }

  /**
   * Readiness: the database answers and its schema is current. A 503 carries terminus' own body
   * (status, info, error, details) so that probes and operators see which check failed.
   */
  @Get('ready')
  @ApiOperation({ summary: 'Readiness: 200 when the database answers and no migration is pending, else 503' })
  @ApiOkResponse({ description: 'Ready to serve' })
  @ApiServiceUnavailableResponse({ description: 'The database is unreachable or a migration is pending' })
  async ready(@Res({ passthrough: true }) reply: FastifyReply): Promise<HealthCheckResult> {
    try {
      return await this.health.check([
        () => this.database.pingCheck('database', { timeout: 2000 }),
        () => this.migrations.isCurrent('migrations'),
      ]);
    } catch (error) {
      if (!(error instanceof ServiceUnavailableException)) throw error;
      void reply.status(503).header('cache-control', 'no-store');
      return error.getResponse() as HealthCheckResult;
    }
  }
}
