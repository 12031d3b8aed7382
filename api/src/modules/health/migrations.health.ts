import { Injectable } from '@nestjs/common';
import { HealthIndicatorService } from '@nestjs/terminus';
import type { HealthIndicatorResult } from '@nestjs/terminus';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, MigrationExecutor } from 'typeorm';

/**
 * Up when every migration this build knows has run on the database. TypeORM's executor reads the
 * migrations table without writing to it (showMigrations would create the table), so a probe
 * never changes the schema.
 */
@Injectable()
export class MigrationsHealthIndicator {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly indicators: HealthIndicatorService,
  ) {}

  async isCurrent(key: string): Promise<HealthIndicatorResult> {
    const indicator = this.indicators.check(key);
    try {
      const pending = await new MigrationExecutor(this.db).getPendingMigrations();
      if (pending.length === 0) return indicator.up({ known: this.db.migrations.length });
      return indicator.down({ pending: pending.map((migration) => migration.name) });
    } catch (error) {
      return indicator.down({ message: error instanceof Error ? error.message : String(error) });
    }
  }
}
